// Code actions:
// - E120: add the members a table over an enum lacks (each row's value left as 待填, which
//   the checker then points at until the analyst fills it in);
// - W133: make an ambiguous boundary explicit with （含） or （不含）; each candidate is checked
//   by analysing the edited text, and the one that keeps the current reading is preferred;
// - keywords written in the other script than the file's (计算 in a traditional file):
//   convert one, or all of them;
// - E101 on `当医院级别`: put the missing space after the keyword.
import {
  analyze,
  bracketRanges,
  tokenize,
  type Analysis,
  type AnalyzeHost,
  type BracketDecl,
  type ParamDecl,
  type TableEntry,
} from "@zhengce/dsl";
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from "vscode-languageserver/node.js";
import { fileScript, spell, spellingScript, type Script } from "./script.js";
import { lineIndex, toOffset, toRange } from "./util.js";

export const PLACEHOLDER = "待填";

export function codeActions(
  analysis: Analysis,
  host: AnalyzeHost,
  range: { start: number; end: number },
  diagnostics: Diagnostic[],
): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    const code = String(d.code ?? "");
    const at = toOffset(analysis.text, d.range.start);
    if (code === "E120") out.push(...missingMembers(analysis, at, d));
    else if (code === "W133") out.push(...explicitBoundary(analysis, host, at, d));
    else if (code === "E101") out.push(...keywordSpace(analysis, at, d));
  }
  out.push(...scriptActions(analysis, range));
  return out;
}

function edit(analysis: Analysis, edits: TextEdit[]) {
  return { changes: { [analysis.uri]: edits } };
}

// ── E120 ──

function missingMembers(analysis: Analysis, at: number, diagnostic: Diagnostic): CodeAction[] {
  const text = analysis.text;
  const decl = analysis.ast.declarations.find((x): x is ParamDecl => x.kind === "ParamDecl" && x.name.span.start === at);
  const e = decl?.by && analysis.model.enums.get(decl.by.key);
  if (!decl || !e) return [];
  const tokens = tokenize(text).tokens;
  const edits: TextEdit[] = [];
  const fill = (entries: TableEntry[], after: number) => {
    if (entries.some((x) => x.other)) return;
    const covered = new Set(entries.flatMap((x) => x.keys.map((k) => k.key)));
    const missing = e.members.filter((m) => !covered.has(m.key));
    if (!missing.length) return;
    // Insert after the last row (or after the `{`), one row per line, indented like the rows.
    const lastRow = entries[entries.length - 1];
    const anchor = lastRow ? lastRow.span.end : braceAfter(tokens, after);
    if (anchor === undefined) return;
    const lineEnd = text.indexOf("\n", anchor);
    const insertAt = lineEnd === -1 ? text.length : lineEnd;
    const rowStart = lastRow ? text.lastIndexOf("\n", lastRow.span.start - 1) + 1 : text.lastIndexOf("\n", anchor - 1) + 1;
    const indent = text.slice(rowStart).match(/^[ \t\u3000]*/)![0] + (lastRow ? "" : "  ");
    const rows = missing.map((m) => `\n${indent}${m.text}：${PLACEHOLDER}`).join("");
    const p = lineIndex(text).position(insertAt);
    edits.push({ range: { start: p, end: p }, newText: rows });
  };
  if (decl.table) fill(decl.table, decl.name.span.end);
  for (const v of decl.versions ?? []) if (v.table) fill(v.table, v.validity.span.end);
  if (!edits.length) return [];
  return [{
    title: `补上枚举「${e.name.text}」缺少的成员`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: true,
    edit: edit(analysis, edits),
  }];
}

/** Offset just after the first `{` that follows `from`. */
function braceAfter(tokens: { startOffset: number; tokenType: { name: string } }[], from: number): number | undefined {
  const t = tokens.find((x) => x.startOffset >= from && x.tokenType.name === "LBrace");
  return t ? t.startOffset + 1 : undefined;
}

// ── W133 ──

function explicitBoundary(analysis: Analysis, host: AnalyzeHost, at: number, diagnostic: Diagnostic): CodeAction[] {
  const text = analysis.text;
  const decl = analysis.ast.declarations.find(
    (x): x is BracketDecl => x.kind === "BracketDecl" && x.span.start <= at && at <= x.span.end,
  );
  if (!decl) return [];
  const ranges = bracketRanges(decl);
  const i = decl.slices.findIndex((s) => s.span.start <= at && at <= s.span.end);
  if (i < 0) return [];
  // The bound the warning is on, and the neighbouring bound it meets.
  const candidates: { bound: NonNullable<BracketDecl["slices"][number]["lower"]>; inclusive: boolean }[] = [];
  const cur = decl.slices[i];
  if (cur.lower) candidates.push({ bound: cur.lower, inclusive: ranges[i].lowerInclusive });
  if (i > 0 && decl.slices[i - 1].upper) candidates.push({ bound: decl.slices[i - 1].upper!, inclusive: ranges[i - 1].upperInclusive });

  const warnings = (diags: Analysis["diagnostics"]) => diags.filter((d) => d.code === "W133" && d.uri === analysis.uri).length;
  const errors = (diags: Analysis["diagnostics"]) => diags.filter((d) => d.severity === "error" && d.uri === analysis.uri).length;
  const w0 = warnings(analysis.diagnostics);
  const e0 = errors(analysis.diagnostics);
  const out: CodeAction[] = [];
  for (const { bound, inclusive } of candidates) {
    for (const mark of ["（含）", "（不含）"]) {
      const span = bound.mark ? bound.mark.span : { start: bound.value.span.end, end: bound.value.span.end };
      if (bound.mark && bound.mark.text.replace(/\s/g, "") === mark) continue;
      const edited = text.slice(0, span.start) + mark + text.slice(span.end);
      const after = analyze(edited, analysis.uri, host).diagnostics;
      if (warnings(after) >= w0 || errors(after) > e0) continue;
      const valueText = text.slice(bound.value.span.start, bound.value.span.end);
      const keeps = (mark === "（含）") === inclusive;
      out.push({
        title: `写明「${valueText}${mark}」${keeps ? "（保持现在的理解）" : ""}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: keeps,
        edit: edit(analysis, [{ range: toRange(text, span), newText: mark }]),
      });
    }
  }
  return out.sort((a, b) => Number(!!b.isPreferred) - Number(!!a.isPreferred));
}

// ── E101: a keyword glued to a name ──

function keywordSpace(analysis: Analysis, at: number, diagnostic: Diagnostic): CodeAction[] {
  const m = diagnostic.message.match(/若「(.+?)」是关键字，请在它后面加空格/);
  if (!m) return [];
  const p = lineIndex(analysis.text).position(at + m[1].length);
  return [{
    title: `在「${m[1]}」后加空格`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: true,
    edit: edit(analysis, [{ range: { start: p, end: p }, newText: " " }]),
  }];
}

// ── script of keywords ──

function scriptActions(analysis: Analysis, range: { start: number; end: number }): CodeAction[] {
  const text = analysis.text;
  const script = fileScript(text);
  const other: Script = script === "simplified" ? "traditional" : "simplified";
  const label = script === "simplified" ? "简体" : "繁体";
  const wrong = tokenize(text).tokens.filter((t) => {
    const s = spellingScript(t.image);
    return s && s.keyword === t.tokenType.name && s.script === other;
  });
  const toEdit = (t: (typeof wrong)[number]): TextEdit => ({
    range: toRange(text, { start: t.startOffset, end: t.endOffset! + 1 }),
    newText: spell(t.tokenType.name, script),
  });
  const out: CodeAction[] = [];
  for (const t of wrong) {
    if (t.endOffset! + 1 < range.start || t.startOffset > range.end) continue;
    out.push({
      title: `把关键字「${t.image}」改为${label}「${spell(t.tokenType.name, script)}」`,
      kind: CodeActionKind.QuickFix,
      edit: edit(analysis, [toEdit(t)]),
    });
  }
  if (wrong.length > 1 || (wrong.length === 1 && out.length === 0)) {
    out.push({
      title: `把全部 ${wrong.length} 个关键字改为${label}（与本文件一致）`,
      kind: CodeActionKind.RefactorRewrite,
      edit: edit(analysis, wrong.map(toEdit)),
    });
  }
  return out;
}
