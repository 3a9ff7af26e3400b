// Hand-written 江门 住院结算 (contract §1) used as the yardstick for the compiled calculator:
// one in exact integer cents (the speed target), one in decimal.js (what hand-written exact code
// usually looks like). Both must agree with the compiled calculator; the benchmark checks that.
import { D, type Decimal } from "@zhengce/runtime";

export interface Claim {
  参保身份: "城乡居民" | "职工在职" | "职工退休";
  医院级别: "一级及以下" | "二级" | "三级" | "非定点";
  政策范围内费用: string;
  连续缴费月数: number;
  特殊人群: string[];
}

/** The same seeded claims every run: every identity, level and special group, costs up to 50万元. */
export function claims(n: number): Claim[] {
  let seed = 20180101;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  return Array.from({ length: n }, () => ({
    参保身份: pick(["城乡居民", "职工在职", "职工退休"] as const),
    医院级别: pick(["一级及以下", "二级", "三级", "非定点"] as const),
    政策范围内费用: (Math.floor(rnd() * 50000000) / 100).toFixed(2),
    连续缴费月数: Math.floor(rnd() * 40),
    特殊人群: rnd() < 0.1 ? [pick(["特困供养", "低保", "建档立卡"])] : [],
  }));
}

const DEDUCTIBLE = { 一级及以下: 50000, 二级: 60000, 三级: 90000, 非定点: 150000 } as const;
const RATE_BP = { 一级及以下: 8500, 二级: 8000, 三级: 5500, 非定点: 4000 } as const;

/** round(a × bp / 10000) half-up, for a ≥ 0 in cents and bp in basis points. */
const mulRate = (cents: number, bp: number) => Math.floor((cents * bp + 5000) / 10000);

function marginalCents(slices: [number, number | null, number][], base: number, x: number): number {
  // Σ slices of (base, base + x], in cents × bp, exact in integers (kept under 2^53 for these ranges).
  let total = 0;
  const lo = base;
  const hi = base + x;
  for (const [a, b, bp] of slices) {
    const top = b === null ? hi : Math.min(b, hi);
    const bottom = Math.max(a, lo);
    if (top > bottom) total += (top - bottom) * bp;
  }
  return Math.floor((total + 5000) / 10000);
}

export function inpatientCents(c: Claim): Record<string, string> {
  const cost = Math.round(Number(c.政策范围内费用) * 100);
  const retired = c.参保身份 === "职工退休";
  const worker = c.参保身份 !== "城乡居民";
  const special = c.特殊人群;
  const tekun = special.includes("特困供养");
  const poor = special.includes("低保") || special.includes("建档立卡");
  let deductible: number = DEDUCTIBLE[c.医院级别];
  if (retired) deductible = Math.max(deductible - 10000, 0);
  if (tekun) deductible = 0;
  let rate: number = RATE_BP[c.医院级别];
  if (retired) rate += 500;
  if (tekun && c.医院级别 === "一级及以下") rate += 1000;
  rate = Math.min(rate, 10000);
  const factor = c.连续缴费月数 <= 12 ? 5000 : c.连续缴费月数 <= 24 ? 7000 : 10000;
  let rest = Math.max(cost - deductible, 0);
  const pool = Math.min(mulRate(rest, rate), mulRate(20000000, factor));
  rest = Math.max(rest - pool, 0);
  let second = 0;
  if (worker) {
    const off = c.医院级别 === "非定点" ? 1000 : 0;
    second = Math.min(marginalCents([[0, 500000, 5000 - off], [500000, 20000000, 8500 - off], [20000000, null, 9000 - off]], 0, rest), mulRate(20000000, factor));
  }
  rest = Math.max(rest - second, 0);
  const threshold = tekun ? 200000 : poor ? 300000 : 1000000;
  const up = (tekun ? 2000 : poor ? 1000 : 0) - (c.医院级别 === "非定点" ? 1000 : 0);
  let serious = marginalCents([[threshold, 12000000, 6000 + up], [12000000, null, 7000 + up]], 0, rest);
  if (!tekun && !poor) serious = Math.min(serious, mulRate(24000000, factor));
  const fmt = (x: number) => (x / 100).toFixed(2);
  return { 起付标准: fmt(deductible), 统筹支付: fmt(pool), 二档支付: fmt(second), 大病支付: fmt(serious), 个人负担: fmt(cost - pool - second - serious) };
}

const dec = (slices: [string, string | null, string][]) => slices.map(([a, b, r]) => [D(a), b === null ? null : D(b), D(r)] as const);

function marginalDecimal(slices: readonly (readonly [Decimal, Decimal | null, Decimal])[], x: Decimal): Decimal {
  let total = D(0);
  for (const [a, b, r] of slices) {
    const top = b === null ? x : Decimal_min(b, x);
    if (top.gt(a)) total = total.plus(top.minus(a).times(r));
  }
  return total;
}
const Decimal_min = (a: Decimal, b: Decimal) => (a.lt(b) ? a : b);
const Decimal_max = (a: Decimal, b: Decimal) => (a.gt(b) ? a : b);
const r2 = (d: Decimal) => d.toDecimalPlaces(2);

export function inpatientDecimal(c: Claim): Record<string, string> {
  const cost = D(c.政策范围内费用);
  const retired = c.参保身份 === "职工退休";
  const tekun = c.特殊人群.includes("特困供养");
  const poor = c.特殊人群.includes("低保") || c.特殊人群.includes("建档立卡");
  let deductible = D(DEDUCTIBLE[c.医院级别]).div(100);
  if (retired) deductible = Decimal_max(deductible.minus(100), D(0));
  if (tekun) deductible = D(0);
  let rate = D(RATE_BP[c.医院级别]).div(10000);
  if (retired) rate = rate.plus("0.05");
  if (tekun && c.医院级别 === "一级及以下") rate = rate.plus("0.1");
  rate = Decimal_min(rate, D(1));
  const factor = D(c.连续缴费月数 <= 12 ? "0.5" : c.连续缴费月数 <= 24 ? "0.7" : "1");
  let rest = Decimal_max(cost.minus(deductible), D(0));
  const pool = Decimal_min(r2(rest.times(rate)), D(200000).times(factor));
  rest = Decimal_max(rest.minus(pool), D(0));
  let second = D(0);
  if (c.参保身份 !== "城乡居民") {
    const off = c.医院级别 === "非定点" ? "0.1" : "0";
    second = Decimal_min(r2(marginalDecimal(dec([["0", "5000", "0.5"], ["5000", "200000", "0.85"], ["200000", null, "0.9"]]).map(([a, b, r]) => [a, b, r.minus(off)] as const), rest)), D(200000).times(factor));
  }
  rest = Decimal_max(rest.minus(second), D(0));
  const threshold = tekun ? "2000" : poor ? "3000" : "10000";
  const up = D(tekun ? "0.2" : poor ? "0.1" : "0").minus(c.医院级别 === "非定点" ? "0.1" : "0");
  let serious = r2(marginalDecimal(dec([[threshold, "120000", "0.6"], ["120000", null, "0.7"]]).map(([a, b, r]) => [a, b, r.plus(up)] as const), rest));
  if (!tekun && !poor) serious = Decimal_min(serious, D(240000).times(factor));
  return {
    起付标准: deductible.toFixed(2),
    统筹支付: pool.toFixed(2),
    二档支付: second.toFixed(2),
    大病支付: serious.toFixed(2),
    个人负担: cost.minus(pool).minus(second).minus(serious).toFixed(2),
  };
}
