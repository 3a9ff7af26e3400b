// Parsing for a tool that reads only the AST (the CLI's check and compile): the text is lexed a
// window of lines at a time and parsed a top-level declaration at a time, each declaration's
// tokens and CST dropped once its AST is built, so memory holds the AST and one window's syntax
// instead of the tokens and CST of the whole file (a heap snapshot of a 10 000-line policy showed
// the CST and the tokens at four fifths of the analysis' memory).
// The result is the AST parse() gives; whatever this cannot vouch for (a lexing or parsing error,
// over-deep nesting, text before the first declaration) yields undefined and is parsed whole.
import type { IToken } from "chevrotain";
import type * as A from "./ast.js";
import { declarationOf, fileOf } from "./build-ast.js";
import * as T from "./lexer.js";
import { limitNesting } from "./nesting.js";
import type { ParseResult } from "./parse.js";
import { declarationCst } from "./parser.js";
import { declarationStarts, split } from "./reparse.js";

/** Characters lexed at a time (a window grows until it holds a whole declaration). */
const WINDOW = 1 << 16;

/**
 * The AST of `text` as parse() makes it, with no tokens and no CST kept (`tokens` is empty and
 * `cst` holds no declarations). `onTokens` sees the tokens of each window, in text order, before
 * they are dropped. Undefined where the text has a syntax error or cannot be split soundly.
 */
export function parseDeclarations(text: string, onTokens: (tokens: IToken[]) => void, window = WINDOW): ParseResult | undefined {
  const starts = declarationStarts();
  const declarations: (A.Declaration | undefined)[] = [];
  const comments: IToken[] = [];
  let start = 0;
  let line = 1;
  let size = window;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    if (end < text.length) {
      const nl = text.indexOf("\n", end);
      end = nl < 0 ? text.length : nl + 1;
    }
    const last = end === text.length;
    const lexed = T.tokenize(text.slice(start, end));
    const tokens = lexed.tokens;
    // Where this window stops: before the last declaration that opens its line outside any
    // braces (the text up to it lexes as in the whole file; what follows may be cut short).
    let cut = last ? tokens.length : -1;
    if (!last) {
      let depth = 0;
      for (let i = 0; i < tokens.length; i++) {
        const t = tokens[i];
        const name = t.tokenType.name;
        if (i > 0 && depth === 0 && starts.has(name) && opensLine(text, start + t.startOffset)) cut = i;
        if (name === "LBrace") depth++;
        else if (name === "RBrace" || name === "CitationRBrace") depth--;
      }
    }
    if (cut <= 0) {
      // No declaration in the whole window: an empty file or one of only comments, parsed whole.
      if (last) return undefined;
      size *= 2;
      continue;
    }
    const cutOffset = cut < tokens.length ? tokens[cut].startOffset : end - start;
    if (lexed.errors.some((e) => e.offset < cutOffset)) return undefined;
    const own = tokens.slice(0, cut);
    const lines = line - 1;
    for (const t of own) place(t, start, lines);
    for (const c of (lexed.groups.comments as IToken[] | undefined) ?? []) {
      if (c.startOffset < cutOffset) comments.push(place(c, start, lines));
    }
    const ranges = split(own);
    if (!ranges) return undefined;
    for (const [from, to] of ranges) {
      const decl = own.slice(from, to);
      if (limitNesting(decl, T.NumberLit).cuts.length) return undefined;
      const cst = declarationCst(decl);
      if (!cst) return undefined;
      declarations.push(declarationOf(cst));
    }
    onTokens(own);
    if (last) break;
    // The next window starts at the line of the declaration it stopped before.
    const next = start + cutOffset - (tokens[cut].startColumn! - 1);
    line += lineBreaks(text, start, next);
    start = next;
    size = window;
  }
  return fileResult(declarations, comments, text);
}

function fileResult(declarations: (A.Declaration | undefined)[], comments: IToken[], text: string): ParseResult {
  return {
    cst: { name: "file", children: {} },
    tokens: [],
    comments,
    lexErrors: [],
    parseErrors: [],
    nestingCuts: [],
    ast: fileOf(declarations, comments, text.length),
  };
}

/** A token of a window lexed from `start` (a line start), placed in the whole text. */
function place(t: IToken, start: number, lines: number): IToken {
  t.startOffset += start;
  t.endOffset! += start;
  t.startLine! += lines;
  t.endLine! += lines;
  return t;
}

/** Only spaces before `offset` on its line. */
function opensLine(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
    if (c !== 32 && c !== 9 && c !== 0x3000) return false;
  }
  return true;
}

/** Line breaks (LF, CRLF or a lone CR, as the lexer counts them) in text[from, to). */
function lineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}
