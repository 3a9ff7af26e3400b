// Semantic tokens: keywords, names by what they name (from the symbol table), numbers with
// their units, dates, citations (clause and quoted sentence), strings, operators, comments.
import { BUILTINS, BUILTIN_TYPES, foldName, OPERATOR_SYMBOLS, TYPE_CONSTRUCTORS, type Analysis, type SymbolKind, type SymbolTable } from "@zhengce/dsl";
import { SemanticTokensBuilder, type SemanticTokens } from "./protocol.js";
import { TOKEN_TYPES } from "./capabilities.js";
import { keywordForms } from "./script.js";
import { lineIndex } from "./util.js";

// The token types' order is the legend's, part of the capabilities (capabilities.ts).
type TokenType = (typeof TOKEN_TYPES)[number];
const T = Object.fromEntries(TOKEN_TYPES.map((t, i) => [t, i])) as Record<TokenType, number>;
const DECLARATION = 1;
const READONLY = 2;
const DEFAULT_LIBRARY = 4;

const BY_KIND: Record<SymbolKind, [TokenType, number]> = {
  enum: ["enum", 0],
  member: ["enumMember", 0],
  param: ["variable", READONLY],
  bracket: ["function", 0],
  calculator: ["class", 0],
  input: ["parameter", 0],
  accumulator: ["struct", 0],
  field: ["property", 0],
  step: ["variable", 0],
};

const TYPE_NAMES = new Set([...Object.keys(BUILTIN_TYPES), ...TYPE_CONSTRUCTORS].map((n) => foldName(n)));
const FUNCTIONS = new Set(BUILTINS.map((b) => foldName(b.name)));

interface Raw {
  start: number;
  end: number;
  type: number;
  modifiers: number;
  /** Where it starts (0-based), when it lies on one line: the lexer's own position, no lookup. */
  line: number;
  character: number;
}

type Located = { startOffset: number; endOffset?: number; startLine?: number; endLine?: number; startColumn?: number };

export function semanticTokens(analysis: Analysis, table: SymbolTable, range?: { start: number; end: number }): SemanticTokens {
  const text = analysis.text;
  const keywords = keywordForms();
  const raws: Raw[] = [];
  let at: Located;
  const push = (start: number, end: number, type: number, modifiers = 0) => {
    const oneLine = at.startLine !== undefined && at.startLine === at.endLine && at.startColumn !== undefined;
    raws.push({ start, end, type, modifiers, line: oneLine ? at.startLine! - 1 : -1, character: oneLine ? at.startColumn! - 1 : -1 });
  };
  for (const t of analysis.tokens) {
    at = t;
    const start = t.startOffset;
    const end = (t.endOffset ?? start) + 1;
    if (range && (end < range.start || start > range.end)) continue;
    const name = t.tokenType.name;
    if (keywords.has(name)) push(start, end, T.keyword);
    else if (name === "NumberLit" || name === "Date") push(start, end, T.number);
    else if (name === "ClauseRef") push(start, end, T.decorator);
    else if (name === "CitationQuote") push(start, end, T.string);
    else if (name === "InclusionMark") push(start, end, T.keyword);
    else if (OPERATOR_SYMBOLS.has(name)) push(start, end, T.operator);
    else if (name === "Identifier" || name === "Quoted") {
      const occ = table.at(analysis.uri, start);
      if (occ && occ.span.start === start) {
        const [type, mods] = BY_KIND[occ.kind];
        push(start, end, T[type], mods | (occ.definition ? DECLARATION : 0));
      } else if (name === "Quoted") push(start, end, T.string);
      else {
        const key = foldName(t.image);
        if (TYPE_NAMES.has(key)) push(start, end, T.type, DEFAULT_LIBRARY);
        else if (FUNCTIONS.has(key)) push(start, end, T.function, DEFAULT_LIBRARY);
      }
    }
  }
  for (const c of analysis.comments) {
    at = c;
    const start = c.startOffset;
    const end = (c.endOffset ?? start) + 1;
    if (range && (end < range.start || start > range.end)) continue;
    push(start, end, T.comment);
  }
  raws.sort((a, b) => a.start - b.start);

  const ix = lineIndex(text);
  const builder = new SemanticTokensBuilder();
  for (const r of raws) {
    if (r.line >= 0) {
      builder.push(r.line, r.character, r.end - r.start, r.type, r.modifiers);
      continue;
    }
    // A token may not span lines (a quoted clause can): emit one piece per line.
    let s = r.start;
    while (s < r.end) {
      const e = Math.min(ix.lineEnd(s), r.end);
      if (e > s) {
        const p = ix.position(s);
        builder.push(p.line, p.character, e - s, r.type, r.modifiers);
      }
      s = e + (text.startsWith("\r\n", e) ? 2 : 1);
    }
  }
  return builder.build();
}
