// Syntactic completion from the grammar itself (Chevrotain's content assist): which keywords
// may come next after a sequence of tokens, in the order the grammar lists its alternatives.
import { createTokenInstance, NonTerminal, Terminal, type IProduction, type TokenType } from "chevrotain";
import { KEYWORD_CATEGORY, type KeywordName } from "./language/keywords.js";
import * as T from "./lexer.js";
import { parser } from "./parser.js";

const tokenTypes = new Map<string, TokenType>(T.allTokens.map((t) => [t.name, t]));
const fake = (name: string) => createTokenInstance(tokenTypes.get(name)!, name, NaN, NaN, NaN, NaN, NaN, NaN);

/** Keywords that begin an expression (是、否、无、剩余、如果、非): not proposed as statements. */
let expressionStarts: Set<string> | undefined;

/**
 * The keywords that may follow `prefix` (token names) inside grammar rule `rule`, in grammar
 * order; operators and keywords that begin an expression are left out.
 */
export function nextKeywords(rule: string, prefix: readonly string[]): KeywordName[] {
  expressionStarts ??= new Set(parser.computeContentAssist("expression", []).map((p) => p.nextTokenType.name));
  const out: KeywordName[] = [];
  for (const path of parser.computeContentAssist(rule, prefix.map(fake))) {
    const name = path.nextTokenType.name as KeywordName;
    if (!(name in KEYWORD_CATEGORY) || KEYWORD_CATEGORY[name] === "operator" || expressionStarts.has(name) || out.includes(name)) continue;
    out.push(name);
  }
  return out;
}

let inExpressions: KeywordName[] | undefined;

/**
 * Every keyword an expression may hold (如果、那么、否则、且、或、非、属于 …), read from the
 * grammar's productions reachable from its `expression` rule, in grammar order.
 */
export function expressionKeywords(): readonly KeywordName[] {
  if (inExpressions) return inExpressions;
  const rules = new Map(Object.entries(parser.getGAstProductions()));
  const out: KeywordName[] = [];
  const seenRules = new Set<string>();
  const walk = (node: IProduction) => {
    if (node instanceof Terminal) {
      const name = node.terminalType.name as KeywordName;
      if (name in KEYWORD_CATEGORY && !out.includes(name)) out.push(name);
    } else if (node instanceof NonTerminal) {
      visit(node.nonTerminalName);
    } else if ("definition" in node) {
      for (const d of (node as { definition: IProduction[] }).definition) walk(d);
    }
  };
  const visit = (rule: string) => {
    if (seenRules.has(rule)) return;
    seenRules.add(rule);
    const r = rules.get(rule);
    if (r) walk(r);
  };
  visit("expression");
  return (inExpressions = out);
}
