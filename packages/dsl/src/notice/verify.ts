// Every 依据 of a policy checked against its source notice: the clause exists (W201, W204),
// and its quote occurs in that clause (W202 when it occurs in another one, W203 when nowhere).
import type { Citation, PolicyFile, Span } from "../ast.js";
import type { NoticeDocument } from "./document.js";
import { clausesQuoting, departure, quoteInScope, resolveReference } from "./resolve.js";

export type NoticeCode = "W201" | "W202" | "W203" | "W204";

export interface CitationFinding {
  code: NoticeCode;
  message: string;
  citation: Citation;
  /** What the diagnostic points at: the clause reference or the quote. */
  span: Span;
  /** The clause reference as written, located in the policy text. */
  clauseSpan: Span;
  /** Clauses of the notice to cite instead (the quick fixes), best first. */
  suggestions: string[];
}

/** Each declaration's citations: a declaration the editor's edit left alone is not walked again. */
const citationsByDeclaration = new WeakMap<object, Citation[]>();

/** Every citation in a syntax tree, in source order. */
export function citationsOf(ast: PolicyFile): Citation[] {
  const out: Citation[] = [];
  for (const d of ast.declarations) {
    let list = citationsByDeclaration.get(d);
    if (!list) citationsByDeclaration.set(d, (list = citationsIn(d)));
    for (const c of list) out.push(c);
  }
  return out;
}

/** A declaration moved by an edit has the citations of the old one, moved (`moved`: each old citation to its copy). */
export function carryCitations(from: object, to: object, moved: Map<object, object>) {
  const list = citationsByDeclaration.get(from);
  if (list) citationsByDeclaration.set(to, list.map((c) => moved.get(c) as Citation));
}

/** Every citation inside a node of the syntax tree, in source order. */
export function citationsIn(node: unknown): Citation[] {
  const out: Citation[] = [];
  // Every node and span of the AST passes through here: for…in reads their fields without the
  // array Object.values made for each (a profile of a cold `calc` had this walk at 27 ms self).
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) {
      for (const v of x) if (v && typeof v === "object") walk(v);
    } else if (x && typeof x === "object") {
      if ((x as { kind?: string }).kind === "Citation") out.push(x as Citation);
      else
        for (const k in x) {
          const v = (x as Record<string, unknown>)[k];
          if (v && typeof v === "object") walk(v);
        }
    }
  };
  walk(node);
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** The clause reference without a leading 文号 of this notice; undefined when it names another document. */
export function ownClause(clause: string, docNumber: string | undefined): string | undefined {
  const m = /^(\S*〔\d{4}〕\S*?号)\s*/.exec(clause);
  if (!m) return clause;
  return docNumber && m[1] === docNumber ? clause.slice(m[0].length) : undefined;
}

/** Where the clause reference and the quote of a citation lie in the policy text. */
export function citationParts(text: string, c: Citation): { clause: Span; quote?: Span } {
  const raw = text.slice(c.span.start, c.span.end);
  // 依据 / 依據, possibly written without a space before the clause.
  const keyword = 2;
  const q = raw.search(/[「"“]/);
  const end = q >= 0 ? q : raw.length;
  let a = keyword;
  while (a < end && /[\s:：]/.test(raw[a])) a++;
  let b = end;
  while (b > a && /\s/.test(raw[b - 1])) b--;
  return {
    clause: { start: c.span.start + a, end: c.span.start + b },
    quote: q >= 0 ? { start: c.span.start + q, end: c.span.end } : undefined,
  };
}

/** What a citation's clause and quote come to in a notice: a finding pointing at the clause or the quote, or none. */
type Verdict = { code: NoticeCode; message: string; at: "clause" | "quote"; suggestions: string[] } | null;
/** Verdicts by notice, 文号, clause and quote: an editor re-analyses on each keystroke, the citations mostly unchanged. */
const verdicts = new WeakMap<NoticeDocument, Map<string, Verdict>>();

export function verifyCitations(ast: PolicyFile, text: string, doc: NoticeDocument, docNumber?: string): CitationFinding[] {
  const out: CitationFinding[] = [];
  let known = verdicts.get(doc);
  if (!known) verdicts.set(doc, (known = new Map()));
  for (const c of citationsOf(ast)) {
    const ref = ownClause(c.clause, docNumber);
    if (ref === undefined || !c.clause) continue;
    const key = `${docNumber ?? ""}\u0000${c.clause}\u0000${c.quote ?? ""}`;
    let verdict = known.get(key);
    if (verdict === undefined) known.set(key, (verdict = verdictOf(doc, ref, c)));
    if (!verdict) continue;
    const parts = citationParts(text, c);
    const span = verdict.at === "clause" ? parts.clause : (parts.quote ?? c.span);
    out.push({ code: verdict.code, message: verdict.message, citation: c, span, clauseSpan: parts.clause, suggestions: verdict.suggestions });
  }
  return out;
}

function verdictOf(doc: NoticeDocument, ref: string, c: Citation): Verdict {
  // Where a finding points: the clause reference or the quote (verifyCitations locates them).
  const parts = { clause: "clause" } as const;
  const quoteSpan = "quote";
  let out: Verdict = null;
  const found = (code: NoticeCode, message: string, at: "clause" | "quote", suggestions: string[] = []) => {
    out = { code, message, at, suggestions };
  };
  const elsewhere = () => (c.quote ? clausesQuoting(doc, c.quote).map((x) => x.ref) : []);
  const r = resolveReference(doc, ref);
  if (!r.ok) {
    const where = elsewhere();
    const hint = where.length ? `；引文出现在「${where.join("」「")}」` : "";
    if (r.clause) found("W201", `原文中没有条款「${r.clause}」${hint}`, parts.clause, where);
    else found("W204", `原文「${r.within?.ref ?? ""}」中没有「${r.missing}」${hint}`, parts.clause, where);
    return out;
  }
  if (!c.quote || quoteInScope(doc, r, c.quote)) return out;
  const where = elsewhere();
  if (where.length) {
    found("W202", `引文不在「${ref}」中，而在「${where.join("」「")}」`, quoteSpan, where);
  } else {
    const { part, agreeing } = departure(doc, r.lines, c.quote);
    const shown = part.length > 16 ? part.slice(0, 16) + "…" : part;
    const detail = agreeing.length >= 2 ? `，从「${agreeing.slice(-8)}」之后与原文不同` : "";
    found("W203", `引文在原文「${ref}」中找不到：「${shown}」${detail}`, quoteSpan);
  }
  return out;
}
