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
import { declarationCst, parser } from "./parser.js";
import { carryCitations } from "./notice/verify.js";

/** One top-level declaration as parsed: its tokens, CST and AST, and where it stood. */
interface Chunk {
  key: string;
  start: number;
  line: number;
  tokens: IToken[];
  /** Made on first use for a declaration that moved (only the formatter reads the CST). */
  readonly cst: DeclarationCstNode;
  ast: A.Declaration | undefined;
  /** While a moved declaration's CST is not made: a CST made earlier, the tokens it holds, and how far it has moved since. */
  from?: Moved;
}

interface Moved {
  cst: DeclarationCstNode;
  tokens: IToken[];
  delta: number;
  lines: number;
}

/** What the next version reuses of a parse made here, by the file's CST (which every copy of the result shares). */
interface Remembered {
  text: string;
  chunks: Chunk[];
}
/** Made when the next version asks: a profile of the server's start had the split of the first parse on the way to its first diagnostics. */
const chunksOf = new WeakMap<FileCstNode, () => Remembered | undefined>();

/** Each declaration a reparse moved (an edit above it), and the previous version's declaration it is a copy of. */
const moves = new WeakMap<A.Declaration, A.Declaration>();

/** The previous version's declaration that `decl` is a moved copy of (the checker's memo carries what it knew of it). */
export function movedFrom(decl: object): A.Declaration | undefined {
  return moves.get(decl as A.Declaration);
}

/** The tokens a top-level declaration may begin with (the grammar's `declaration` rule). */
let starts: Set<string> | undefined;
export const declarationStarts = () =>
  (starts ??= new Set(parser.computeContentAssist("declaration", []).map((p) => p.nextTokenType.name)));

/**
 * Splits the tokens into top-level declarations: each begins with a declaration keyword outside
 * any braces. Undefined when the split is not sound (braces unbalanced, tokens before the first
 * declaration).
 */
export function split(tokens: IToken[]): [number, number][] | undefined {
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
  const before = previous && chunksOf.get(previous.cst)?.();
  if (!before) return remember(text, parse(text));
  const old = before.chunks;
  const lex = relex(text, before.text, previous);
  if (!lex) return remember(text, parse(text));
  const ranges = split(lex.tokens);
  if (!ranges?.length) return remember(text, parse(text));

  // A declaration wholly in the text before the change, or wholly in the text after it, is the
  // old one at the same place (moved by the change's delta): found by its offset. Only those
  // the change touches are looked up by their text, which the profile of typing into
  // base.policy showed at a third of reparse()'s own time (each key a copy of a declaration's
  // text, hashed and compared), for every declaration of the file.
  const byStart = new Map<number, Chunk>();
  for (const c of old) byStart.set(c.start, c);
  const used = new Set<Chunk>();
  let reusable: Map<string, Chunk[]> | undefined;
  const byText = (key: string) => {
    if (!reusable) {
      reusable = new Map();
      for (const c of old) {
        const list = reusable.get(c.key);
        if (list) list.push(c);
        else reusable.set(c.key, [c]);
      }
    }
    return reusable.get(key)?.find((c) => !used.has(c));
  };
  const atSamePlace = (own: IToken[]) => {
    const a = own[0];
    const end = own[own.length - 1].endOffset! + 1;
    const shift = end <= lex.changedFrom ? 0 : a.startOffset >= lex.unchangedFrom ? lex.delta : undefined;
    if (shift === undefined) return undefined;
    const c = byStart.get(a.startOffset - shift);
    if (!c || used.has(c)) return undefined;
    const first = c.tokens[0];
    const last = c.tokens[c.tokens.length - 1];
    return first.startColumn === a.startColumn && last.endOffset! + 1 + shift === end ? c : undefined;
  };
  // The result's tokens, built declaration by declaration (splicing them into one array was quadratic).
  const tokens: IToken[] = [];
  const chunks: Chunk[] = [];
  for (const [from, to] of ranges) {
    const own = lex.tokens.slice(from, to);
    let key: string | undefined;
    const before = atSamePlace(own) ?? byText((key = keyOf(text, own)));
    if (before) {
      used.add(before);
      const delta = own[0].startOffset - before.start;
      const lines = own[0].startLine! - before.line;
      if (delta === 0 && lines === 0) {
        // The very same tokens: the old CST keeps pointing at the tokens of the result.
        for (const t of before.tokens) tokens.push(t);
        chunks.push(before);
      } else {
        for (const t of own) tokens.push(t);
        chunks.push(moved(before, own, delta, lines));
      }
      continue;
    }
    key ??= keyOf(text, own);
    for (const t of own) tokens.push(t);
    // Nesting is counted within a declaration: one whose expressions nest too deeply is parsed whole, with its cut.
    if (limitNesting(own, T.NumberLit).cuts.length) return remember(text, parse(text));
    const cst = declarationCst(own);
    if (!cst) return remember(text, parse(text));
    chunks.push({ key, start: own[0].startOffset, line: own[0].startLine!, tokens: own, cst, ast: declarationOf(cst) });
  }

  const comments = lex.comments;
  // Each element is its chunk's CST, made when read.
  const declarations: DeclarationCstNode[] = [];
  chunks.forEach((c, i) => Object.defineProperty(declarations, i, { get: () => c.cst, enumerable: true, configurable: true }));
  const cst: FileCstNode = { name: "file", children: { declaration: declarations }, location: spanning(chunks) };
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
  const remembered = { text, chunks };
  chunksOf.set(cst, () => remembered);
  return result;
}

/** Records the declarations of a whole parse, so that the next version can reuse them. */
function remember(text: string, r: ParseResult): ParseResult {
  if (r.lexErrors.length || r.parseErrors.length || r.nestingCuts.length) return r;
  let remembered: Remembered | undefined;
  let made = false;
  chunksOf.set(r.cst, () => {
    if (made) return remembered;
    made = true;
    const ranges = split(r.tokens);
    const decls = r.cst.children.declaration ?? [];
    if (!ranges || ranges.length !== decls.length) return undefined;
    remembered = {
      text,
      chunks: ranges.map(([from, to], i) => {
        const own = r.tokens.slice(from, to);
        return { key: keyOf(text, own), start: own[0].startOffset, line: own[0].startLine!, tokens: own, cst: decls[i], ast: r.ast.declarations[i] };
      }),
    };
    return remembered;
  });
  return r;
}

/** Where a chunk's CST stands, without making it. */
function locationOf(c: Chunk): NonNullable<CstNode["location"]> {
  return c.from ? shift(c.from.cst.location!, c.from.delta, c.from.lines) : c.cst.location!;
}

function shift(l: NonNullable<CstNode["location"]>, delta: number, lines: number): NonNullable<CstNode["location"]> {
  return {
    ...l,
    startOffset: l.startOffset + delta,
    endOffset: l.endOffset === undefined ? undefined : l.endOffset + delta,
    startLine: l.startLine === undefined ? undefined : l.startLine + lines,
    endLine: l.endLine === undefined ? undefined : l.endLine + lines,
  };
}

/** The location of the file node that parse() gives: from the first declaration to the last. */
function spanning(chunks: Chunk[]): CstNode["location"] {
  const a = locationOf(chunks[0]);
  const b = locationOf(chunks[chunks.length - 1]);
  return { startOffset: a.startOffset, startLine: a.startLine, startColumn: a.startColumn, endOffset: b.endOffset, endLine: b.endLine, endColumn: b.endColumn };
}

/**
 * A declaration's parse moved by `delta` characters and `lines` lines onto the new text's tokens:
 * the AST now (the checker reads it), the CST when it is read. A profile of typing into
 * base.policy showed copying the CST of every declaration after the edit at half of an edit's
 * time, for a tree that only the formatter reads.
 */
function moved(c: Chunk, tokens: IToken[], delta: number, lines: number): Chunk {
  const citations = new Map<object, object>();
  const from: Moved = c.from ? { ...c.from, delta: c.from.delta + delta, lines: c.from.lines + lines } : { cst: c.cst, tokens: c.tokens, delta, lines };
  let made: DeclarationCstNode | undefined;
  const chunk: Chunk = {
    key: c.key,
    start: c.start + delta,
    line: c.line + lines,
    tokens,
    ast: c.ast && shiftSpans(c.ast, delta, citations),
    from,
    get cst() {
      if (!made) {
        made = relocated(from, tokens);
        chunk.from = undefined;
      }
      return made;
    },
  };
  // Its citations are known without walking it again (the profile of typing into base.policy
  // showed that walk, for the notice's check, at a tenth of an edit).
  if (c.ast) {
    carryCitations(c.ast, chunk.ast!, citations);
    moves.set(chunk.ast!, c.ast);
    // One step back only: a link from the old one to its own original would keep every
    // earlier copy of a declaration that edit after edit moves alive.
    moves.delete(c.ast);
  }
  return chunk;
}

/** The CST of `from`, moved onto `tokens` (the same declaration's tokens, in the same order). */
function relocated(from: Moved, tokens: IToken[]): DeclarationCstNode {
  const index = new Map(from.tokens.map((t, i) => [t, i]));
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
    return { ...n, children, location: n.location && shift(n.location, from.delta, from.lines) };
  };
  return node(from.cst) as DeclarationCstNode;
}

/**
 * A copy of an AST node with every span moved by `delta` (a span is the only AST object with a
 * numeric start and end), each citation's copy recorded in `citations`. One pass without
 * Object.entries / Object.keys: the profile of typing showed the generic copy at a tenth of an edit.
 */
function shiftSpans<T>(v: T, delta: number, citations: Map<object, object>): T {
  if (typeof v !== "object" || v === null) return v;
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = shiftSpans(v[i], delta, citations);
    return out as T;
  }
  const o = v as Record<string, unknown>;
  if (typeof o.start === "number" && typeof o.end === "number") return { start: o.start + delta, end: o.end + delta } as T;
  const out: Record<string, unknown> = {};
  for (const k in o) out[k] = shiftSpans(o[k], delta, citations);
  if (o.kind === "Citation") citations.set(o, out);
  return out as T;
}

// ── incremental lexing ──

/** The index of the first token starting at or after `offset`. */
function firstAtOrAfter(tokens: IToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].startOffset < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `t` moved by `offset` characters and `lines` lines, built field by field in an order of its own
 * and with integer fields: a spread copy keeps Chevrotain's token shape, whose position fields
 * are boxed doubles (its EOF token holds NaN), and a profile of typing into the generated
 * 5 000-line policy showed those copies (with the collection of their boxes) at a quarter of an
 * edit's time; this copy is several times cheaper and half the memory.
 */
function shifted(t: IToken, offset: number, lines: number): IToken {
  return {
    tokenType: t.tokenType,
    tokenTypeIdx: t.tokenTypeIdx | 0,
    image: t.image,
    startOffset: (t.startOffset + offset) | 0,
    endOffset: (t.endOffset! + offset) | 0,
    startLine: (t.startLine! + lines) | 0,
    endLine: (t.endLine! + lines) | 0,
    startColumn: t.startColumn! | 0,
    endColumn: t.endColumn! | 0,
  };
}

/** Token types that only the citation mode reads: a line holding one does not start in the default mode. */
const CITATION_ONLY = new Set(["ClauseRef", "CitationQuote", "CitationRBrace", "Comment"]);
const LINE_BREAK = /\r\n?|\n/g;

/**
 * The tokens and comments of `text`, re-lexing only the lines around the change from `oldText`:
 * from the start of a line before the change where the lexer was in its default mode (its first
 * token is an ordinary one) to the start of such a line after it, with the tokens before kept and
 * those after moved. Undefined where the text does not lex cleanly.
 */
function relex(
  text: string,
  oldText: string,
  previous: ParseResult,
): { tokens: IToken[]; comments: IToken[]; changedFrom: number; unchangedFrom: number; delta: number } | undefined {
  const max = Math.min(text.length, oldText.length);
  // Common prefix and suffix, a block at a time (a native comparison) and then by character.
  const B = 256;
  let p = 0;
  while (p + B <= max && text.slice(p, p + B) === oldText.slice(p, p + B)) p += B;
  while (p < max && text.charCodeAt(p) === oldText.charCodeAt(p)) p++;
  let s = 0;
  while (s + B <= max - p && text.slice(text.length - s - B, text.length - s) === oldText.slice(oldText.length - s - B, oldText.length - s)) s += B;
  while (s < max - p && text.charCodeAt(text.length - 1 - s) === oldText.charCodeAt(oldText.length - 1 - s)) s++;
  const delta = text.length - oldText.length;
  const tokens = previous.tokens;
  const lineStart = (t: IToken) => t.startOffset - (t.startColumn! - 1);
  /** Is `t` the first thing on its line, of a type the default mode starts? (A comment never is: it ends its line.) */
  const opensLine = (t: IToken) => !CITATION_ONLY.has(t.tokenType.name) && /^[ \t\u3000]*$/.test(oldText.slice(lineStart(t), t.startOffset));

  let from = 0;
  let fromLine = 1;
  for (let i = firstAtOrAfter(tokens, p) - 1; i >= 0; i--) {
    const t = tokens[i];
    if (lineStart(t) <= p && opensLine(t)) {
      from = lineStart(t);
      fromLine = t.startLine!;
      break;
    }
  }
  // The first line after the change that opens with an ordinary token (its line break unchanged).
  const unchangedFrom = oldText.length - s;
  let oldTo = oldText.length;
  let restLine = 0;
  for (let i = firstAtOrAfter(tokens, unchangedFrom); i < tokens.length; i++) {
    const t = tokens[i];
    const start = lineStart(t);
    if (start - 1 >= unchangedFrom && start + delta >= from && opensLine(t)) {
      oldTo = start;
      restLine = t.startLine!;
      break;
    }
  }
  const slice = text.slice(from, oldTo + delta);
  const lexed = T.tokenize(slice);
  if (lexed.errors.length) return undefined;
  const place = (t: IToken): IToken => shifted(t, from, fromLine - 1);
  const moveLines = restLine ? fromLine + (slice.match(LINE_BREAK)?.length ?? 0) - restLine : 0;
  const move = (t: IToken): IToken =>
    delta === 0 && moveLines === 0 ? t : shifted(t, delta, moveLines);
  const join = (old: IToken[], fresh: IToken[]) => [
    ...old.slice(0, firstAtOrAfter(old, from)),
    ...fresh.map(place),
    ...old.slice(firstAtOrAfter(old, oldTo)).map(move),
  ];
  return {
    tokens: join(tokens, lexed.tokens),
    comments: join(previous.comments, (lexed.groups.comments as IToken[] | undefined) ?? []),
    // The text before `changedFrom` and from `unchangedFrom` on (in the new text) is the old text's, `delta` further on.
    changedFrom: p,
    unchangedFrom: text.length - s,
    delta,
  };
}
