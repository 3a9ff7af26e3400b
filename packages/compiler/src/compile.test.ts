// Compiler: golden TypeScript for a small fixture policy, the generated code type-checks,
// the emitted JS, the emitted TS and the in-memory calculator agree, and 江门 住院结算
// gives the values worked out by hand from the text of 江府办〔2017〕20号.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyze } from "@zhengce/dsl";
import { compileAnalysis, emitPolicy, findCalculator, loadPolicy, type CompiledCalculator, type Target } from "./index.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = join(HERE, "../../..");
const FIXTURE = join(HERE, "__golden__/small.policy");
const GOLDEN = join(HERE, "__golden__/small.ts");
const BASE = join(REPO, "policies/jiangmen/base.policy");
const RUNTIME_SRC = join(REPO, "packages/runtime/src/index.ts");

/** The header names the source as the caller spelled it; pin it to the repository path. */
function pinHeader(code: string, repoPath: string): string {
  return code.replace(/^(\/\/ 由 zhengce 从 ).*?( 生成)/, `$1${repoPath}$2`);
}

/** Each policy analysed, compiled and formatted once for every target the tests read (each target's file is independent of the others). */
const emissions = new Map<string, ReturnType<typeof emitPolicy>>();
async function emittedFiles(path: string): Promise<{ name: string; content: string }[]> {
  let out = emissions.get(path);
  if (!out) emissions.set(path, (out = emitPolicy(path, ["ts", "js", "dts"])));
  const { diagnostics, files } = await out;
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return files;
}
const EXTENSION: Partial<Record<Target, string>> = { ts: ".ts", js: ".js", dts: ".d.ts" };
async function emitted(path: string, target: "ts" | "js" | "dts"): Promise<string> {
  const name = `${path.replace(/\.policy$/, "").split(/[\\/]/).pop()}${EXTENSION[target]}`;
  const file = (await emittedFiles(path)).find((f) => f.name === name);
  expect(file, name).toBeDefined();
  return file!.content;
}

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "zhengce-compile-test-"));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** Type-check files on disk with strict settings, @zhengce/runtime mapped to its sources. */
function typecheck(roots: string[]): string[] {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
    types: [],
    paths: { "@zhengce/runtime": [RUNTIME_SRC] },
  };
  const program = ts.createProgram(roots, options);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    return `${d.file?.fileName ?? "?"}${at ? `:${at.line + 1}:${at.character + 1}` : ""} TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
}

/** Import an emitted ES module (its `@zhengce/runtime` import resolves through the test aliases). */
async function importModule(dir: string, name: string, code: string): Promise<{ calculators: Record<string, CompiledCalculator> }> {
  const file = join(dir, name);
  writeFileSync(file, code);
  return import(/* @vite-ignore */ pathToFileURL(file).href);
}

// ─────────────────────────── golden ───────────────────────────

describe("golden TypeScript for the fixture policy", () => {
  it("matches __golden__/small.ts (UPDATE_GOLDEN=1 rewrites it)", async () => {
    const code = pinHeader(await emitted(FIXTURE, "ts"), "packages/compiler/src/__golden__/small.policy");
    if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, code);
    expect(code, "generated code changed: review the diff, then UPDATE_GOLDEN=1 npx vitest run packages/compiler/src/compile.test.ts").toBe(
      readFileSync(GOLDEN, "utf8"),
    );
  });

  it("the fixture policy is clean and its own worked examples pass", async () => {
    const policy = await loadPolicy(FIXTURE);
    expect(policy.diagnostics).toEqual([]);
    const outcomes = policy.runExamples();
    expect(outcomes.map((o) => [o.title, o.passed, o.error, o.failures])).toEqual([
      ["一级医院一千元", true, undefined, []],
      ["退休人员同一年两次就诊", true, undefined, []],
      ["低保不设起付线、不封顶", true, undefined, []],
    ]);
  });
});

// ─────────────────────────── type checking ───────────────────────────

describe("the generated TypeScript type-checks", () => {
  // One program for both tests: the fixture's module with a typed caller, and beside it a copy
  // with a type error. The seed policies' modules (base.policy's among them), their .d.ts with a
  // caller and the version index are type-checked by test/adopt/strict-types.test.ts.
  let clean: string;
  let broken: string;
  let errors: string[];
  beforeAll(async () => {
    const dir = tempDir();
    clean = join(dir, "clean");
    broken = join(dir, "broken");
    mkdirSync(clean);
    mkdirSync(broken);
    writeFileSync(join(clean, "small.ts"), await emitted(FIXTURE, "ts"));
    writeFileSync(
      join(clean, "caller.ts"),
      [
        `import { 门诊结算, 门诊结算序列, calculators, type 门诊结算输入, type 门诊结算结果 } from "./small.js";`,
        `const a: 门诊结算输入 = { 日期: "2018-03-01", 医院级别: "一级", 费用: 1000 };`,
        `const r: 门诊结算结果 = 门诊结算(a);`,
        `const paid: string = r.统筹支付;`,
        `const list: readonly 门诊结算结果[] = 门诊结算序列([a, { ...a, 人群: ["退休"], 费用: "12.50" }], { 计算过程: false });`,
        `void [paid, list, calculators.门诊结算.run];`,
        `// @ts-expect-error 三级 is not a member of 医院级别`,
        `门诊结算({ 医院级别: "三级", 费用: 1 });`,
        `// @ts-expect-error 费用 is required`,
        `门诊结算({ 医院级别: "一级" });`,
        `// @ts-expect-error outputs are strings`,
        `const n: number = r.统筹支付;`,
        `void n;`,
        ``,
      ].join("\n"),
    );
    const code = (await emitted(FIXTURE, "ts")).replace("let 补助 = tier(定额补助_分段, input[\"年龄\"])!;", "let 补助: string = tier(定额补助_分段, input[\"年龄\"])!;");
    expect(code).toContain("let 补助: string");
    writeFileSync(join(broken, "small.ts"), code);
    errors = typecheck([join(clean, "small.ts"), join(clean, "caller.ts"), join(broken, "small.ts")]);
  });

  it("for the fixture, with a typed caller; wrong calls are type errors", () => {
    expect(errors.filter((e) => !e.startsWith(broken))).toEqual([]);
  });

  it("the check is not vacuous: a type error in generated code is found", () => {
    const found = errors.filter((e) => e.startsWith(broken));
    expect(found.length).toBeGreaterThan(0);
    expect(found.join("\n")).toMatch(/small\.ts:\d+:\d+ TS2322/);
  });
});

// ─────────────────────────── targets agree ───────────────────────────

describe("emitted JS, emitted TS and the in-memory calculator give identical results", () => {
  type Calc = Pick<CompiledCalculator, "run" | "runSequence">;
  const targets: Record<string, Record<string, Calc>> = {};

  beforeAll(async () => {
    const dir = tempDir();
    for (const [label, path] of [
      ["small", FIXTURE],
      ["base", BASE],
    ] as const) {
      const js = await importModule(dir, `${label}.mjs`, await emitted(path, "js"));
      const transpiled = ts.transpileModule(await emitted(path, "ts"), {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      }).outputText;
      const fromTs = await importModule(dir, `${label}.ts.mjs`, transpiled);
      const memory = await loadPolicy(path);
      const name = label === "small" ? "门诊结算" : "住院结算";
      targets[label] = { js: js.calculators[name], ts: fromTs.calculators[name], memory: findCalculator(memory, name)! };
    }
  });

  /** Outcome of one call: the result, or the error's class and message. */
  function outcome(f: () => unknown): unknown {
    try {
      return { ok: f() };
    } catch (e) {
      return { error: (e as Error).constructor.name, message: (e as Error).message };
    }
  }
  function agree(label: string, call: (c: Calc) => unknown): unknown {
    const [js, fromTs, memory] = ["js", "ts", "memory"].map((t) => outcome(() => call(targets[label][t])));
    expect(fromTs).toEqual(js);
    expect(memory).toEqual(js);
    return js;
  }

  const smallInputs = [
    { 日期: "2018-03-01", 医院级别: "一级", 费用: 1000 },
    { 日期: "2019-02-01", 医院级别: "二级", 费用: "5000.05", 年龄: 70, 人群: ["退休", "低保"] },
    { 医院級別: "二級", 費用: 3000, 年齡: 60, 人羣: ["退休"], 年度累計: { 統籌支付: 1990, 超额基数: 500 } },
  ];

  it.each(smallInputs.map((x, i) => [i, x]))("fixture, case %i, with the calculation trace", (_i, input) => {
    const r = agree("small", (c) => c.run(input, { 计算过程: true })) as { ok?: Record<string, unknown> };
    expect(r.ok?.["计算过程"]).not.toHaveLength(0);
  });

  it("fixture, a sequence across two years", () => {
    agree("small", (c) => c.runSequence([smallInputs[0], { ...smallInputs[0], 日期: "2018-06-01", 费用: 4000 }, smallInputs[1]]));
  });

  it("fixture, bad input and a refusal fail alike", () => {
    expect(agree("small", (c) => c.run({ 医院级别: "三级", 费用: 1 }))).toMatchObject({ error: "InputError" });
    expect(agree("small", (c) => c.run({ 医院级别: "一级", 费用: 1, 多余: 1 }))).toMatchObject({ error: "InputError" });
    expect(agree("small", (c) => c.run({ 医院级别: "一级", 费用: 2_000_000 }))).toMatchObject({ error: "RefusalError", message: expect.stringContaining("单次费用超过100万元，须人工审核") });
    expect(agree("small", (c) => c.run({ 日期: "2017-12-31", 医院级别: "一级", 费用: 1 }))).toMatchObject({ error: expect.stringMatching(/Error$/) });
  });

  const baseInputs = [
    { 参保身份: "职工退休", 医院级别: "三级", 政策范围内费用: 80000, 连续缴费月数: 36 },
    { 参保身份: "职工在职", 医院级别: "非定点", 政策范围内费用: "60000.10", 连续缴费月数: 13, 按规定备案: false },
    { 参保身份: "城乡居民", 医院级别: "一级及以下", 政策范围内费用: 8000, 连续缴费月数: 6, 特殊人群: ["特困供养", "低保"], 住院分娩: true },
  ];

  it.each(baseInputs.map((x, i) => [i, x]))("base.policy, case %i", (_i, input) => {
    agree("base", (c) => c.run(input));
  });

  it("base.policy, a sequence, and a bad input", () => {
    agree("base", (c) => c.runSequence(baseInputs.map((x, i) => ({ ...x, 日期: `2018-0${i + 1}-01` }))));
    expect(agree("base", (c) => c.run({ ...baseInputs[0], 连续缴费月数: -1 }))).toMatchObject({ error: "InputError" });
  });
});

// ─────────────────────────── 住院结算 by hand ───────────────────────────
//
// Every expected value below is worked out from the text of 江府办〔2017〕20号 二、（四）,
// not from the program: 起付标准 500/600/900/1500 (职工退休 −100元, 特困供养 and 家庭病床 0);
// 统筹 85/80/55/40% (职工退休 +5 points, 特困供养 at 一级 +10 points) of 费用 − 起付, capped
// at 20万元 × 缴费系数 a year; 缴费系数 50% to 12 months (含), 70% to 24 (含), then 100%;
// 二档 (职工 only) marginal on the year's 自付: 50% to 5000元 (含), 85% to 20万元 (含), 90%
// above, capped at 20万元 × 缴费系数; 大病 marginal on the year's remaining 自付 above the
// 起赔标准 (1万元; 特困 20%, 低保/建档立卡 30% of it): 60% to 12万元 (含), 70% above
// (特困 +20 points, 低保/建档立卡 +10), capped at 24万元 × 缴费系数 except for
// 特困/低保/建档立卡; 个人负担 = 费用 − 统筹 − 二档 − 大病. Money is rounded half-up to 分
// when produced.

describe("住院结算 of base.policy, values worked out by hand", () => {
  let calc: CompiledCalculator;
  beforeAll(async () => {
    const policy = await loadPolicy(BASE);
    expect(policy.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    calc = findCalculator(policy, "住院结算")!;
    expect(calc).toBeDefined();
  });

  const money = (o: Record<string, unknown>) => {
    const { 计算过程: _trace, ...rest } = o;
    return rest;
  };
  const run = (input: Record<string, unknown>) => money(calc.run(input, { 计算过程: false }));
  const result = (起付标准: string, 统筹支付: string, 二档支付: string, 大病支付: string, 个人负担: string) => ({ 起付标准, 统筹支付, 二档支付, 大病支付, 个人负担 });

  it("城乡居民, 一级及以下, 10000元, 36 months", () => {
    // 起付 500; 统筹 (10000 − 500) × 85% = 8075; 城乡居民: 二档 0;
    // 大病 base 10000 − 500 − 8075 = 1425 < 10000 → 0; 个人 10000 − 8075 = 1925.
    expect(run({ 参保身份: "城乡居民", 医院级别: "一级及以下", 政策范围内费用: 10000, 连续缴费月数: 36 })).toEqual(
      result("500.00", "8075.00", "0.00", "0.00", "1925.00"),
    );
  });

  it("职工退休, 三级, 80000元: 起付 −100, 比例 +5 points, 二档 across 5000", () => {
    // 起付 900 − 100 = 800; 比例 55% + 5 = 60%; 统筹 79200 × 60% = 47520 (< 200000);
    // 自付 79200 − 47520 = 31680; 二档 0→31680: 5000 × 50% + 26680 × 85% = 2500 + 22678 = 25178;
    // 大病 base 31680 − 25178 = 6502 < 10000 → 0; 个人 80000 − 47520 − 25178 = 7302.
    const input = { 参保身份: "职工退休", 医院级别: "三级", 政策范围内费用: 80000, 连续缴费月数: 36 };
    expect(run(input)).toEqual(result("800.00", "47520.00", "25178.00", "0.00", "7302.00"));
    const trace = calc.run(input, { 计算过程: true }).计算过程 as { 项目: string; 值?: string }[];
    // The rate the trace ends with for 统筹比例 is 60%.
    const rates = trace.filter((s) => s.项目.endsWith("统筹比例") && s.值 !== undefined).map((s) => s.值);
    expect(rates[rates.length - 1]).toBe("60%");
  });

  it("caps with 年度累计: 统筹 nearly used up, 大病 from a year-to-date base", () => {
    // 城乡居民 二级 50000, earlier this year 统筹 180000 and 大病 base 5000:
    // 起付 600; 统筹 49400 × 80% = 39520 > 200000 − 180000 = 20000 → 20000;
    // 自付 49400 − 20000 = 29400; 大病 5000→34400, above 10000: 24400 × 60% = 14640 (≤ 240000);
    // 个人 50000 − 20000 − 14640 = 15360.
    expect(
      run({
        参保身份: "城乡居民",
        医院级别: "二级",
        政策范围内费用: 50000,
        连续缴费月数: 36,
        年度累计: { 统筹支付: 180000, 大病自付基数: 5000 },
      }),
    ).toEqual(result("600.00", "20000.00", "0.00", "14640.00", "15360.00"));
  });

  it("all three caps at once, scaled by 缴费系数 70% (18 months)", () => {
    // 职工在职 三级 100000; 年度累计 统筹 120000, 二档 130000, 大病 150000, 二档基数 150000, 大病基数 250000.
    // 起付 900; 统筹 99100 × 55% = 54505 > 200000 × 70% − 120000 = 20000 → 20000; 自付 79100;
    // 二档 150000→229100: 50000 × 85% + 29100 × 90% = 42500 + 26190 = 68690
    //   > 200000 × 70% − 130000 = 10000 → 10000;
    // 大病 base 79100 − 10000 = 69100, 250000→319100 all above 12万: 69100 × 70% = 48370
    //   > 240000 × 70% − 150000 = 18000 → 18000;
    // 个人 100000 − 20000 − 10000 − 18000 = 52000.
    expect(
      run({
        参保身份: "职工在职",
        医院级别: "三级",
        政策范围内费用: 100000,
        连续缴费月数: 18,
        年度累计: { 统筹支付: 120000, 二档支付: 130000, 大病支付: 150000, 二档自付基数: 150000, 大病自付基数: 250000 },
      }),
    ).toEqual(result("900.00", "20000.00", "10000.00", "18000.00", "52000.00"));
  });

  it("特困供养: zero 起付, 大病 80%/90% above 2000, no 大病 cap", () => {
    // 城乡居民 特困供养 二级 400000; earlier 大病 230000 paid on a base of 100000.
    // 起付 0; 比例 80% (二级: no +10); 统筹 400000 × 80% = 320000 > 200000 → 200000; 自付 200000;
    // 大病 起赔 10000 × 20% = 2000; 100000→300000: 20000 × 80% + 180000 × 90% = 16000 + 162000 = 178000,
    // not capped (a capped person would get 240000 − 230000 = 10000); 个人 400000 − 200000 − 178000 = 22000.
    const input = {
      参保身份: "城乡居民",
      医院级别: "二级",
      政策范围内费用: 400000,
      连续缴费月数: 36,
      特殊人群: ["特困供养"],
      年度累计: { 大病支付: 230000, 大病自付基数: 100000 },
    };
    expect(run(input)).toEqual(result("0.00", "200000.00", "0.00", "178000.00", "22000.00"));
    // The same person without 特困供养: 起付 600; 统筹 399400 × 80% → 200000; 自付 199400;
    // 大病 100000→299400: 20000 × 60% + 179400 × 70% = 12000 + 125580 = 137580 > 10000 → 10000;
    // 个人 400000 − 200000 − 10000 = 190000.
    expect(run({ ...input, 特殊人群: [] })).toEqual(result("600.00", "200000.00", "0.00", "10000.00", "190000.00"));
  });

  it("a sequence: the second claim crosses the 二档 5000 boundary, the next year starts afresh", () => {
    // 1. 2018-03-01 职工在职 一级 5000: 起付 500; 统筹 4500 × 85% = 3825; 自付 675;
    //    二档 0→675 × 50% = 337.50; 大病 base 337.50 → 0; 个人 5000 − 3825 − 337.50 = 837.50.
    // 2. 2018-07-01 三级 40000: 起付 900; 统筹 39100 × 55% = 21505; 自付 17595;
    //    二档 675→18270: 4325 × 50% + 13270 × 85% = 2162.50 + 11279.50 = 13442;
    //    大病 base 17595 − 13442 = 4153, 337.50→4490.50 < 10000 → 0; 个人 40000 − 21505 − 13442 = 5053.
    // 3. 2019-02-01, a new year: as claim 1.
    const first = { 日期: "2018-03-01", 参保身份: "职工在职", 医院级别: "一级及以下", 政策范围内费用: 5000, 连续缴费月数: 36 };
    const second = { ...first, 日期: "2018-07-01", 医院级别: "三级", 政策范围内费用: 40000 };
    const third = { ...first, 日期: "2019-02-01" };
    const results = calc.runSequence([first, second, third], { 计算过程: false }).map(money);
    expect(results).toEqual([
      result("500.00", "3825.00", "337.50", "0.00", "837.50"),
      result("900.00", "21505.00", "13442.00", "0.00", "5053.00"),
      result("500.00", "3825.00", "337.50", "0.00", "837.50"),
    ]);
    // The second claim alone, given what the first added to the year: 统筹 3825, 二档 337.50,
    // 二档基数 675 (the 自付), 大病基数 337.50 (what was left after 二档).
    expect(run({ ...second, 年度累计: { 统筹支付: 3825, 二档支付: "337.50", 大病支付: 0, 二档自付基数: 675, 大病自付基数: "337.50" } })).toEqual(results[1]);
  });

  it("rounding half-up at .005 and down below it", () => {
    // 城乡居民 一级 1500.10: 统筹 1000.10 × 85% = 850.085 → 850.09; 个人 1500.10 − 850.09 = 650.01.
    expect(run({ 参保身份: "城乡居民", 医院级别: "一级及以下", 政策范围内费用: "1500.10", 连续缴费月数: 36 })).toEqual(
      result("500.00", "850.09", "0.00", "0.00", "650.01"),
    );
    // 职工在职 一级 1500.10: 统筹 850.09; 自付 150.01; 二档 150.01 × 50% = 75.005 → 75.01;
    // 个人 1500.10 − 850.09 − 75.01 = 575.00.
    expect(run({ 参保身份: "职工在职", 医院级别: "一级及以下", 政策范围内费用: "1500.10", 连续缴费月数: 36 })).toEqual(
      result("500.00", "850.09", "75.01", "0.00", "575.00"),
    );
    // 城乡居民 一级 1500.05: 统筹 1000.05 × 85% = 850.0425 → 850.04; 个人 1500.05 − 850.04 = 650.01.
    expect(run({ 参保身份: "城乡居民", 医院级别: "一级及以下", 政策范围内费用: "1500.05", 连续缴费月数: 36 })).toEqual(
      result("500.00", "850.04", "0.00", "0.00", "650.01"),
    );
  });

  it("zero 费用", () => {
    // 起付 is still reported; nothing above it, so nothing is paid.
    expect(run({ 参保身份: "城乡居民", 医院级别: "一级及以下", 政策范围内费用: 0, 连续缴费月数: 36 })).toEqual(
      result("500.00", "0.00", "0.00", "0.00", "0.00"),
    );
    expect(run({ 参保身份: "职工退休", 医院级别: "二级", 政策范围内费用: 0, 连续缴费月数: 0, 特殊人群: ["特困供养"] })).toEqual(
      result("0.00", "0.00", "0.00", "0.00", "0.00"),
    );
  });

  it("large amounts stay exact", () => {
    // 城乡居民 三级 99999999.99: 起付 900; 统筹 99999099.99 × 55% → cap 200000; 自付 99799099.99;
    // 大病 110000 × 60% + 99679099.99 × 70% = 66000 + 69775369.993 → cap 240000;
    // 个人 99999999.99 − 200000 − 240000 = 99559999.99.
    expect(run({ 参保身份: "城乡居民", 医院级别: "三级", 政策范围内费用: "99999999.99", 连续缴费月数: 36 })).toEqual(
      result("900.00", "200000.00", "0.00", "240000.00", "99559999.99"),
    );
    // 特困供养 一级 12345678.91: 起付 0; 比例 95%; 统筹 → cap 200000; 自付 12145678.91;
    // 大病 (120000 − 2000) × 80% + (12145678.91 − 120000) × 90% = 94400 + 10823111.019 = 10917511.019 → 10917511.02;
    // 个人 12345678.91 − 200000 − 10917511.02 = 1228167.89.
    expect(
      run({ 参保身份: "城乡居民", 医院级别: "一级及以下", 政策范围内费用: "12345678.91", 连续缴费月数: 36, 特殊人群: ["特困供养"] }),
    ).toEqual(result("0.00", "200000.00", "0.00", "10917511.02", "1228167.89"));
  });

  it("连续缴费系数 boundaries: 12 months 50%, 13 and 24 months 70%, 25 months 100%", () => {
    // 城乡居民 一级 300000: 统筹 299500 × 85% = 254575, capped at 200000 × 系数.
    const 统筹 = (months: number) => run({ 参保身份: "城乡居民", 医院级别: "一级及以下", 政策范围内费用: 300000, 连续缴费月数: months }).统筹支付;
    expect([0, 12, 13, 24, 25].map(统筹)).toEqual(["100000.00", "100000.00", "140000.00", "140000.00", "200000.00"]);
  });

  it("二档 at exactly 5000 and one 分 above", () => {
    // 职工在职 一级 7166.67: 起付 500; 统筹 6666.67 × 85% = 5666.6695 → 5666.67; 自付 1000.00.
    // With a year-to-date 二档 base of 4000 the claim fills 4000→5000 (含), all at 50%: 500.
    const input = { 参保身份: "职工在职", 医院级别: "一级及以下", 政策范围内费用: "7166.67", 连续缴费月数: 36 };
    expect(run({ ...input, 年度累计: { 二档自付基数: 4000 } }).二档支付).toBe("500.00");
    // Base 4000.01 → 5000.01: 999.99 × 50% + 0.01 × 85% = 499.995 + 0.0085 = 500.0035 → 500.00.
    expect(run({ ...input, 年度累计: { 二档自付基数: "4000.01" } }).二档支付).toBe("500.00");
    // Base 4001 → 5001: 999 × 50% + 1 × 85% = 499.50 + 0.85 = 500.35.
    expect(run({ ...input, 年度累计: { 二档自付基数: 4001 } }).二档支付).toBe("500.35");
  });
});

// ─────────────────────────── constructs beyond base.policy ───────────────────────────

describe("other constructs, values worked out by hand", () => {
  const source = [
    "枚举 级别 { 一级、二级、三级 }",
    "参数 起付：金额 按 级别 {",
    "  一级：100元",
    "  其他：300元",
    "}",
    "参数 比例表：比例 按 级别 {",
    "  2018-01-01 至 2018-12-31：{ 一级：90%  二级、三级：80% }",
    "  2019-01-01 起：{ 一级：95%  其他：85% }",
    "}",
    "分段 阶梯（累进）{",
    "  不超过 1万元：50%",
    "  超过 1万元 至 5万元：每增加 1万元 提高 1个百分点",
    "  超过 5万元：60%",
    "}",
    "分段 按级（累进）按 级别 {",
    "  不超过 1000元：一级 10%、二级 20%、三级 30%",
    "  超过 1000元：一级 40%、二级 50%、三级 60%",
    "}",
    "计算 C {",
    "  输入 {",
    "    级别：级别",
    "    费用：金额",
    "  }",
    "  累计 月度（按月）：累加 统筹",
    "  输出 起付标准 = 起付[级别]",
    "  分层 正值（费用 − 起付标准）{",
    "    输出 统筹 = 剩余 × 比例表[级别]",
    "    输出 阶梯支付 = 阶梯（剩余）",
    "    输出 按级支付 = 按级（剩余）",
    "  }",
    "  输出 阶梯全额 = 阶梯（费用）",
    "  输出 月累计 = 月度 + 统筹",
    "}",
    "",
  ].join("\n");
  let calc: CompiledCalculator;
  beforeAll(() => {
    const analysis = analyze(source, "other.policy");
    expect(analysis.diagnostics).toEqual([]);
    calc = findCalculator(compileAnalysis(analysis), "C")!;
  });
  const strip = (o: Record<string, unknown>) => {
    const { 计算过程: _trace, ...rest } = o;
    return rest;
  };

  it("其他 rows, versioned tables, a stepped slice, a bracket by enum, a monthly scalar accumulator", () => {
    // 1. 2018-05-01 二级 60300: 起付 其他 300; 剩余 60000; 统筹 × 80% (2018) = 48000; 剩余 12000;
    //    阶梯(12000) = 10000 × 50% + 2000 × 51% (first 1万 step: +1 point) = 5000 + 1020 = 6020; 剩余 5980;
    //    按级 二级: 1000 × 20% + 4980 × 50% = 200 + 2490 = 2690;
    //    阶梯全额(60300) = 5000 + 10000 × (51 + 52 + 53 + 54)% + 10300 × 60% = 5000 + 21000 + 6180 = 32180;
    //    月累计 0 + 48000.
    // 2. 2018-05-20 一级 1100: 起付 100; 统筹 1000 × 90% = 900; 阶梯(100) = 50; 按级 一级 50 × 10% = 5;
    //    阶梯全额 1100 × 50% = 550; 月累计 48000 + 900 = 48900.
    // 3. 2018-06-01 三级 300: a new month; nothing above 起付 300; 阶梯全额 150; 月累计 0.
    const seq = calc.runSequence(
      [
        { 日期: "2018-05-01", 级别: "二级", 费用: 60300 },
        { 日期: "2018-05-20", 级别: "一级", 费用: 1100 },
        { 日期: "2018-06-01", 级别: "三级", 费用: 300 },
      ],
      { 计算过程: false },
    );
    expect(seq.map(strip)).toEqual([
      { 起付标准: "300.00", 统筹: "48000.00", 阶梯支付: "6020.00", 按级支付: "2690.00", 阶梯全额: "32180.00", 月累计: "48000.00" },
      { 起付标准: "100.00", 统筹: "900.00", 阶梯支付: "50.00", 按级支付: "5.00", 阶梯全额: "550.00", 月累计: "48900.00" },
      { 起付标准: "300.00", 统筹: "0.00", 阶梯支付: "0.00", 按级支付: "0.00", 阶梯全额: "150.00", 月累计: "0.00" },
    ]);
    // 2019-03-01 三级 100300: 起付 300; 统筹 × 85% (2019, 其他) = 85000; 剩余 15000;
    // 阶梯(15000) = 5000 + 5000 × 51% = 7550; 剩余 7450; 按级 三级: 1000 × 30% + 6450 × 60% = 4170;
    // 阶梯全额 = 26000 + 50300 × 60% = 56180.
    expect(strip(calc.run({ 日期: "2019-03-01", 级别: "三级", 费用: 100300 }, { 计算过程: false }))).toEqual({
      起付标准: "300.00",
      统筹: "85000.00",
      阶梯支付: "7550.00",
      按级支付: "4170.00",
      阶梯全额: "56180.00",
      月累计: "85000.00",
    });
  });
});

// ─────────────────────────── accepted means compilable ───────────────────────────

describe("a policy analyze() accepts compiles and runs", () => {
  const calc = (inputs: string[], ...body: string[]) => ["计算 C {", "  输入 {", ...inputs.map((i) => `    ${i}`), "  }", ...body.map((b) => `  ${b}`), "}", ""].join("\n");
  function runs(source: string, input: Record<string, unknown>) {
    const analysis = analyze(source, "t.policy");
    expect(analysis.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const c = findCalculator(compileAnalysis(analysis), "C")!;
    return c.run(input, { 计算过程: true });
  }

  it("names that are JavaScript words or generated names elsewhere are fine", () => {
    expect(runs(calc(["trace：金额"], "令 input = trace", "输出 支付 = input"), { trace: 5 }).支付).toBe("5.00");
  });

  it("a parameter named like a runtime helper", () => {
    expect(runs(["参数 pos：金额 = 100元", calc(["费用：金额"], "输出 支付 = 正值（费用 − pos）")].join("\n"), { 费用: 1000 }).支付).toBe("900.00");
  });

  it("a step named like a runtime helper", () => {
    expect(runs(calc(["费用：金额"], "令 pos = 正值（费用 − 100元）", "输出 支付 = 正值（pos）"), { 费用: 1000 }).支付).toBe("900.00");
  });

  it("a quoted name spelled like a generated constant", () => {
    expect(runs(calc(["费用：金额"], "令 「元100」 = 费用 + 100元", "输出 支付 = 「元100」"), { 费用: 1000 }).支付).toBe("1100.00");
  });

  it("否则 after 否则 is either reported or compiles", () => {
    const source = calc(["费用：金额"], "输出 支付 = 费用", "  当 费用 > 1元：设为 1元", "  否则：设为 2元", "  否则：设为 3元");
    const analysis = analyze(source, "t.policy");
    if (analysis.diagnostics.some((d) => d.severity === "error")) return;
    expect(() => compileAnalysis(analysis)).not.toThrow();
  });

  it("an output named 计算过程 is not lost", () => {
    const source = calc(["费用：金额"], "输出 计算过程 = 费用");
    const analysis = analyze(source, "t.policy");
    if (analysis.diagnostics.some((d) => d.severity === "error")) return;
    expect(findCalculator(compileAnalysis(analysis), "C")!.run({ 费用: 1000 }, { 计算过程: false }).计算过程).toBe("1000.00");
  });
});
