// Tokens of the policy language. Rules that shape everything else:
// - Keywords come in simplified and traditional spellings (keywords.generated.ts, from OpenCC).
// - A keyword is a whole word: it must be separated from a name by a space or punctuation,
//   because Chinese has no spaces and `当医院级别` is one name (the checker hints at this).
// - Names hold no ASCII digits, so `超过5000元` lexes as keyword, amount.
// - Punctuation and digits are accepted in both widths in the same token class.
// - After 依据 the rest of the line is a clause reference plus an optional 「quote」 (lexer mode).
import { createToken, Lexer, type TokenType, type ILexingResult } from "chevrotain";
import { KEYWORD_SPELLINGS, type KeywordName } from "./language/keywords.js";
import { SYMBOLS, type SymbolName } from "./language/symbols.js";
import { PER_HEAD, UNIT_SPELLINGS } from "./language/units.js";

export const NAME_START =
  "A-Za-z_\\u3007\\u4e00-\\u9fff\\u3400-\\u4dbf\\uf900-\\ufaff\\uff21-\\uff3a\\uff41-\\uff5a\\u2160-\\u217f\\u0391-\\u03c9";

// A name may not begin with a bracket-boundary word, so `5000元以上至20万元` reads as
// amount, 以上, 至, amount, the way the notices write it. Characters beyond the BMP
// (CJK Extension B…) are surrogate pairs.
const NAME_CHAR = `(?:[${NAME_START}]|[\\ud840-\\ud87f][\\udc00-\\udfff])`;
export const Identifier = createToken({
  name: "Identifier",
  pattern: new RegExp(`(?!以上|以下|以内|以外|以內)${NAME_CHAR}+`),
  line_breaks: false,
  label: "名称",
});

export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t\r\n\u3000]+|。/, group: Lexer.SKIPPED, line_breaks: true });
// A line ends at LF, CRLF or a lone CR (as for the LSP and the formatter): a comment stops at any of them.
export const Comment = createToken({ name: "Comment", pattern: /#[^\r\n]*/, group: "comments", line_breaks: false });

// `2019 年 1 月 1 日`, `2020 年起` may be spaced as the notices space them. A year is a date too where the notices write one as a period: `2014年度`, and `2018年` before
// 起 / 至 / a range dash / a colon (`2019年起：2.5%`, `2018年：2.8%`); elsewhere `2018年` stays a
// number of years. As for a unit, a 年度 written after a space must end the word (or be followed
// by 起 / 至 / 到): in `2020 年度累计` the name 年度累计 follows the number 2020.
export const Date = createToken({
  name: "Date",
  pattern: new RegExp(
    `[0-9０-９]{4}(?:[-－][0-9０-９]{1,2}[-－][0-9０-９]{1,2}|[ \\t]*年[ \\t]*[0-9０-９]{1,2}[ \\t]*月[ \\t]*[0-9０-９]{1,2}[ \\t]*日|年度|[ \\t]+年度(?=起|至|到|(?!${NAME_CHAR}))|[ \\t]*年(?=[ \\t]*(?:起|至|到|[—～~：:])))`,
  ),
  line_breaks: false,
  label: "日期",
});
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const UNITS = UNIT_SPELLINGS.map(escape).join("|");
// `每人每年90元`: the notices' per-head wording before an amount (PER_HEAD, units.ts) is part of it.
const NUMBER_WITH_UNIT = new RegExp(`(?:${PER_HEAD.source})?[0-9０-９]+(?:[.．][0-9０-９]+)?(?:(?:${UNITS})|[ \\t]+(?:${UNITS}))?`, "y");
const NAME_CHAR_AT = new RegExp(NAME_CHAR, "y");
/**
 * A number with its unit. A unit written after a space must end the word: in `36 年度累计`
 * the name 年度累计 follows the number, while `500 元以上` is 500元 then 以上.
 */
function matchNumber(text: string, offset: number): RegExpExecArray | null {
  NUMBER_WITH_UNIT.lastIndex = offset;
  const m = NUMBER_WITH_UNIT.exec(text);
  if (!m) return null;
  const spaced = /[ \t]/.test(m[0]);
  if (spaced) {
    const end = offset + m[0].length;
    NAME_CHAR_AT.lastIndex = end;
    const nameFollows = NAME_CHAR_AT.test(text);
    const keywordFollows = BOUNDARY_WORDS.some((w) => text.startsWith(w, end));
    if (nameFollows && !keywordFollows) {
      const bare = new RegExp(`^(?:${PER_HEAD.source})?[0-9０-９]+(?:[.．][0-9０-９]+)?`).exec(m[0])!;
      const r = [bare[0]] as unknown as RegExpExecArray;
      return r;
    }
  }
  return m;
}
export const BOUNDARY_WORDS = ["以上", "以下", "以内", "以內", "以外", "至", "到", "起"];
export const NumberLit = createToken({
  name: "NumberLit",
  pattern: { exec: matchNumber },
  line_breaks: false,
  start_chars_hint: [..."0123456789０１２３４５６７８９每"],
  label: "数值",
});
export const Quoted = createToken({
  name: "Quoted",
  pattern: /「[^」]*」|『[^』]*』|"[^"\r\n]*"|“[^”]*”/,
  line_breaks: true,
  label: "「…」",
});
export const InclusionMark = createToken({
  name: "InclusionMark",
  // （含）（不含）（含 12万元）（含第12个月）: after 含 only a number may follow, so
  // `正值（含税费用）` stays a call.
  pattern: /[（(][ \t]*不?含[ \t]*(?:[0-9０-９第][^）)\r\n]*)?[）)]/,
  line_breaks: false,
  label: "（含）",
});

/**
 * The characters a token of literal spellings starts with, as its `start_chars_hint`: otherwise
 * the lexer's build parses each of the hundred keyword and symbol patterns to find them
 * (Chevrotain's first-character index: 25 of the lexer's 55 ms in a profile of its build).
 * `validateLexer` checks that the index comes out as Chevrotain's own analysis makes it. In code
 * order: Chevrotain files a token once per run of hinted characters in the same bucket.
 */
const firstChars = (spellings: readonly string[]) => [...new Set(spellings.map((s) => s.charCodeAt(0)))].sort((a, b) => a - b);

/** Punctuation and operators, one token each, from the symbol table (every width and spelling). */
const symbol = (name: SymbolName) =>
  createToken({
    name,
    pattern: new RegExp(SYMBOLS[name].glyphs.map(escape).join("|")),
    line_breaks: false,
    start_chars_hint: firstChars(SYMBOLS[name].glyphs),
    label: SYMBOLS[name].canonical,
  });
export const LBrace = symbol("LBrace");
export const RBrace = symbol("RBrace");
export const LParen = symbol("LParen");
export const RParen = symbol("RParen");
export const LBracket = symbol("LBracket");
export const RBracket = symbol("RBracket");
export const Colon = symbol("Colon");
export const Comma = symbol("Comma");
export const Dot = symbol("Dot");
export const Plus = symbol("Plus");
export const Minus = symbol("Minus");
export const Times = symbol("Times");
export const Divide = symbol("Divide");
export const PositivePart = symbol("PositivePart");
export const LessEqOp = symbol("LessEqOp");
export const GreaterEqOp = symbol("GreaterEqOp");
export const NotEqualsOp = symbol("NotEqualsOp");
export const EqualsOp = symbol("EqualsOp");
export const LessOp = symbol("LessOp");
export const GreaterOp = symbol("GreaterOp");
/** Symbol tokens by name. */
export const symbols = { LBrace, RBrace, LParen, RParen, LBracket, RBracket, Colon, Comma, Dot, Plus, Minus, Times, Divide, PositivePart, LessEqOp, GreaterEqOp, NotEqualsOp, EqualsOp, LessOp, GreaterOp } satisfies Record<SymbolName, TokenType>;

// ── keywords ──
export type { KeywordName };
export const keywords = {} as Record<KeywordName, TokenType>;
for (const [name, spellings] of Object.entries(KEYWORD_SPELLINGS) as [KeywordName, readonly string[]][]) {
  const sorted = [...spellings].sort((a, b) => b.length - a.length);
  keywords[name] = createToken({
    name,
    pattern: new RegExp(sorted.map(escape).join("|")),
    longer_alt: Identifier,
    line_breaks: false,
    start_chars_hint: firstChars(spellings),
    label: spellings[0],
  });
}
/** Keyword tokens, longest spelling first so 否则当 wins over 否则 and 否则 over 否. */
const keywordTokens = Object.values(keywords).sort(
  (a, b) => longest(b) - longest(a),
);
function longest(t: TokenType): number {
  return Math.max(...(t.PATTERN as RegExp).source.split("|").map((s) => s.replace(/\\/g, "").length));
}

// ── citation mode: 依据 <clause…> [「quote」] up to the end of the line ──
export const CitationKeyword = keywords.Citation;
CitationKeyword.PUSH_MODE = "citation";
// 行政性 <clause…> [「reason」] in the header reads like a citation.
keywords.Administrative.PUSH_MODE = "citation";
export const ClauseRef = createToken({ name: "ClauseRef", pattern: /[^\s「」"“”{}｛｝#]+/, line_breaks: false, label: "条款" });
export const CitationQuote = createToken({
  name: "CitationQuote",
  pattern: /「[^」]*」|"[^"\r\n]*"|“[^”]*”/,
  pop_mode: true,
  line_breaks: true,
  label: "「引文」",
});
const CitationEnd = createToken({ name: "CitationEnd", pattern: /[ \t]*(?:\r\n?|\n)/, pop_mode: true, group: Lexer.SKIPPED, line_breaks: true });
const CitationSpace = createToken({ name: "CitationSpace", pattern: /[ \t\u3000]+/, group: Lexer.SKIPPED, line_breaks: false });
export const CitationRBrace = createToken({
  name: "CitationRBrace",
  pattern: /[}｝]/,
  pop_mode: true,
  line_breaks: false,
  categories: [RBrace],
  label: "}",
});

const defaultMode: TokenType[] = [
  WhiteSpace,
  Comment,
  Date,
  NumberLit,
  Quoted,
  InclusionMark,
  ...Object.values(symbols),
  ...keywordTokens,
  Identifier,
];

const citationMode: TokenType[] = [CitationEnd, CitationSpace, Comment, CitationQuote, CitationRBrace, ClauseRef];

export const allTokens: TokenType[] = [...defaultMode, ClauseRef, CitationQuote, CitationRBrace];

const MODES = { modes: { default: defaultMode, citation: citationMode }, defaultMode: "default" };

/**
 * Without Chevrotain's checks of the token patterns: a third of building the lexer (node
 * --cpu-prof), paid by every tool before its first check. Patterns that pass them once always
 * do, so the tests run them (`validateLexer`). Every token says whether it can span a line
 * (`line_breaks`): otherwise the lexer's build parses each pattern to find out (another 40–70
 * ms in a profile of the server's start), and `validateLexer` checks each answer against that.
 */
export const PolicyLexer = new Lexer(MODES, { positionTracking: "full", ensureOptimizations: false, skipValidations: true });

/** What the lexer's build works out, as its fields hold it. */
interface LexerBuild {
  patternIdxToConfig: Record<string, { tokenType: TokenType; canLineTerminator: boolean }[]>;
  /** By mode: first-character bucket → the patterns tried there. */
  charCodeToPatternIdxToConfig: Record<string, ({ tokenType: TokenType }[] | undefined)[]>;
}

/** Each mode's first-character index as token names by bucket, to compare two builds. */
const firstCharIndex = (build: LexerBuild) =>
  JSON.stringify(Object.entries(build.charCodeToPatternIdxToConfig).map(([mode, buckets]) => [mode, buckets.map((b) => b?.map((c) => c.tokenType.name))]));

/**
 * Build the lexer again with Chevrotain's checks: throws on a defect, prints a warning
 * (console.warn); and throws where a token's `line_breaks` is not what Chevrotain finds in its
 * pattern, or where the first characters hinted make another index than its analysis of the patterns.
 */
export function validateLexer(): void {
  new Lexer(MODES, { positionTracking: "full", ensureOptimizations: false });
  const tokens = [...new Set([...defaultMode, ...citationMode])];
  const declared = new Map(tokens.map((t) => [t, { lineBreaks: t.LINE_BREAKS, hint: (t as { START_CHARS_HINT?: unknown }).START_CHARS_HINT }]));
  for (const t of tokens) {
    delete t.LINE_BREAKS;
    // A custom pattern (NumberLit) has only its hint: Chevrotain cannot analyse a function.
    if (t.PATTERN instanceof RegExp) delete (t as { START_CHARS_HINT?: unknown }).START_CHARS_HINT;
  }
  try {
    const found = new Lexer(MODES, { positionTracking: "full", ensureOptimizations: false, skipValidations: true }) as unknown as LexerBuild;
    for (const config of Object.values(found.patternIdxToConfig).flat()) {
      if (declared.get(config.tokenType)!.lineBreaks !== config.canLineTerminator) {
        throw new Error(`词法记号 ${config.tokenType.name} 的 line_breaks 应为 ${config.canLineTerminator}`);
      }
    }
    if (firstCharIndex(found) !== firstCharIndex(PolicyLexer as unknown as LexerBuild)) {
      throw new Error("词法记号的 start_chars_hint 与 Chevrotain 对其模式的分析不符");
    }
  } finally {
    for (const [t, { lineBreaks, hint }] of declared) {
      t.LINE_BREAKS = lineBreaks;
      if (hint !== undefined) (t as { START_CHARS_HINT?: unknown }).START_CHARS_HINT = hint;
    }
  }
}

export function tokenize(text: string): ILexingResult {
  return PolicyLexer.tokenize(text);
}

/** Every keyword spelling, for editor grammars and completion. */
export function keywordSpellings(): Record<KeywordName, readonly string[]> {
  return KEYWORD_SPELLINGS;
}
