// Modifier verbs (当 条件：提高 1个百分点): the keyword that writes each, the verb the AST and
// messages use, the operation it lowers to, and the type its value must have given the type
// of what it modifies. Parser, AST builder, checker, lowering, completion and the editor
// grammar read this table only.
import type { ModifierAction } from "../ast.js";
import { isNumeric, POINTS, RATE, type Type } from "../types.js";

export type Verb = ModifierAction["kind"];

export interface ModifierVerb {
  /** Keyword token (keyword-list.json) that writes it. */
  keyword: string;
  verb: Verb;
  /** What it does to the value, target-neutrally (the IR's operation). */
  operation: "add" | "subtract" | "multiply" | "set" | "floor" | "cap";
  /** The type of the verb's value for a modified value of type `t`; undefined: not applicable. */
  argument(t: Type): Type | undefined;
}

/** A money value the verb works with is never 无, even when the modified value may be. */
const definite = (t: Type): Type => (t.k === "money" ? { k: "money", nullable: false } : t);

const shift = (t: Type): Type | undefined => {
  if (t.k === "rate") return POINTS;
  if (t.k === "money" || t.k === "int" || t.k === "points") return definite(t);
  return t.k === "unknown" ? t : undefined;
};
const bound = (t: Type): Type | undefined => (isNumeric(t) || t.k === "unknown" ? definite(t) : undefined);

export const MODIFIER_VERBS: readonly ModifierVerb[] = [
  { keyword: "Raise", verb: "提高", operation: "add", argument: shift },
  { keyword: "Lower", verb: "降低", operation: "subtract", argument: shift },
  { keyword: "MultiplyBy", verb: "乘以", operation: "multiply", argument: (t) => (isNumeric(t) || t.k === "unknown" ? RATE : undefined) },
  { keyword: "SetTo", verb: "设为", operation: "set", argument: (t) => t },
  { keyword: "AtLeast", verb: "不低于", operation: "floor", argument: bound },
  { keyword: "AtMost", verb: "不超过", operation: "cap", argument: bound },
];

const BY_KEYWORD = new Map(MODIFIER_VERBS.map((v) => [v.keyword, v]));
const BY_VERB = new Map(MODIFIER_VERBS.map((v) => [v.verb, v]));

/** The verb a keyword token writes. */
export function modifierVerb(keyword: string): ModifierVerb | undefined {
  return BY_KEYWORD.get(keyword);
}

/** The table entry of a verb. */
export function verbEntry(verb: Verb): ModifierVerb {
  return BY_VERB.get(verb)!;
}
