// The checked model: declarations by folded name, each expression's type and each name's
// meaning, per calculator (a parameter's modifiers may read a calculator's inputs, so they
// are resolved in the context of every calculator that uses them).
import type * as A from "./ast.js";
import type { Type } from "./types.js";

export type Sym =
  | { kind: "enum"; decl: A.EnumDecl; uri: string }
  | { kind: "member"; enumKey: string; enumName: string; name: A.Name; uri: string }
  | { kind: "param"; decl: A.ParamDecl; type: Type; uri: string }
  | { kind: "bracket"; decl: A.BracketDecl; resultType: Type; uri: string }
  | { kind: "calculator"; decl: A.CalculatorDecl; uri: string }
  | { kind: "input"; calcKey: string; field: A.InputField; type: Type; uri: string }
  | { kind: "accumulator"; calcKey: string; decl: A.AccumulatorDecl; type: Type; uri: string }
  | { kind: "step"; calcKey: string; decl: A.StepDecl; type: Type; uri: string }
  | { kind: "builtin"; name: string }
  | { kind: "type"; type: Type };

export interface Annotations {
  types: Map<A.Expr, Type>;
  refs: Map<A.Expr, Sym>;
}

export interface InputInfo {
  name: string;
  key: string;
  type: Type;
  required: boolean;
  field: A.InputField;
}

export interface CalculatorInfo {
  name: string;
  key: string;
  decl: A.CalculatorDecl;
  uri: string;
  inputs: InputInfo[];
  accumulators: { decl: A.AccumulatorDecl; type: Type }[];
  outputs: { name: string; key: string; type: Type; decl: A.StepDecl }[];
  /** Types and meanings of every expression evaluated by this calculator, parameters included. */
  ann: Annotations;
  /** Parameters and brackets this calculator uses, in first-use order. */
  uses: Sym[];
}

export interface PolicyMeta {
  name: string;
  docNumber?: string;
  issuer?: string;
  published?: string;
  validity?: { from?: string; to?: string };
  basedOn?: string;
}

export interface Reference {
  span: A.Span;
  uri: string;
  sym: Sym;
}

export interface Model {
  uri: string;
  meta: PolicyMeta;
  enums: Map<string, A.EnumDecl & { uri: string }>;
  params: Map<string, { decl: A.ParamDecl; type: Type; uri: string }>;
  brackets: Map<string, { decl: A.BracketDecl; resultType: Type; uri: string }>;
  calculators: Map<string, CalculatorInfo>;
  examples: (A.ExampleDecl & { uri: string })[];
  /** Every resolved name occurrence, for go-to-definition, references and rename. */
  references: Reference[];
  /** Annotations of expressions checked outside any calculator. */
  ann: Annotations;
  docNumberFor(uri: string): string | undefined;
}
