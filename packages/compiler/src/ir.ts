// The intermediate representation between the checked model and the emitters.
// Everything is resolved: names point at inputs, locals or module constants; parameters are
// instantiated per calculator with their modifiers; amendments are already merged; every
// expression carries its value type, so an emitter can choose a representation per type
// (decimal.js today; exact integer cents where declared ranges allow, later).
import type { Type } from "@zhengce/dsl";

export type Ty = Type;

export interface IRPolicy {
  name: string;
  docNumber?: string;
  issuer?: string;
  enums: { name: string; members: string[] }[];
  /** Module-level constants: literal parameters, tables and bracket slices. */
  constants: IRConstant[];
  calculators: IRCalculator[];
  /** Every declaration an example could reach (parameters, brackets, steps, modifier branches, refusals), by label. */
  declarations: string[];
}

export type IRConstant =
  | { k: "scalar"; id: string; type: Ty; value: IRExpr; source: string; cite: string }
  | { k: "table"; id: string; type: Ty; entries: { key: string; value: IRExpr }[]; source: string; cite: string }
  | { k: "versions"; id: string; type: Ty; versions: { from?: string; to?: string; value: IRExpr }[]; source: string; cite: string };

export interface IRInput {
  name: string;
  type: Ty;
  required: boolean;
  default?: IRExpr;
  /** A default computed per case (e.g. from a time-versioned parameter); absent and 无 → the field is required. */
  dynamicDefault?: IRExpr;
  /** `不小于 N`: checked on every case, naming the field. */
  min?: IRExpr;
  /** The declared maximum in base units (`不大于 N`, else the type's default); numbers only. */
  max?: string;
}

export interface IRAccumulator {
  name: string;
  period: "年" | "月";
  scalar: boolean;
  fields: { name: string; add: IRExpr }[];
}

export interface IRCalculator {
  name: string;
  /** Identifier-safe name for generated symbols. */
  id: string;
  cite: string;
  validity?: { from?: string; to?: string };
  inputs: IRInput[];
  accumulators: IRAccumulator[];
  body: IRStmt[];
  outputs: { name: string; local: string; type: Ty }[];
}

/** A chain of `当 / 否则当 / 否则` branches: the first branch whose condition holds applies. */
export interface IRModifierChain {
  branches: { label: string; cond?: IRExpr; actions: { verb: "提高" | "降低" | "乘以" | "设为" | "不低于" | "不超过"; value: IRExpr; text: string }[]; text: string; cite: string }[];
}

/** Labels of the declarations a statement reaches when it runs (for example coverage). */
export interface Covers {
  covers: string[];
}

export type IRStmt = (
  | {
      k: "let";
      local: string;
      name: string;
      type: Ty;
      value: IRExpr;
      modifiers: IRModifierChain[];
      /** Round half-up to 0.01 when produced (every 金额 step and parameter). */
      round: boolean;
      /** Consume the layer: 剩余 = (剩余 − value)⁺ afterwards. */
      layer?: string;
      explain: string;
      formula: string;
      cite: string;
      /** Parameters are computed where first needed and traced as such. */
      param?: boolean;
      /** The value is a whole table (looked up by its users), not a traced amount. */
      table?: boolean;
    }
  | { k: "layer"; local: string; value: IRExpr; formula: string; cite: string }
  | { k: "refuse"; field: string; cond: IRExpr; reason: string; cite: string; label: string }
  | {
      k: "slices";
      local: string;
      name: string;
      mode: "累进" | "全额";
      slices: IRSlice[];
      modifiers: IRModifierChain[];
      cite: string;
    }
) & Covers;

export interface IRSlice {
  lower: IRExpr | null;
  lowerInclusive: boolean;
  upper: IRExpr | null;
  upperInclusive: boolean;
  value: IRExpr;
  step?: { width: IRExpr; increment: IRExpr };
}

export type IRExpr =
  | { k: "num"; value: string; type: Ty }
  | { k: "bool"; value: boolean }
  | { k: "text"; value: string }
  | { k: "date"; value: string }
  | { k: "none" }
  | { k: "input"; name: string; type: Ty }
  | { k: "date-input" }
  | { k: "acc"; name: string; field?: string }
  | { k: "local"; local: string; type: Ty }
  | { k: "const"; id: string; type: Ty }
  | { k: "lookup"; table: IRExpr; key: IRExpr; type: Ty; many: boolean }
  | { k: "version"; id: string; name: string; type: Ty }
  | { k: "arith"; op: "+" | "-" | "×" | "÷"; l: IRExpr; r: IRExpr; type: Ty }
  | { k: "neg"; e: IRExpr; type: Ty }
  | { k: "pos"; e: IRExpr; type: Ty }
  | { k: "cmp"; op: "=" | "≠" | "<" | ">" | "≤" | "≥"; l: IRExpr; r: IRExpr; numeric: boolean }
  | { k: "date-add"; date: IRExpr; months: IRExpr; sign: 1 | -1 }
  | { k: "and" | "or"; l: IRExpr; r: IRExpr }
  | { k: "not"; e: IRExpr }
  | { k: "contains"; set: IRExpr; item: IRExpr }
  | { k: "in"; item: IRExpr; list: IRExpr; negate: boolean; numeric: boolean }
  | { k: "if"; c: IRExpr; t: IRExpr; e: IRExpr; type: Ty }
  | { k: "list"; items: IRExpr[] }
  | { k: "call"; fn: "较大" | "较小" | "正值" | "舍入" | "最大" | "最小" | "合计" | "个数" | "年份" | "月份" | "次月首日" | "加月" | "月数差" | "月末" | "加日"; args: IRExpr[]; type: Ty }
  | { k: "cap-point"; name: string; slices: string; target: IRExpr }
  | { k: "bracket"; name: string; slices: string; mode: "累进" | "全额"; arg: IRExpr; accumulated?: IRExpr; type: Ty }
  | { k: "clamp"; e: IRExpr }
  /** A table whose rows read a calculator's inputs, built per case. */
  | { k: "table-lit"; entries: { key: string; value: IRExpr }[] }
  /** Time versions whose values read a calculator's inputs. */
  | { k: "versions-lit"; name: string; versions: { from?: string; to?: string; value: IRExpr }[] };
