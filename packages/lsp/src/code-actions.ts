// Code actions:
// - E120: add the members a table over an enum lacks (each row's value left as 待填, which
//   the checker then points at until the analyst fills it in);
// - W133: make an ambiguous boundary explicit with （含） or （不含）; each candidate is checked
//   by analysing the edited text, and the one that keeps the current reading is preferred;
// - keywords written in the other script than the file's (计算 in a traditional file):
//   convert one, or all of them;
// - E101 on `非按规定备案`, E002 on `当医院级别 = …`: put the missing space after the keyword;
// - E002 on a bracket without （累进）/（全额）: write either; on a missing closing bracket: close it;
// - E101 on a misspelt name: the declared names closest to it (spelling.ts);
// - E002 / E101 on a notice's wording the language writes otherwise (syntax-errors.ts, numerals.ts:
//   「5,000元」, 「9折」, 「级别 为 三级」, 「五万元」, true, a closing 「；」 …), and E140 on a rate
//   written without its % (「比例 = 90」): write it as the message says;
// - W197 on a limit less an accumulator in an output: wrap it in 正值（…）.
import {
  analyze,
  bracketRanges,
  type Analysis,
  type AnalyzeHost,
  type BracketDecl,
  type ParamDecl,
  type TableEntry,
} from "@zhengce/dsl";
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from "./protocol.js";
import { fileScript, spell, spellingScript, type Script } from "./script.js";
import { similarNames } from "./spelling.js";
import { lineIndex, toOffset, toRange } from "./util.js";

export const PLACEHOLDER = "待填";

export function codeActions(
  analysis: Analysis,
  host: AnalyzeHost,
  range: { start: number; end: number },
  diagnostics: Diagnostic[],
): CodeAction[] {
  const out: CodeAction[] = [];
  const seen = new Set<string>();
  for (const d of diagnostics) {
    const code = String(d.code ?? "");
    const at = toOffset(analysis.text, d.range.start);
    // One table can be reported once per version: one fix covers them all.
    if (code === "E120" && seen.has(`${code}:${at}`)) continue;
    seen.add(`${code}:${at}`);
    if (code === "E120") out.push(...missingMembers(analysis, at, d));
    else if (code === "W133") out.push(...explicitBoundary(analysis, host, at, d));
    else if (code === "E101") out.push(...keywordSpace(analysis, at, d), ...wording(analysis, at, d), ...similarNames(analysis, at, d));
    else if (code === "E002") out.push(...keywordSpace(analysis, at, d), ...wording(analysis, at, d), ...syntaxInsertions(analysis, at, d));
    else if (code === "E140" || code === "E111" || code === "W197") out.push(...wording(analysis, at, d));
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
  const tokens = analysis.tokens;
  const edits: TextEdit[] = [];
  const fill = (entries: TableEntry[], after: number) => {
    if (entries.some((x) => x.other)) return;
    const covered = new Set(entries.flatMap((x) => x.keys.map((k) => k.key)));
    const missing = e.members.filter((m) => !covered.has(m.key));
    if (!missing.length) return;
    // Insert after the last row (or after the `{`), one row per line, indented like the rows.
    const lastRow = entries[entries.length - 1];
    // Before the row's 依据 lines: a 依据 after the last row is the table's.
    const anchor = lastRow ? lastRow.value.span.end : braceAfter(tokens, after);
    if (anchor === undefined) return;
    const ix = lineIndex(text);
    const insertAt = ix.lineEnd(anchor);
    const rowStart = ix.lineStart(lastRow ? lastRow.span.start : anchor);
    const indent = text.slice(rowStart).match(/^[ \t\u3000]*/)![0] + (lastRow ? "" : "  ");
    const rows = missing.map((m) => `\n${indent}${m.text}：${PLACEHOLDER}`).join("");
    const p = ix.position(insertAt);
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
  // The bound the warning is on and the neighbouring bound it meets; each fix writes （含） or
  // （不含） on one of them, or on both so that the number belongs to exactly one slice.
  type Bound = NonNullable<BracketDecl["slices"][number]["lower"]>;
  const cur = decl.slices[i];
  const prevUpper = i > 0 ? decl.slices[i - 1].upper : undefined;
  const single = (bound: Bound | undefined, inclusive: boolean) => (bound ? [{ bound, mark: inclusive ? "（含）" : "（不含）" }] : []);
  const candidates: { marks: { bound: Bound; mark: string }[]; keeps: boolean; title?: string }[] = [];
  for (const inclusive of [false, true]) {
    candidates.push({ marks: single(cur.lower, inclusive), keeps: inclusive === ranges[i].lowerInclusive });
    if (prevUpper) candidates.push({ marks: single(prevUpper, inclusive), keeps: inclusive === ranges[i - 1].upperInclusive });
  }
  if (cur.lower && prevUpper) {
    const value = text.slice(cur.lower.value.span.start, cur.lower.value.span.end);
    candidates.push({ marks: [...single(prevUpper, true), ...single(cur.lower, false)], keeps: false, title: `写明「${value}」归上一段（上一段含，本段不含）` });
    candidates.push({ marks: [...single(prevUpper, false), ...single(cur.lower, true)], keeps: false, title: `写明「${value}」归本段（上一段不含，本段含）` });
  }

  const warnings = (diags: Analysis["diagnostics"]) => diags.filter((d) => d.code === "W133" && d.uri === analysis.uri).length;
  const errors = (diags: Analysis["diagnostics"]) => diags.filter((d) => d.severity === "error" && d.uri === analysis.uri).length;
  const w0 = warnings(analysis.diagnostics);
  const e0 = errors(analysis.diagnostics);
  const out: CodeAction[] = [];
  for (const c of candidates) {
    if (!c.marks.length) continue;
    const edits = c.marks
      .map(({ bound, mark }) => ({ span: bound.mark ? bound.mark.span : { start: bound.value.span.end, end: bound.value.span.end }, mark, bound }))
      .filter((e) => !e.bound.mark || e.bound.mark.text.replace(/\s/g, "") !== e.mark);
    if (edits.length !== c.marks.length) continue;
    let edited = text;
    for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) edited = edited.slice(0, e.span.start) + e.mark + edited.slice(e.span.end);
    const after = analyze(edited, analysis.uri, host).diagnostics;
    if (warnings(after) >= w0 || errors(after) > e0) continue;
    const only = edits[0];
    const title = c.title ?? `写明「${text.slice(only.bound.value.span.start, only.bound.value.span.end)}${only.mark}」${c.keeps ? "（保持现在的理解）" : ""}`;
    out.push({
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: c.keeps,
      edit: edit(analysis, edits.map((e) => ({ range: toRange(text, e.span), newText: e.mark }))),
    });
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

// ── E002 / E101: the form the message names ──

function wording(analysis: Analysis, at: number, diagnostic: Diagnostic): CodeAction[] {
  const text = analysis.text;
  const written = text.slice(at, toOffset(text, diagnostic.range.end));
  const fix = (title: string, newText: string): CodeAction[] => [
    { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: edit(analysis, [{ range: diagnostic.range, newText }]) },
  ];
  const message = diagnostic.message;
  // 「A」写作「B」 where A is what the diagnostic covers (spaces aside: 「5000 元整」).
  const as = message.match(/「([^」]+)」写作(?:比例|乘号)?「([^」]+)」/);
  if (as && as[1].replace(/\s+/g, "") === written.replace(/\s+/g, "")) return fix(`改为「${as[2]}」`, as[2]);
  // E140 on a rate written without its %: 「90」 → 「90%」.
  const percent = message.match(/若是 [^，]+，写作「([^」]+)」/);
  if (percent) return fix(`改为「${percent[1]}」`, percent[1]);
  const arabic = message.match(/数值用阿拉伯数字写，如「([^」]+)」/);
  if (arabic) return fix(`改为「${arabic[1]}」`, arabic[1]);
  const truth = message.match(/布尔值写作「([^」]+)」或「([^」]+)」/);
  if (truth) {
    const value = /^(?:true|真|对|對)$/i.test(written) ? truth[1] : truth[2];
    return fix(`改为「${value}」`, value);
  }
  const dropped = message.match(/^行末不写「([^」]+)」/);
  if (dropped && written === dropped[1]) return fix(`删去「${written}」`, "");
  if (message.startsWith("起止日期之间写「至」")) return fix("改为「至」", "至");
  // 「起付标准以上至」连成了一个名称: the bound words spaced out.
  const spaced = message.match(/连成了一个名称：.*写作「([^」]+)」$/);
  if (spaced && spaced[1].replace(/\s+/g, "") === written) return fix(`改为「${spaced[1]}」`, spaced[1]);
  return [];
}

// ── E002: what the parser says is missing ──

function syntaxInsertions(analysis: Analysis, at: number, diagnostic: Diagnostic): CodeAction[] {
  const p = lineIndex(analysis.text).position(at);
  const insert = (title: string, newText: string, isPreferred: boolean): CodeAction => ({
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred,
    edit: edit(analysis, [{ range: { start: p, end: p }, newText }]),
  });
  if (diagnostic.message.startsWith("分段缺少「（累进）」")) {
    return [insert("写明「（累进）」：每段按各自比例", "（累进）", true), insert("写明「（全额）」：整笔按所在段", "（全额）", false)];
  }
  const closer = diagnostic.message.match(/^缺少「([）\]}])」/)?.[1];
  return closer ? [insert(`补上「${closer}」`, closer, true)] : [];
}

// ── script of keywords ──

function scriptActions(analysis: Analysis, range: { start: number; end: number }): CodeAction[] {
  const text = analysis.text;
  const script = fileScript(analysis);
  const other: Script = script === "simplified" ? "traditional" : "simplified";
  const label = script === "simplified" ? "简体" : "繁体";
  const wrong = analysis.tokens.filter((t) => {
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
