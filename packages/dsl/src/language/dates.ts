// Dates as the language writes them (2018-01-01, 2018年1月1日, full-width digits) and the day
// arithmetic the checker needs; calendar arithmetic itself is the runtime's.
import type { IToken } from "chevrotain";
import { addDays } from "@zhengce/runtime";

/** The year a date token names as a whole (`2014年度`, `2018年`), or undefined for a day. */
export function yearOfImage(image: string): string | undefined {
  return image.normalize("NFKC").replace(/\s+/g, "").match(/^(\d{4})年度?$/)?.[1];
}

/** ISO `YYYY-MM-DD` of a date token's image; a year is its first day (its last with `end`). */
export function parseDateImage(image: string, end = false): string {
  const year = yearOfImage(image);
  if (year) return end ? `${year}-12-31` : `${year}-01-01`;
  const m = image.normalize("NFKC").replace(/\s+/g, "").match(/^(\d{4})[-年](\d{1,2})[-月](\d{1,2})/)!;
  return `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
}

export const nextDay = (iso: string): string => addDays(iso, 1);
export const previousDay = (iso: string): string => addDays(iso, -1);

// The lexer accepts any digits (`2018-02-30`); an impossible date is a diagnostic (E003), never a
// thrown RangeError later, and versions are only compared once their dates are real.
const daysInMonth = (y: number, m: number) =>
  m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;

/** Why `iso` names no day of the calendar, or undefined when it does. */
export function dateProblem(iso: string): string | undefined {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  if (m < 1 || m > 12) return "月份应为 1–12";
  const days = daysInMonth(y, m);
  if (d < 1) return `日应为 1–${days}`;
  if (d > days) return `${y}年${m}月只有 ${days} 天`;
  return undefined;
}

export const isCalendarDate = (iso: string): boolean => dateProblem(iso) === undefined;

/**
 * Why a date token's image names no day, by image: a file writes few distinct dates, and the
 * profile of typing showed re-reading every date of the file (NFKC, regexes) on each keystroke.
 */
const problems = new Map<string, string | undefined>();
function imageProblem(image: string): string | undefined {
  if (problems.has(image)) return problems.get(image);
  const problem = dateProblem(parseDateImage(image));
  if (problems.size > 10_000) problems.clear();
  problems.set(image, problem);
  return problem;
}

/** E003 for every date token of the file that names no day. */
export function dateDiagnostics(tokens: readonly IToken[], uri: string) {
  const out: { code: "E003"; message: string; span: { start: number; end: number }; uri: string }[] = [];
  for (const t of tokens) {
    if (t.tokenType.name !== "Date") continue;
    const problem = imageProblem(t.image);
    if (problem) out.push({ code: "E003", message: `日期「${t.image}」不存在：${problem}`, span: { start: t.startOffset, end: t.endOffset! + 1 }, uri });
  }
  return out;
}
