// Value types of the language and the unit rules between them.
// 金额 (元), 比例 (a fraction, written %), 百分点 (only adjusts a 比例), 整数 with an optional
// unit (个月, 岁, 年), 数 (a unit-less literal that fits any numeric context), 日期, 布尔, 文本,
// 枚举, 集合 of an enum, 列表, 记录 (accumulators), and 无 (no value: "no cap").

export type Type =
  | { k: "money"; nullable?: boolean }
  | { k: "rate" }
  | { k: "points" }
  | { k: "int"; unit: "" | "个月" | "岁" | "年" }
  | { k: "number" }
  | { k: "date" }
  | { k: "bool" }
  | { k: "text" }
  | { k: "enum"; name: string; key: string }
  | { k: "set"; of: string; ofKey: string }
  | { k: "list"; of: Type }
  | { k: "record"; fields: { name: string; key: string; type: Type }[] }
  | { k: "none" }
  | { k: "unknown" };

export const MONEY: Type = { k: "money" };
export const RATE: Type = { k: "rate" };
export const POINTS: Type = { k: "points" };
export const BOOL: Type = { k: "bool" };
export const DATE: Type = { k: "date" };
export const TEXT: Type = { k: "text" };
export const NUM: Type = { k: "number" };
export const NONE: Type = { k: "none" };
export const UNKNOWN: Type = { k: "unknown" };
export const int = (unit: "" | "个月" | "岁" | "年" = ""): Type => ({ k: "int", unit });

/** The type as an analyst reads it in a message. */
export function show(t: Type): string {
  switch (t.k) {
    case "money":
      return t.nullable ? "金额（可为无）" : "金额";
    case "int":
      return Object.entries(BUILTIN_TYPES).find(([, b]) => b.k === "int" && b.unit === t.unit)?.[0] ?? "整数";
    case "enum":
      return `枚举「${t.name}」`;
    case "set":
      return `集合（${t.of}）`;
    case "list":
      return `列表（${show(t.of)}）`;
    case "record":
      return "记录";
    case "unknown":
      return "未知";
    case "rate":
      return "比例";
    case "points":
      return "百分点";
    case "number":
      return "数";
    case "date":
      return "日期";
    case "bool":
      return "布尔";
    case "text":
      return "文本";
    case "none":
      return "无";
  }
}

export const isNumeric = (t: Type) =>
  t.k === "money" || t.k === "rate" || t.k === "points" || t.k === "int" || t.k === "number";

export function same(a: Type, b: Type): boolean {
  if (a.k === "unknown" || b.k === "unknown") return true;
  if (a.k !== b.k) return false;
  if (a.k === "enum" && b.k === "enum") return a.key === b.key;
  if (a.k === "set" && b.k === "set") return a.ofKey === b.ofKey;
  if (a.k === "int" && b.k === "int") return a.unit === b.unit || a.unit === "" || b.unit === "";
  return true;
}

/** Can a value of type `actual` be used where `expected` is required? */
export function assignable(expected: Type, actual: Type): boolean {
  if (expected.k === "unknown" || actual.k === "unknown") return true;
  if (actual.k === "number") return isNumeric(expected);
  if (actual.k === "none") return expected.k === "money" && !!expected.nullable;
  if (expected.k === "money" && actual.k === "money") return !!expected.nullable || !actual.nullable;
  if (expected.k === "set" && actual.k === "list") return true;
  return same(expected, actual);
}

/**
 * The declared maximum of a numeric input without its own `不大于 N` (issue 7): what a calculator
 * accepts, publishes in its JSON Schema and refuses beyond, the bound the compiler's range analysis
 * starts from, and what the checker holds a default to. In base units: 10^12 元 for money, a lifetime
 * for months and ages, 10^9 for a count; undefined for a rate (bounded by 100%) and non-numbers.
 */
export function defaultMaximum(t: Type): string | undefined {
  switch (t.k) {
    case "money":
      return "1000000000000";
    case "int":
      return t.unit === "个月" ? "1200" : t.unit === "岁" || t.unit === "年" ? "150" : "1000000000";
    case "number":
      return "1000000000";
    default:
      return undefined;
  }
}

/** Built-in type names, in simplified script (names are looked up by folded key); 集合 and 列表 take an argument. */
export const BUILTIN_TYPES: Record<string, Type> = {
  金额: MONEY,
  比例: RATE,
  百分点: POINTS,
  整数: int(),
  月数: int("个月"),
  年龄: int("岁"),
  年数: int("年"),
  日期: DATE,
  布尔: BOOL,
  文本: TEXT,
};

/** Type constructors written with an argument: 集合（枚举）, 列表（类型）. */
export const TYPE_CONSTRUCTORS = ["集合", "列表"] as const;

export type ArithResult = { type: Type } | { error: string; unit?: boolean };

export function arithmetic(op: "+" | "-" | "×" | "÷", a: Type, b: Type): ArithResult {
  if (a.k === "unknown" || b.k === "unknown") return { type: UNKNOWN };
  const verb = op === "+" ? "相加" : op === "-" ? "相减" : op === "×" ? "相乘" : "相除";
  const fail = (unit = true): ArithResult => ({ error: `不能把${show(a)}与${show(b)}${verb}`, unit });
  if (a.k === "money" && a.nullable) return { error: `${show(a)}可能为「无」，不能直接${verb}；请先用「较小」等函数处理` };
  if (b.k === "money" && b.nullable) return { error: `${show(b)}可能为「无」，不能直接${verb}；请先用「较小」等函数处理` };
  if (op === "+" || op === "-") {
    if (a.k === "number" && isNumeric(b)) return { type: b };
    if (b.k === "number" && isNumeric(a)) return { type: a };
    if (a.k === "money" && b.k === "money") return { type: MONEY };
    if (a.k === "rate" && (b.k === "points" || b.k === "rate")) return { type: RATE };
    if (a.k === "points" && b.k === "points") return { type: POINTS };
    if (a.k === "int" && b.k === "int" && same(a, b)) return { type: int(a.unit || b.unit) };
    if (a.k === "date" && b.k === "int" && b.unit === "个月") return { type: DATE };
    return fail();
  }
  if (op === "×") {
    const scalar = (t: Type) => t.k === "number" || (t.k === "int" && t.unit === "");
    const factor = (t: Type) => scalar(t) || t.k === "rate" || t.k === "int";
    if (a.k === "money" && factor(b)) return { type: MONEY };
    if (b.k === "money" && factor(a)) return { type: MONEY };
    if (a.k === "rate" && (b.k === "rate" || scalar(b))) return { type: RATE };
    if (b.k === "rate" && scalar(a)) return { type: RATE };
    if (a.k === "points" && scalar(b)) return { type: POINTS };
    if (b.k === "points" && scalar(a)) return { type: POINTS };
    if (a.k === "int" && b.k === "int") return { type: int(a.unit || b.unit) };
    if (scalar(a) && scalar(b)) return { type: NUM };
    if (a.k === "int" && scalar(b)) return { type: a };
    return fail();
  }
  // ÷
  const divisor = (t: Type) => t.k === "number" || t.k === "int";
  if (a.k === "money" && divisor(b)) return { type: MONEY };
  if (a.k === "money" && b.k === "money") return { type: RATE };
  if (a.k === "rate" && divisor(b)) return { type: RATE };
  if ((a.k === "int" || a.k === "number") && divisor(b)) return { type: NUM };
  return fail();
}
