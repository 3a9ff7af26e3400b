// Text → tokens, comments, CST and AST in one pass. Never throws; lexing and parsing errors
// are returned alongside a best-effort tree.
import type { PolicyFile } from "./ast.js";
import { buildFile } from "./build-ast.js";
import type { FileCstNode } from "./cst.generated.js";
import { parseCst, type CstResult } from "./parser.js";

export interface ParseResult extends CstResult {
  cst: FileCstNode;
  ast: PolicyFile;
}

export function parse(text: string): ParseResult {
  const r = parseCst(text);
  const cst = r.cst as FileCstNode;
  return { ...r, cst, ast: buildFile(cst, r.comments, text.length) };
}
