import { D, type Decimal } from "./decimal.js";
import { InputError } from "./errors.js";

/** One time version of a parameter: in force from `from` to `to` (both inclusive, either open). */
export interface Version<T> {
  from?: string;
  to?: string;
  value: T;
}

const covers = (v: { from?: string; to?: string }, date: string) =>
  (v.from === undefined || v.from <= date) && (v.to === undefined || date <= v.to);

/**
 * The version in force on `date`; with no date, the newest version (latest start).
 * A date no version covers is bad input naming 「日期」.
 */
export function pickVersion<T>(versions: readonly Version<T>[], date: string | null, name: string): T {
  const i = versionIndex(versions, date);
  if (i >= 0) return versions[i].value;
  const spans = versions.map((v) => `${v.from ?? "…"} 至 ${v.to ?? "今"}`).join("、");
  throw new InputError("日期", `字段「日期」为 ${date}，但「${name}」只在 ${spans} 有规定`, "政策规定的时间范围内的日期", "R117");
}

/** The index of the version in force on `date` (no date: the newest); −1 when none is. */
export function versionIndex(versions: readonly { from?: string; to?: string }[], date: string | null): number {
  if (date === null) return versions.length - 1;
  for (let i = versions.length - 1; i >= 0; i--) if (covers(versions[i], date)) return i;
  return -1;
}

/** A date outside the calculator's period of validity is bad input naming 「日期」. */
export function checkValidity(date: string | null, from: string | undefined, to: string | undefined, calculator: string): void {
  if (date === null || covers({ from, to }, date)) return;
  const span = to === undefined ? `自 ${from} 起` : from === undefined ? `至 ${to} 止` : `自 ${from} 至 ${to}`;
  throw new InputError("日期", `字段「日期」为 ${date}，而「${calculator}」的规则${span}有效`, "有效期内的日期", "R117");
}

/** Date arithmetic needs a date: an absent 日期 is bad input. */
export function requireDate(date: string | null): string {
  if (date === null) throw new InputError("日期", "缺少字段「日期」：此项计算与日期有关", "YYYY-MM-DD 格式的日期", "R118");
  return date;
}

function parts(date: string): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}
const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** `date` plus `months` calendar months; the day is kept, or the month's last day if shorter (1月31日 + 1个月 = 2月28/29日). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return iso(ny, nm, Math.min(d, daysIn(ny, nm)));
}

/** 次月1日: the first day of the month after `date`. */
export function firstOfNextMonth(date: string): string {
  const [y, m] = parts(date);
  return m === 12 ? iso(y + 1, 1, 1) : iso(y, m + 1, 1);
}

/** Whole calendar months from `from` to `to` (negative when `to` is earlier); a month counts once its day is reached. */
export function monthsBetween(from: string, to: string): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  let n = (y2 - y1) * 12 + (m2 - m1);
  if (n > 0 && d2 < d1) n--;
  if (n < 0 && d2 > d1) n++;
  return n;
}

/** 当月月底: the last day of `date`'s month. */
export function endOfMonth(date: string): string {
  const [y, m] = parts(date);
  return iso(y, m, daysIn(y, m));
}

/** `date` plus `days` calendar days (negative to go back). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** 年份: the year of a date (an absent 日期 is bad input). */
export function yearOf(date: string | null): Decimal {
  return D(Number(requireDate(date).slice(0, 4)));
}

/** 月份: the month of a date, 1–12. */
export function monthOf(date: string | null): Decimal {
  return D(Number(requireDate(date).slice(5, 7)));
}
