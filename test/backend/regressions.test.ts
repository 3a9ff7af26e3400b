// Issue 7's three wrong results, tried as a new user would: a rate default that went through
// binary floating point, a modifier under a table parameter that lowering dropped, and an
// amount of 45 digits computed with 40 significant digits. Plus the declared maxima that
// replace the last: published in the JSON Schema and refused beyond, naming the field.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze } from "@zhengce/dsl";
import { compileAnalysis, findCalculator } from "@zhengce/compiler";
import { runCli } from "../../packages/compiler/src/cli/cli.js";
import { memoryIo, ROOT, tempDir, writeTemp } from "../cli/helpers.js";

const deps = { compilerModule: join(ROOT, "packages/compiler/src/load.ts") };

function calculator(text: string, name: string) {
  const policy = compileAnalysis(analyze(text, "/virtual/test.policy"));
  expect(policy.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const calc = findCalculator(policy, name);
  if (!calc) throw new Error(`no calculator ${name}`);
  return calc;
}

async function calc(policyText: string, name: string, input: unknown) {
  const dir = tempDir();
  const file = writeTemp(dir, "p.policy", policyText);
  const io = memoryIo({ stdin: JSON.stringify(input), cwd: dir });
  const code = await runCli(["calc", file, name, "--input", "-"], io, deps);
  return { code, out: io.out, err: io.err };
}

const RATE_DEFAULT = `政策 比例默认 { 文号 「示例〔2020〕1号」 }
计算 缴费 {
  输入 {
    费用：金额
    比：比例，默认 29%
  }
  输出 应缴 = 费用 × 比
}
`;

describe("a rate input's default is the literal, exactly", () => {
  // 1.50 × 29% = 0.435 → half-up 0.44. Through Number(0.29) * 100 the default was 28.999999999999996%.
  it("费用 1.50 pays 0.44 whether 比 is omitted or passed as \"29%\"", () => {
    const c = calculator(RATE_DEFAULT, "缴费");
    expect(c.run({ 费用: "1.50" }).应缴).toBe("0.44");
    expect(c.run({ 费用: "1.50", 比: "29%" }).应缴).toBe("0.44");
  });

  it("publishes the default as the analyst wrote it", () => {
    const c = calculator(RATE_DEFAULT, "缴费");
    expect(c.inputFields.find((f) => f.name === "比")?.default).toBe("29%");
  });
});

describe("a modifier under a table parameter is lowered, never dropped", () => {
  const policy = (rows: string) => `政策 表修正 { 文号 「示例〔2020〕2号」 }
枚举 级别 { 一级、二级 }
参数 起付：金额 按 级别 {
${rows}
  当 费用 > 1000元：降低 100元
}
计算 结算 {
  输入 {
    级别：级别
    费用：金额
  }
  输出 起付标准 = 起付[级别]
}
`;
  it("起付 500 at 一级 falls to 400 when 费用 > 1000元; unchanged otherwise", () => {
    const c = calculator(policy("  一级：500元\n  二级：600元"), "结算");
    expect(c.run({ 级别: "一级", 费用: "1500" }).起付标准).toBe("400.00");
    expect(c.run({ 级别: "二级", 费用: "1000.01" }).起付标准).toBe("500.00");
    expect(c.run({ 级别: "一级", 费用: "1000" }).起付标准).toBe("500.00");
    expect(c.run({ 级别: "二级", 费用: "500" }).起付标准).toBe("600.00");
  });

  it("the applied modifier is a step of the explanation", () => {
    const c = calculator(policy("  一级：500元\n  二级：600元"), "结算");
    const steps = c.run({ 级别: "一级", 费用: "1500" }, { 计算过程: true }).计算过程 as { 说明: string }[];
    expect(steps.some((s) => s.说明.includes("降低 100元"))).toBe(true);
  });

  it("time-versioned tables too", () => {
    const c = calculator(policy("  2018-01-01 起：{ 一级：500元  二级：600元 }\n  2019-01-01 起：{ 一级：300元  二级：400元 }"), "结算");
    expect(c.run({ 日期: "2019-05-01", 级别: "二级", 费用: "2000" }).起付标准).toBe("300.00");
    expect(c.run({ 日期: "2018-05-01", 级别: "二级", 费用: "2000" }).起付标准).toBe("500.00");
  });
});

describe("every number has a declared maximum", () => {
  const BIG = `政策 大数 { 文号 「示例〔2020〕3号」 }
计算 结算 {
  输入 {
    费用：金额
    自付：金额，不大于 100万元
    次数：整数，默认 1
    月数：月数，默认 0个月
  }
  输出 统筹 = 费用 × 85%
  输出 个人负担 = 费用 − 统筹 + 自付 × 次数 × 0% + 月数 × 0元
}
`;
  it("a 45-digit amount is refused with exit 2 naming the field, not computed with 40 digits", async () => {
    const r = await calc(BIG, "结算", { 费用: "123456789012345678901234567890123456789012345", 自付: 0 });
    expect([r.code, r.out]).toEqual([2, ""]);
    expect(r.err).toContain("字段「费用」");
    expect(r.err).toContain("1000000000000");
  });

  it("10^12 元 is the default maximum of money, and is itself accepted", () => {
    const c = calculator(BIG, "结算");
    // 10^12 × 85% = 850000000000.00; 个人负担 = 150000000000.00.
    expect(c.run({ 费用: "1000000000000", 自付: 0 })).toMatchObject({ 统筹: "850000000000.00", 个人负担: "150000000000.00" });
    expect(() => c.run({ 费用: "1000000000000.01", 自付: 0 })).toThrow(/字段「费用」/);
    expect(() => c.run({ 费用: 1e21, 自付: 0 })).toThrow(/字段「费用」/);
  });

  it("`不大于 100万元` overrides the default, per input", async () => {
    const c = calculator(BIG, "结算");
    expect(c.run({ 费用: 1, 自付: "1000000" }).统筹).toBe("0.85");
    const r = await calc(BIG, "结算", { 费用: 1, 自付: "1000000.01" });
    expect([r.code, r.out]).toEqual([2, ""]);
    expect(r.err).toMatch(/字段「自付」应为 0 到 1000000 元之间的金额/);
  });

  it("counts and months have maxima too (10^9, 1200 months)", () => {
    const c = calculator(BIG, "结算");
    expect(() => c.run({ 费用: 1, 自付: 0, 次数: 1e9 + 1 })).toThrow(/字段「次数」/);
    expect(() => c.run({ 费用: 1, 自付: 0, 月数: 1201 })).toThrow(/字段「月数」/);
    expect(c.run({ 费用: 1, 自付: 0, 次数: 1e9, 月数: 1200 }).统筹).toBe("0.85");
  });

  it("the JSON Schema publishes each maximum", () => {
    const c = calculator(BIG, "结算");
    const props = (c.inputSchema as { properties: Record<string, { pattern?: string; maximum?: number }> }).properties;
    // Money is published in canonical form, decimal text, so its maximum is part of the pattern.
    const upTo = (field: string, max: string, above: string) => {
      const re = new RegExp(props[field]!.pattern!, "u");
      expect([re.test(max), re.test(above)], field).toEqual([true, false]);
    };
    upTo("费用", "1000000000000", "1000000000000.01");
    upTo("自付", "1000000", "1000000.01");
    expect(props.次数.maximum).toBe(1e9);
    expect(props.月数.maximum).toBe(1200);
  });

  it("a maximum is a number on a numeric input, or the checker refuses it", () => {
    const text = BIG.replace("自付：金额，不大于 100万元", "自付：金额，不大于 费用");
    const a = analyze(text, "/virtual/test.policy");
    expect(a.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual(["「不大于」后须写一个数，例如「不大于 100万元」"]);
  });
});

describe("division has a defined rounding", () => {
  const DIV = `政策 除法 { 文号 「示例〔2020〕5号」 }
计算 结算 {
  输入 {
    费用：金额
    次数：整数
  }
  输出 均 = 费用 ÷ 次数
  输出 三分之二 = 费用 × 2 ÷ 3
}
`;
  it("the quotient to 40 significant digits, then the money step half-up to the cent", () => {
    const c = calculator(DIV, "结算");
    // 100 ÷ 3 = 33.33…; 200 ÷ 3 = 66.66… → 66.67.
    expect(c.run({ 费用: "100", 次数: 3 })).toMatchObject({ 均: "33.33", 三分之二: "66.67" });
    // 0.05 ÷ 2 = 0.025 → 0.03 (half-up).
    expect(c.run({ 费用: "0.05", 次数: 2 }).均).toBe("0.03");
  });

  it("dividing by 0 is an error with exit 2, never Infinity", async () => {
    const r = await calc(DIV, "结算", { 费用: "100", 次数: 0 });
    expect([r.code, r.out]).toEqual([2, ""]);
    expect(r.err).toContain("除数为 0");
  });
});
