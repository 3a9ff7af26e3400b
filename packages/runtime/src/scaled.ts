// The exact integer path (issue 7): a number v at scale s is the JavaScript integer v × 10^s.
// The compiler's range analysis proves, per calculator, that every value stays within ±2^53 − 1
// at its scale, so +, −, × and comparisons on these integers are exact; what needs a rule —
// rounding, brackets, the conversions in and out — is defined here, with the same meaning as the
// decimal.js operations it mirrors (roundMoney, marginal, marginalOver, tier, formatMoney).
import { Decimal } from "./decimal.js";

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** The Decimal of an integer at scale s (accumulators, rates shown in the trace). */
export function fromScaled(v: number, s: number): Decimal {
  // Read as written ("12345e-2"): a shift, not a division.
  return s === 0 ? new Decimal(v) : new Decimal(`${v}e-${s}`);
}

/**
 * A number recorded for the explanation, as the decimal path holds it: the integer path records
 * an integer at scale s, the decimal path its Decimal (kept); null (无) stays null.
 */
export function fromScaledValue(v: unknown, s: number): Decimal | null {
  return typeof v === "number" ? fromScaled(v, s) : (v as Decimal | null);
}

/** v / d rounded half-up (ties away from zero, as roundMoney), for d a power of ten. */
export function roundScaled(v: number, d: number): number {
  if (v < 0) return -roundScaled(-v, d);
  const r = v % d;
  const q = (v - r) / d;
  return r * 2 >= d ? q + 1 : q + 0;
}

/** ".00" … ".99": formatting is most of what a case costs on the integer path, this table a third of it. */
const CENTS = Array.from({ length: 100 }, (_, i) => (i < 10 ? ".0" : ".") + i);

/** "12345.60" from an amount at scale s: half-up to the cent, exactly two decimals, never "-0.00". */
export function formatScaled(v: number, s: number): string {
  const cents = s > 2 ? roundScaled(v, POW10[s - 2]) : s === 2 ? v : v * POW10[2 - s];
  if (cents === 0) return "0.00";
  const a = cents < 0 ? -cents : cents;
  const frac = a % 100;
  const text = (a - frac) / 100 + CENTS[frac];
  return cents < 0 ? "-" + text : text;
}

/** A nullable value (无 = no limit) at a scale k decimals larger. */
export function rescaleNullable(v: number | null, k: number): number | null {
  return v === null ? null : v * POW10[k];
}

/** 较小 over limits where null is "no limit": the smallest non-null, or null. */
export function minOfScaled(...xs: (number | null)[]): number | null {
  let m: number | null = null;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (x !== null && (m === null || x < m)) m = x;
  }
  return m;
}

/** A slice of a marginal bracket: bounds and step width at the bracket's bound scale, rate and increment at its rate scale. */
export interface ScaledSlice {
  lower: number | null;
  lowerInclusive: boolean;
  upper: number | null;
  upperInclusive: boolean;
  rate: number;
  step?: { width: number; increment: number };
}

/** A whole-amount tier: bounds at the bracket's bound scale. */
export interface ScaledTier<T> {
  lower: number | null;
  lowerInclusive: boolean;
  upper: number | null;
  upperInclusive: boolean;
  value: T;
}

/** Σ_{k=1..n} (rate + k·inc)·width, as `marginal`'s steppedFull. */
function steppedFull(rate: number, width: number, inc: number, n: number): number {
  return width * (n * rate + (inc * n * (n + 1)) / 2);
}

/** The amount of slice s over a length t > 0 (at the bound scale); the result is at bound + rate scale. */
function sliceAmount(s: ScaledSlice, t: number): number {
  const step = s.step;
  if (step === undefined) return t * s.rate;
  const rem = t % step.width;
  const n = (t - rem) / step.width;
  let sum = steppedFull(s.rate, step.width, step.increment, n);
  if (rem !== 0) sum += rem * (s.rate + (n + 1) * step.increment);
  return sum;
}

/** `marginal` on scaled integers: x at the bound scale, the result at bound + rate scale. */
export function marginalScaled(slices: readonly ScaledSlice[], x: number): number {
  let total = 0;
  for (let i = 0; i < slices.length; i++) {
    const s = slices[i];
    const lo = s.lower === null ? 0 : s.lower;
    if (!(x > lo)) continue;
    const hi = s.upper !== null && s.upper < x ? s.upper : x;
    const t = hi - lo;
    if (t > 0) total += sliceAmount(s, t);
  }
  return total;
}

/** F(base + x) − F(base), as `marginalOver`. */
export function marginalOverScaled(slices: readonly ScaledSlice[], base: number, x: number): number {
  if (base === 0) return marginalScaled(slices, x);
  return marginalScaled(slices, base + x) - marginalScaled(slices, base);
}

/** `tier` on scaled integers: x at the bound scale. */
export function tierScaled<T>(tiers: readonly ScaledTier<T>[], x: number): T | undefined {
  for (let i = 0; i < tiers.length; i++) {
    const t = tiers[i];
    if (t.lower !== null && (x < t.lower || (x === t.lower && !t.lowerInclusive))) continue;
    if (t.upper !== null && (x > t.upper || (x === t.upper && !t.upperInclusive))) continue;
    return t.value;
  }
  return undefined;
}
