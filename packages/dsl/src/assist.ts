// Syntactic completion from the grammar itself (Chevrotain's content assist): which keywords
// may come next after a sequence of tokens, in the order the grammar lists its alternatives.
import { createTokenInstance, type TokenType } from "chevrotain";
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
