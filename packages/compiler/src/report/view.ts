// What the reports read of a policy: its checked model (through `analyze`) and its compiled
// calculators (through `compileAnalysis`), plus the small readings every report shares —
// an expression's source text, a clause with its document number, a table spread over its
// enum's members, a bracket's bounds in the words of the law.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  analyze,
  bracketRanges,
  type Analysis,
  type BracketDecl,
  type Citation,
  type Expr,
  type ParamDecl,
  type Span,
  type TableEntry,
} from "@zhengce/dsl";
import type { CompiledPolicy } from "../api.js";
import { compileAnalysis, fileHost } from "../load.js";

export interface PolicyView {
  analysis: Analysis;
  compiled: CompiledPolicy;
  /** Absolute path of the policy file. */
  uri: string;
}

// A process that asks for the same policy again (several reports in one run, the tests) gets the
// same view while none of its files has changed.
const views = new Map<string, PolicyView>();

/** Analyse and compile a policy file (its base too, for an amendment). Throws on I/O errors only. */
export function loadView(path: string): PolicyView {
  const uri = resolve(path);
  const text = readFileSync(uri, "utf8");
  const known = views.get(uri);
  if (known && [...known.analysis.sources].every(([u, t]) => (u === uri ? text : fileHost.readFile(u)) === t)) return known;
  const analysis = analyze(text, uri, fileHost);
  const view = { analysis, compiled: compileAnalysis(analysis), uri };
  if (views.size >= 16) views.delete(views.keys().next().value!);
  views.set(uri, view);
  return view;
}

/** The base policy of an amendment, analysed on its own; undefined for a policy that amends nothing. */
export function loadBaseView(view: PolicyView): PolicyView | undefined {
  const files = view.analysis.files;
  if (files.length < 2) return undefined;
  return loadView(files[files.length - 2].uri);
}

export function isAmendment(view: PolicyView): boolean {
  return view.analysis.files.length > 1;
}

/** An expression as the policy writes it, on one line (spaces the formatter added inside brackets dropped). */
export function sourceText(view: PolicyView, uri: string, span: Span | undefined): string {
  if (!span) return "";
  return (view.analysis.sources.get(uri) ?? "")
    .slice(span.start, span.end)
    .replace(/\s+/g, " ")
    .replace(/([（(\[［，,、「]) /g, "$1")
    .replace(/ ([）)\]］，,、」])/g, "$1")
    .trim();
}

/** 1-based line of an offset in a file of the policy. */
export function lineOf(view: PolicyView, uri: string, offset: number): number {
  return (view.analysis.sources.get(uri) ?? "").slice(0, offset).split("\n").length;
}

export function fileName(uri: string): string {
  return uri.split(/[\\/]/).pop() ?? uri;
}

// ───────────── citations ─────────────

export interface Cite {
  /** `江府办〔2017〕20号 二、（四）1.（1）`. */
  clause: string;
  quote?: string;
}

const OWN_DOCUMENT = /〔\d{4}〕\d+号|\[\d{4}\]\d+号/;

/** A clause with the document number of the file it was written in (as the explanation cites it). */
export function cite(view: PolicyView, uri: string, c: Citation): Cite {
  const doc = view.analysis.model.docNumberFor(uri) ?? view.analysis.model.meta.docNumber;
  const clause = c.clause.trim();
  const full = OWN_DOCUMENT.test(clause.normalize("NFKC")) || !doc ? clause : `${doc} ${clause}`.trim();
  return c.quote ? { clause: full, quote: c.quote } : { clause: full };
}

export function cites(view: PolicyView, uri: string, cs: readonly Citation[]): Cite[] {
  return cs.map((c) => cite(view, uri, c));
}

export function citeText(c: Cite): string {
  return c.quote ? `${c.clause}「${c.quote}」` : c.clause;
}

// ───────────── values ─────────────

/**
 * The value an expression stands for, for comparing two policies: a number literal by its
 * value and unit (`1万元` equals `10000元`), anything else by its source text without spaces.
 */
export function valueKey(view: PolicyView, uri: string, e: Expr | undefined): string {
  if (!e) return "";
  if (e.kind === "Number") return `${e.value}${e.unit}`;
  if (e.kind === "Unary" && e.op === "-" && e.operand.kind === "Number") return `-${e.operand.value}${e.operand.unit}`;
  return sourceText(view, uri, e.span).replace(/\s+/g, "").normalize("NFKC");
}

/** A table's rows spread over its enum's members (in the enum's order), `其他` filling the rest. */
export function tableCells(
  view: PolicyView,
  d: ParamDecl,
  entries: readonly TableEntry[],
): { member: string; entry: TableEntry }[] {
  const members = d.by ? view.analysis.model.enums.get(d.by.key)?.members ?? [] : [];
  const byKey = new Map<string, TableEntry>();
  for (const e of entries) for (const k of e.keys) if (!byKey.has(k.key)) byKey.set(k.key, e);
  const other = entries.find((e) => e.other);
  const out: { member: string; entry: TableEntry }[] = [];
  for (const m of members) {
    const entry = byKey.get(m.key) ?? other;
    if (entry) out.push({ member: m.text, entry });
  }
  return out;
}

// ───────────── brackets ─────────────

export interface SliceBounds {
  lower?: { text: string; inclusive: boolean };
  upper?: { text: string; inclusive: boolean };
}

/**
 * Each slice's bounds, with inclusion by the Chinese legal convention (the checker's reading):
 * a slice without its own lower bound starts where the one before ends.
 */
export function sliceBounds(view: PolicyView, uri: string, d: BracketDecl): SliceBounds[] {
  const ranges = bracketRanges(d);
  const out: SliceBounds[] = [];
  ranges.forEach((r, i) => {
    const b: SliceBounds = {};
    if (r.lower) b.lower = { text: boundValue(view, uri, r.lower.value), inclusive: r.lowerInclusive };
    else if (i > 0 && out[i - 1].upper) b.lower = { text: out[i - 1].upper!.text, inclusive: !out[i - 1].upper!.inclusive };
    if (r.upper) b.upper = { text: boundValue(view, uri, r.upper.value), inclusive: r.upperInclusive };
    out.push(b);
  });
  return out;
}

/** A bound's number as written; a parameter named as a bound is followed by its literal value. */
function boundValue(view: PolicyView, uri: string, e: Expr): string {
  const text = sourceText(view, uri, e.span).replace(/^（(.*)）$/, "$1");
  return withParamValues(view, e, text);
}

/** `大病起赔标准` → `大病起赔标准（1万元）` for each parameter with a literal value named in the text (its modifiers are listed with it). */
export function withParamValues(view: PolicyView, e: Expr, text: string): string {
  const refs: string[] = [];
  const visit = (x: Expr) => {
    if (x.kind === "Ref") refs.push(x.name.key);
    if (x.kind === "Binary") {
      visit(x.left);
      visit(x.right);
    }
  };
  visit(e);
  let out = text;
  for (const key of new Set(refs)) {
    const p = view.analysis.model.params.get(key);
    if (p?.decl.value?.kind !== "Number") continue;
    const literal = sourceText(view, p.uri, p.decl.value.span);
    out = out.replace(p.decl.name.text, `${p.decl.name.text}（${literal}）`);
  }
  return out;
}

/** A slice stated the way the law states it: 超过1万元至12万元（含12万元）, 5000元以下（含5000元）. */
export function legalRange(b: SliceBounds): string {
  const { lower, upper } = b;
  if (lower && upper) {
    const from = lower.inclusive ? `${lower.text}以上（含${lower.text}）` : `超过${lower.text}`;
    const to = upper.inclusive ? `${upper.text}（含${upper.text}）` : `不满${upper.text}`;
    return upper.inclusive ? `${from}至${to}` : `${from}、${to}`;
  }
  if (lower) return lower.inclusive ? `${lower.text}以上（含${lower.text}）` : `超过${lower.text}`;
  if (upper) return upper.inclusive ? `${upper.text}以下（含${upper.text}）` : `不满${upper.text}`;
  return "全部";
}
