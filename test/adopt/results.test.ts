// What a calculator hands back: a frozen result, the explanation only when asked for, and 结转 —
// the accumulators after the case, written as input — so a settlement system can settle one
// claim at a time and get what the sequence gives. Values from the worked example
// 「职工同一年两次住院」 of policies/jiangmen/base.policy (江府办〔2017〕20号 二、（四）).
import { resolve } from "node:path";
import { describe, expect, it, beforeAll } from "vitest";
import { analyze } from "@zhengce/dsl";
import { InputError } from "@zhengce/runtime";
import { compileAnalysis, findCalculator, loadPolicy, type CompiledCalculator } from "../../packages/compiler/src/load.js";

let calc: CompiledCalculator;
beforeAll(async () => {
  calc = findCalculator(await loadPolicy(resolve("policies/jiangmen/base.policy")), "住院结算")!;
});

const first = { 日期: "2018-03-01", 参保身份: "职工在职", 医院级别: "一级及以下", 政策范围内费用: 8000, 连续缴费月数: 36 };
const second = { ...first, 日期: "2018-07-01", 医院级别: "三级", 政策范围内费用: 30000 };

describe("结转: the year-to-date totals after a claim", () => {
  it("after the first claim: 统筹 6375, 二档 562.50, 自付 1125 into 二档自付基数, 大病基数 562.50", () => {
    // 起付 500; 统筹 7500 × 85% = 6375; 自付 1125; 二档 1125 × 50% = 562.50; 大病基数 1125 − 562.50.
    const r = calc.run(first) as { 结转?: unknown };
    expect(r.结转).toEqual({ 年度累计: { 统筹支付: "6375.00", 二档支付: "562.50", 大病支付: "0.00", 二档自付基数: "1125.00", 大病自付基数: "562.50" } });
  });

  it("passed with the next claim, it settles that claim as the sequence does", () => {
    const r1 = calc.run(first) as { 结转: Record<string, unknown> };
    const r2 = calc.run({ ...second, ...r1.结转 }) as Record<string, unknown>;
    // 起付 900; 统筹 29100 × 55% = 16005; 自付 13095; 二档 1125→14220: 3875 × 50% + 9220 × 85% = 9774.50.
    expect(r2).toMatchObject({ 统筹支付: "16005.00", 二档支付: "9774.50", 大病支付: "0.00", 个人负担: "4220.50" });
    // 统筹 6375 + 16005; 二档 562.50 + 9774.50; 自付 1125 + 13095; 大病基数 562.50 + (13095 − 9774.50).
    expect(r2.结转).toEqual({ 年度累计: { 统筹支付: "22380.00", 二档支付: "10337.00", 大病支付: "0.00", 二档自付基数: "14220.00", 大病自付基数: "3883.00" } });
    const seq = calc.runSequence([first, second]) as Record<string, unknown>[];
    expect(seq[1]).toEqual(r2);
    expect(seq[1]!.结转).toEqual(r2.结转);
  });

  it("is not an output: JSON and spreading see the outputs and 计算过程 only", () => {
    const r = calc.run(first);
    expect(Object.keys(r).sort()).toEqual(["个人负担", "二档支付", "大病支付", "统筹支付", "计算过程", "起付标准"].sort());
    expect(JSON.stringify(r)).not.toContain("结转");
  });
});

describe("the result", () => {
  it("is frozen, its steps too", () => {
    const r = calc.run(first, { 计算过程: true }) as Record<string, unknown> & { 计算过程: unknown[]; 结转: object };
    expect(Object.isFrozen(r)).toBe(true);
    expect(Object.isFrozen(r.计算过程)).toBe(true);
    expect(Object.isFrozen(r.结转)).toBe(true);
    expect(() => {
      (r as Record<string, unknown>).统筹支付 = "0.00";
    }).toThrow(TypeError);
  });

  it("explains only when asked: 计算过程 is empty by default", () => {
    expect(calc.run(first).计算过程).toEqual([]);
    expect((calc.run(first, { 计算过程: true }).计算过程 as unknown[]).length).toBeGreaterThan(5);
  });
});

describe("an input declared 默认 无", () => {
  const policy = compileAnalysis(
    analyze(["计算 算 {", "  输入 {", "    限额：金额，默认 无", "    费用：金额", "  }", "  输出 付 = 较大（费用 × 50%，限额）", "}", ""].join("\n"), "t.policy"),
  );

  it("read as a value while absent is a missing field naming it, not a crash", () => {
    const run = () => findCalculator(policy, "算")!.run({ 费用: 100 });
    expect(run).toThrow(InputError);
    expect(run).toThrow(/限额/);
    try {
      run();
    } catch (e) {
      expect((e as InputError).field).toBe("限额");
      expect((e as InputError).code).toBe("R102");
    }
    // 较大（100 × 50%，80）= 80.
    expect(findCalculator(policy, "算")!.run({ 费用: 100, 限额: 80 })).toMatchObject({ 付: "80.00" });
  });
});
