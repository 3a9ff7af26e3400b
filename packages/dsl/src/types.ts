// Value types of the language and the unit rules between them.
// 金额 (元), 比例 (a fraction, written %), 百分点 (only adjusts a 比例), 整数 with an optional
// unit (个月, 岁, 年), 数 (a unit-less literal that fits any numeric context), 日期, 布尔, 文本,
// 枚举, 集合 of an enum, 列表, 记录 (accumulators), and 无 (no value: "no cap").

export type Type =
  | { k: "金额"; nullable?: boolean }
  | { k: "比例" }
  | { k: "百分点" }
  | { k: "整数"; unit: "" | "个月" | "岁" | "年" }
  | { k: "数" }
  | { k: "日期" }
  | { k: "布尔" }
  | { k: "文本" }
  | { k: "枚举"; name: string; key: string }
  | { k: "集合"; of: string; ofKey: string }
  | { k: "列表"; of: Type }
  | { k: "记录"; fields: { name: string; key: string; type: Type }[] }
  | { k: "无" }
  | { k: "?" };

export const MONEY: Type = { k: "金额" };
export const RATE: Type = { k: "比例" };
export const POINTS: Type = { k: "百分点" };
export const BOOL: Type = { k: "布尔" };
export const DATE: Type = { k: "日期" };
export const TEXT: Type = { k: "文本" };
export const NUM: Type = { k: "数" };
export const NONE: Type = { k: "无" };
export const UNKNOWN: Type = { k: "?" };
export const int = (unit: "" | "个月" | "岁" | "年" = ""): Type => ({ k: "整数", unit });

export function show(t: Type): string {
  switch (t.k) {
    case "金额":
      return t.nullable ? "金额（可为无）" : "金额";
    case "整数":
      return t.unit === "个月" ? "月数" : t.unit === "岁" ? "年龄" : t.unit === "年" ? "年数" : "整数";
    case "枚举":
      return `枚举「${t.name}」`;
    case "集合":
      return `集合（${t.of}）`;
    case "列表":
      return `列表（${show(t.of)}）`;
    case "记录":
      return "记录";
    case "?":
      return "未知";
    default:
      return t.k;
  }
}

export const isNumeric = (t: Type) =>
  t.k === "金额" || t.k === "比例" || t.k === "百分点" || t.k === "整数" || t.k === "数";

export function same(a: Type, b: Type): boolean {
  if (a.k === "?" || b.k === "?") return true;
  if (a.k !== b.k) return false;
  if (a.k === "枚举" && b.k === "枚举") return a.key === b.key;
  if (a.k === "集合" && b.k === "集合") return a.ofKey === b.ofKey;
  if (a.k === "整数" && b.k === "整数") return a.unit === b.unit || a.unit === "" || b.unit === "";
  return true;
}

/** Can a value of type `actual` be used where `expected` is required? */
export function assignable(expected: Type, actual: Type): boolean {
  if (expected.k === "?" || actual.k === "?") return true;
  if (actual.k === "数") return isNumeric(expected);
  if (actual.k === "无") return expected.k === "金额" && !!expected.nullable;
  if (expected.k === "金额" && actual.k === "金额") return !!expected.nullable || !actual.nullable;
  if (expected.k === "集合" && actual.k === "列表") return true;
  return same(expected, actual);
}

/** Built-in type names, in simplified script (names are looked up by folded key). */
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

export type ArithResult = { type: Type } | { error: string; unit?: boolean };

export function arithmetic(op: "+" | "-" | "×" | "÷", a: Type, b: Type): ArithResult {
  if (a.k === "?" || b.k === "?") return { type: UNKNOWN };
  const verb = op === "+" ? "相加" : op === "-" ? "相减" : op === "×" ? "相乘" : "相除";
  const fail = (unit = true): ArithResult => ({ error: `不能把${show(a)}与${show(b)}${verb}`, unit });
  if (a.k === "金额" && a.nullable) return { error: `${show(a)}可能为「无」，不能直接${verb}；请先用「较小」等函数处理` };
  if (b.k === "金额" && b.nullable) return { error: `${show(b)}可能为「无」，不能直接${verb}；请先用「较小」等函数处理` };
  if (op === "+" || op === "-") {
    if (a.k === "数" && isNumeric(b)) return { type: b };
    if (b.k === "数" && isNumeric(a)) return { type: a };
    if (a.k === "金额" && b.k === "金额") return { type: MONEY };
    if (a.k === "比例" && (b.k === "百分点" || b.k === "比例")) return { type: RATE };
    if (a.k === "百分点" && b.k === "百分点") return { type: POINTS };
    if (a.k === "整数" && b.k === "整数" && same(a, b)) return { type: int(a.unit || b.unit) };
    if (a.k === "日期" && b.k === "整数" && b.unit === "个月") return { type: DATE };
    return fail();
  }
  if (op === "×") {
    const scalar = (t: Type) => t.k === "数" || (t.k === "整数" && t.unit === "");
    const factor = (t: Type) => scalar(t) || t.k === "比例" || t.k === "整数";
    if (a.k === "金额" && factor(b)) return { type: MONEY };
    if (b.k === "金额" && factor(a)) return { type: MONEY };
    if (a.k === "比例" && (b.k === "比例" || scalar(b))) return { type: RATE };
    if (b.k === "比例" && scalar(a)) return { type: RATE };
    if (a.k === "百分点" && scalar(b)) return { type: POINTS };
    if (b.k === "百分点" && scalar(a)) return { type: POINTS };
    if (a.k === "整数" && b.k === "整数") return { type: int(a.unit || b.unit) };
    if (scalar(a) && scalar(b)) return { type: NUM };
    if (a.k === "整数" && scalar(b)) return { type: a };
    return fail();
  }
  // ÷
  const divisor = (t: Type) => t.k === "数" || t.k === "整数";
  if (a.k === "金额" && divisor(b)) return { type: MONEY };
  if (a.k === "金额" && b.k === "金额") return { type: RATE };
  if (a.k === "比例" && divisor(b)) return { type: RATE };
  if ((a.k === "整数" || a.k === "数") && divisor(b)) return { type: NUM };
  return fail();
}
