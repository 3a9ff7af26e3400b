// Literal → value, once. A number literal arrives in base units (元; a fraction for % and
// 个百分点; a count for 个月 / 岁 / 年) as decimal text. Everything that turns one into the JSON
// a caller would send (input defaults, worked examples) or the words an analyst reads goes
// through here, exactly — never through binary floating point.
import { Decimal } from "@zhengce/runtime";
import type { Ty } from "./ir.js";

/** 0.29 → "29": a fraction as a percentage, exact, without trailing zeros. */
export function percent(value: string): string {
  return new Decimal(value).times(100).toFixed();
}

/** The JSON a caller would send: money as a decimal string ("1.50"), a rate as "29%", a count as a number. */
export function literalJson(value: string, t: Ty): unknown {
  switch (t.k) {
    case "money":
      return value;
    case "rate":
    case "points":
      return `${percent(value)}%`;
    default:
      return Number(value);
  }
}

/** As an analyst writes it: 200000元, 85%, 5个百分点, 12个月. */
export function literalText(value: string, t: Ty): string {
  switch (t.k) {
    case "money":
      return `${value}元`;
    case "rate":
      return `${percent(value)}%`;
    case "points":
      return `${percent(value)}个百分点`;
    case "int":
      return `${value}${t.unit}`;
    default:
      return value;
  }
}
