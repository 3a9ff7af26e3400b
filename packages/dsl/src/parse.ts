// Text → tokens, comments, CST and AST in one pass. Never throws; lexing and parsing errors
// are returned alongside a best-effort tree.
import type { CstNode } from "chevrotain";
import type { PolicyFile } from "./ast.js";
import { buildFile } from "./build-ast.js";
import type { FileCstNode } from "./cst.generated.js";
import { parseCst, type CstResult } from "./parser.js";

export interface ParseResult extends CstResult {
  cst: CstNode;
  ast: PolicyFile;
}

export function parse(text: string): ParseResult {
  const r = parseCst(text);
  return { ...r, ast: buildFile(r.cst as FileCstNode, r.comments, text.length) };
}
