// Every construct the checker accepts is lowered; what cannot be lowered is refused by the
// checker (issue 7). The walk puts every kind of expression in every place an expression
// stands, and every modifier verb under every declaration that takes modifiers, and proves
// each is either refused with an error diagnostic or lowered and run — a modifier's effect
// seen in the result, never silently dropped.
import { describe, expect, it } from "vitest";
import type * as A from "@zhengce/dsl";
import { analyze } from "@zhengce/dsl";
import { compileAnalysis, findCalculator, lower } from "@zhengce/compiler";

const HEAD = `政策 遍历 { 文号 「示例〔2020〕9号」 }
枚举 级别 { 一级、二级 }
枚举 人群 { 甲、乙 }
`;

/** A calculator around `body`, with one input of each kind; `decls` stand before it. */
function policy(decls: string, body: string): string {
  return `${HEAD}${decls}
计算 算 {
  输入 {
    费用：金额
    比：比例，默认 50%
    月数：月数，默认 12个月
    级别：级别，默认 一级
    人群：集合（人群），默认 [甲]
    急诊：布尔，默认 是
    情形：列表（文本），默认 []
  }
  累计 年度（按年）{ 支付：累加 支付 }
${body}
}
`;
}

const INPUT = { 费用: "1000", 日期: "2020-06-01" };

type Outcome = { refused: true } | { refused: false; result: Record<string, unknown> };

function outcome(text: string): Outcome {
  const a = analyze(text, "/virtual/walk.policy");
  if (a.diagnostics.some((d) => d.severity === "error")) return { refused: true };
  // Lowering throws on what it cannot give a meaning to: that is the failure this test is for.
  lower(a);
  const calc = findCalculator(compileAnalysis(a), "算")!;
  try {
    return { refused: false, result: calc.run(INPUT, { 计算过程: true }) as Record<string, unknown> };
  } catch (e) {
    // The policy refusing the case (拒绝) or an input it cannot take is a run, not a failure.
    if (e instanceof Error && (e.name === "RefusalError" || e.name === "InputError")) return { refused: false, result: {} };
    throw e;
  }
}

/** One expression of each kind, with the type it has (`money`, `rate`, `bool`, …). */
const EXPRESSIONS: Record<A.Expr["kind"], [string, string][]> = {
  Number: [["money", "100元"], ["rate", "20%"], ["int", "3个月"]],
  Date: [["date", "2020-01-01"]],
  Bool: [["bool", "是"]],
  None: [["money?", "无"]],
  Text: [["text", "「说明」"], ["bool", "情形 包含 「自杀」"]],
  Ref: [["money", "费用"], ["list", "情形"], ["rate", "比"], ["int", "月数"], ["enum", "级别"], ["set", "人群"], ["bool", "急诊"], ["money", "表[级别]"], ["money", "标准"]],
  Remaining: [["money", "剩余"]],
  Field: [["money", "年度.支付"]],
  Index: [["money", "表[级别]"], ["money", "表[人群]"]],
  Call: [
    ["money", "较大（费用，100元）"], ["money", "较小（费用，100元）"], ["money", "正值（费用 − 2000元）"], ["money", "舍入（费用 × 33.3%）"],
    ["money", "最大（[费用，100元]）"], ["money", "最小（[费用，100元]）"], ["money", "合计（[费用，100元]）"], ["int", "个数（人群）"],
    ["int", "年份（日期）"], ["int", "月份（日期）"], ["date", "次月首日（日期）"], ["date", "加月（日期，2个月）"],
    ["int", "月数差（2020-01-01，日期）"], ["date", "月末（日期）"], ["date", "加日（日期，3）"],
    ["rate", "累进段（费用）"], ["money", "全额段（费用）"], ["money", "累进段（费用，已累计 年度.支付）"], ["money?", "封顶点（累进段，100元）"],
  ],
  Binary: [
    ["money", "费用 + 100元"], ["money", "费用 - 100元"], ["money", "费用 × 比"], ["money", "费用 ÷ 3"], ["rate", "比 + 5个百分点"],
    ["bool", "费用 = 100元"], ["bool", "费用 ≠ 100元"], ["bool", "费用 < 100元"], ["bool", "费用 > 100元"], ["bool", "费用 ≤ 100元"], ["bool", "费用 ≥ 100元"],
    ["bool", "急诊 且 是"], ["bool", "急诊 或 否"], ["bool", "人群 包含 甲"], ["bool", "级别 属于 [一级，二级]"], ["bool", "级别 不属于 [二级]"],
    ["bool", "费用 属于 [100元，1000元]"], ["date", "日期 + 2个月"], ["bool", "日期 = 无"],
  ],
  Unary: [["money", "-费用"], ["bool", "非 急诊"]],
  If: [["money", "如果 急诊 则 费用 否则 100元"]],
  List: [["set", "[甲，乙]"]],
  Record: [["?", "{ 甲：1 }"]],
  Error: [["?", "（"]],
};

const DECLS = `参数 表：金额 按 级别 { 一级：500元  二级：600元 }
参数 标准：金额 = 300元
分段 累进段（累进）{
  500元（含）以内：50%
  超过 500元：70%
}
分段 全额段：金额（全额）{
  不满 500元：10元
  500元（含）以上：20元
}
`;

/** The places an expression of a type stands, each making a policy of it. */
const PLACES: [string, (e: string, type: string) => string][] = [
  ["a step's value", (e) => policy(DECLS, `  令 值 = ${e}\n  输出 支付 = 费用 × 0%\n  输出 看 = 值`)],
  ["an output's value", (e, t) => policy(DECLS, t === "money" ? `  输出 支付 = ${e}` : `  输出 支付 = 费用 × 0%\n  输出 看 = ${e}`)],
  ["a modifier's condition", (e) => policy(DECLS, `  输出 支付 = 费用\n    当 ${e}：降低 1元`)],
  ["a modifier's value", (e) => policy(DECLS, `  输出 支付 = 费用\n    当 是：设为 ${e}`)],
  ["a refusal's condition", (e) => policy(DECLS, `  拒绝 费用 当 ${e}：「不受理」\n  输出 支付 = 费用`)],
  ["a layer's start", (e) => policy(DECLS, `  分层 ${e} {\n    输出 支付 = 剩余 × 50%\n  }`)],
  ["a layer's step", (e) => policy(DECLS, `  分层 费用 {\n    输出 支付 = ${e}\n  }`)],
  ["a parameter's value", (e, t) => policy(`${DECLS}参数 参：${t === "rate" ? "比例" : "金额"} = ${e}\n`, `  输出 支付 = 费用 × 0% + 参 × 0${t === "rate" ? "元" : "%"}`)],
  ["a table row", (e) => policy(`${DECLS}参数 行表：金额 按 级别 { 一级：${e}  二级：1元 }\n`, `  输出 支付 = 行表[级别]`)],
  ["a bracket's bound", (e) => policy(`${DECLS}分段 界段（累进）{\n  ${e}（含）以内：50%\n  超过 ${e}：70%\n}\n`, `  输出 支付 = 费用 × 界段（费用）`)],
  ["a bracket's rate", (e) => policy(`${DECLS}分段 率段（累进）{\n  500元（含）以内：${e}\n  超过 500元：70%\n}\n`, `  输出 支付 = 费用 × 率段（费用）`)],
  ["an accumulator's addition", (e) => policy(DECLS, `  输出 支付 = 费用`).replace("累加 支付", `累加 ${e}`)],
  ["an input's default", (e) => policy(DECLS, `  输出 支付 = 费用 + 加 × 0%`).replace("  输入 {", `  输入 {\n    加：金额，默认 ${e}`)],
];

describe("every kind of expression in every place: refused by the checker, or lowered and run", () => {
  for (const [kind, samples] of Object.entries(EXPRESSIONS)) {
    it(kind, () => {
      let lowered = 0;
      const failures: string[] = [];
      for (const [type, e] of samples) {
        for (const [place, make] of PLACES) {
          try {
            if (!outcome(make(e, type)).refused) lowered++;
          } catch (err) {
            failures.push(`${kind} 「${e}」 in ${place}: passed the checker but ${(err as Error).message}`);
          }
        }
      }
      // An input declared `默认 无` and read as a value passes the checker; absent, the case is
      // refused naming the field (R102), never a crash.
      expect(failures).toEqual([]);
      // The kinds an analyst writes are usable somewhere; only a syntax error and a bare record are not.
      if (kind !== "Error" && kind !== "Record") expect(lowered).toBeGreaterThan(0);
    });
  }
});

/** Each modifier verb, with a value that makes its effect visible on 1000元 / 50%. */
const VERBS: [string, string, string][] = [
  // verb, on money, on a rate
  ["提高", "提高 100元", "提高 10个百分点"],
  ["降低", "降低 100元", "降低 10个百分点"],
  ["乘以", "乘以 50%", "乘以 50%"],
  ["设为", "设为 1元", "设为 10%"],
  ["不低于", "不低于 2000元", "不低于 80%"],
  ["不超过", "不超过 10元", "不超过 10%"],
];

/** The declarations that take modifiers, each as a policy whose 支付 shows the modified value. */
const MODIFIED: [string, "money" | "rate", (mod: string) => string][] = [
  ["a step", "money", (mod) => policy("", `  输出 支付 = 费用\n    ${mod}`)],
  ["a rate step", "rate", (mod) => policy("", `  令 率：比例 = 比\n    ${mod}\n  输出 支付 = 费用 × 率`)],
  ["a scalar parameter", "money", (mod) => policy(`参数 参：金额 = 1000元\n  ${mod}\n`, `  输出 支付 = 参 + 费用 × 0%`)],
  ["a parameter reading an input", "money", (mod) => policy(`参数 参：金额 = 费用\n  ${mod}\n`, `  输出 支付 = 参`)],
  ["a time-versioned parameter", "money", (mod) => policy(`参数 参：金额 {\n  2019-01-01 起：900元\n  2020-01-01 起：1000元\n  ${mod}\n}\n`, `  输出 支付 = 参 + 费用 × 0%`)],
  ["a table parameter", "money", (mod) => policy(`参数 参：金额 按 级别 {\n  一级：1000元\n  二级：1元\n  ${mod}\n}\n`, `  输出 支付 = 参[级别] + 费用 × 0%`)],
  ["a versioned table parameter", "money", (mod) => policy(`参数 参：金额 按 级别 {\n  2019-01-01 起：{ 一级：1元  二级：1元 }\n  2020-01-01 起：{ 一级：1000元  二级：1元 }\n  ${mod}\n}\n`, `  输出 支付 = 参[级别] + 费用 × 0%`)],
  ["a rate table parameter", "rate", (mod) => policy(`参数 参：比例 按 级别 {\n  一级：50%\n  二级：1%\n  ${mod}\n}\n`, `  输出 支付 = 费用 × 参[级别]`)],
  ["a marginal bracket", "rate", (mod) => policy(`分段 段（累进）{\n  500元（含）以内：50%\n  超过 500元：50%\n  ${mod}\n}\n`, `  输出 支付 = 段（费用）`)],
];

describe("every modifier verb under every declaration that takes modifiers changes the result", () => {
  for (const [where, type, make] of MODIFIED) {
    it(where, () => {
      const plain = outcome(make("# 无修正"));
      expect(plain.refused).toBe(false);
      const base = (plain as { result: Record<string, unknown> }).result.支付;
      for (const [verb, onMoney, onRate] of VERBS) {
        const text = make(`当 费用 > 1元：${type === "money" ? onMoney : onRate}`);
        const o = outcome(text);
        if (o.refused) throw new Error(`${verb} under ${where} is refused:\n${text}`);
        expect(o.result.支付, `${verb} under ${where}`).not.toBe(base);
        // A condition that does not hold leaves the value alone.
        const off = outcome(make(`当 费用 > 100万元：${type === "money" ? onMoney : onRate}`));
        expect((off as { result: Record<string, unknown> }).result.支付, `${verb} under ${where}, not applied`).toBe(base);
      }
    });
  }
});

describe("a modifier's effect, worked out by hand", () => {
  it("a table parameter: 500元 − 100元 = 400.00 when 费用 > 1000元 (the issue's case)", () => {
    const text = policy(`参数 起付：金额 按 级别 {\n  一级：500元\n  二级：600元\n  当 费用 > 1000元：降低 100元\n}\n`, `  输出 支付 = 起付[级别]`);
    const a = analyze(text, "/virtual/walk.policy");
    const calc = findCalculator(compileAnalysis(a), "算")!;
    expect(calc.run({ 费用: "1500" }).支付).toBe("400.00");
    expect(calc.run({ 费用: "1500", 级别: "二级" }).支付).toBe("500.00");
    expect(calc.run({ 费用: "1000" }).支付).toBe("500.00");
  });

  it("a bracket: each slice's rate +10 points, capped at 100%: 500 × 60% + 500 × 100% = 800.00", () => {
    const text = policy(`分段 段（累进）{\n  500元（含）以内：50%\n  超过 500元：95%\n  当 费用 > 1元：提高 10个百分点\n}\n`, `  输出 支付 = 段（费用）`);
    const calc = findCalculator(compileAnalysis(analyze(text, "/virtual/walk.policy")), "算")!;
    expect(calc.run({ 费用: "1000" }).支付).toBe("800.00");
  });
});
