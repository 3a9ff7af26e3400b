// Keywords: their spellings in both scripts come from keyword-list.json through OpenCC
// (keywords.generated.ts); here each gets the category the editor colours it by. Modifier
// verbs and word operators take theirs from their own tables.
import { KEYWORD_SPELLINGS } from "../keywords.generated.js";
import { MODIFIER_VERBS } from "./modifiers.js";
import { BINARY_OPERATORS, UNARY_OPERATORS } from "./symbols.js";

export type KeywordName = keyof typeof KEYWORD_SPELLINGS;
export { KEYWORD_SPELLINGS };

export type KeywordCategory = "declaration" | "step" | "attribute" | "control" | "action" | "operator" | "constant" | "other";

const OWN: Partial<Record<KeywordName, KeywordCategory>> = {
  Policy: "declaration",
  Enum: "declaration",
  Param: "declaration",
  Bracket: "declaration",
  Calculator: "declaration",
  Example: "declaration",
  Output: "step",
  Let: "step",
  Accumulator: "step",
  Layered: "step",
  Inputs: "step",
  Expect: "step",
  Refuse: "step",
  DocNumber: "attribute",
  Issuer: "attribute",
  Published: "attribute",
  Validity: "attribute",
  BasedOn: "attribute",
  Source: "attribute",
  Administrative: "attribute",
  Explain: "attribute",
  When: "control",
  ElseWhen: "control",
  Else: "control",
  If: "control",
  Then: "control",
  True: "constant",
  False: "constant",
  None: "constant",
  Remaining: "constant",
  Other: "constant",
};

/** The category of every keyword; a verb is an action and an operator word an operator first. */
export const KEYWORD_CATEGORY = Object.fromEntries(
  (Object.keys(KEYWORD_SPELLINGS) as KeywordName[]).map((name) => {
    if (MODIFIER_VERBS.some((v) => v.keyword === name)) return [name, "action"];
    if ([...BINARY_OPERATORS, ...UNARY_OPERATORS].some((o) => (o.tokens as readonly string[]).includes(name))) return [name, "operator"];
    return [name, OWN[name] ?? "other"];
  }),
) as Record<KeywordName, KeywordCategory>;
