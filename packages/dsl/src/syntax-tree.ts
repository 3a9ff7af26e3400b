// The concrete syntax tree next to the AST, for tools that must reproduce the source's own
// tokens (the formatter keeps keyword spellings and quoting as written). One parse, same
// results as `parse()` plus the CST.
import type { CstNode } from "chevrotain";
import { buildFile } from "./build-ast.js";
import type { ParseResult } from "./parse.js";
import { parseCst } from "./parser.js";

export { syntaxDiagnostics } from "./syntax-errors.js";

export interface ParseWithCstResult extends ParseResult {
  cst: CstNode;
}

export function parseWithCst(text: string): ParseWithCstResult {
  const r = parseCst(text);
  const ast = buildFile(r.cst, r.comments, text.length);
  return { ast, cst: r.cst, tokens: r.tokens, comments: r.comments, lexErrors: r.lexErrors, parseErrors: r.parseErrors };
}
