// Honest types: what `zhengce compile` writes for every policy (bases, amendments and their
// version index) type-checks under the settings a careful TypeScript team turns on — the `.ts`
// target, and the `.d.ts` beside the `.js` target — with no `any`, and a strict caller can use
// the named enum types, the readonly results, the carried accumulators, the declarations beside
// the JavaScript and the version index.
//
// One compile and one tsc program for the whole suite: compile.test.ts and compile/outputs.test.ts
// type-checked jiangmen's base module (and the version index) again in programs of their own; their
// typed callers are part of CALLER below.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runCli } from "../../packages/compiler/src/cli/cli.js";
import { memoryIo } from "../cli/helpers.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/**
 * Below the repository's node_modules, so the modules resolve @zhengce/runtime as an app's would;
 * a folder of its own per run, so two runs in one checkout never share it.
 */
mkdirSync(join(ROOT, "node_modules/.cache"), { recursive: true });
const DIR = mkdtempSync(join(ROOT, "node_modules/.cache/zhengce-strict-"));
/** How tsc, run from the repository, names the folder in its messages. */
const REL = relative(ROOT, DIR).split(sep).join("/");

const STRICTEST = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noImplicitReturns: true,
};

/**
 * `compile --target all` into `all/`, its files then moved apart: the `.ts` target into `ts/`, the
 * `.js` target (`.js` and `.d.ts`) into `js/`, each with the schemas — byte for byte what
 * `--target ts` and `--target js` write, in one run instead of two (each formats the same code).
 */
async function compile(): Promise<void> {
  // In this process, on the compiler's sources: the formats of the generated code are shared
  // with the other files of the run that compile the same policies (test/setup/prettier.ts).
  const io = memoryIo({ cwd: ROOT });
  const status = await runCli(["compile", join(ROOT, "policies"), "--target", "all", "--out-dir", join(DIR, "all")], io, { compilerModule: join(ROOT, "packages/compiler/src/load.ts") });
  if (status !== 0) throw new Error(`zhengce compile: ${status}\n${io.err}`);
  for (const f of readdirSync(join(DIR, "all"), { recursive: true, encoding: "utf8" })) {
    const from = join(DIR, "all", f);
    if (!statSync(from).isFile()) continue;
    const to = (target: string) => {
      mkdirSync(dirname(join(DIR, target, f)), { recursive: true });
      return join(DIR, target, f);
    };
    if (f.endsWith(".schema.json")) copyFileSync(from, to("ts"));
    renameSync(from, f.endsWith(".ts") && !f.endsWith(".d.ts") ? to("ts") : to("js"));
  }
}

/** tsc's messages for the project in DIR (empty when it type-checks). */
function typecheck(include: string[]): string {
  writeFileSync(
    join(DIR, "tsconfig.json"),
    // No ambient types (the repository's @types/node, 52 000 lines, was most of the check): the
    // generated modules must not lean on Node's globals.
    JSON.stringify({ compilerOptions: { target: "es2022", module: "nodenext", moduleResolution: "nodenext", noEmit: true, types: [], ...STRICTEST }, include }),
  );
  try {
    execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", DIR], { encoding: "utf8", stdio: "pipe" });
    return "";
  } catch (e) {
    return String((e as { stdout?: string }).stdout);
  }
}

const files = (dir: string, ext: string): string[] =>
  readdirSync(join(DIR, dir), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(ext)).map((f) => join(DIR, dir, f));

/** Everything is checked in one tsc run (it takes a minute on a busy machine); each test reads its files' messages. */
let messages = "";
/** tsc's messages about the files whose path in DIR starts with `path` ("ts/", "js/", "caller.ts"). */
const about = (path: string) =>
  messages
    .split("\n")
    .filter((l) => l.startsWith(path) || l.startsWith(`${REL}/${path}`))
    .join("\n");

afterAll(() => rmSync(DIR, { recursive: true, force: true }));

beforeAll(async () => {
  writeFileSync(join(DIR, "package.json"), JSON.stringify({ type: "module" }));
  await compile();
  writeFileSync(join(DIR, "caller.ts"), CALLER);
  messages = typecheck(["ts/**/*.ts", "js/**/*.d.ts", "caller.ts"]);
});

it("tsc ran and reported only about the generated files and the caller", () => {
  expect(messages.split("\n").filter((l) => /error TS/.test(l) && !["ts/", "js/", "caller.ts"].some((p) => l.startsWith(p) || l.startsWith(`${REL}/${p}`)))).toEqual([]);
});

it("every policy's TypeScript type-checks under strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess, noUnused*, noImplicitReturns", () => {
  expect(files("ts", ".ts").length).toBeGreaterThanOrEqual(6);
  expect(about("ts/")).toBe("");
});

it("the .d.ts beside each .js (and the version index's) type-checks under the same settings", () => {
  expect(files("js", ".d.ts").length).toBeGreaterThanOrEqual(6);
  expect(about("js/")).toBe("");
});

it("no `any` in the generated bodies or declarations", () => {
  for (const f of [...files("ts", ".ts"), ...files("js", ".d.ts")]) {
    const code = readFileSync(f, "utf8").replace(/\/\/.*$|\/\*\*[\s\S]*?\*\//gm, "");
    expect(code, f).not.toMatch(/\bany\b/);
  }
});

it("a strict caller: named enum types and member arrays, readonly results, the explanation's steps, 结转 carried to the next claim, sequences, the .d.ts beside the .js, the version index", () => {
  expect(about("caller.ts")).toBe("");
});

/** Uses the API as a strict application would; each @ts-expect-error must be an error (tsc reports one that is not). */
const CALLER = [
  `import { 住院结算, 住院结算序列, 医院级别值, type 医院级别, type 住院结算输入, type 住院结算结果 } from "./ts/jiangmen/base.js";`,
  `import { 住院结算 as 住院结算声明, type 住院结算输入 as 住院结算声明输入 } from "./js/jiangmen/base.js";`,
  `import { 特定病种门诊, type 特定病种门诊结果 } from "./ts/jiangmen/base.versions.js";`,
  `import type { TraceStep } from "@zhengce/runtime";`,
  `const levels: readonly 医院级别[] = 医院级别值;`,
  `const level: 医院级别 = "二级";`,
  `const r: 住院结算结果 = 住院结算({ 参保身份: "城乡居民", 医院级别: level, 政策范围内费用: "12000", 连续缴费月数: 30 }, { 计算过程: true });`,
  `const steps: readonly TraceStep[] = r.计算过程;`,
  `const next = 住院结算({ 参保身份: "城乡居民", 医院级别: "三级", 政策范围内费用: 3000, 连续缴费月数: 30, ...r.结转 });`,
  `const paid: string = next.结转.年度累计.统筹支付;`,
  `// @ts-expect-error results are readonly`,
  `r.统筹支付 = "0.00";`,
  `// @ts-expect-error the steps are readonly`,
  `r.计算过程.push(steps[0]!);`,
  `// @ts-expect-error 四级 is not a 医院级别`,
  `const wrong: 医院级别 = "四级";`,
  `// @ts-expect-error the options object is closed`,
  `住院结算({ 参保身份: "城乡居民", 医院级别: "二级", 政策范围内费用: 1, 连续缴费月数: 1 }, { 解释: true });`,
  `// A sequence, and an input the calculator does not take.`,
  `const retired: 住院结算输入 = { 参保身份: "职工退休", 医院级别: "三级", 政策范围内费用: 80000, 连续缴费月数: 36, 特殊人群: ["低保"] };`,
  `const owed: string = 住院结算(retired).个人负担 + 住院结算序列([retired, retired])[1]!.大病支付;`,
  `// @ts-expect-error no such input`,
  `住院结算({ ...retired, 费用: 1 });`,
  `// The .js target through the .d.ts beside it.`,
  `const fromJs: string = 住院结算声明({ 参保身份: "城乡居民", 医院级别: "二级", 政策范围内费用: 1, 连续缴费月数: 3 } satisfies 住院结算声明输入).统筹支付;`,
  `// The version index of the base and its 2018 amendment.`,
  `const versioned: 特定病种门诊结果 = 特定病种门诊({ 日期: "2018-06-01", 参保身份: "城乡居民", 病种: ["血友病"], 医院级别: "三级", 当月范围内费用: "6000" });`,
  `// @ts-expect-error 医院级别 is required by both versions`,
  `特定病种门诊({ 参保身份: "城乡居民", 病种: ["血友病"], 当月范围内费用: "6000" });`,
  `void [levels, paid, wrong, owed, fromJs, versioned.统筹支付];`,
  ``,
].join("\n");
