// The concrete syntax tree next to the AST, for tools that must reproduce the source's own
// tokens (the formatter keeps keyword spellings and quoting as written). One parse, same
// results as `parse()` plus the CST.
import type { CstNode } from "chevrotain";
import { buildFile } from "./build-ast.js";
import type { ParseResult } from "./parse.js";
import { parseCst } from "./parser.js";
import { NAME_START, UNITS } from "./lexer.js";

export { syntaxDiagnostics } from "./syntax-errors.js";

export interface ParseWithCstResult extends ParseResult {
  cst: CstNode;
}

export function parseWithCst(text: string): ParseWithCstResult {
  const r = parseCst(text);
  const ast = buildFile(r.cst, r.comments, text.length);
  return { ast, cst: r.cst, tokens: r.tokens, comments: r.comments, lexErrors: r.lexErrors, parseErrors: r.parseErrors, nestingCuts: r.nestingCuts };
}

/** The lexer's character class of names (without brackets, JavaScript escapes), for editor grammars. */
export function nameCharacterClass(): string {
  // The lexer matches characters beyond the BMP as surrogate pairs; editor grammars take code points.
  return `${NAME_START}\\u{20000}-\\u{2ffff}`;
}

/** The units a number literal may carry, as the lexer reads them (`万元`, `%`, `个百分点` …). */
export function numberUnits(): string[] {
  return UNITS.split("|");
}
