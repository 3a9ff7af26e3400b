// Punctuation and operator glyphs: every width and spelling the lexer accepts for each token,
// the one the formatter prints, and (for operators) what it means and how tightly it binds.
// Word operators (且、或、大于、属于 …) are keywords, spelled in keyword-list.json; their
// meaning and precedence are here too.
import type { BinaryOp } from "../ast.js";

export interface SymbolEntry {
  /** Every way of writing it, longest first where one begins another (`==` before `=`). */
  glyphs: readonly string[];
  /** What the formatter prints; also the token's label in messages. */
  canonical: string;
}

/** Symbol tokens by token name, in the order the lexer tries them. */
export const SYMBOLS = {
  LBrace: { glyphs: ["{", "｛"], canonical: "{" },
  RBrace: { glyphs: ["}", "｝"], canonical: "}" },
  LParen: { glyphs: ["(", "（"], canonical: "（" },
  RParen: { glyphs: [")", "）"], canonical: "）" },
  LBracket: { glyphs: ["[", "［", "【"], canonical: "[" },
  RBracket: { glyphs: ["]", "］", "】"], canonical: "]" },
  Colon: { glyphs: [":", "："], canonical: "：" },
  Comma: { glyphs: [",", "，", "、", ";", "；"], canonical: "、" },
  Dot: { glyphs: [".", "．"], canonical: "." },
  Plus: { glyphs: ["+", "＋"], canonical: "+" },
  Minus: { glyphs: ["-", "－", "−"], canonical: "−" },
  Times: { glyphs: ["×", "*", "＊"], canonical: "×" },
  Divide: { glyphs: ["÷", "/", "／"], canonical: "÷" },
  PositivePart: { glyphs: ["⁺"], canonical: "⁺" },
  LessEqOp: { glyphs: ["≤", "<=", "＜＝"], canonical: "≤" },
  GreaterEqOp: { glyphs: ["≥", ">=", "＞＝"], canonical: "≥" },
  NotEqualsOp: { glyphs: ["≠", "!=", "！＝"], canonical: "≠" },
  EqualsOp: { glyphs: ["==", "=", "＝"], canonical: "=" },
  LessOp: { glyphs: ["<", "＜"], canonical: "<" },
  GreaterOp: { glyphs: [">", "＞"], canonical: ">" },
} as const satisfies Record<string, SymbolEntry>;

export type SymbolName = keyof typeof SYMBOLS;

/** Binding strength of binary operators, loosest first (operator-tree.ts groups an expression by it). */
export const PRECEDENCE = ["or", "and", "comparison", "additive", "multiplicative"] as const;
export type Level = (typeof PRECEDENCE)[number];

export interface BinaryOperator {
  /** The AST's operator (the canonical glyph or word). */
  op: BinaryOp;
  level: Level;
  /** Tokens that write it: a symbol (SYMBOLS) and/or a keyword (keyword-list.json). */
  tokens: readonly string[];
}

export const BINARY_OPERATORS: readonly BinaryOperator[] = [
  { op: "或", level: "or", tokens: ["Or"] },
  { op: "且", level: "and", tokens: ["And"] },
  { op: "=", level: "comparison", tokens: ["EqualsOp", "Equals"] },
  { op: "≠", level: "comparison", tokens: ["NotEqualsOp", "NotEquals"] },
  { op: "≤", level: "comparison", tokens: ["LessEqOp", "LessEq"] },
  { op: "≥", level: "comparison", tokens: ["GreaterEqOp", "GreaterEq"] },
  { op: "<", level: "comparison", tokens: ["LessOp", "Less"] },
  { op: ">", level: "comparison", tokens: ["GreaterOp", "Greater"] },
  { op: "包含", level: "comparison", tokens: ["Contains"] },
  { op: "属于", level: "comparison", tokens: ["In"] },
  { op: "不属于", level: "comparison", tokens: ["NotIn"] },
  { op: "+", level: "additive", tokens: ["Plus"] },
  { op: "-", level: "additive", tokens: ["Minus"] },
  { op: "×", level: "multiplicative", tokens: ["Times"] },
  { op: "÷", level: "multiplicative", tokens: ["Divide"] },
];

/** Prefix and postfix operators: 非 (below comparison), unary minus and ⁺ (tightest). */
export const UNARY_OPERATORS = [
  { op: "非", tokens: ["Not"], position: "prefix", level: "not" },
  { op: "-", tokens: ["Minus"], position: "prefix", level: "unary" },
  { op: "⁺", tokens: ["PositivePart"], position: "postfix", level: "postfix" },
] as const;

/** Token names that write a binary operator at one level. */
export function operatorTokens(level: Level): string[] {
  return BINARY_OPERATORS.filter((o) => o.level === level).flatMap((o) => o.tokens);
}

const BY_TOKEN = new Map(BINARY_OPERATORS.flatMap((o) => o.tokens.map((t) => [t, o] as const)));

/** The binary operator a token writes. */
export function binaryOperator(tokenName: string): BinaryOperator | undefined {
  return BY_TOKEN.get(tokenName);
}

/** Symbol tokens that are operators (for colouring). */
export const OPERATOR_SYMBOLS: ReadonlySet<string> = new Set(
  [...BINARY_OPERATORS, ...UNARY_OPERATORS].flatMap((o) => o.tokens).filter((t) => t in SYMBOLS),
);
