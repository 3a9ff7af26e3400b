// Formatting delegates to the Prettier plugin — the one printer of the project — handing it the
// analysis's parse (formatParsed), so the text is not parsed again. While that package is
// missing, or when the text has a syntax error, there are no edits. The result is one edit
// covering only what changed.
import type { Analysis } from "@zhengce/dsl";
import type { TextEdit } from "./protocol.js";
import type { FormatterApi } from "./optional.js";
import { toRange } from "./util.js";

const SYNTAX_ERRORS = new Set(["E001", "E002", "E004"]);

export async function formatting(analysis: Analysis, formatter: FormatterApi | undefined): Promise<TextEdit[]> {
  if (!formatter) return [];
  const text = analysis.text;
  // A text that does not parse is not formatted (its diagnostics say why).
  if (analysis.diagnostics.some((d) => d.uri === analysis.uri && SYNTAX_ERRORS.has(d.code))) return [];
  let formatted: string;
  try {
    formatted = formatter.formatParsed ? formatter.formatParsed(analysis) : await formatter.formatPolicy(text);
  } catch (e) {
    // A text that does not parse is not formatted (its diagnostics say why); anything else is a bug.
    if (e instanceof Error && e.name === "PolicySyntaxError") return [];
    throw e;
  }
  if (typeof formatted !== "string" || formatted === text) return [];
  return [minimalEdit(text, formatted)];
}

/** One edit replacing the differing middle of `before` with that of `after`. */
export function minimalEdit(before: string, after: string): TextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Do not split a surrogate pair.
  if (start > 0 && isHigh(before.charCodeAt(start - 1))) start--;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  if (endB < before.length && isLow(before.charCodeAt(endB))) {
    endB++;
    endA++;
  }
  return { range: toRange(before, { start, end: endB }), newText: after.slice(start, endA) };
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
