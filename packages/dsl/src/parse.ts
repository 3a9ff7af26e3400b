import type { PolicyFile } from "./ast.js";
import { buildFile } from "./build-ast.js";
import { parseCst, type CstResult } from "./parser.js";

export interface ParseResult extends Omit<CstResult, "cst"> {
  ast: PolicyFile;
}

/** Text → AST. Never throws; lexing and parsing errors are returned alongside a best-effort tree. */
export function parse(text: string): ParseResult {
  const r = parseCst(text);
  const ast = buildFile(r.cst, r.comments, text.length);
  return { ast, tokens: r.tokens, comments: r.comments, lexErrors: r.lexErrors, parseErrors: r.parseErrors, nestingCuts: r.nestingCuts };
}
