// The declared maximum of every numeric input (issue 7): what a calculator accepts, publishes
// in its JSON Schema and refuses beyond (exit 2 naming the field), and the bound the range
// analysis starts from. An input's own `不大于 N` replaces its type's default here.
import type { Ty } from "./ir.js";

/** Defaults in base units: 10^12 元 for money, a lifetime for months and ages, 10^9 for a count. */
const DEFAULT_MAXIMUM = {
  money: "1000000000000",
  个月: "1200",
  岁: "150",
  年: "150",
  count: "1000000000",
} as const;

/** The default maximum of a numeric type (undefined for a rate, bounded by 100%, and non-numbers). */
export function defaultMaximum(t: Ty): string | undefined {
  switch (t.k) {
    case "money":
      return DEFAULT_MAXIMUM.money;
    case "int":
      return t.unit === "" ? DEFAULT_MAXIMUM.count : DEFAULT_MAXIMUM[t.unit];
    case "number":
      return DEFAULT_MAXIMUM.count;
    default:
      return undefined;
  }
}
