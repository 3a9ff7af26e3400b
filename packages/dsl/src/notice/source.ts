// The notice a policy names in its header (`原文 「notice.txt」`), read through the caller's host,
// and the diagnostics of checking the policy's 依据 against it.
import type { PolicyFile, PolicyHeader, Span } from "../ast.js";
import { LineIndex, severityOf, type Diagnostic, type DiagnosticCode } from "../diagnostics.js";
import { parse } from "../parse.js";
import { parseNotice, type NoticeDocument } from "./document.js";
import { resolveReference } from "./resolve.js";
import { ownClause, verifyCitations } from "./verify.js";

export interface PolicySource {
  /** Where the text was read from (resolved like 基于). */
  uri: string;
  doc: NoticeDocument;
}

interface SourceHost {
  readFile(uri: string): string | undefined;
  resolve(from: string, relative: string): string;
}

type Raw = { code: DiagnosticCode; message: string; span: Span };

// Parsing a notice takes a few milliseconds; an editor re-analyses on each keystroke.
const parsed = new Map<string, NoticeDocument>();
export function noticeOf(text: string): NoticeDocument {
  let doc = parsed.get(text);
  if (!doc) {
    if (parsed.size > 16) parsed.clear();
    parsed.set(text, (doc = parseNotice(text)));
  }
  return doc;
}

/** What each 行政性 mark's clause comes to, by notice: re-analysed on each keystroke, the header mostly unchanged. */
const marks = new WeakMap<NoticeDocument, Map<string, ReturnType<typeof resolveReference>>>();
function resolveMark(doc: NoticeDocument, ref: string) {
  let known = marks.get(doc);
  if (!known) marks.set(doc, (known = new Map()));
  let r = known.get(ref);
  if (!r) known.set(ref, (r = resolveReference(doc, ref)));
  return r;
}

export function headerOf(ast: PolicyFile): PolicyHeader | undefined {
  return ast.declarations.find((d): d is PolicyHeader => d.kind === "PolicyHeader");
}

/**
 * The source of a policy and what checking against it finds. `override` is a text given on the
 * command line (`check --source`) instead of the header's file.
 */
export function sourceOf(
  ast: PolicyFile,
  text: string,
  uri: string,
  host: SourceHost | undefined,
  override?: { uri: string; text: string },
): { source?: PolicySource; diagnostics: Raw[] } {
  const header = headerOf(ast);
  let source: PolicySource | undefined;
  if (override) source = { uri: override.uri, doc: noticeOf(override.text) };
  else if (header?.source && host) {
    // Without a host the caller reads no files: the notice is not checked, and not missed either.
    const at = host.resolve(uri, header.source.path);
    const notice = host.readFile(at);
    if (notice === undefined) {
      return { diagnostics: [{ code: "W200", message: `读不到原文「${header.source.path}」，依据未核对`, span: header.source.span }] };
    }
    source = { uri: at, doc: noticeOf(notice) };
  }
  if (!source) return { diagnostics: [] };
  const docNumber = header?.docNumber?.text;
  const diagnostics: Raw[] = verifyCitations(ast, text, source.doc, docNumber).map((f) => ({ code: f.code, message: f.message, span: f.span }));
  for (const mark of header?.administrative ?? []) {
    const ref = ownClause(mark.clause, docNumber);
    if (!ref) continue;
    const r = resolveMark(source.doc, ref);
    if (!r.ok) diagnostics.push({ code: r.clause ? "W201" : "W204", message: `原文中没有条款「${r.clause ?? ref}」`, span: mark.span });
  }
  return { source, diagnostics };
}

export const NOTICE_CODES: readonly DiagnosticCode[] = ["W200", "W201", "W202", "W203", "W204"];

/** A policy's 依据 checked against a notice given apart from its header (`zhengce check --source`). */
export function checkAgainstNotice(text: string, uri: string, notice: { uri: string; text: string }): Diagnostic[] {
  const ast = parse(text).ast;
  const index = new LineIndex(text);
  return sourceOf(ast, text, uri, undefined, notice).diagnostics.map((d) => ({
    ...d,
    severity: severityOf(d.code),
    range: index.range(d.span),
    uri,
  }));
}
