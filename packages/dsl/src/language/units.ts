// Units a number literal may carry: every spelling (both scripts), the base unit it stands for,
// the power of ten to base units and the value type a literal with it has. The lexer, the AST
// builder, the checker, completion and the editor grammar read this table only.
import { Decimal } from "decimal.js";
import type { Unit } from "../ast.js";
import { int, MONEY, NUM, POINTS, RATE, type Type } from "../types.js";

export interface UnitEntry {
  /** Simplified spelling first, then the traditional one (if it differs). */
  spellings: readonly string[];
  /** The base unit the AST records (`20万元` → 元). */
  unit: Unit;
  /** The power of ten to base units: 万元 → 4 (× 10 000), % → −2 (× 0.01). */
  exponent: number;
  /** Offered by completion after a number, with this explanation; undefined: accepted, not offered. */
  offer?: string;
}

export const UNITS: readonly UnitEntry[] = [
  { spellings: ["元"], unit: "元", exponent: 0, offer: "金额" },
  { spellings: ["万元", "萬元"], unit: "元", exponent: 4, offer: "金额（1万元 = 10000元）" },
  { spellings: ["万", "萬"], unit: "元", exponent: 4 },
  { spellings: ["%", "％"], unit: "%", exponent: -2, offer: "比例" },
  { spellings: ["个百分点", "個百分點"], unit: "个百分点", exponent: -2, offer: "百分点：增减比例" },
  { spellings: ["个月", "個月"], unit: "个月", exponent: 0, offer: "月数" },
  { spellings: ["岁", "歲"], unit: "岁", exponent: 0, offer: "年龄" },
  { spellings: ["周岁", "週歲"], unit: "岁", exponent: 0 },
  { spellings: ["年"], unit: "年", exponent: 0 },
  // The notices' amounts per head or period (`293 元/人`, `2500 元/月`, `290元/年`) are amounts.
  { spellings: ["元/人", "元/人/年", "元/人/月", "元/人/次", "元/年", "元/月", "元/次"], unit: "元", exponent: 0 },
  // 「3倍」 is a plain multiplier (300% of a wage is not a payment rate).
  { spellings: ["倍"], unit: "", exponent: 0 },
];

/** The value type of a literal in each base unit. */
export const UNIT_TYPES: Readonly<Record<Unit, Type>> = {
  元: MONEY,
  "%": RATE,
  个百分点: POINTS,
  个月: int("个月"),
  岁: int("岁"),
  年: int("年"),
  "": NUM,
};

/** Every spelling, longest first (so 万元 wins over 万 and 元 in an alternation). */
export const UNIT_SPELLINGS: readonly string[] = UNITS.flatMap((u) => u.spellings).sort((a, b) => b.length - a.length);

const BY_SPELLING = new Map(UNITS.flatMap((u) => u.spellings.map((s) => [s, u] as const)));

/** The entry a unit as written belongs to (whitespace around it ignored). */
export function unitEntry(written: string): UnitEntry | undefined {
  return BY_SPELLING.get(written.trim());
}

/** The unit a value of type `t` is written with (the inverse of UNIT_TYPES), "" when none. */
export function unitOfType(t: Type): Unit {
  for (const [unit, type] of Object.entries(UNIT_TYPES) as [Unit, Type][]) {
    if (type.k === t.k && (t.k !== "int" || (type.k === "int" && type.unit === t.unit))) return unit;
  }
  return "";
}

/**
 * The per-head or per-period wording a notice writes before an amount (`每人每年90元`, `每人每次500元`,
 * `每年5000元`, `每日50元`); it says whose amount, or how often, not how much — as `元/年` after it does.
 */
export const PER_HEAD = /(?:每人(?:每[年月次日])?|每[年月次日])[ \t]*/;

const LEADING_PER_HEAD = new RegExp(`^${PER_HEAD.source}`);
const DIGITS = /^[0-9]+(?:\.[0-9]+)?/;
const NUMBER_MEMO_LIMIT = 10_000;
const numbers = new Map<string, { readonly value: string; readonly unit: Unit }>();

/**
 * `digits` (`12.50`) × 10^`exponent`, written as decimal.js's toString writes it (`0.125` for −2),
 * by moving the point; undefined where decimal.js would write exponent notation. decimal.js's
 * constructor and `times` on code not yet optimised were ~8 ms of the language server's first
 * check of 江门 base.policy in a profile.
 */
function shifted(digits: string, exponent: number): string | undefined {
  const point = digits.indexOf(".");
  let whole = point < 0 ? digits : digits.slice(0, point) + digits.slice(point + 1);
  let at = (point < 0 ? digits.length : point) + exponent;
  if (at > whole.length) whole += "0".repeat(at - whole.length);
  if (at < 0) [whole, at] = ["0".repeat(-at) + whole, 0];
  const int = whole.slice(0, at).replace(LEADING_ZEROS, "");
  const frac = whole.slice(at).replace(TRAILING_ZEROS, "");
  // decimal.js's exponent: that of the first significant digit; outside -7 … 20 it writes 1e-7, 1e+21.
  const e = int !== "" ? int.length - 1 : frac === "" ? 0 : -(frac.length - frac.replace(LEADING_ZEROS, "").length) - 1;
  if (e <= -7 || e >= 21) return undefined;
  return (int || "0") + (frac ? `.${frac}` : "");
}

const LEADING_ZEROS = /^0+/;
const TRAILING_ZEROS = /0+$/;

/**
 * A number token's image → its value in base units and the base unit (`1.5万元` → 15000, 元).
 * Remembered per image: a policy writes the same few amounts and rates over and over (江门
 * base.policy: 886 number literals, 318 distinct), and a profile of a cold `calc` put 4 % of
 * the process into this function, mostly decimal.js on code not yet compiled.
 */
export function parseNumberImage(image: string): { readonly value: string; readonly unit: Unit } {
  const known = numbers.get(image);
  if (known) return known;
  const norm = image.normalize("NFKC").replace(LEADING_PER_HEAD, "");
  const digits = norm.match(DIGITS)![0];
  const entry = unitEntry(norm.slice(digits.length));
  const exponent = entry?.exponent ?? 0;
  // Exact, however many digits are written (decimal.js's `times` rounded to 20 significant ones).
  const value = shifted(digits, exponent) ?? new Decimal(`${digits}e${exponent}`).toString();
  const parsed = { value, unit: entry ? entry.unit : ("" as Unit) };
  // Images come from a closed set of literals; an endless stream of distinct ones starts over.
  if (numbers.size >= NUMBER_MEMO_LIMIT) numbers.clear();
  numbers.set(image, parsed);
  return parsed;
}

/** The spelling to write in a file of one script; a full-width form is never the traditional one. */
export function unitSpelling(u: UnitEntry, script: "simplified" | "traditional"): string {
  const simplified = u.spellings[0];
  if (script === "simplified") return simplified;
  return u.spellings.find((s) => s.normalize("NFKC") !== simplified) ?? simplified;
}
