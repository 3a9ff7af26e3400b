// Rename a declared name everywhere it occurs: the file, its base, amendments based on either.
// The new name must lex as one name (not a keyword, no ASCII digits); names written in 「」
// keep their quotes. The edit is refused when it would make the file fail to check (for
// instance a name that clashes with another declaration).
import { analyze, isQuoted, nameProblem, type AnalyzeHost } from "@zhengce/dsl";
import { ResponseError, ErrorCodes, type Range, type TextEdit, type WorkspaceEdit } from "./protocol.js";
import { allOccurrences, type SymbolSource } from "./references.js";
import { canonicalUri, toRange } from "./util.js";

export function prepareRename(src: SymbolSource, uri: string, offset: number): { range: Range; placeholder: string } | null {
  const here = src.symbols(uri);
  const occ = here?.table.at(here.analysis.uri, offset);
  if (!here || !occ) return null;
  return { range: toRange(here.analysis.text, innerSpan(here.analysis.text, occ.span)), placeholder: occ.text };
}

function innerSpan(text: string, span: { start: number; end: number }) {
  return isQuoted(text.slice(span.start, span.end)) ? { start: span.start + 1, end: span.end - 1 } : span;
}

/** Why `name` cannot be a name, or undefined when it can (the dsl's rule). */
export const invalidName = nameProblem;

export function rename(
  src: SymbolSource & { host(): AnalyzeHost },
  uri: string,
  offset: number,
  newName: string,
): WorkspaceEdit | null {
  const all = allOccurrences(src, uri, offset);
  if (!all) return null;
  const problem = invalidName(newName);
  if (problem) throw new ResponseError(ErrorCodes.InvalidParams, problem);

  const changes: Record<string, TextEdit[]> = {};
  const texts = new Map<string, string>();
  for (const { occurrence: o, analysis } of all.found) {
    const text = analysis.sources.get(o.uri) ?? "";
    texts.set(o.uri, text);
    const span = innerSpan(text, o.span);
    (changes[o.uri] ??= []).push({ range: toRange(text, span), newText: newName });
  }

  // Check the result: the renamed file, read with its renamed base, must have no new errors.
  const here = src.symbols(uri);
  if (here) {
    const edited = new Map<string, string>();
    for (const { occurrence: o } of all.found) {
      const c = canonicalUri(o.uri);
      if (!edited.has(c)) edited.set(c, applyOccurrences(texts.get(o.uri)!, all.found.filter((f) => f.occurrence.uri === o.uri).map((f) => f.occurrence.span), newName));
    }
    const host = src.host();
    const overlay: AnalyzeHost = {
      resolve: host.resolve,
      readFile: (u) => edited.get(canonicalUri(u)) ?? host.readFile(u),
    };
    const self = canonicalUri(here.analysis.uri);
    const errors = (diags: typeof here.analysis.diagnostics) => diags.filter((d) => d.severity === "error" && canonicalUri(d.uri) === self);
    const before = errors(here.analysis.diagnostics).length;
    const after = errors(analyze(edited.get(self) ?? here.analysis.text, here.analysis.uri, overlay).diagnostics);
    if (after.length > before) {
      const clash = after.find((d) => d.code === "E102") ?? after[0];
      throw new ResponseError(ErrorCodes.InvalidParams, `不能改名为「${newName}」：${clash.message}`);
    }
  }
  return { changes };
}

function applyOccurrences(text: string, spans: { start: number; end: number }[], newName: string): string {
  let out = text;
  for (const s of [...spans].sort((a, b) => b.start - a.start)) {
    const span = innerSpan(text, s);
    out = out.slice(0, span.start) + newName + out.slice(span.end);
  }
  return out;
}
