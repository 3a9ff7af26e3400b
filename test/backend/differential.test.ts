// Differential test (issue 7, item 4, as far as it goes today): the compiled 江门 住院结算 — the
// decimal path, the only one until the integer path exists — against the independent hand-written
// integer-cent implementation of contract §1, on a seeded random sample and at the edges: each
// 起付标准, each slice boundary of 二档 and 大病 and each cap, a cent either side. The hand-written
// code multiplies cents by basis points in binary floating point, which is exact only while the
// product stays below 2^53, so the sample stops at 9 × 10^9 元; above that (up to the declared
// maximum of 10^12 元) the compiled calculator is checked against BigInt arithmetic by hand below.
// ZHENGCE_DIFF_RUNS sets the sample size (300 by default).
import { resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findCalculator, loadPolicy } from "../../packages/compiler/src/load.js";
import { inpatientCents, type Claim } from "../../packages/compiler/src/bench/inpatient-baselines.js";

const RUNS = Number(process.env.ZHENGCE_DIFF_RUNS ?? 300);
const calcP = loadPolicy(resolve("policies/jiangmen/base.policy")).then((p) => findCalculator(p, "住院结算")!);

const identity = fc.constantFrom("城乡居民", "职工在职", "职工退休") as fc.Arbitrary<Claim["参保身份"]>;
const level = fc.constantFrom("一级及以下", "二级", "三级", "非定点") as fc.Arbitrary<Claim["医院级别"]>;
const special = fc.oneof(fc.constant([] as string[]), fc.constantFrom("特困供养", "低保", "建档立卡").map((x) => [x]));
const months = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constantFrom(12, 13, 24, 25));

/** Costs where the rules turn: 起付标准 (and −100 for 职工退休), the slices of 二档 and 大病 and the caps reached from them. */
const EDGES = [0, 400, 500, 600, 800, 900, 1400, 1500, 5000, 10000, 120000, 200000, 240000, 300000, 400000, 500000, 1000000];
const cents = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 100_000_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 900_000_000_000 }) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...EDGES), fc.integer({ min: -200, max: 200 }), fc.constantFrom(...EDGES)).map(([a, d, b]) => Math.max(0, (a + b) * 100 + d)) },
);
const claim = fc.record({ 参保身份: identity, 医院级别: level, 政策范围内费用: cents.map((c) => (c / 100).toFixed(2)), 连续缴费月数: months, 特殊人群: special });

describe("住院结算: compiled (decimal) against hand-written integer cents", () => {
  it(`agrees to the cent on ${RUNS} seeded claims and at the rules' edges`, async () => {
    const calc = await calcP;
    fc.assert(
      fc.property(claim, (c) => {
        const got = calc.run(c, { 计算过程: false });
        const want = inpatientCents(c);
        for (const k of Object.keys(want)) if (got[k] !== want[k]) throw new Error(`${k}: compiled ${got[k]}, hand-written ${want[k]}`);
      }),
      { seed: 20180101, numRuns: RUNS },
    );
  });

  it("exact at the declared maximum of 10^12 元, where binary floating point is not", async () => {
    const calc = await calcP;
    // 城乡居民 一级及以下, 36 months: 起付 500; 统筹 = min((10^12 − 500) × 85%, 200000) = 200000;
    // 自付 = 10^12 − 500 − 200000; 大病 = min(110000 × 60% + (自付 − 120000) × 70%, 240000) = 240000;
    // 个人负担 = 10^12 − 200000 − 240000 = 999999560000.00.
    const cost = 10n ** 12n;
    const r = calc.run({ 参保身份: "城乡居民", 医院级别: "一级及以下", 政策范围内费用: cost.toString(), 连续缴费月数: 36 }, { 计算过程: false });
    expect(r).toMatchObject({ 起付标准: "500.00", 统筹支付: "200000.00", 二档支付: "0.00", 大病支付: "240000.00", 个人负担: `${cost - 440000n}.00` });
    // 0.01 元 below it: every digit still counts.
    const r2 = calc.run({ 参保身份: "城乡居民", 医院级别: "一级及以下", 政策范围内费用: "999999999999.99", 连续缴费月数: 36 }, { 计算过程: false });
    expect(r2.个人负担).toBe("999999559999.99");
    expect(() => calc.run({ 参保身份: "城乡居民", 医院级别: "一级及以下", 政策范围内费用: "1000000000000.01", 连续缴费月数: 36 })).toThrow(/政策范围内费用/);
  });
});
