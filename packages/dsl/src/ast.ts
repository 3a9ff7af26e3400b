// The syntax tree of a policy file. Every node carries its source span (UTF-16 offsets,
// end exclusive) so diagnostics, hover and the formatter can point at it exactly.
// Nodes built from a recovered parse may have `missing` parts: consumers must tolerate them.

export interface Span {
  start: number;
  end: number;
}

export interface Name {
  kind: "Name";
  /** As written (without 「」). */
  text: string;
  /** Comparison key: traditional → simplified, full → half width. */
  key: string;
  span: Span;
}

export interface Citation {
  kind: "Citation";
  /** Clause reference as written, e.g. `二、（四）1.（1）`; may name another document first. */
  clause: string;
  quote?: string;
  span: Span;
}

export type Unit = "元" | "%" | "个百分点" | "个月" | "岁" | "年" | "";

export interface NumberLiteral {
  kind: "Number";
  /** Decimal text of the value in base units: `20万元` → "200000", `85%` → "0.85". */
  value: string;
  unit: Unit;
  raw: string;
  span: Span;
}

export interface DateLiteral {
  kind: "Date";
  /** ISO `YYYY-MM-DD`. */
  value: string;
  span: Span;
}

export type Expr =
  | NumberLiteral
  | DateLiteral
  | { kind: "Bool"; value: boolean; span: Span }
  | { kind: "None"; span: Span }
  | { kind: "Text"; value: string; span: Span }
  | { kind: "Ref"; name: Name; span: Span }
  | { kind: "Remaining"; span: Span }
  | { kind: "Field"; target: Expr; field: Name; span: Span }
  | { kind: "Index"; target: Expr; key: Expr; span: Span }
  | { kind: "Call"; callee: Name; args: Expr[]; accumulated?: Expr; span: Span }
  | { kind: "Binary"; op: BinaryOp; left: Expr; right: Expr; span: Span; opSpan: Span }
  | { kind: "Unary"; op: "-" | "非" | "⁺"; operand: Expr; span: Span }
  | { kind: "If"; cond: Expr; then: Expr; else: Expr; span: Span }
  | { kind: "List"; items: Expr[]; span: Span }
  | { kind: "Record"; fields: { name: Name; value: Expr }[]; span: Span }
  | { kind: "Error"; span: Span };

export type BinaryOp =
  | "+" | "-" | "×" | "÷"
  | "=" | "≠" | "<" | ">" | "≤" | "≥"
  | "且" | "或" | "包含" | "属于" | "不属于";

export interface TypeRef {
  kind: "TypeRef";
  name: Name;
  /** `集合（特殊人群）` → 特殊人群. */
  arg?: Name;
  span: Span;
}

export interface Validity {
  kind: "Validity";
  from?: DateLiteral;
  to?: DateLiteral;
  span: Span;
}

export type ModifierAction =
  | { kind: "提高" | "降低" | "乘以" | "设为" | "不低于" | "不超过"; value: Expr; span: Span };

export interface Modifier {
  kind: "Modifier";
  /** `当` starts a new rule, `否则当` / `否则` continue the chain above it. */
  branch: "当" | "否则当" | "否则";
  cond?: Expr;
  actions: ModifierAction[];
  citations: Citation[];
  span: Span;
}

export interface PolicyHeader {
  kind: "PolicyHeader";
  name: Name;
  docNumber?: { text: string; span: Span };
  issuer?: { text: string; span: Span };
  published?: DateLiteral;
  validity?: Validity;
  basedOn?: { path: string; span: Span };
  /** `原文 「notice.txt」`: the notice's text, a file beside the policy. */
  source?: { path: string; span: Span };
  /** `行政性 <clause> 「reason」`: clauses of the source that compute nothing. */
  administrative: AdministrativeMark[];
  citations: Citation[];
  span: Span;
}

export interface AdministrativeMark {
  kind: "Administrative";
  clause: string;
  reason?: string;
  span: Span;
}

export interface EnumDecl {
  kind: "EnumDecl";
  name: Name;
  members: Name[];
  citations: Citation[];
  span: Span;
}

export interface TableEntry {
  kind: "TableEntry";
  /** Empty with `other` set for a `其他：` row. */
  keys: Name[];
  other?: Span;
  value: Expr;
  citations: Citation[];
  span: Span;
}

export interface VersionEntry {
  kind: "VersionEntry";
  validity: Validity;
  value?: Expr;
  table?: TableEntry[];
  citations: Citation[];
  span: Span;
}

export interface ParamDecl {
  kind: "ParamDecl";
  name: Name;
  type?: TypeRef;
  /** `按 医院级别`: the value is a table over that enum. */
  by?: Name;
  value?: Expr;
  table?: TableEntry[];
  versions?: VersionEntry[];
  citations: Citation[];
  modifiers: Modifier[];
  span: Span;
}

export type BoundWord = "超过" | "以上" | "以外" | "以下" | "以内" | "不超过" | "不满" | "";

export interface Bound {
  kind: "Bound";
  value: Expr;
  word: BoundWord;
  /** Explicit （含） / （不含） written next to the number. */
  mark?: { inclusive: boolean; text: string; span: Span };
  span: Span;
}

export interface Slice {
  kind: "Slice";
  lower?: Bound;
  upper?: Bound;
  /** One rate or amount, or one per enum member when the bracket is `按` an enum. */
  value?: Expr;
  keyed?: { key: Name; value: Expr }[];
  /** `每增加 1万元 提高 1个百分点`. */
  step?: { width: Expr; increment: Expr };
  citations: Citation[];
  span: Span;
}

export interface BracketDecl {
  kind: "BracketDecl";
  name: Name;
  type?: TypeRef;
  mode: "累进" | "全额";
  by?: Name;
  slices: Slice[];
  citations: Citation[];
  modifiers: Modifier[];
  span: Span;
}

export interface InputField {
  kind: "InputField";
  name: Name;
  type: TypeRef;
  default?: Expr;
  min?: Expr;
  /** `不大于 N`: the declared maximum (a literal), replacing the type's default maximum. */
  max?: Expr;
  span: Span;
}

export interface AccumulatorDecl {
  kind: "AccumulatorDecl";
  name: Name;
  period: "年" | "月";
  /** Record accumulator: each field adds an expression. Scalar: `fields` has one entry named like the accumulator. */
  fields: { name: Name; add: Expr; span: Span }[];
  scalar: boolean;
  citations: Citation[];
  span: Span;
}

export interface StepDecl {
  kind: "StepDecl";
  output: boolean;
  name: Name;
  type?: TypeRef;
  value: Expr;
  explain?: string;
  citations: Citation[];
  modifiers: Modifier[];
  span: Span;
}

export interface LayeredBlock {
  kind: "LayeredBlock";
  initial: Expr;
  steps: StepDecl[];
  citations: Citation[];
  span: Span;
}

export interface Refusal {
  kind: "Refusal";
  field: Name;
  cond: Expr;
  reason: string;
  citations: Citation[];
  span: Span;
}

export type CalcItem = StepDecl | LayeredBlock | Refusal;

export interface CalculatorDecl {
  kind: "CalculatorDecl";
  name: Name;
  validity?: Validity;
  inputs: InputField[];
  accumulators: AccumulatorDecl[];
  body: CalcItem[];
  citations: Citation[];
  span: Span;
}

export interface ExampleCase {
  input: Extract<Expr, { kind: "Record" }>;
  expect: Extract<Expr, { kind: "Record" }>;
  span: Span;
}

export interface ExampleDecl {
  kind: "ExampleDecl";
  calculator: Name;
  title: string;
  cases: ExampleCase[];
  span: Span;
}

export type Declaration = PolicyHeader | EnumDecl | ParamDecl | BracketDecl | CalculatorDecl | ExampleDecl;

export interface PolicyFile {
  kind: "PolicyFile";
  declarations: Declaration[];
  comments: { text: string; span: Span }[];
  span: Span;
}
