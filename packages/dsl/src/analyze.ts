// The one entry point every tool uses: text → { ast, model, diagnostics }. No I/O of its own:
// an amendment's base file is read through the caller's `host`.
import type { CalcItem, InputField, AccumulatorDecl, PolicyFile } from "./ast.js";
import type { SourceFile } from "./check/context.js";
import { check } from "./check/registry.js";
export type { SourceFile } from "./check/context.js";
import { dateDiagnostics } from "./language/dates.js";
import { LineIndex, severityOf, type Diagnostic } from "./diagnostics.js";
import type { Model } from "./model.js";
import { ParserTooDeep } from "./parser.js";
import { reparse } from "./reparse.js";
import { parseDeclarations } from "./stream.js";
import { sourceOf, type PolicySource } from "./notice/source.js";
import { syntaxDiagnostics } from "./syntax-errors.js";
import { citedClause } from "./language/text.js";

export interface AnalyzeHost {
  /** Text of another policy file, by URI or path resolved against the amendment's own; undefined if absent. */
  readFile(uri: string): string | undefined;
  /** Resolve `基于 「./base.policy」` relative to the amending file. */
  resolve(from: string, relative: string): string;
}

/** Everything made from the text: its parse (tokens, comments, CST, AST) and what the checker made of it. */
export interface Analysis extends SourceFile {
  model: Model;
  diagnostics: Diagnostic[];
  /** Texts of every file involved (the base first), for mapping diagnostics in other files. */
  sources: Map<string, string>;
  /** Every file involved, parsed (tokens, CST, AST), the base first and this file last. */
  files: SourceFile[];
  /** The notice this file's header names (`原文`), when it could be read. */
  source?: PolicySource;
}

/** The clause cited by the innermost declaration (or calculator step) around `offset`. */
function citationAt(ast: PolicyFile, offset: number): string | undefined {
  const within = (x: { span: { start: number; end: number } }) => x.span.start <= offset && offset <= x.span.end;
  const decl = ast.declarations.find(within);
  if (!decl || !("citations" in decl)) return undefined;
  if (decl.kind === "CalculatorDecl") {
    for (const item of decl.body) {
      const steps = item.kind === "LayeredBlock" ? [item, ...item.steps] : [item];
      const hit = steps.reverse().find((s) => within(s) && s.citations.length);
      if (hit) return hit.citations[0].clause;
    }
  }
  return decl.citations[0]?.clause;
}

export interface AnalyzeOptions {
  /**
   * The analysis of an earlier version (the editor's): a file whose text is unchanged keeps its
   * parse, and in a changed file each top-level declaration whose text is unchanged (reparse()).
   */
  previous?: Analysis;
  /**
   * Keep what the next version can reuse (implied by `previous`): each declaration's checks,
   * replayed where the declaration and what it looks up are unchanged (check/reuse.ts).
   */
  incremental?: boolean;
  /**
   * `false` for a tool that reads only the AST and the model (the CLI): each file is parsed a
   * declaration at a time and its tokens and CST are not kept (`tokens` empty, `cst` without
   * declarations), so a large policy checks in memory proportional to its AST (stream.ts).
   * A file with a syntax error is parsed whole, as by default.
   */
  keepSyntax?: boolean;
}

type Raw = { code: Diagnostic["code"]; span: { start: number; end: number }; uri: string };
const SYNTAX = new Set(["E001", "E002", "E003", "E004"]);
/** Warnings that say something is never used: a declaration the parser could not read may be what uses it. */
const UNUSED = new Set(["W190", "W193", "W194"]);

/**
 * What only follows from a syntax error is not shown: the checker's findings inside the
 * declaration (in a calculator: the step) the error is in; and anywhere in a file with a syntax
 * error, warnings that something is unused (what the parser could not read may be its use).
 */
function consequencesOfSyntaxErrors(files: SourceFile[], raw: Raw[]): (d: Raw) => boolean {
  type Region = { uri: string; start: number; end: number };
  const broken: Region[] = [];
  /** Calculators with a syntax error inside: the steps after it are missing, not the calculator's outputs. */
  const brokenCalculators: Region[] = [];
  const brokenFiles = new Set<string>();
  const syntax = raw.filter((e) => e.code === "E002" || e.code === "E001");
  for (const e of syntax) {
    brokenFiles.add(e.uri);
    const file = files.find((f) => f.uri === e.uri);
    const at = e.span.start;
    // The declaration (step) being written: the one that starts last before the error; recovery
    // may have ended its tree before the error.
    const last = <T extends { span: { start: number; end: number } }>(xs: readonly T[]) =>
      xs.reduce<T | undefined>((found, x) => (x.span.start <= at && (!found || x.span.start >= found.span.start) ? x : found), undefined);
    const region = (x: { span: { start: number; end: number } }) => ({ start: x.span.start, end: Math.max(x.span.end, e.span.end) });
    const decl = last(file?.ast.declarations ?? []);
    if (!decl) continue;
    if (decl.kind !== "CalculatorDecl") {
      broken.push({ uri: e.uri, ...region(decl) });
      continue;
    }
    brokenCalculators.push({ uri: e.uri, ...region(decl) });
    const item = last<CalcItem | InputField | AccumulatorDecl>([...decl.inputs, ...decl.accumulators, ...decl.body]);
    const step = item?.kind === "LayeredBlock" ? (last(item.steps) ?? item) : item;
    broken.push({ uri: e.uri, ...region(step ?? { span: { start: at, end: at } }) });
  }
  const inside = (regions: Region[], d: Raw) => regions.some((b) => b.uri === d.uri && d.span.start >= b.start && d.span.start <= b.end);
  const sameLine = (d: Raw, e: Raw) => {
    const text = files.find((f) => f.uri === d.uri)?.text ?? "";
    const [from, to] = d.span.start < e.span.start ? [d.span.start, e.span.start] : [e.span.start, d.span.start];
    return !text.slice(from, to).includes("\n");
  };
  return (d) => {
    if (!brokenFiles.has(d.uri)) return false;
    // A date still being typed (「2018-01-0」) on a line that does not parse: one error a line.
    if (d.code === "E003") return syntax.some((e) => e.uri === d.uri && sameLine(d, e));
    if (SYNTAX.has(d.code)) return false;
    if (UNUSED.has(d.code)) return true;
    if (d.code === "E192" && inside(brokenCalculators, d)) return true;
    return inside(broken, d);
  };
}

/** `into.push(...items)` for any number of items (a spread of a large file's diagnostics overflows the stack). */
function append<T>(into: T[], items: readonly T[]) {
  for (const x of items) into.push(x);
}

/** Never throws: a file that still nests too deeply for the stack is one E004 and nothing else. */
export function analyze(text: string, uri: string, host?: AnalyzeHost, options: AnalyzeOptions = {}): Analysis {
  try {
    return analyzeText(text, uri, host, options);
  } catch (e) {
    if (!(e instanceof ParserTooDeep) && !(e instanceof RangeError && /call stack/i.test(e.message))) throw e;
    const ast: PolicyFile = { kind: "PolicyFile", declarations: [], comments: [], span: { start: 0, end: text.length } };
    const cst = { name: "file" as const, children: {} };
    const files: SourceFile[] = [{ uri, text, ast, cst, tokens: [], comments: [], lexErrors: [], parseErrors: [], nestingCuts: [] }];
    const span = { start: 0, end: Math.min(1, text.length) };
    const diagnostic: Diagnostic = {
      code: "E004",
      severity: "error",
      message: "表达式嵌套过深，无法检查这个文件：请把层层相套的括号、「非」、「−」、「如果」或记录拆成几步",
      span,
      range: new LineIndex(text).range(span),
      uri,
    };
    return { ...files[0]!, model: check(files).model, diagnostics: [diagnostic], sources: new Map([[uri, text]]), files };
  }
}

function analyzeText(text: string, uri: string, host: AnalyzeHost | undefined, { previous, incremental, keepSyntax = true }: AnalyzeOptions): Analysis {
  const sources = new Map<string, string>();
  const files: SourceFile[] = [];
  const raw: { code: Diagnostic["code"]; message: string; span: { start: number; end: number }; uri: string }[] = [];
  const cuts: { uri: string; start: number; end: number }[] = [];

  const load = (t: string, u: string, depth: number): SourceFile => {
    sources.set(u, t);
    const before = previous?.files.find((f) => f.uri === u);
    const dates: typeof raw = [];
    const lean = keepSyntax || before ? undefined : parseDeclarations(t, (tokens) => append(dates, dateDiagnostics(tokens, u)));
    const parsed: SourceFile = before?.text === t ? before : { ...(lean ?? reparse(t, before)), uri: u, text: t };
    if (lean) append(raw, dates);
    else append(raw, [...syntaxDiagnostics(parsed, u), ...dateDiagnostics(parsed.tokens, u)]);
    for (const c of parsed.nestingCuts) cuts.push({ uri: u, ...c.region });
    const header = parsed.ast.declarations.find((d) => d.kind === "PolicyHeader");
    if (header?.kind === "PolicyHeader" && header.basedOn) {
      const baseUri = host ? host.resolve(u, header.basedOn.path) : header.basedOn.path;
      const baseText = host?.readFile(baseUri);
      if (baseText === undefined || depth > 8) {
        raw.push({ code: "E171", message: `找不到基础政策「${header.basedOn.path}」`, span: header.basedOn.span, uri: u });
      } else if (!sources.has(baseUri)) {
        files.push(load(baseText, baseUri, depth + 1));
        // Syntax errors of the base are reported on the amendment's 基于 line too.
        if (raw.some((d) => d.uri === baseUri && d.code.startsWith("E"))) {
          raw.push({ code: "E171", message: `基础政策「${header.basedOn.path}」有错误，请先修正它`, span: header.basedOn.span, uri: u });
        }
      }
    }
    return parsed;
  };

  const main = load(text, uri, 0);
  files.push(main);
  const checked = check(files, { previous: previous?.model, incremental });
  append(raw, checked.diagnostics);
  const source = sourceOf(main.ast, text, uri, host);
  append(raw, source.diagnostics.map((d) => ({ ...d, uri })));

  const indexes = new Map<string, LineIndex>();
  const indexFor = (u: string) => {
    let ix = indexes.get(u);
    if (!ix) indexes.set(u, (ix = new LineIndex(sources.get(u) ?? "")));
    return ix;
  };
  const citeOf = (u: string, span: { start: number; end: number }) => {
    const file = files.find((f) => f.uri === u);
    const clause = file ? citationAt(file.ast, span.start) : undefined;
    if (!clause) return undefined;
    // Without a 文号 the policy's name says which document the clause is of.
    return citedClause(clause, checked.model.docNumberFor(u) ?? (checked.model.meta.name || undefined));
  };
  // What the parser did not see of an over-deep expression yields nothing but its E004; and in
  // that file nothing is known to be unused (the cut text may be its use).
  const followsCut = (d: (typeof raw)[number]) =>
    d.code !== "E004" && cuts.some((c) => c.uri === d.uri && (UNUSED.has(d.code) || (d.span.start < c.end && d.span.end > c.start)));
  const followsSyntaxError = consequencesOfSyntaxErrors(files, raw);
  const diagnostics: Diagnostic[] = raw
    .filter((d) => !followsCut(d) && !followsSyntaxError(d))
    .map((d) => {
      const diag: Diagnostic = {
        code: d.code,
        severity: severityOf(d.code),
        message: d.message,
        span: d.span,
        range: indexFor(d.uri).range(d.span),
        uri: d.uri,
      };
      // A syntax error is about the text, not a rule: it cites nothing.
      const cite = d.code === "E001" || d.code === "E002" || d.code === "E003" || d.code === "E004" ? undefined : citeOf(d.uri, d.span);
      if (cite) diag.citation = cite;
      return diag;
    })
    .sort((a, b) => (a.uri === b.uri ? a.span.start - b.span.start : a.uri === uri ? 1 : -1));
  return { ...main, model: checked.model, diagnostics, sources, files, ...(source.source && { source: source.source }) };
}
