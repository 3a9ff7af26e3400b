// The semantic IR between the checked model and the emitters. Every construct carries its
// meaning explicitly and target-neutrally:
// - modifiers are lowered to arithmetic (a `when` over `set`s; a rate's clamp is a `clamp` node);
// - rounding is an operation with its mode and scale (`round`);
// - brackets (marginal / whole-amount / stepped / inverse) are operations over a `slices`
//   definition whose semantics the runtime defines once;
// - a layer (`分层 … 剩余`) is a local and `consume` statements; accumulators are declared on the
//   calculator (per-claim additions) and carried and reset by one runtime implementation;
// - trace points are statements carrying their rule's source range, its 依据 and the values
//   they show; coverage points name the declarations a run reaches.
// Names are the policy's own words with a number that makes them unique (`Sym`): each target
// makes identifiers of them. Every expression has its value type, so an emitter can choose a
// representation per type.
import type { Type } from "@zhengce/dsl";

export type Ty = Type;

/** Where a rule stands: a span of one of the policy texts in `IRPolicy.sources`. */
export interface SourceRange {
  uri: string;
  start: number;
  end: number;
}

/** A value a policy names (a constant, a parameter, a step, a remainder): `slot` is unique in its scope. */
export interface Sym {
  slot: number;
  name: string;
}

export interface IRPolicy {
  name: string;
  docNumber?: string;
  issuer?: string;
  enums: { name: string; members: string[] }[];
  /** Module-level constants: literal parameters and tables. */
  constants: IRConstant[];
  calculators: IRCalculator[];
  /** Every declaration an example could reach (parameters, brackets, steps, modifier branches, refusals), by label. */
  declarations: string[];
  /** The policy texts (the file and the bases it amends) the source ranges point into. */
  /** The policy texts source ranges point into, each comment blanked to spaces (offsets kept). */
  sources: Record<string, string>;
}

export type IRConstant = { sym: Sym; type: Ty; rule: SourceRange; cite: string } & (
  | { k: "scalar"; value: IRExpr }
  | { k: "table"; entries: { key: string; value: IRExpr }[] }
  | { k: "versions"; versions: IRVersion[] }
);

export interface IRVersion {
  from?: string;
  to?: string;
  value: IRExpr;
  /** The version's own 依据 and quoted sentence (the explanation shows the version in force). */
  cite?: string;
  quote?: string;
}

export interface IRInput {
  name: string;
  type: Ty;
  required: boolean;
  /** A literal default; one computed per case is a `default` statement of the body. */
  default?: IRExpr;
  /** `不小于 N`: checked on every case, naming the field. */
  min?: IRExpr;
  /** The declared maximum in base units (`不大于 N`, else the type's default); numbers only. */
  max?: string;
}

/** Per-claim additions; the runtime carries the sums from claim to claim and resets them each period. */
export interface IRAccumulator {
  name: string;
  period: "年" | "月";
  scalar: boolean;
  fields: { name: string; add: IRExpr }[];
}

export interface IRCalculator {
  name: string;
  cite: string;
  validity?: { from?: string; to?: string };
  inputs: IRInput[];
  accumulators: IRAccumulator[];
  body: IRStmt[];
  outputs: { name: string; sym: Sym; type: Ty }[];
}

export type IRStmt =
  /** Where a rule's code begins (a comment in a target that has them). */
  | { k: "rule"; kind: "参数" | "步骤" | "分层" | "分段"; name: string; rule?: SourceRange }
  /** An absent input takes this value, computed per case; 无 then → the field is required. */
  | { k: "default"; input: string; value: IRExpr }
  | { k: "let"; sym: Sym; type: Ty; value: IRExpr }
  | { k: "set"; sym: Sym; type: Ty; value: IRExpr }
  /**
   * The first branch whose condition holds runs (no condition: always). `explainOnly`: the
   * branches only trace and cover (a bracket's or table's modifiers, applied per row as
   * arithmetic, are explained once); a target may skip it when not explaining.
   */
  | { k: "when"; branches: { cond?: IRExpr; body: IRStmt[] }[]; explainOnly?: boolean }
  | { k: "refuse"; field: string; reason: string; cite: string }
  /** A bracket's slices for this case (bounds and rates may read inputs). */
  | { k: "slices"; sym: Sym; name: string; mode: "累进" | "全额"; slices: IRSlice[]; cite: string; quote?: string }
  /** The layer's remainder after an output: 剩余 = (剩余 − amount)⁺. */
  | { k: "consume"; layer: Sym; amount: Sym }
  | { k: "trace"; point: TracePoint }
  /** Declarations reached here (for `zhengce test`'s coverage of examples). */
  | { k: "cover"; labels: string[] };

/**
 * A step of the explanation (计算过程): what it says is built from these, never stored as text.
 * `quote`: the sentence the 依据 quotes. A step showing a change (modifier, consumed) stands
 * before the statement making it, so it shows the value before and computes the one after.
 */
export type TracePoint = { item: string; cite: string; quote?: string } & (
  /** `label：rule = rule with this case's values = result`. */
  | { k: "rule"; label: string; rule: SourceRange; value: IRExpr; result: Sym; type: Ty }
  /** A modifier about to apply: `modifier → value` (`result` is the value before it). */
  | { k: "modifier"; rule: SourceRange; result: Sym; value: IRExpr; type: Ty }
  /** A modifier applied to every row or slice: `what：modifier`. */
  | { k: "adjusted"; what: string; rule: SourceRange }
  /** Where a layered settlement starts. */
  | { k: "layer"; rule: SourceRange; rest: Sym; value: IRExpr }
  /** The remainder about to lose a layer's output `amount`. */
  | { k: "consumed"; step: string; rest: Sym; amount: Sym }
);

export interface IRSlice {
  lower: IRExpr | null;
  lowerInclusive: boolean;
  upper: IRExpr | null;
  upperInclusive: boolean;
  value: IRExpr;
  step?: { width: IRExpr; increment: IRExpr };
}

/** A built-in function by its table id (language/builtins.ts `id`); its Chinese name is for display only. */
export type BuiltinFn = "greater" | "lesser" | "positivePart" | "maximum" | "minimum" | "sum" | "count" | "yearOf" | "monthOf" | "firstOfNextMonth" | "addMonths" | "monthsBetween" | "endOfMonth" | "addDays";

export type IRExpr =
  | { k: "num"; value: string; type: Ty }
  | { k: "bool"; value: boolean }
  | { k: "text"; value: string }
  | { k: "date"; value: string }
  | { k: "none" }
  | { k: "input"; name: string; type: Ty }
  | { k: "date-input" }
  | { k: "acc"; name: string; field?: string }
  | { k: "local"; sym: Sym; type: Ty }
  | { k: "const"; sym: Sym; type: Ty }
  /** A time-versioned constant: the version in force on the case's 日期. */
  | { k: "version"; sym: Sym; type: Ty }
  | { k: "lookup"; table: IRExpr; key: IRExpr; type: Ty; many: boolean }
  | { k: "arith"; op: "+" | "-" | "×" | "÷"; l: IRExpr; r: IRExpr; type: Ty }
  | { k: "neg"; e: IRExpr; type: Ty }
  | { k: "pos"; e: IRExpr; type: Ty }
  /** A rate kept within [0, 100%]. */
  | { k: "clamp"; e: IRExpr }
  /** Rounded half-up to `scale` decimals (0.01 元 for money). */
  | { k: "round"; e: IRExpr; mode: "half-up"; scale: number; type: Ty }
  | { k: "cmp"; op: "=" | "≠" | "<" | ">" | "≤" | "≥"; l: IRExpr; r: IRExpr; numeric: boolean }
  | { k: "date-add"; date: IRExpr; months: IRExpr; sign: 1 | -1 }
  | { k: "and"; l: IRExpr; r: IRExpr }
  | { k: "or"; l: IRExpr; r: IRExpr }
  | { k: "not"; e: IRExpr }
  | { k: "contains"; set: IRExpr; item: IRExpr }
  | { k: "in"; item: IRExpr; list: IRExpr; negate: boolean; numeric: boolean }
  | { k: "if"; c: IRExpr; t: IRExpr; e: IRExpr; type: Ty }
  | { k: "list"; items: IRExpr[] }
  | { k: "call"; fn: BuiltinFn; args: IRExpr[]; type: Ty }
  /** The inverse of a marginal bracket: the amount at which it pays `target`. */
  | { k: "cap-point"; name: string; slices: Sym; target: IRExpr }
  | { k: "bracket"; name: string; slices: Sym; mode: "累进" | "全额"; arg: IRExpr; accumulated?: IRExpr; type: Ty }
  /** A table whose rows read a calculator's inputs, built per case. */
  | { k: "table-lit"; entries: { key: string; value: IRExpr }[] }
  /** Time versions whose values read a calculator's inputs. */
  | { k: "versions-lit"; name: string; versions: IRVersion[] }
  /** Every row of `table` through `body`, the row bound to `row` (a table parameter's modifiers). */
  | { k: "map"; table: IRExpr; row: Sym; body: IRExpr; type: Ty };
