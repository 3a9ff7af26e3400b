// Incremental parsing for the editor: a top-level declaration whose text did not change keeps
// the parse (CST and AST) it had in the previous version of the file; only the declarations
// that changed go through the parser again. The result is the one parse() gives: anything the
// split cannot vouch for (a lexing error, unbalanced braces, over-deep nesting, a declaration
// that does not parse cleanly on its own) is parsed whole by parse().
import type { CstNode, IToken } from "chevrotain";
import type * as A from "./ast.js";
import { declarationOf, fileOf } from "./build-ast.js";
import type { DeclarationCstNode, FileCstNode } from "./cst.generated.js";
import * as T from "./lexer.js";
import { limitNesting } from "./nesting.js";
import { parse, type ParseResult } from "./parse.js";
import { parser } from "./parser.js";

/** One top-level declaration as parsed: its tokens, CST and AST, and where it stood. */
interface Chunk {
  key: string;
  start: number;
  line: number;
  tokens: IToken[];
  cst: DeclarationCstNode;
  ast: A.Declaration | undefined;
}

/** The declarations of each parse made here or by parse(), by the file's CST (which every copy of the result shares). */
const chunksOf = new WeakMap<FileCstNode, Chunk[]>();

/** The tokens a top-level declaration may begin with (the grammar's `declaration` rule). */
let starts: Set<string> | undefined;
const declarationStarts = () =>
  (starts ??= new Set(parser.computeContentAssist("declaration", []).map((p) => p.nextTokenType.name)));

/**
 * Splits the tokens into top-level declarations: each begins with a declaration keyword outside
 * any braces. Undefined when the split is not sound (braces unbalanced, tokens before the first
 * declaration).
 */
function split(tokens: IToken[]): [number, number][] | undefined {
  const first = declarationStarts();
  const out: [number, number][] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const name = tokens[i].tokenType.name;
    if (depth === 0 && first.has(name)) {
      if (out.length) out[out.length - 1][1] = i;
      out.push([i, tokens.length]);
    } else if (!out.length) return undefined;
    if (name === "LBrace") depth++;
    else if (name === "RBrace" || name === "CitationRBrace") {
      if (--depth < 0) return undefined;
    }
  }
  return depth === 0 ? out : undefined;
}

const keyOf = (text: string, tokens: IToken[]) => {
  const a = tokens[0];
  const b = tokens[tokens.length - 1];
  // The column matters: it is part of every position on the declaration's first line.
  return `${a.startColumn}\u0000${text.slice(a.startOffset, b.endOffset! + 1)}`;
};

/** parse(text), reusing the declarations of `previous` (a parse of an earlier version of the file) whose text is unchanged. */
export function reparse(text: string, previous: ParseResult | undefined): ParseResult {
  const old = previous && chunksOf.get(previous.cst);
  if (!old) return remember(text, parse(text));
  const lex = T.tokenize(text);
  if (lex.errors.length || limitNesting(lex.tokens, T.NumberLit).cuts.length) return remember(text, parse(text));
  const ranges = split(lex.tokens);
  if (!ranges?.length) return remember(text, parse(text));

  const reusable = new Map<string, Chunk[]>();
  for (const c of old) {
    const list = reusable.get(c.key);
    if (list) list.push(c);
    else reusable.set(c.key, [c]);
  }
  const tokens = lex.tokens.slice();
  const chunks: Chunk[] = [];
  for (const [from, to] of ranges) {
    const own = tokens.slice(from, to);
    const key = keyOf(text, own);
    const before = reusable.get(key)?.shift();
    if (before) {
      const delta = own[0].startOffset - before.start;
      const lines = own[0].startLine! - before.line;
      if (delta === 0 && lines === 0) {
        // The very same tokens: the old CST keeps pointing at the tokens of the result.
        tokens.splice(from, to - from, ...before.tokens);
        chunks.push(before);
      } else {
        chunks.push(moved(before, own, delta, lines));
      }
      continue;
    }
    parser.input = own;
    const cst = parser.declaration() as DeclarationCstNode;
    if (parser.errors.length) return remember(text, parse(text));
    chunks.push({ key, start: own[0].startOffset, line: own[0].startLine!, tokens: own, cst, ast: declarationOf(cst) });
  }

  const comments = (lex.groups.comments as IToken[] | undefined) ?? [];
  const declarations = chunks.map((c) => c.cst);
  const cst: FileCstNode = { name: "file", children: { declaration: declarations }, location: spanning(declarations) };
  const result: ParseResult = {
    cst,
    tokens,
    comments,
    lexErrors: [],
    parseErrors: [],
    nestingCuts: [],
    ast: fileOf(
      chunks.map((c) => c.ast),
      comments,
      text.length,
    ),
  };
  chunksOf.set(cst, chunks);
  return result;
}

/** Records the declarations of a whole parse, so that the next version can reuse them. */
function remember(text: string, r: ParseResult): ParseResult {
  if (r.lexErrors.length || r.parseErrors.length || r.nestingCuts.length) return r;
  const ranges = split(r.tokens);
  const decls = r.cst.children.declaration ?? [];
  if (!ranges || ranges.length !== decls.length) return r;
  chunksOf.set(
    r.cst,
    ranges.map(([from, to], i) => {
      const own = r.tokens.slice(from, to);
      return { key: keyOf(text, own), start: own[0].startOffset, line: own[0].startLine!, tokens: own, cst: decls[i], ast: r.ast.declarations[i] };
    }),
  );
  return r;
}

/** The location of the file node that parse() gives: from the first declaration to the last. */
function spanning(declarations: DeclarationCstNode[]): CstNode["location"] {
  const a = declarations[0].location!;
  const b = declarations[declarations.length - 1].location!;
  return { startOffset: a.startOffset, startLine: a.startLine, startColumn: a.startColumn, endOffset: b.endOffset, endLine: b.endLine, endColumn: b.endColumn };
}

/** A declaration's parse moved by `delta` characters and `lines` lines onto the new text's tokens. */
function moved(c: Chunk, tokens: IToken[], delta: number, lines: number): Chunk {
  const index = new Map(c.tokens.map((t, i) => [t, i]));
  const node = (n: CstNode): CstNode => {
    const children: CstNode["children"] = {};
    for (const [label, list] of Object.entries(n.children)) {
      children[label] = list.map((e) => {
        if (!("image" in e)) return node(e);
        const i = index.get(e);
        // A token the parser made up in recovery is not in the stream; there is none in a clean parse.
        return i === undefined ? e : tokens[i];
      }) as CstNode[] | IToken[];
    }
    const l = n.location;
    const location = l && {
      ...l,
      startOffset: l.startOffset + delta,
      endOffset: l.endOffset === undefined ? undefined : l.endOffset + delta,
      startLine: l.startLine === undefined ? undefined : l.startLine + lines,
      endLine: l.endLine === undefined ? undefined : l.endLine + lines,
    };
    return { ...n, children, location };
  };
  const cst = node(c.cst) as DeclarationCstNode;
  return { key: c.key, start: c.start + delta, line: c.line + lines, tokens, cst, ast: c.ast && shiftSpans(c.ast, delta) };
}

/** A copy of an AST node with every span moved by `delta`. */
function shiftSpans<T>(v: T, delta: number): T {
  if (Array.isArray(v)) return v.map((x) => shiftSpans(x, delta)) as T;
  if (!v || typeof v !== "object") return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    out[k] = isSpan(x) ? { start: x.start + delta, end: x.end + delta } : shiftSpans(x, delta);
  }
  return out as T;
}

const isSpan = (v: unknown): v is A.Span =>
  !!v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 2 && typeof (v as A.Span).start === "number" && typeof (v as A.Span).end === "number";
