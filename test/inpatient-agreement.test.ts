// The compiled 江门 住院结算 agrees with an independent hand-written implementation of
// contract §1 in integer cents, on a few thousand generated claims.
import { describe, expect, it } from "vitest";
import { resolve } from "node:path";
import { findCalculator, loadPolicy } from "../packages/compiler/src/load.js";
import { inpatientCents, inpatientDecimal, type Claim } from "../packages/compiler/src/bench/inpatient-baselines.js";

function claims(n: number): Claim[] {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  return Array.from({ length: n }, () => ({
    参保身份: pick(["城乡居民", "职工在职", "职工退休"] as const),
    医院级别: pick(["一级及以下", "二级", "三级", "非定点"] as const),
    政策范围内费用: (Math.floor(rnd() * (rnd() < 0.5 ? 2000000 : 60000000)) / 100).toFixed(2),
    连续缴费月数: Math.floor(rnd() * 40),
    特殊人群: rnd() < 0.3 ? [pick(["特困供养", "低保", "建档立卡"])] : [],
  }));
}

describe("住院结算 against hand-written implementations", () => {
  it("gives the same five amounts on 3000 generated claims", async () => {
    const policy = await loadPolicy(resolve("policies/jiangmen/base.policy"));
    const calc = findCalculator(policy, "住院结算")!;
    for (const c of claims(3000)) {
      const got = calc.run(c, { 计算过程: false });
      const want = inpatientCents(c);
      for (const k of Object.keys(want)) expect([k, got[k]]).toEqual([k, want[k]]);
      expect(inpatientDecimal(c)).toEqual(want);
    }
  });
});
