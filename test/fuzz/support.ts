// Shared kit of the fuzz suites: the budget, the corpus, and the promises every tool keeps on
// any text (never throw, never return a position outside the text, format idempotently).
//
// Budget: the default run (CI, `pnpm test`) is bounded so the whole suite stays within its
// time; `pnpm fuzz` sets ZHENGCE_FUZZ=long for the long budget, sized so that the whole of it
// (these suites, the format and invariant suites, the language server's and the parser's) ends
// within half an hour on this 2-core machine. ZHENGCE_FUZZ_SEED replays or
// varies a run (fast-check prints the seed and the path of any counterexample).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { analyze, LineIndex, symbolTable, tokenize, type Analysis, type AnalyzeHost } from "@zhengce/dsl";
import { compileAnalysis } from "@zhengce/compiler";
import { formatPolicySync, PolicySyntaxError } from "../../packages/prettier-plugin/src/index.js";
import { completion } from "../../packages/lsp/src/completion.js";
import { hover } from "../../packages/lsp/src/hover.js";
import { definition } from "../../packages/lsp/src/definition.js";
import { foldingRanges } from "../../packages/lsp/src/folding.js";
import { semanticTokens } from "../../packages/lsp/src/semantic-tokens.js";
import { documentSymbols } from "../../packages/lsp/src/symbols.js";
import { codeActions } from "../../packages/lsp/src/code-actions.js";
import { fileDiagnostics } from "../../packages/lsp/src/diagnostics.js";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const LONG = process.env.ZHENGCE_FUZZ === "long";
export const SEED = Number(process.env.ZHENGCE_FUZZ_SEED ?? 20261202);
/** `short` in the default suite, `long` under `pnpm fuzz`. */
export const budget = (short: number, long: number) => (LONG ? long : short);

// ── corpus ──

function policyFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === "node_modules" || e.name === "dist" || e.name.startsWith(".")) return [];
    const p = join(dir, e.name);
    return e.isDirectory() ? policyFiles(p) : e.name.endsWith(".policy") ? [p] : [];
  });
}

export interface Source {
  name: string;
  path: string;
  text: string;
}

/** The encoded notices and the test fixtures: every policy of the repository outside node_modules. */
export const corpus: Source[] = [...policyFiles(join(ROOT, "policies")), ...policyFiles(join(ROOT, "test"))]
  .sort()
  .map((path) => ({ name: relative(ROOT, path), path, text: readFileSync(path, "utf8") }));

/** The policies under policies/ (the notices), for the suites that compile and run. */
export const notices = corpus.filter((s) => s.name.startsWith("policies/"));

/** Reads `基于` bases from disk beside the fuzzed file, as the CLI would. */
export const diskHost: AnalyzeHost = {
  readFile: (uri) => {
    try {
      return readFileSync(uri, "utf8");
    } catch {
      return undefined;
    }
  },
  resolve: (from, rel) => join(from, "..", rel),
};

// ── mutations ──

/** Characters that have tripped lexers before: CJK, full-width, beyond the BMP, BOM, NUL, lone CR. */
export const HOSTILE = ["甲", "醫", "（", "）", "：", "％", "１", "０．５", "😀", "𠮷", "\uD83D", "\uFEFF", "\u0000", "\r", "\r\n", "\u3000", "\u2028", "」", "「", "#", "\t"];
/** Fragments of the language, so that mutants stay close to real policies. */
export const FRAGMENTS = [
  "{", "}", "[", "]", "=", "−", "×", "、", "依据 ", "当 ", "否则 ", "参数 ", "分段 ", "计算 ", "例 ", "超过 ", "（含）", "5000元",
  "85%", "10个百分点", "2018-01-01", "2018-02-30", "剩余", "已累计 ", "年度累计.", "如果 ", " 则 ", " 否则 ", "非 ", "基于 「./base.policy」",
];

/** Tokens and comments of a text, in order, as [start, end) offsets. */
export function tokenSpans(text: string): { start: number; end: number }[] {
  const lexed = tokenize(text);
  return [...lexed.tokens, ...((lexed.groups.comments ?? []) as typeof lexed.tokens)]
    .map((t) => ({ start: t.startOffset, end: t.endOffset! + 1 }))
    .sort((a, b) => a.start - b.start);
}

export type Edit = { kind: "delete" | "duplicate" | "swap" | "insert"; at: number; other: number; insert: string };

/** Applies token-level edits (indexes taken modulo the token count) to a text. */
export function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  for (const e of edits) {
    const toks = tokenSpans(out);
    if (!toks.length) {
      out = e.insert + out;
      continue;
    }
    const a = toks[e.at % toks.length];
    const b = toks[e.other % toks.length];
    const slice = (s: { start: number; end: number }) => out.slice(s.start, s.end);
    switch (e.kind) {
      case "delete":
        out = out.slice(0, a.start) + out.slice(a.end);
        break;
      case "duplicate":
        out = out.slice(0, a.end) + " " + slice(a) + out.slice(a.end);
        break;
      case "swap": {
        if (a.start === b.start) break;
        const [x, y] = a.start < b.start ? [a, b] : [b, a];
        if (x.end > y.start) break;
        out = out.slice(0, x.start) + slice(y) + out.slice(x.end, y.start) + slice(x) + out.slice(y.end);
        break;
      }
      case "insert": {
        const at = (e.other & 1) === 0 ? a.start : a.end;
        out = out.slice(0, at) + e.insert + out.slice(at);
        break;
      }
    }
  }
  return out;
}

// ── the promises ──

/** Every diagnostic of the analysis lies inside the text it is about, and its range matches its span. */
export function checkDiagnostics(a: Analysis): void {
  for (const d of a.diagnostics) {
    const text = a.sources.get(d.uri) ?? "";
    const where = `${d.code} ${d.message} at ${d.span.start}-${d.span.end} of ${text.length} in ${d.uri}`;
    if (!(0 <= d.span.start && d.span.start <= d.span.end && d.span.end <= text.length)) throw new Error(`diagnostic outside the text: ${where}`);
    const expected = indexOf(text).range(d.span);
    if (JSON.stringify(expected) !== JSON.stringify(d.range)) throw new Error(`range does not match span: ${where}`);
    if (!d.message || /undefined|NaN|\[object /.test(d.message)) throw new Error(`broken message: ${where}`);
    // Chevrotain's English, or its name for the end of the file, never reaches the analyst.
    if (/Expecting|but found|Redundant input|-->|「EOF」/.test(d.message)) throw new Error(`message in the parser's words: ${where}`);
  }
}

let lastIndex: LineIndex | undefined;
/** One LineIndex per text (the last one kept): building it is linear in the text. */
const indexOf = (text: string) => (lastIndex?.text === text ? lastIndex : (lastIndex = new LineIndex(text)));

/** A position the LSP allows in this text: an existing line, a character within it. */
export function checkPosition(text: string, p: { line: number; character: number }, what: string): void {
  const ix = indexOf(text);
  const lines = ix.position(text.length).line + 1;
  const ok = Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < lines && p.character >= 0;
  if (!ok) throw new Error(`${what}: invalid position ${JSON.stringify(p)}`);
  const start = ix.offset({ line: p.line, character: 0 });
  if (p.character > ix.lineEnd(start) - start) throw new Error(`${what}: position past its line end ${JSON.stringify(p)}`);
}

function checkRange(text: string, r: { start: { line: number; character: number }; end: { line: number; character: number } }, what: string) {
  checkPosition(text, r.start, what);
  checkPosition(text, r.end, what);
  if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) throw new Error(`${what}: range ends before it starts`);
}

/** analyze() never throws and gives diagnostics inside the text. */
export function analyzeChecked(text: string, uri: string, host?: AnalyzeHost): Analysis {
  const a = analyze(text, uri, host);
  checkDiagnostics(a);
  return a;
}

/** The formatter refuses a file that does not parse, and otherwise formats idempotently. */
export function formatChecked(text: string): string | undefined {
  let out: string;
  try {
    out = formatPolicySync(text);
  } catch (e) {
    if (e instanceof PolicySyntaxError) return undefined;
    throw e;
  }
  const again = formatPolicySync(out);
  if (again !== out) throw new Error("formatting is not idempotent");
  return out;
}

/** The compiler never throws on an analysis; a policy without errors compiles and runs its examples. */
export function compileChecked(a: Analysis, runExamples: boolean): void {
  const compiled = compileAnalysis(a);
  if (runExamples && !compiled.hasErrors) compiled.runExamples();
}

/** The language server's features at the given offsets never throw and answer with valid positions. */
export function languageServerChecked(a: Analysis, offsets: number[], host: AnalyzeHost): void {
  const text = a.text;
  const table = symbolTable(a);
  for (const d of fileDiagnostics(a)) checkRange(text, d.range, "diagnostic");
  for (const f of foldingRanges(a)) checkPosition(text, { line: f.endLine, character: 0 }, "folding");
  semanticTokens(a, table);
  for (const s of documentSymbols(a)) checkRange(text, s.range, "symbol");
  const diagnostics = fileDiagnostics(a);
  for (const raw of offsets) {
    const offset = Math.max(0, Math.min(raw, text.length));
    for (const item of completion(a, table, offset)) {
      const edit = item.textEdit as { range?: Parameters<typeof checkRange>[1] } | undefined;
      if (edit?.range) checkRange(text, edit.range, `completion ${item.label}`);
    }
    const h = hover(a, table, offset);
    if (h?.range) checkRange(text, h.range, "hover");
    for (const loc of definition(a, table, offset)) {
      const target = a.sources.get(loc.uri);
      if (target !== undefined) checkRange(target, loc.range, "definition");
    }
  }
  for (const action of codeActions(a, host, { start: 0, end: text.length }, diagnostics)) {
    for (const [uri, edits] of Object.entries(action.edit?.changes ?? {})) {
      const target = a.sources.get(uri);
      if (target !== undefined) for (const e of edits) checkRange(target, e.range, `code action ${action.title}`);
    }
  }
}
