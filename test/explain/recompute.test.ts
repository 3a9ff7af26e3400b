// Issue 9, item 1: the numbers of every explanation add up. For every calculator of every seed
// policy, seeded plausible cases (the `zhengce sample` generator) are run with the explanation,
// and the auditor (audit.ts) recomputes every money output from the 计算过程 alone.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { loadView } from "../../packages/compiler/src/report/view.js";
import { sampler, SampleError, type Sampler } from "../../packages/compiler/src/report/sample.js";
import { ROOT, notices } from "../fuzz/support.js";
import { audit } from "./audit.js";

const CASES = 120;

describe.each(notices.map((n) => n.name))("%s", (policy) => {
  const view = loadView(join(ROOT, policy));
  it.each(view.compiled.calculators.map((c) => c.name))("%s: every money output recomputed from its steps", (name) => {
    const calc = view.compiled.calculators.find((c) => c.name === name)!;
    let draw: Sampler;
    try {
      draw = sampler(view, calc, { seed: `explain-${name}` });
    } catch (e) {
      // An amendment's year outside the calculator's own period (2018.policy's 2017-only rules): no case to run.
      expect(e).toBeInstanceOf(SampleError);
      expect((e as Error).message).toMatch(/日期范围 .* 是空的/);
      return;
    }
    const outputs = new Set<string>();
    for (let i = 0; i < CASES; i++) {
      const input = draw.next();
      const result = calc.run(input, { 计算过程: true });
      try {
        for (const o of audit(result, input).checked) outputs.add(o);
      } catch (e) {
        throw new Error(`${JSON.stringify(input)}\n${(e as Error).message}`);
      }
    }
    // Every money output the calculator produced in any case was checked (audit() throws on one it cannot redo).
    const money = Object.entries((calc.outputSchema as { properties: Record<string, unknown> }).properties)
      .filter(([, p]) => JSON.stringify(p).includes(`"x-zhengce-type":"金额"`))
      .map(([n]) => n);
    for (const m of money) expect(outputs, `输出「${m}」`).toContain(m);
  });
});

describe("the auditor catches an explanation that does not add up", () => {
  const view = loadView(join(ROOT, "policies/jiangmen/base.policy"));
  const calc = view.compiled.calculators.find((c) => c.name === "住院结算")!;
  // 职工退休 三级 80 000: 二档 over two slices, 统筹 under its cap.
  const input = { 日期: "2018-06-01", 参保身份: "职工退休", 医院级别: "三级", 政策范围内费用: "80000", 连续缴费月数: 36 };
  // A copy: results are frozen.
  const fresh = () => structuredClone(calc.run(input, { 计算过程: true })) as Record<string, unknown> & { 计算过程: Record<string, unknown>[] };
  const tamper = (kind: string, edit: (s: Record<string, unknown>) => void) => {
    const r = fresh();
    edit(r.计算过程.find((s) => s.kind === kind)!);
    return () => audit(r, input);
  };

  it("accepts the untouched explanation", () => {
    expect(audit(fresh(), input).checked).toEqual(["起付标准", "统筹支付", "二档支付", "大病支付", "个人负担"]);
  });
  it("a slice's amount", () => expect(tamper("slice", (s) => (s.金额 = "2500.01"))).toThrow(/金额应为 2500/));
  it("a slice left out of its bracket", () => {
    const r = fresh();
    r.计算过程.splice(r.计算过程.findIndex((s) => s.kind === "slice"), 1);
    expect(() => audit(r, input)).toThrow(/各段合计/);
  });
  it("the argument 较小 took", () => expect(tamper("min", (s) => (s.取 = 1))).toThrow(/第2项不是所取的值/));
  it("a modifier's result", () => expect(tamper("modifier", (s) => (s.修正后 = "801"))).toThrow(/算式得 800/));
  it("an output that is not what its steps give", () => {
    const r = fresh();
    r.统筹支付 = "47520.01";
    expect(() => audit(r, input)).toThrow(/输出「统筹支付」/);
  });
});
