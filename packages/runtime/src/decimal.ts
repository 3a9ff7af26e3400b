import { Decimal as DecimalJs } from "decimal.js";

/**
 * decimal.js configured once for money: 40 significant digits is far beyond any
 * amount in yuan, so intermediate products never lose cents; half-up matches
 * how settlement systems round 0.005 (away from zero).
 * Exponent thresholds are widened so `toString()` never prints "1e+21"-style text.
 */
export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Decimal = DecimalJs;

export function D(x: string | number | DecimalJs): Decimal {
  // decimal.js clones share one prototype, so `instanceof` also accepts another clone's
  // instances; those would keep that clone's precision, hence the constructor check.
  return typeof x === "object" && x.constructor === Decimal ? x : new Decimal(x);
}

export const ZERO: Decimal = new Decimal(0);
export const ONE: Decimal = new Decimal(1);
export const HUNDRED: Decimal = new Decimal(100);
