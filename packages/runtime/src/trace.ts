// The explanation trace (计算过程): typed steps that the CLI, the playground and the language
// server render, and that carry enough numbers (exact decimal strings) for anyone to redo the
// arithmetic. Generated code records a case's values only when `trace.enabled`, and builds the
// steps from that record (its `<calc>过程` function), after the case or when 计算过程 is read.
import { D, type Decimal } from "./decimal.js";
import { marginalParts, tierIndex, type Slice, type Tier } from "./bracket.js";
import { centsText, formatMoney, formatRate, percentText } from "./money.js";
import { versionIndex, type Version } from "./calendar.js";

/** What every step says: the item it computes, a sentence, the clause and its quoted words. */
interface StepBase {
  项目: string;
  说明: string;
  /** The clause of the source document, e.g. 「江府办〔2017〕20号 二、（四）1.（1）」. */
  依据: string;
  /** The sentence the clause quotes, when the policy gives it. */
  原文?: string;
  /** The value, formatted for people (「900.00元」「60%」). */
  值?: string;
}

/** A unit of a shown number: 元 (money), % (a rate, the number a fraction), 个百分点, or none. */
export type TermUnit = "元" | "%" | "个百分点" | "";

/**
 * A rule's arithmetic with this case's values: leaves are inputs, accumulated values,
 * parameters, earlier steps (`源`) or literals; each node holds its exact value, so the
 * whole can be recomputed from the leaves.
 */
export type Term =
  | { 值: string | null; 单位?: TermUnit; 名?: string; 源?: "输入" | "累计" | "参数" | "步骤" }
  | { 运算: TermOp; 项: Term[]; 值: string | null; 单位?: TermUnit; 名?: string };

/**
 * 分段: a bracket's amount (the `bracket`/`tier` step just before gives its parts);
 * 如果: the branch taken; 限于0至100%: a rate's bounds; 舍入: half-up to 0.01.
 */
export type TermOp = "+" | "−" | "×" | "÷" | "负" | "正值" | "较小" | "较大" | "最大" | "最小" | "合计" | "舍入" | "限于0至100%" | "如果" | "分段" | "列表" | "扣除";

/** One line of the calculation trace (计算过程). Numbers in the typed fields are exact decimal strings. */
export type TraceStep = StepBase &
  (
    | /** A rule's value: `算式` recomputes it (money is then rounded half-up to 0.01 when `舍入`). */
    { kind: "value"; 结果: string | null; 单位: TermUnit; 舍入: boolean; 算式?: Term }
    | /** A modifier that applied: `修正前 → 修正后`. */
    { kind: "modifier"; 修正前: string | null; 修正后: string | null; 单位: TermUnit; 算式: Term }
    | /** A modifier applied to every row or slice of a table or bracket. */
    { kind: "adjusted" }
    | /** One slice of a marginal bracket that applied: 基数 = 到 − 从, 金额 = 基数 × 比例 (unrounded). */
    { kind: "slice"; 分段: string; 下限: string | null; 上限: string | null; 从: string; 到: string; 基数: string; 比例: string; 金额: string }
    | /** A marginal bracket over (累计前, 累计后]: its slices' 金额 sum to 金额. */
    { kind: "bracket"; 分段: string; 累计前: string; 本次: string; 累计后: string; 金额: string }
    | /** A whole-amount bracket: the tier containing 自变量 gives 结果. */
    { kind: "tier"; 分段: string; 自变量: string; 下限: string | null; 上限: string | null; 结果: string | null; 单位: TermUnit }
    | /** 较小 / 较大: each argument, the one taken (0-based), and whether a limit (any but the first) decided it. */
    { kind: "min" | "max"; 各项: Term[]; 取: number; 限额生效: boolean; 结果: string | null; 单位: TermUnit }
    | /** The time version of a parameter in force on the case's 日期. */
    { kind: "version"; 参数: string; 起?: string; 止?: string; 结果: string | null; 单位: TermUnit }
    | /** Where a layered settlement starts: 剩余 = 结果. */
    { kind: "layer"; 结果: string; 算式?: Term }
    | /** The layer's remainder after an output: 剩余 = (剩余 − 扣除)⁺. */
    { kind: "consumed"; 步骤: string; 修正前: string; 扣除: string; 结果: string }
  );

export type TraceKind = TraceStep["kind"];

/** Every step kind, for schemas and renderers. */
export const TRACE_KINDS = ["value", "modifier", "adjusted", "slice", "bracket", "tier", "min", "max", "version", "layer", "consumed"] as const satisfies readonly TraceKind[];
type Missing = Exclude<TraceKind, (typeof TRACE_KINDS)[number]>;
/** Fails to compile when a kind is added to TraceStep but not to TRACE_KINDS. */
export const TRACE_KINDS_COMPLETE: Missing extends never ? true : never = true;

/** What a step that details the item above it is called (a bracket's slice, the argument 较小 took …). */
const DETAIL_LABELS: Partial<Record<TraceKind, string>> = {
  slice: "分段",
  bracket: "分段合计",
  tier: "分档",
  min: "取较小",
  max: "取较大",
  version: "适用版本",
  adjusted: "各段调整",
};

/** The label a renderer shows for a step: its item, or for a detail of the item, what the detail is. */
export function stepLabel(step: TraceStep): { label: string; detail: boolean } {
  const d = DETAIL_LABELS[step.kind];
  return d === undefined ? { label: step.项目, detail: false } : { label: d, detail: true };
}

/**
 * Collects trace steps when enabled. Generated code guards with `if (trace.enabled)` before
 * building a step, so that a disabled trace costs neither the object nor its strings.
 */
export class Trace {
  readonly enabled: boolean;
  readonly steps: TraceStep[] = [];
  /** What the computation recorded for its steps: each trace point reached, its number and the values it reads. */
  readonly record: unknown[] = [];
  /** Time versions already shown in this case (each once, where first read). */
  private readonly versionsShown = new Set<string>();

  constructor(enabled: boolean) {
    this.enabled = enabled;
  }

  add(step: TraceStep): void {
    if (this.enabled) this.steps.push(step);
  }

  /** The version of `name` in force on `date`, shown once per case, as a leaf of a rule's arithmetic. */
  version(item: string, name: string, versions: readonly Version<unknown>[], sources: readonly { cite: string; quote?: string }[], date: string | null, unit: TermUnit): Term {
    const i = versionIndex(versions, date);
    const v = versions[i];
    const src = sources[i];
    const value = termValue(v?.value);
    if (v && !this.versionsShown.has(name)) {
      this.versionsShown.add(name);
      const span = `${v.from ?? "…"} 至 ${v.to ?? "今"}`;
      const shown = typeof v.value === "object" && v.value !== null && !isDecimal(v.value) ? "（表）" : showTerm(value, unit);
      this.add({
        kind: "version",
        项目: item,
        参数: name,
        ...(v.from ? { 起: v.from } : {}),
        ...(v.to ? { 止: v.to } : {}),
        结果: value,
        单位: unit,
        说明: `${name}：${date ?? "未给日期，取最新版本"}适用 ${span} 的规定 = ${shown}`,
        依据: src?.cite ?? "",
        ...(src?.quote ? { 原文: src.quote } : {}),
        值: shown,
      });
    }
    return { 名: name, 值: value, 单位: unit, 源: "参数" };
  }

  /** A marginal bracket's slices and total for `x` over `base` (null: none), then its node. */
  bracket(item: string, name: string, slices: readonly Slice[], arg: Term, base: Term | null, amount: Decimal, cite: string, quote?: string): Term {
    const x = D(arg.值 ?? 0);
    const b = D(base?.值 ?? 0);
    const src = { 依据: cite, ...(quote ? { 原文: quote } : {}) };
    for (const p of marginalParts(slices, b, x)) {
      // The piece of the slice this claim covers, when it is not the whole slice.
      const partial = !p.从.eq(p.下限 ?? 0) || (p.上限 !== null && !p.到.eq(p.上限));
      const bounds = p.上限 === null ? `${moneyWords(p.下限 ?? D(0))}以上` : `${moneyWords(p.下限 ?? D(0))} 至 ${moneyWords(p.上限)}`;
      this.add({
        kind: "slice",
        项目: item,
        分段: name,
        下限: p.下限 === null ? null : p.下限.toFixed(),
        上限: p.上限 === null ? null : p.上限.toFixed(),
        从: p.从.toFixed(),
        到: p.到.toFixed(),
        基数: p.金额.toFixed(),
        比例: p.比例.toFixed(),
        金额: p.支付.toFixed(),
        说明: `${name} ${bounds}${partial ? `（本次 ${formatMoney(p.从)} 至 ${formatMoney(p.到)}）` : ""}：${formatMoney(p.金额)} × ${formatRate(p.比例)} = ${exactMoney(p.支付)}`,
        ...src,
        值: exactMoney(p.支付),
      });
    }
    const after = b.plus(x);
    this.add({
      kind: "bracket",
      项目: item,
      分段: name,
      累计前: b.toFixed(),
      本次: x.toFixed(),
      累计后: after.toFixed(),
      金额: amount.toFixed(),
      说明: `${name}：累计 ${formatMoney(b)}元 → ${formatMoney(after)}元（本次 ${formatMoney(x)}元），各段合计 ${exactMoney(amount)}元`,
      ...src,
      值: `${exactMoney(amount)}元`,
    });
    return { 运算: "分段", 名: name, 项: base ? [arg, base] : [arg], 值: amount.toFixed(), 单位: "元" };
  }

  /** A whole-amount bracket: the tier containing `x`, then its node. */
  tier(item: string, name: string, tiers: readonly Tier<unknown>[], arg: Term, value: unknown, unit: TermUnit, cite: string, quote?: string): Term {
    const x = D(arg.值 ?? 0);
    const t = tiers[tierIndex(tiers, x)] as Tier<unknown> | undefined;
    const v = termValue(value);
    this.add({
      kind: "tier",
      项目: item,
      分段: name,
      自变量: x.toFixed(),
      下限: t?.lower == null ? null : t.lower.toFixed(),
      上限: t?.upper == null ? null : t.upper.toFixed(),
      结果: v,
      单位: unit,
      说明: `${name}：${showTerm(x.toFixed(), arg.单位 ?? "")} 属于「${t ? tierWords(t) : "无"}」一档 = ${showTerm(v, unit)}`,
      依据: cite,
      ...(quote ? { 原文: quote } : {}),
      值: showTerm(v, unit),
    });
    return { 运算: "分段", 名: name, 项: [arg], 值: v, 单位: unit };
  }

  /** 较小 / 较大 of `args` giving `result`: which argument won and whether a limit decided it. */
  pick(item: string, op: "较小" | "较大", args: Term[], result: unknown, unit: TermUnit, cite: string, quote?: string): Term {
    const value = termValue(result);
    const taken = Math.max(0, args.findIndex((a) => a.值 === value || (a.值 !== null && value !== null && D(a.值).eq(value))));
    const limited = args[0] !== undefined && args[0].值 !== value && !(args[0].值 !== null && value !== null && D(args[0].值).eq(value));
    const word = op === "较小" ? "封顶" : "保底";
    this.add({
      kind: op === "较小" ? "min" : "max",
      项目: item,
      各项: args,
      取: taken,
      限额生效: limited,
      结果: value,
      单位: unit,
      说明: `${op}（${args.map((a) => termText(a)).join("，")}）取第${taken + 1}项 ${showTerm(value, unit)}${limited ? `（${word}）` : `（未${word}）`}`,
      依据: cite,
      ...(quote ? { 原文: quote } : {}),
      值: showTerm(value, unit),
    });
    return { 运算: op, 项: args, 值: value, 单位: unit };
  }
}

/** A shared disabled trace, for callers that never want one. */
export const NO_TRACE: Trace = new Trace(false);

/** A leaf of a rule's arithmetic. */
export function termLeaf(value: unknown, unit: TermUnit, name?: string, source?: "输入" | "累计" | "参数" | "步骤"): Term {
  return { 值: termValue(value), 单位: unit, ...(name ? { 名: name } : {}), ...(source ? { 源: source } : {}) };
}

/** An operation's node with its exact value. */
export function termOp(op: TermOp, items: Term[], value: unknown, unit: TermUnit): Term {
  return { 运算: op, 项: items, 值: termValue(value), 单位: unit };
}

/** A value as the trace stores it: exact decimals without exponent, 是/否, members joined by 「、」, 无 as null. */
export function termValue(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (isDecimal(v)) return v.toFixed();
  if (typeof v === "boolean") return v ? "是" : "否";
  if (Array.isArray(v)) return v.map((x) => termValue(x) ?? "无").join("、");
  if (typeof v === "object") return "（表）";
  return String(v);
}

/** A stored value for people: 「47520.00元」「60%」「5个百分点」. */
export function showTerm(value: string | null, unit: TermUnit | undefined): string {
  if (value === null) return "无";
  if (!unit || !/^-?\d+(\.\d+)?$/.test(value)) return value;
  // The common forms read off the digits (a step shows many values; parsing each back cost a fifth of building the steps).
  const fast = unit === "元" ? centsText(value) : percentText(value);
  if (fast !== null) return unit === "元" ? `${fast}元` : unit === "个百分点" ? fast.replace("%", "个百分点") : fast;
  const d = D(value);
  if (unit === "元") return `${exactMoney(d)}元`;
  if (unit === "%") return formatRate(d);
  return formatRate(d).replace("%", "个百分点");
}

/** A term in words: a named value with its name, an operation with its operands, then its value. */
export function termText(t: Term): string {
  return "运算" in t && !t.名 && (t.运算 === "如果" || t.运算 === "限于0至100%") ? termText(t.项[0]) : `${termWords(t)}${"运算" in t ? ` = ${showTerm(t.值, t.单位)}` : ""}`;
}

function termWords(t: Term, parent?: { op: string; right: boolean }): string {
  if (!("运算" in t)) return t.名 ? `${t.名} ${showTerm(t.值, t.单位)}` : showTerm(t.值, t.单位);
  switch (t.运算) {
    case "+":
    case "−":
    case "×":
    case "÷": {
      const text = t.项.map((x, i) => termWords(x, { op: t.运算, right: i > 0 })).join(` ${t.运算} `);
      const low = (o: string) => o === "+" || o === "−";
      const needs = parent && ((low(t.运算) && !low(parent.op)) || (parent.right && (parent.op === "−" || parent.op === "÷") && low(t.运算) === low(parent.op)));
      return needs ? `（${text}）` : text;
    }
    case "如果":
    case "限于0至100%":
      return termWords(t.项[0], parent);
    case "负":
      return `−${termWords(t.项[0], { op: "×", right: true })}`;
    default:
      return `${t.名 ?? t.运算}（${t.项.map((x) => termWords(x)).join("，")}）`;
  }
}

/** A tier's range the legal way: 不超过 12、超过 12 至 24（含）、超过 24. */
function tierWords(t: Tier<unknown>): string {
  const lo = t.lower?.toFixed();
  const hi = t.upper?.toFixed();
  if (lo === undefined && hi === undefined) return "全部";
  if (lo === undefined) return `${t.upperInclusive ? "不超过" : "不满"} ${hi}`;
  const from = t.lowerInclusive ? `${lo}（含）以上` : `超过 ${lo}`;
  return hi === undefined ? from : `${from} 至 ${hi}${t.upperInclusive ? "（含）" : "（不含）"}`;
}

/**
 * Money for people: two decimals, or the exact digits past the cent (2890.125) up to four; a
 * quotient's forty digits read as 「约」 the cent (the exact value stays in the typed fields).
 */
function exactMoney(d: Decimal): string {
  const places = d.decimalPlaces();
  return places <= 2 ? formatMoney(d) : places <= 4 ? d.toFixed() : `约${formatMoney(d)}`;
}

/** A bound as the notices write it: 5000元, 20万元. */
function moneyWords(d: Decimal): string {
  const s = d.toFixed();
  return /^[1-9]\d*0000$/.test(s) ? `${s.slice(0, -4)}万元` : `${s}元`;
}



function isDecimal(v: unknown): v is Decimal {
  return typeof v === "object" && v !== null && typeof (v as Decimal).toFixed === "function" && typeof (v as Decimal).plus === "function";
}
