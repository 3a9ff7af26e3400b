import { D, Decimal, HUNDRED, ONE, ZERO } from "./decimal.js";
import { InputError, shouldBe, showValue, subjectOf } from "./errors.js";

export const MONEY_EXPECTED = "不小于 0 的金额（元，最多两位小数）";
export const RATE_EXPECTED = "0 到 1 之间的比例（如 0.85 或 \"85%\"）";

const MONEY_TEXT = /^\d+(?:\.\d{1,2})?$/;
const RATE_TEXT = /^(\d+(?:\.\d+)?)(%?)$/;

/** What a money field accepts, with its declared maximum when it has one. */
export function moneyExpected(max?: Decimal): string {
  return max === undefined ? MONEY_EXPECTED : `0 到 ${max.toFixed()} 元之间的金额（最多两位小数）`;
}

function moneyError(field: string, value: unknown, max?: Decimal, code: "R107" | "R113" = "R107"): InputError {
  const expected = moneyExpected(max);
  return new InputError(field, (f) => `${subjectOf(f)}${shouldBe(expected)}，收到 ${showValue(value)}`, expected, code);
}

function rateError(field: string, value: unknown): InputError {
  return new InputError(
    field,
    (f) => `${subjectOf(f)}${shouldBe(RATE_EXPECTED)}，收到 ${showValue(value)}`,
    RATE_EXPECTED,
    "R108",
  );
}

function isDecimalLike(v: unknown): v is Decimal {
  return typeof v === "object" && v !== null && Decimal.isDecimal(v);
}

/**
 * A money amount in yuan from JSON: a number or a decimal string with at most two
 * decimals (full-width digits accepted), not above `max` when one is declared. Throws
 * InputError naming `field` otherwise: an amount beyond the maximum is refused, never
 * computed with lost digits.
 */
export function parseMoney(value: unknown, field: string, max?: Decimal): Decimal {
  let d: Decimal;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw moneyError(field, value, max);
    // String(n) is the shortest text that round-trips, e.g. 0.1 → "0.1", 1e21 → "1e+21".
    d = new Decimal(String(value));
  } else if (typeof value === "string") {
    const text = value.normalize("NFKC").trim();
    if (!MONEY_TEXT.test(text)) throw moneyError(field, value, max);
    d = new Decimal(text);
  } else if (isDecimalLike(value)) {
    if (!value.isFinite()) throw moneyError(field, value, max);
    d = D(value);
  } else {
    throw moneyError(field, value, max);
  }
  if (d.isNeg()) {
    if (d.isZero()) return ZERO;
    throw moneyError(field, value, max);
  }
  if (d.decimalPlaces() > 2) throw moneyError(field, value, max);
  if (max !== undefined && d.gt(max)) throw moneyError(field, value, max, "R113");
  return d;
}

/**
 * A fraction from JSON: a number in [0, 1], a string fraction ("0.85") or a percentage
 * ("85%", full-width accepted). Rates above 100% are refused because a bare 85 almost
 * always means 85%, and silently reading it as 8500% would be far worse than an error.
 */
export function parseRate(value: unknown, field: string): Decimal {
  let d: Decimal;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw rateError(field, value);
    d = new Decimal(String(value));
  } else if (typeof value === "string") {
    const m = RATE_TEXT.exec(value.normalize("NFKC").trim());
    if (m === null) throw rateError(field, value);
    d = new Decimal(m[1]);
    if (m[2] === "%") d = d.div(HUNDRED);
  } else if (isDecimalLike(value)) {
    if (!value.isFinite()) throw rateError(field, value);
    d = D(value);
  } else {
    throw rateError(field, value);
  }
  if (d.isNeg() && !d.isZero()) throw rateError(field, value);
  if (d.gt(ONE)) throw rateError(field, value);
  return d.isZero() ? ZERO : d;
}

/** Half-up to the cent (0.005 → 0.01, −0.005 → −0.01); never returns −0. */
export function roundMoney(d: Decimal): Decimal {
  const r = d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return r.isZero() ? ZERO : r;
}

/** "12345.60": rounded half-up to the cent, exactly two decimals, never "-0.00". */
export function formatMoney(d: Decimal): string {
  // The explanation formats every value it shows: whole cents read off the digits, else one rounding.
  if (d.decimalPlaces() <= 2) return centsText(d.toFixed())!;
  const s = d.toFixed(2, Decimal.ROUND_HALF_UP);
  return s === "-0.00" ? "0.00" : s;
}

/** A canonical decimal (no leading zeros) with at most two decimals as money (formatMoney's text), else null. */
export function centsText(v: string): string | null {
  const m = /^(-?)(0|[1-9]\d*)(?:\.(\d{1,2}))?$/.exec(v);
  if (m === null) return null;
  const s = `${m[1]}${m[2]}.${(m[3] ?? "").padEnd(2, "0")}`;
  return s === "-0.00" ? "0.00" : s;
}


/** A fraction as a percentage without trailing zeros: 0.85 → "85%", 0.025 → "2.5%" (at most 4 decimals). */
export function formatRate(d: Decimal): string {
  // Up to six decimals the percentage is the same digits, shifted (no rounding to do).
  if (d.decimalPlaces() <= 6) return percentText(d.toFixed())!;
  const p = d.times(HUNDRED).toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
  return (p.isZero() ? "0" : p.toFixed()) + "%";
}

/** A canonical decimal fraction with at most six decimals as a percentage (formatRate's text), else null. */
export function percentText(v: string): string | null {
  const m = /^(-?)(0|[1-9]\d*)(?:\.(\d{1,6}))?$/.exec(v);
  if (m === null) return null;
  const frac = (m[3] ?? "").padEnd(2, "0");
  const whole = (m[2] + frac.slice(0, 2)).replace(/^0+(?=\d)/, "");
  const rest = frac.slice(2).replace(/0+$/, "");
  const text = rest ? `${whole}.${rest}` : whole;
  return `${m[1] && text !== "0" ? "-" : ""}${text}%`;
}

/** max(d, 0). */
export function pos(d: Decimal): Decimal {
  return d.gt(ZERO) ? d : ZERO;
}

/** The smallest of the limits; null means "no limit" and is ignored. All null → null. */
export function minOf(...xs: (Decimal | null)[]): Decimal | null {
  let m: Decimal | null = null;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (x !== null && (m === null || x.lt(m))) m = x;
  }
  return m;
}

/** The largest argument (returned as-is, not copied). */
export function maxOf(...xs: Decimal[]): Decimal {
  if (xs.length === 0) throw new RangeError("maxOf needs at least one argument");
  let m = xs[0];
  for (let i = 1; i < xs.length; i++) if (xs[i].gt(m)) m = xs[i];
  return m;
}

/** 合计: the sum of a list (0 for none). */
export function sumOf(xs: readonly Decimal[]): Decimal {
  let s = ZERO;
  for (const x of xs) s = s.plus(x);
  return s;
}

/** 个数: how many items a list or set has. */
export function countOf(xs: readonly unknown[]): Decimal {
  return D(xs.length);
}

/**
 * a ÷ b: the quotient to 40 significant digits, half-up (the precision of every Decimal here);
 * a money step then rounds it to the cent. Dividing by 0 has no meaning: an error, not Infinity.
 */
export function divide(a: Decimal, b: Decimal): Decimal {
  if (b.isZero()) throw new InputError("", "除法的除数为 0，无法计算：请检查作为除数的输入", "不为 0 的除数", "R120");
  return a.div(b);
}

/** Clamp a rate to [0, 1]. */
export function clampRate(d: Decimal): Decimal {
  if (d.lt(ZERO)) return ZERO;
  if (d.gt(ONE)) return ONE;
  return d;
}
