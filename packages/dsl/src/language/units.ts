// Units a number literal may carry: every spelling (both scripts), the base unit it stands for,
// the factor to base units and the value type a literal with it has. The lexer, the AST
// builder, the checker, completion and the editor grammar read this table only.
import { Decimal } from "decimal.js";
import type { Unit } from "../ast.js";
import { int, MONEY, NUM, POINTS, RATE, type Type } from "../types.js";

export interface UnitEntry {
  /** Simplified spelling first, then the traditional one (if it differs). */
  spellings: readonly string[];
  /** The base unit the AST records (`20万元` → 元). */
  unit: Unit;
  /** Multiplier to base units: 万元 → 10000, % → 0.01. */
  factor: number;
  /** Offered by completion after a number, with this explanation; undefined: accepted, not offered. */
  offer?: string;
}

export const UNITS: readonly UnitEntry[] = [
  { spellings: ["元"], unit: "元", factor: 1, offer: "金额" },
  { spellings: ["万元", "萬元"], unit: "元", factor: 10000, offer: "金额（1万元 = 10000元）" },
  { spellings: ["万", "萬"], unit: "元", factor: 10000 },
  { spellings: ["%", "％"], unit: "%", factor: 0.01, offer: "比例" },
  { spellings: ["个百分点", "個百分點"], unit: "个百分点", factor: 0.01, offer: "百分点：增减比例" },
  { spellings: ["个月", "個月"], unit: "个月", factor: 1, offer: "月数" },
  { spellings: ["岁", "歲"], unit: "岁", factor: 1, offer: "年龄" },
  { spellings: ["周岁", "週歲"], unit: "岁", factor: 1 },
  { spellings: ["年"], unit: "年", factor: 1 },
  // The notices' amounts per head or period (`293 元/人`, `2500 元/月`, `290元/年`) are amounts.
  { spellings: ["元/人", "元/人/年", "元/人/月", "元/人/次", "元/年", "元/月", "元/次"], unit: "元", factor: 1 },
  // 「3倍」 is a plain multiplier (300% of a wage is not a payment rate).
  { spellings: ["倍"], unit: "", factor: 1 },
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
  const value = new Decimal(digits);
  const parsed = entry ? { value: value.times(entry.factor).toString(), unit: entry.unit } : { value: value.toString(), unit: "" as Unit };
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
