// The policy's source notice (`原文` in its header) in the editor: hover on a 依据 shows the
// clause's text, go to definition opens the notice at the clause, and a citation whose quote
// stands in another clause (W201, W202, W204) gets a quick fix for each clause it stands in.
import {
  citationsOf,
  clauseText,
  headerOf,
  ownClause,
  resolveReference,
  verifyCitations,
  type Analysis,
  type NoticeDocument,
  type Span,
} from "@zhengce/dsl";
import { CodeActionKind, MarkupKind, type CodeAction, type Diagnostic, type Hover, type Location } from "./protocol.js";
import { contains, toOffset, toRange } from "./util.js";

/** The citation or 行政性 mark under the cursor, and its clause as this notice numbers it. */
function clauseAt(analysis: Analysis, offset: number): { ref: string; span: Span } | undefined {
  const header = headerOf(analysis.ast);
  const marks = [...citationsOf(analysis.ast), ...(header?.administrative ?? [])];
  const hit = marks.find((c) => contains(c.span, offset));
  const ref = hit && ownClause(hit.clause, header?.docNumber?.text);
  return hit && ref ? { ref, span: hit.span } : undefined;
}

const HOVER_LIMIT = 1200;

export function noticeHover(analysis: Analysis, offset: number): Hover | null {
  const source = analysis.source;
  const at = source && clauseAt(analysis, offset);
  if (!source || !at) return null;
  const r = resolveReference(source.doc, at.ref);
  if (!r.ok) return null;
  let text = r.lines.map(([a, b]) => source.doc.lines.slice(a, b).join("\n").trim()).join("\n");
  if (r.clauses.length && r.lines.length === r.clauses.length) text = r.clauses.map((c) => clauseText(source.doc, c)).join("\n");
  if (text.length > HOVER_LIMIT) text = text.slice(0, HOVER_LIMIT) + "……";
  const quoted = text
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => `> ${l.trim()}`)
    .join("\n>\n");
  return { contents: { kind: MarkupKind.Markdown, value: `**原文 ${at.ref}**\n\n${quoted}` }, range: toRange(analysis.text, at.span) };
}

export function noticeDefinition(analysis: Analysis, offset: number): Location[] {
  const source = analysis.source;
  if (!source) return [];
  const header = headerOf(analysis.ast);
  if (header?.source && contains(header.source.span, offset)) return [{ uri: source.uri, range: lineRange(source.doc, 0) }];
  const at = clauseAt(analysis, offset);
  const r = at && resolveReference(source.doc, at.ref);
  if (!r || !r.ok) return [];
  return [{ uri: source.uri, range: lineRange(source.doc, r.lines[0][0]) }];
}

function lineRange(doc: NoticeDocument, line: number) {
  return { start: { line, character: 0 }, end: { line, character: doc.lines[line]?.length ?? 0 } };
}

const FIXED = new Set(["W201", "W202", "W204"]);

export function noticeActions(analysis: Analysis, diagnostics: Diagnostic[]): CodeAction[] {
  const source = analysis.source;
  const wanted = diagnostics.filter((d) => FIXED.has(String(d.code ?? "")));
  if (!source || !wanted.length) return [];
  const findings = verifyCitations(analysis.ast, analysis.text, source.doc, headerOf(analysis.ast)?.docNumber?.text);
  const out: CodeAction[] = [];
  for (const d of wanted) {
    const at = toOffset(analysis.text, d.range.start);
    const f = findings.find((x) => x.code === d.code && x.span.start === at);
    if (!f) continue;
    // Keep a 文号 written before the clause.
    const written = analysis.text.slice(f.clauseSpan.start, f.clauseSpan.end);
    const prefix = /^\S*〔\d{4}〕\S*?号\s*/.exec(written)?.[0] ?? "";
    f.suggestions.forEach((ref, i) =>
      out.push({
        title: `依据改为原文「${ref}」（引文在该条款中）`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: i === 0 && f.suggestions.length === 1,
        edit: { changes: { [analysis.uri]: [{ range: toRange(analysis.text, f.clauseSpan), newText: prefix + ref }] } },
      }),
    );
  }
  return out;
}
