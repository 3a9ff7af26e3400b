// Honest types: what `zhengce compile` writes for every policy (bases, amendments and their
// version index) type-checks under the settings a careful TypeScript team turns on — the `.ts`
// target, and the `.d.ts` beside the `.js` target — with no `any`, and a strict caller can use
// the named enum types, the readonly results and the carried accumulators.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Below the repository's node_modules, so the modules resolve @zhengce/runtime as an app's would. */
const DIR = join(ROOT, "node_modules/.cache/zhengce-strict");

const STRICTEST = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noImplicitReturns: true,
};

function compile(target: string, out: string): void {
  execFileSync(process.execPath, [join(ROOT, "packages/compiler/dist/cli/main.js"), "compile", join(ROOT, "policies"), "--target", target, "--out-dir", join(DIR, out)], { stdio: "pipe" });
}

/** tsc's messages for the project in DIR (empty when it type-checks). */
function typecheck(include: string[]): string {
  writeFileSync(
    join(DIR, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { target: "es2022", module: "nodenext", moduleResolution: "nodenext", noEmit: true, ...STRICTEST }, include }),
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
const about = (dir: string) =>
  messages
    .split("\n")
    .filter((l) => l.startsWith(`${dir}/`) || l.startsWith(`node_modules/.cache/zhengce-strict/${dir}/`))
    .join("\n");

beforeAll(() => {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  writeFileSync(join(DIR, "package.json"), JSON.stringify({ type: "module" }));
  compile("ts", "ts");
  compile("js", "js");
  writeFileSync(join(DIR, "caller.ts"), CALLER);
  messages = typecheck(["ts/**/*.ts", "js/**/*.d.ts", "caller.ts"]);
});

it("tsc ran and reported only about the generated files and the caller", () => {
  expect(messages.split("\n").filter((l) => /error TS/.test(l) && !/^(node_modules\/\.cache\/zhengce-strict\/)?(ts|js|caller)/.test(l))).toEqual([]);
});

it("every policy's TypeScript type-checks under strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess, noUnused*, noImplicitReturns", () => {
  expect(files("ts", ".ts").length).toBeGreaterThanOrEqual(6);
  expect(about("ts")).toBe("");
});

it("the .d.ts beside each .js (and the version index's) type-checks under the same settings", () => {
  expect(files("js", ".d.ts").length).toBeGreaterThanOrEqual(6);
  expect(about("js")).toBe("");
});

it("no `any` in the generated bodies or declarations", () => {
  for (const f of [...files("ts", ".ts"), ...files("js", ".d.ts")]) {
    const code = readFileSync(f, "utf8").replace(/\/\/.*$|\/\*\*[\s\S]*?\*\//gm, "");
    expect(code, f).not.toMatch(/\bany\b/);
  }
});

it("a strict caller: named enum types and member arrays, readonly results, the explanation's steps, 结转 carried to the next claim", () => {
  expect(about("caller.ts")).toBe("");
});

/** Uses the API as a strict application would; each @ts-expect-error must be an error (tsc reports one that is not). */
const CALLER = [
  `import { 住院结算, 医院级别值, type 医院级别, type 住院结算结果 } from "./ts/jiangmen/base.js";`,
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
  `void [levels, paid, wrong];`,
  ``,
].join("\n");
