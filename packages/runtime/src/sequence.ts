export type Period = "年" | "月";

/**
 * The accumulation period a case falls in: "2018" for 年, "2018-03" for 月. A null date
 * gives "", meaning "the same period as the previous case" (undated sequences never reset).
 * `date` is expected to be an already validated YYYY-MM-DD string.
 */
export function periodKey(date: string | null, period: Period): string {
  if (date === null) return "";
  return period === "年" ? date.slice(0, 4) : date.slice(0, 7);
}
