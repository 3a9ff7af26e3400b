// Dates as the language writes them (2018-01-01, 2018年1月1日, full-width digits) and the day
// arithmetic the checker needs; calendar arithmetic itself is the runtime's.
import { addDays } from "@zhengce/runtime";

/** ISO `YYYY-MM-DD` of a date token's image. */
export function parseDateImage(image: string): string {
  const m = image.normalize("NFKC").match(/^(\d{4})[-年](\d{1,2})[-月](\d{1,2})/)!;
  return `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
}

export const nextDay = (iso: string): string => addDays(iso, 1);
export const previousDay = (iso: string): string => addDays(iso, -1);
