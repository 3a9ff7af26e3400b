import { Decimal, ZERO } from "./decimal.js";
import { formatRate } from "./money.js";

/** Stepped progression inside a slice: 「每增加 width 提高 increment」. */
export interface Step {
  width: Decimal;
  increment: Decimal;
}

/**
 * One slice of a marginal (累进) bracket. `lower: null` starts at 0 (amounts are never
 * negative); `upper: null` is open-ended. Inclusion flags matter only to `tier` and to
 * `validateSlices`; they never change lengths.
 */
export interface Slice {
  lower: Decimal | null;
  lowerInclusive: boolean;
  upper: Decimal | null;
  upperInclusive: boolean;
  /** For a stepped slice: the rate of the preceding slice; the k-th sub-slice pays rate + k × increment. */
  rate: Decimal;
  step?: Step;
}

/** A whole-amount (全额) tier: the value of the one tier containing x applies to all of x. */
export interface Tier<T> {
  lower: Decimal | null;
  lowerInclusive: boolean;
  upper: Decimal | null;
  upperInclusive: boolean;
  value: T;
}

/** One piece of a marginal computation, for the calculation trace. */
export interface MarginalPart {
  /** Start of the piece (exclusive). */
  从: Decimal;
  /** End of the piece (inclusive). */
  到: Decimal;
  比例: Decimal;
  /** 到 − 从. */
  金额: Decimal;
  /** 金额 × 比例, unrounded. */
  支付: Decimal;
  /** Bounds of the slice (or stepped sub-slice) the piece lies in; null: from 0 / open-ended. */
  下限: Decimal | null;
  上限: Decimal | null;
}

function lowerOf(s: Slice): Decimal {
  return s.lower === null ? ZERO : s.lower;
}

/** Σ_{k=1..n} (rate + k·inc)·width = width·(n·rate + inc·n(n+1)/2). */
function steppedFull(rate: Decimal, step: Step, n: Decimal): Decimal {
  return step.width.times(n.times(rate).plus(step.increment.times(n).times(n.plus(1)).div(2)));
}

/** Contribution of slice `s` for the part of (lower, min(upper, x)] of length t > 0. */
function sliceAmount(s: Slice, t: Decimal): Decimal {
  const step = s.step;
  if (step === undefined) return t.times(s.rate);
  const n = t.div(step.width).floor();
  const rem = t.minus(n.times(step.width));
  let sum = steppedFull(s.rate, step, n);
  if (!rem.isZero()) sum = sum.plus(rem.times(s.rate.plus(n.plus(1).times(step.increment))));
  return sum;
}

/**
 * F(x) = Σ rate × length((lower, upper] ∩ (−∞, x]) over the slices, stepped slices
 * expanded into their sub-slices. F(x) = 0 below the first slice.
 */
export function marginal(slices: readonly Slice[], x: Decimal): Decimal {
  let total = ZERO;
  for (let i = 0; i < slices.length; i++) {
    const s = slices[i];
    const lo = lowerOf(s);
    if (!x.gt(lo)) continue;
    const hi = s.upper !== null && s.upper.lt(x) ? s.upper : x;
    const t = hi.minus(lo);
    if (t.gt(ZERO)) total = total.plus(sliceAmount(s, t));
  }
  return total;
}

/** F(base + x) − F(base): the marginal amount for x on top of a year-to-date base. */
export function marginalOver(slices: readonly Slice[], base: Decimal, x: Decimal): Decimal {
  if (base.isZero()) return marginal(slices, x);
  return marginal(slices, base.plus(x)).minus(marginal(slices, base));
}

/**
 * The pieces of (base, base + x] as charged by the slices, stepped sub-slices listed
 * one by one, in increasing order; their 支付 sum to marginalOver(slices, base, x).
 * Meant for the calculation trace, not the hot path.
 */
export function marginalParts(slices: readonly Slice[], base: Decimal, x: Decimal): MarginalPart[] {
  const parts: MarginalPart[] = [];
  const end = base.plus(x);
  const push = (from: Decimal, to: Decimal, rate: Decimal, lower: Decimal | null, upper: Decimal | null) => {
    const a = from.gt(base) ? from : base;
    const b = to.lt(end) ? to : end;
    if (b.gt(a)) {
      const len = b.minus(a);
      parts.push({ 从: a, 到: b, 比例: rate, 金额: len, 支付: len.times(rate), 下限: lower, 上限: upper });
    }
  };
  for (const s of slices) {
    const lo = lowerOf(s);
    const hi = s.upper === null ? end : s.upper.lt(end) ? s.upper : end;
    if (!hi.gt(base) || !hi.gt(lo)) continue;
    if (s.step === undefined) {
      push(lo, hi, s.rate, s.lower, s.upper);
      continue;
    }
    const { width, increment } = s.step;
    // Jump straight to the first sub-slice that reaches past the base.
    let k = base.gt(lo) ? base.minus(lo).div(width).floor() : ZERO;
    let from = lo.plus(k.times(width));
    while (from.lt(hi)) {
      k = k.plus(1);
      const to = from.plus(width);
      push(from, to.lt(hi) ? to : hi, s.rate.plus(k.times(increment)), from, s.upper !== null && s.upper.lt(to) ? s.upper : to);
      from = to;
    }
  }
  return parts;
}

/** The value of the tier containing x, honouring inclusion flags; undefined if none does. */
export function tier<T>(tiers: readonly Tier<T>[], x: Decimal): T | undefined {
  const i = tierIndex(tiers, x);
  return i < 0 ? undefined : tiers[i].value;
}

/** The index of the tier containing x, honouring inclusion flags; −1 if none does. */
export function tierIndex(tiers: readonly Tier<unknown>[], x: Decimal): number {
  for (let i = 0; i < tiers.length; i++) {
    const t = tiers[i];
    if (t.lower !== null) {
      const c = x.cmp(t.lower);
      if (c < 0 || (c === 0 && !t.lowerInclusive)) continue;
    }
    if (t.upper !== null) {
      const c = x.cmp(t.upper);
      if (c > 0 || (c === 0 && !t.upperInclusive)) continue;
    }
    return i;
  }
  return -1;
}

/**
 * The smallest x ≥ 0 with F(x) ≥ target, or null if F never reaches it (bounded last
 * slice or zero rates). Exact up to the 40 significant digits of Decimal division.
 * Assumes non-negative (sub-)slice rates, so that F is non-decreasing.
 */
export function marginalInverse(slices: readonly Slice[], target: Decimal): Decimal | null {
  if (!target.gt(ZERO)) return ZERO;
  let acc = ZERO;
  for (let i = 0; i < slices.length; i++) {
    const s = slices[i];
    const lo = lowerOf(s);
    const need = target.minus(acc);
    if (s.upper !== null) {
      const whole = s.upper.gt(lo) ? sliceAmount(s, s.upper.minus(lo)) : ZERO;
      if (whole.lt(need)) {
        acc = acc.plus(whole);
        continue;
      }
    }
    const x = s.step === undefined ? solvePlain(s.rate, need) : solveStepped(s, need);
    if (x !== null) return lo.plus(x);
  }
  return null;
}

function solvePlain(rate: Decimal, need: Decimal): Decimal | null {
  if (!rate.gt(ZERO)) return null;
  return need.div(rate);
}

/**
 * Length into a stepped slice at which its amount first reaches `need` (> 0); null if it
 * never does. A bounded slice is known to reach it. An open-ended one reaches anything
 * unless its increment is negative, which caps it once the sub-slice rates hit zero.
 */
function solveStepped(s: Slice, need: Decimal): Decimal | null {
  const step = s.step as Step;
  const { width, increment } = step;
  const rate = s.rate;
  let maxN: Decimal | null = null;
  if (s.upper !== null) {
    maxN = s.upper.minus(lowerOf(s)).div(width).floor();
  } else if (increment.isZero()) {
    return solvePlain(rate, need);
  } else if (increment.isNeg()) {
    maxN = rate.div(increment.neg()).ceil().minus(1);
    if (maxN.lt(1) || steppedFull(rate, step, maxN).lt(need)) return null;
  }
  // F_full(n) = a·n² + b·n with a = inc·w/2, b = w·(rate + inc/2): estimate n in floating
  // point, then correct it exactly so that F_full(n) < need ≤ F_full(n + 1).
  const a = increment.times(width).div(2).toNumber();
  const b = width.times(rate.plus(increment.div(2))).toNumber();
  const c = need.toNumber();
  let est = a === 0 ? c / b : (-b + Math.sqrt(b * b + 4 * a * c)) / (2 * a);
  if (!Number.isFinite(est) || est < 0) est = 0;
  let n = new Decimal(Math.floor(est));
  if (maxN !== null && n.gt(maxN)) n = maxN;
  while (n.gt(ZERO) && !steppedFull(rate, step, n).lt(need)) n = n.minus(1);
  while ((maxN === null || n.lt(maxN)) && steppedFull(rate, step, n.plus(1)).lt(need)) n = n.plus(1);
  const r = rate.plus(n.plus(1).times(increment));
  if (!r.gt(ZERO)) return null;
  return n.times(width).plus(need.minus(steppedFull(rate, step, n)).div(r));
}

export type SliceProblemKind = "order" | "gap" | "overlap" | "rate" | "step";

export interface SliceProblem {
  kind: SliceProblemKind;
  /** 0-based index of the slice the problem is reported on. */
  index: number;
  /** One Chinese sentence, e.g. 「第1段与第2段之间有空档：10000 至 12000 不属于任何一段」. */
  message: string;
}

interface Interval {
  lower: Decimal | null;
  lowerInclusive: boolean;
  upper: Decimal | null;
  upperInclusive: boolean;
  rate?: Decimal;
  step?: Step;
}

/**
 * Problems with a list of slices or tiers, in order: a slice whose upper bound is not
 * above its lower bound, gaps and overlaps between neighbours (including a single shared
 * boundary point claimed by both or by neither), negative rates and bad steps.
 * An empty list means the slices partition [first lower, last upper] in increasing order.
 */
export function validateSlices(slices: readonly Interval[]): SliceProblem[] {
  const out: SliceProblem[] = [];
  const n = (i: number) => `第${i + 1}段`;
  for (let i = 0; i < slices.length; i++) {
    const s = slices[i];
    if (s.lower !== null && s.upper !== null && !s.upper.gt(s.lower)) {
      out.push({
        kind: "order",
        index: i,
        message: `${n(i)}的上限 ${s.upper.toString()} 不大于下限 ${s.lower.toString()}`,
      });
    }
    if (s.rate !== undefined && s.rate.isNeg() && !s.rate.isZero()) {
      out.push({ kind: "rate", index: i, message: `${n(i)}的比例 ${formatRate(s.rate)} 为负数` });
    }
    if (s.step !== undefined) {
      if (!s.step.width.gt(ZERO)) {
        out.push({ kind: "step", index: i, message: `${n(i)}的递增步长 ${s.step.width.toString()} 应大于 0` });
      } else if (s.rate !== undefined && s.upper !== null && s.lower !== null && s.upper.gt(s.lower)) {
        const k = s.upper.minus(s.lower).div(s.step.width).ceil();
        const last = s.rate.plus(k.times(s.step.increment));
        if (last.isNeg() && !last.isZero()) {
          out.push({ kind: "rate", index: i, message: `${n(i)}递增后的比例 ${formatRate(last)} 为负数` });
        }
      }
    }
    if (i === 0) continue;
    const p = slices[i - 1];
    if (p.upper === null) {
      out.push({ kind: "overlap", index: i, message: `${n(i - 1)}没有上限，与${n(i)}重叠` });
      continue;
    }
    if (s.lower === null) {
      out.push({ kind: "overlap", index: i, message: `${n(i)}没有下限，与${n(i - 1)}重叠` });
      continue;
    }
    const c = p.upper.cmp(s.lower);
    const a = p.upper.toString();
    const b = s.lower.toString();
    if (c < 0) {
      out.push({ kind: "gap", index: i, message: `${n(i - 1)}与${n(i)}之间有空档：${a} 至 ${b} 不属于任何一段` });
    } else if (c > 0) {
      out.push({ kind: "overlap", index: i, message: `${n(i - 1)}与${n(i)}重叠：${b} 至 ${a} 同时属于两段` });
    } else if (p.upperInclusive && s.lowerInclusive) {
      out.push({ kind: "overlap", index: i, message: `${n(i - 1)}与${n(i)}都包含 ${a}` });
    } else if (!p.upperInclusive && !s.lowerInclusive) {
      out.push({ kind: "gap", index: i, message: `${n(i - 1)}与${n(i)}都不包含 ${a}，该金额不属于任何一段` });
    }
  }
  return out;
}
