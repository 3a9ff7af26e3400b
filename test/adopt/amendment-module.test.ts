// An amendment's module imports its base's module for what it leaves unchanged (issue 8, item 6):
// `zhengce compile` of policies/jiangmen/{base,2018}.policy writes a 2018 module that takes the
// calculators 2018 does not touch from ./base.js under 2018's period, emits only those it changes
// (住院结算 and 特定病种门诊, through 2018's parameters), and gives what the whole amendment gives.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findCalculator, loadPolicy } from "../../packages/compiler/src/load.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Below the repository's node_modules, so the modules resolve @zhengce/runtime; a folder of its own per run. */
mkdirSync(join(ROOT, "node_modules/.cache"), { recursive: true });
const DIR = mkdtempSync(join(ROOT, "node_modules/.cache/zhengce-amendment-"));

type Calculators = Record<string, { run(raw: unknown, o?: object): Record<string, unknown> }>;
let base: string;
let amendment: string;
let declarations: { base: string; amendment: string };
let mod: { calculators: Calculators };

afterAll(() => rmSync(DIR, { recursive: true, force: true }));

beforeAll(async () => {
  writeFileSync(join(DIR, "package.json"), JSON.stringify({ type: "module" }));
  const policies = ["base", "2018"].map((p) => join(ROOT, `policies/jiangmen/${p}.policy`));
  execFileSync(process.execPath, [join(ROOT, "packages/compiler/dist/cli/main.js"), "compile", ...policies, "--target", "js", "--out-dir", DIR], { stdio: "pipe" });
  base = readFileSync(join(DIR, "base.js"), "utf8");
  amendment = readFileSync(join(DIR, "2018.js"), "utf8");
  declarations = { base: readFileSync(join(DIR, "base.d.ts"), "utf8"), amendment: readFileSync(join(DIR, "2018.d.ts"), "utf8") };
  mod = await import(pathToFileURL(join(DIR, "2018.js")).href);
});

describe("the 2018 module", () => {
  it("imports the base module and emits only the calculators 2018 changes", () => {
    expect(amendment).toContain(`from "./base.js"`);
    // 二类 limit 2500 (附件2) changes 特定病种门诊; 特困供养's wording and 大病's 起赔 restated change 住院结算.
    expect(amendment).toMatch(/function 住院结算计算\(/);
    expect(amendment).toMatch(/function 特定病种门诊计算\(/);
    for (const unchanged of ["职工缴费", "普通门诊统筹", "奥司他韦", "个人账户划入"]) {
      expect(amendment).not.toMatch(new RegExp(`function ${unchanged}计算\\(`));
      expect(base).toMatch(new RegExp(`function ${unchanged}计算\\(`));
    }
    expect(amendment.length).toBeLessThan(base.length * 0.6);
  });

  it("its .d.ts re-exports the base's types for what 2018 leaves unchanged, and declares only the rest", () => {
    const d = declarations.amendment;
    /** The names a statement of that opening takes from ./base.js. */
    const fromBase = (opening: string) =>
      [...d.matchAll(new RegExp(`${opening} \\{([^}]*)\\} from "\\./base\\.js"`, "g"))].flatMap((m) => m[1]!.split(",").map((n) => n.trim()).filter(Boolean));
    const declared = (name: string) => new RegExp(`export (interface|type|declare const) ${name}[\\s=<{:]`).test(d);
    // Unchanged enums and calculators: the base module's types, so a value of one is a value of the other.
    expect(fromBase("import type")).toEqual(expect.arrayContaining(["医院级别", "职工缴费输入", "职工缴费结果", "普通门诊统筹输入", "奥司他韦结果"]));
    expect(fromBase("export")).toContain("医院级别值");
    for (const name of ["医院级别", "医院级别值", "职工缴费输入", "职工缴费结果", "奥司他韦输入"]) expect(declared(name), name).toBe(false);
    // The calculators 2018 changes keep their own types.
    for (const name of ["住院结算输入", "住院结算结果", "特定病种门诊输入"]) expect(declared(name), name).toBe(true);
    expect(d.length).toBeLessThan(declarations.base.length * 0.8);
  });

  it("an unchanged calculator computes as the base does, within 2018", () => {
    // 2018 年，最低缴费基数 3000；月工资 5000：一档单位 150，个人 25；二档单位 5000 × 2.8% = 140，个人 75；合计 390.
    const r = mod.calculators["职工缴费"]!.run({ 日期: "2018-05-01", 参保类别: "职工", 月工资: 5000, 最低缴费基数: 3000 });
    expect(r).toMatchObject({ 一档单位缴费: "150.00", 一档个人缴费: "25.00", 二档单位缴费: "140.00", 二档个人缴费: "75.00", 合计: "390.00" });
  });

  it("a changed calculator reads 2018's parameters", () => {
    // 血友病 is 二类: 2018's limit 2500 元/月 (附件2); 二级 50% × 6000 = 3000 → 2500.
    const r = mod.calculators["特定病种门诊"]!.run({ 日期: "2018-06-01", 参保身份: "城乡居民", 病种: ["血友病"], 医院级别: "二级", 当月范围内费用: 6000 });
    expect(r).toMatchObject({ 月支付限额: "2500.00", 统筹支付: "2500.00" });
  });

  it("…and refuses a date outside 2018, as the amendment's own code would", () => {
    expect(() => mod.calculators["职工缴费"]!.run({ 日期: "2017-09-01", 参保类别: "职工", 月工资: 5000 })).toThrow(/2018-01-01/);
  });

  it("gives what the whole amendment compiled in memory gives", async () => {
    const memory = await loadPolicy(resolve(ROOT, "policies/jiangmen/2018.policy"));
    const cases: [string, Record<string, unknown>][] = [
      ["住院结算", { 日期: "2018-06-01", 参保身份: "职工退休", 医院级别: "三级", 政策范围内费用: 80000, 连续缴费月数: 36, 特殊人群: ["低保"] }],
      ["特定病种门诊", { 日期: "2018-06-01", 参保身份: "城乡居民", 病种: ["血友病"], 医院级别: "二级", 当月范围内费用: 6000 }],
      ["职工缴费", { 日期: "2018-12-31", 参保类别: "灵活就业", 最低缴费基数: 3200 }],
      ["奥司他韦", { 日期: "2018-02-01", 参保身份: "城乡居民", 药品费用: 1000 }],
    ];
    let settled = 0;
    for (const [name, input] of cases) {
      const outcome = (f: () => unknown) => {
        try {
          return f();
        } catch (e) {
          return { error: (e as Error).message };
        }
      };
      const want = outcome(() => findCalculator(memory, name)!.run(input, { 计算过程: true }));
      expect(outcome(() => mod.calculators[name]!.run(input, { 计算过程: true })), name).toEqual(want);
      if (!("error" in (want as object))) settled++;
    }
    expect(settled).toBe(cases.length);
  });

  it("a CommonJS program require()s it (Node 20.19 and later), the base module and the runtime with it", () => {
    // 城乡居民, 二级, 10 000 元 in 2018: 起付 600 (附件2 as 江府办〔2017〕20号), 80% → (10000 − 600) × 80% = 7520.00.
    const script = `const m = require(${JSON.stringify(join(DIR, "2018.js"))}); console.log(m.calculators["住院结算"].run({ 日期: "2018-06-01", 参保身份: "城乡居民", 医院级别: "二级", 政策范围内费用: 10000, 连续缴费月数: 30 }).统筹支付);`;
    expect(execFileSync(process.execPath, ["-e", script], { cwd: DIR, encoding: "utf8" }).trim()).toBe("7520.00");
  });
});
