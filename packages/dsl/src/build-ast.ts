// CST → AST. Tolerates recovered (partial) CST nodes: anything missing becomes an Error
// expression or is left out, so the checker still sees the rest of the file.
import type { CstElement, CstNode, IToken } from "chevrotain";
import type * as A from "./ast.js";
import { declarationCitationsInRows } from "./citations.js";
import { foldName } from "./fold.js";
import { parseDateImage } from "./language/dates.js";
import { modifierVerb } from "./language/modifiers.js";
import { binaryOperator } from "./language/symbols.js";
import { unquote } from "./language/text.js";
import { Decimal } from "decimal.js";
import { parseNumberImage } from "./language/units.js";
import type * as C from "./cst.generated.js";
import { operatorTree, type OperatorTree } from "./operator-tree.js";

// Children are read by label through the generated CST types (cst.generated.ts): a label the
// grammar does not have is a type error.
type Label<C> = keyof C & string;
type NodeAt<C, K extends keyof C> = Extract<NonNullable<C[K]> extends (infer E)[] ? E : never, CstNode>;
const child = (c: object, key: string): CstElement[] | undefined => (c as Record<string, CstElement[] | undefined>)[key];

const isToken = (e: CstElement | undefined): e is IToken => !!e && "image" in e;
const isNode = (e: CstElement | undefined): e is CstNode => !!e && "children" in e;

function tok<C extends object>(c: C, key: Label<C>, i = 0): IToken | undefined {
  const e = child(c, key)?.[i];
  return isToken(e) && !e.isInsertedInRecovery ? e : undefined;
}
function node<C extends object, K extends Label<C>>(c: C, key: K, i = 0): NodeAt<C, K> | undefined {
  const e = child(c, key)?.[i];
  return isNode(e) ? (e as NodeAt<C, K>) : undefined;
}
function nodes<C extends object, K extends Label<C>>(c: C, key: K): NodeAt<C, K>[] {
  return (child(c, key) ?? []).filter(isNode) as NodeAt<C, K>[];
}
function tokens<C extends object>(c: C, key: Label<C>): IToken[] {
  return (child(c, key) ?? []).filter((t): t is IToken => isToken(t) && !t.isInsertedInRecovery);
}

// Offsets are stored as integers (`| 0`): Chevrotain's tokens and CST locations hold their
// positions as boxed doubles (they start as NaN), and a span made from one would make every span
// of the program a pair of boxed doubles too (a heap snapshot of a checked 100 000-line policy:
// 600 000 boxes, a fifth of its memory).
function tokenSpan(t: IToken): A.Span {
  return { start: t.startOffset | 0, end: ((t.endOffset ?? t.startOffset) + 1) | 0 };
}
function nodeSpan(n: CstNode): A.Span {
  const l = n.location;
  if (!l || Number.isNaN(l.startOffset)) return { start: 0, end: 0 };
  return { start: l.startOffset | 0, end: ((Number.isNaN(l.endOffset ?? NaN) ? l.startOffset : l.endOffset!) + 1) | 0 };
}
function cover(...spans: (A.Span | undefined)[]): A.Span {
  const s = spans.filter((x): x is A.Span => !!x && x.end > 0);
  if (s.length === 0) return { start: 0, end: 0 };
  return { start: Math.min(...s.map((x) => x.start)), end: Math.max(...s.map((x) => x.end)) };
}

function buildName(n: C.NameCstNode | undefined): A.Name | undefined {
  if (!n) return undefined;
  const t = tok(n.children, "Identifier") ?? tok(n.children, "Quoted");
  if (!t) return undefined;
  const text = unquote(t.image);
  return { kind: "Name", text, key: foldName(text), span: tokenSpan(t) };
}
function nameOfToken(t: IToken | undefined): A.Name | undefined {
  if (!t) return undefined;
  const text = unquote(t.image);
  return { kind: "Name", text, key: foldName(text), span: tokenSpan(t) };
}

function dateLit(t: IToken | undefined, end = false): A.DateLiteral | undefined {
  if (!t) return undefined;
  return { kind: "Date", value: parseDateImage(t.image, end), span: tokenSpan(t) };
}

function buildCitation(n: C.CitationCstNode | C.AdministrativeCstNode): A.Citation {
  const c = n.children;
  const clause = tokens(c, "ClauseRef")
    .map((t) => t.image)
    .join(" ")
    .replace(/^[:：]/, "");
  const q = tok(c, "CitationQuote");
  return { kind: "Citation", clause, quote: q ? unquote(q.image) : undefined, span: nodeSpan(n) };
}
const citations = <T extends object>(c: T, key: Label<T> = "citation" as Label<T>) => (nodes(c, key) as C.CitationCstNode[]).map(buildCitation);

function buildValidity(n: C.ValidityCstNode | undefined): A.Validity | undefined {
  if (!n) return undefined;
  const c = n.children;
  const dates = [...tokens(c, "Date"), ...tokens(c, "until")].sort((a, b) => a.startOffset - b.startOffset);
  const hasTo = tokens(c, "To").length > 0;
  const from = dateLit(dates[0]);
  // `2017-07-01 至 2017-12-31` names both ends (a year its last day: `2017年至2018年`); `自 D 起` /
  // `D 起` only the start; a date alone is that day, a year alone (`2014年度`) the whole year.
  const alone = !hasTo && tokens(c, "From").length === 0 && tokens(c, "Since").length === 0;
  const to = hasTo ? dateLit(dates[1], true) : alone ? dateLit(dates[0], true) : undefined;
  return { kind: "Validity", from, to, span: nodeSpan(n) };
}

function buildTypeRef(n: C.TypeRefCstNode | undefined): A.TypeRef | undefined {
  if (!n) return undefined;
  const name = nameOfToken(tok(n.children, "Identifier"));
  if (!name) return undefined;
  return { kind: "TypeRef", name, arg: buildName(node(n.children, "arg")), span: nodeSpan(n) };
}

function buildModifier(n: C.ModifierCstNode): A.Modifier {
  const c = n.children;
  const branch = c.ElseWhen ? "否则当" : c.When ? "当" : "否则";
  const actions: A.ModifierAction[] = nodes(c, "action").map((a) => {
    const verb = tok(a.children, "verb") ?? (a.children.verb?.[0] as IToken | undefined);
    const kind = (verb && modifierVerb(verb.tokenType.name)?.verb) ?? "设为";
    return { kind, value: expr(node(a.children, "value")), span: nodeSpan(a) };
  });
  const cond = node(c, "cond");
  return {
    kind: "Modifier",
    branch,
    cond: cond ? expr(cond) : undefined,
    actions,
    citations: citations(c),
    span: nodeSpan(n),
  };
}

/** Moves the declaration's 依据 out of the last of `items` (citations.ts decides which they are). */
function liftTrailingCitations<T extends { citations: A.Citation[] }>(items: T[], rows: CstNode[]): A.Citation[] {
  const last = items[items.length - 1];
  if (!last) return [];
  const own = declarationCitationsInRows(rows).map((c) => nodeSpan(c).start);
  if (own.length === 0) return [];
  const lifted = last.citations.filter((c) => own.includes(c.span.start));
  last.citations = last.citations.filter((c) => !own.includes(c.span.start));
  return lifted;
}

function buildTableEntry(n: C.TableEntryCstNode): A.TableEntry {
  const c = n.children;
  const other = tok(c, "Other");
  return {
    kind: "TableEntry",
    keys: nodes(c, "key").map(buildName).filter((x): x is A.Name => !!x),
    other: other ? tokenSpan(other) : undefined,
    value: expr(node(c, "value")),
    citations: citations(c),
    span: nodeSpan(n),
  };
}

function buildBound(
  value: C.BoundValueCstNode | undefined,
  word: A.BoundWord,
  marks: (IToken | undefined)[],
  span: A.Span,
): A.Bound | undefined {
  if (!value) return undefined;
  const markTok = marks.find((m) => !!m);
  const mark = markTok
    ? { inclusive: !/不含/.test(markTok.image), text: markTok.image, span: tokenSpan(markTok) }
    : undefined;
  return { kind: "Bound", value: buildPostfix(value), word, mark, span };
}

function wordOf(t: IToken | undefined): A.BoundWord {
  if (!t) return "";
  const n = t.tokenType.name;
  return n === "Within" ? "以内" : n === "AndBelow" ? "以下" : n === "AtMost" ? "不超过" : n === "Under" ? "不满" : n === "AndAbove" ? "以上" : n === "Exceeds" ? "超过" : "";
}

function buildUpper(n: C.UpperBoundCstNode | undefined): A.Bound | undefined {
  if (!n) return undefined;
  const c = n.children;
  const pre = tok(c, "AtMost") ?? tok(c, "Under");
  return buildBound(node(c, "value"), wordOf(pre ?? tok(c, "word")), [tok(c, "mark"), tok(c, "markAfter")], nodeSpan(n));
}

/**
 * `1—20万元`, `30—50%`: a bare number before a range takes the unit its upper bound is written
 * with, as Chinese writes ranges — unless that would put it above the upper bound
 * (`5000—20万元` is 5000 元 to 20 万元).
 */
function shareUnit(lower: A.Bound | undefined, upper: A.Bound | undefined) {
  const lo = lower?.value;
  const up = upper?.value;
  if (lo?.kind !== "Number" || lo.unit !== "" || up?.kind !== "Number" || up.unit === "") return;
  const unit = up.raw.normalize("NFKC").replace(/^\D*[0-9.]+\s*/, "");
  const shared = parseNumberImage(lo.raw.replace(/\s+$/, "") + unit);
  if (new Decimal(shared.value).lte(up.value)) lower!.value = { ...lo, ...shared };
}

function buildSlice(n: C.SliceCstNode): A.Slice {
  const c = n.children;
  let lower: A.Bound | undefined;
  let upper: A.Bound | undefined;
  if (c.Exceeds) {
    const redundant = tok(c, "lowerRedundant");
    lower = buildBound(node(c, "lowerValue"), "超过", [tok(c, "lowerMark")], cover(tokenSpan(tok(c, "Exceeds")!), nodeSpan(node(c, "lowerValue") ?? n)));
    if (lower && redundant) (lower as A.Bound & { redundantAbove?: boolean }).redundantAbove = true;
    upper = buildUpper(node(c, "upperBound"));
  } else if (c.upperOnlyValue) {
    const w = tok(c, "AtMost") ?? tok(c, "Under");
    upper = buildBound(node(c, "upperOnlyValue"), wordOf(w), [tok(c, "upperOnlyMark")], nodeSpan(n));
  } else if (c.bareValue) {
    const marks = [tok(c, "bareMark"), tok(c, "bareMarkAfter")];
    const v = node(c, "bareValue");
    const vs = v ? nodeSpan(v) : nodeSpan(n);
    if (c.bareAbove || c.bareBeyond) {
      lower = buildBound(v, c.bareBeyond ? "以外" : "以上", marks, vs);
      upper = buildUpper(node(c, "upperBound"));
    } else if (c.bareWithin || c.bareBelow) {
      upper = buildBound(v, c.bareWithin ? "以内" : "以下", marks, vs);
    } else {
      lower = buildBound(v, "", marks, vs);
      upper = buildUpper(node(c, "upperBound"));
      shareUnit(lower, upper);
    }
  }
  const keys = nodes(c, "key");
  const keyedValues = nodes(c, "keyedValue");
  const keyed = keys.length
    ? keys.map((k, i) => ({ key: buildName(k)!, value: expr(keyedValues[i]) })).filter((k) => k.key)
    : undefined;
  const width = node(c, "stepWidth");
  const step = width
    ? { width: buildPostfix(width), increment: expr(node(c, "stepIncrement")) }
    : undefined;
  return {
    kind: "Slice",
    lower,
    upper,
    value: c.value ? expr(node(c, "value")) : undefined,
    keyed,
    step,
    citations: citations(c),
    span: nodeSpan(n),
  };
}

function buildStep(n: C.StepDeclCstNode): A.StepDecl | undefined {
  const c = n.children;
  const name = buildName(node(c, "name"));
  if (!name) return undefined;
  const explain = tok(c, "explain");
  return {
    kind: "StepDecl",
    output: !!c.Output,
    name,
    type: buildTypeRef(node(c, "typeRef")),
    value: expr(node(c, "value")),
    explain: explain ? unquote(explain.image) : undefined,
    citations: citations(c),
    modifiers: nodes(c, "modifier").map(buildModifier),
    span: nodeSpan(n),
  };
}

function buildRecord(n: C.RecordCstNode | undefined): Extract<A.Expr, { kind: "Record" }> {
  if (!n) return { kind: "Record", fields: [], span: { start: 0, end: 0 } };
  const c = n.children;
  const names = nodes(c, "field");
  const values = nodes(c, "value");
  const fields = names
    .map((f, i) => ({ name: buildName(f)!, value: expr(values[i]) }))
    .filter((f) => f.name);
  return { kind: "Record", fields, span: nodeSpan(n) };
}

// ── expressions ──
const errorExpr = (span: A.Span = { start: 0, end: 0 }): A.Expr => ({ kind: "Error", span });

/** An expression: its flat chain of operands and operators, grouped as they bind (operator-tree.ts). */
function buildExpression(n: C.ExpressionCstNode): A.Expr {
  // Most expressions are one operand without 非: no tree to build.
  const only = n.children.op === undefined ? node(n.children, "operand") : undefined;
  return only && !only.children.Not ? buildOperand(only) : fromTree(operatorTree(n), n);
}

function fromTree(t: OperatorTree, n: C.ExpressionCstNode): A.Expr {
  switch (t.kind) {
    case "operand":
      return t.node ? buildOperand(t.node) : errorExpr(nodeSpan(n));
    case "not": {
      const operand = fromTree(t.operand, n);
      return { kind: "Unary", op: "非", operand, span: cover(tokenSpan(t.not), operand.span) };
    }
    case "chain": {
      let left = fromTree(t.first, n);
      for (const { op, operand } of t.rest) {
        const right = fromTree(operand, n);
        left = {
          kind: "Binary",
          op: binaryOperator(op.tokenType.name)?.op ?? "+",
          left,
          right,
          span: cover(left.span, right.span, tokenSpan(op)),
          opSpan: tokenSpan(op),
        };
      }
      return left;
    }
  }
}

/** Unary minuses (the innermost last) around the operand's primary and suffixes. */
function buildOperand(n: C.OperandCstNode): A.Expr {
  let e = buildPostfix(n);
  const minus = n.children.Minus ?? [];
  for (let i = minus.length - 1; i >= 0; i--) e = { kind: "Unary", op: "-", operand: e, span: cover(tokenSpan(minus[i]), e.span) };
  return e;
}

/** Every rule that builds an expression. */
type ExprNode = C.ExpressionCstNode | C.BoundValueCstNode | C.OperandCstNode | C.PrimaryCstNode | C.RecordCstNode | C.ArgumentCstNode;

export function expr(n: ExprNode | undefined): A.Expr {
  if (!n) return errorExpr();
  switch (n.name) {
    case "expression":
      return buildExpression(n);
    case "boundValue":
      return buildPostfix(n);
    case "operand":
      return buildOperand(n);
    case "primary":
      return buildPrimary(n);
    case "record":
      return buildRecord(n);
    case "argument":
      return expr(node(n.children, "expression"));
  }
  return errorExpr(nodeSpan(n));
}

/** A primary and its suffixes (`.字段`, `[键]`, `⁺`), of an operand or a bound. */
function buildPostfix(n: C.OperandCstNode | C.BoundValueCstNode): A.Expr {
  const c = n.children;
  let target = expr(node(c, "primary"));
  // Suffixes in source order: interleave `.field`, `[index]` and `⁺` by offset.
  const suffixes = (c.suffix ?? []).filter(isToken).sort((a, b) => a.startOffset - b.startOffset);
  const fields = nodes(c, "field");
  const indexes = nodes(c, "index");
  const closers = (c.RBracket ?? []).filter(isToken).sort((a, b) => a.startOffset - b.startOffset);
  let fi = 0;
  let ii = 0;
  for (const s of suffixes) {
    if (s.tokenType.name === "Dot") {
      const field = buildName(fields[fi++]);
      if (!field) return errorExpr(nodeSpan(n));
      target = { kind: "Field", target, field, span: cover(target.span, field.span) };
    } else if (s.tokenType.name === "LBracket") {
      const key = expr(indexes[ii]);
      // The closing 】/] may stand after spaces; a missing one (a syntax error) ends at the key.
      const close = closers[ii++];
      target = { kind: "Index", target, key, span: cover(target.span, key.span, close ? tokenSpan(close) : { start: key.span.end, end: key.span.end }) };
    } else {
      target = { kind: "Unary", op: "⁺", operand: target, span: cover(target.span, tokenSpan(s)) };
    }
  }
  return target;
}

function buildPrimary(n: C.PrimaryCstNode): A.Expr {
  const c = n.children;
  const span = nodeSpan(n);
  const num = tok(c, "NumberLit");
  if (num) {
    const { value, unit } = parseNumberImage(num.image);
    return { kind: "Number", value, unit, raw: num.image, span };
  }
  const date = tok(c, "Date");
  if (date) return dateLit(date)!;
  if (c.True) return { kind: "Bool", value: true, span };
  if (c.False) return { kind: "Bool", value: false, span };
  if (c.None) return { kind: "None", span };
  if (c.Remaining) return { kind: "Remaining", span };
  const id = tok(c, "Identifier");
  if (id) {
    const name = nameOfToken(id)!;
    if (c.LParen && !c.group) {
      const argNodes = nodes(c, "argument");
      const args: A.Expr[] = [];
      let accumulated: A.Expr | undefined;
      for (const a of argNodes) {
        if (a.children.Accumulated) accumulated = expr(a);
        else args.push(expr(a));
      }
      return { kind: "Call", callee: name, args, accumulated, span };
    }
    return { kind: "Ref", name, span };
  }
  const q = tok(c, "Quoted");
  if (q) {
    // 「…」 in an expression names something (an enum member with punctuation in it).
    return { kind: "Ref", name: nameOfToken(q)!, span };
  }
  // A parenthesised expression spans its brackets: a rule quoted from a span keeps its closing ）.
  if (c.group) return { ...expr(node(c, "expression")), span };
  if (c.LBracket) return { kind: "List", items: nodes(c, "item").map(expr), span };
  if (c.If) {
    return { kind: "If", cond: expr(node(c, "cond")), then: expr(node(c, "then")), else: expr(node(c, "else")), span };
  }
  return errorExpr(span);
}

// ── declarations ──
export function buildFile(cst: C.FileCstNode, comments: IToken[], textLength: number): A.PolicyFile {
  return fileOf(nodes(cst.children, "declaration").map(declarationOf), comments, textLength);
}

/** The AST of one top-level declaration of the CST (undefined where too little of it parsed). */
export function declarationOf(d: C.DeclarationCstNode): A.Declaration | undefined {
  const inner = Object.values(d.children)[0]?.[0];
  return isNode(inner) ? buildDeclaration(inner) : undefined;
}

/** The file's AST from its declarations' (in order) and its comments. */
export function fileOf(declarations: (A.Declaration | undefined)[], comments: IToken[], textLength: number): A.PolicyFile {
  return {
    kind: "PolicyFile",
    declarations: declarations.filter((d): d is A.Declaration => !!d),
    comments: comments.map((t) => ({ text: t.image, span: tokenSpan(t) })),
    span: { start: 0, end: textLength },
  };
}

type DeclarationNode = NonNullable<C.DeclarationCstChildren[keyof C.DeclarationCstChildren]>[number];

function buildDeclaration(n: DeclarationNode): A.Declaration | undefined {
  const span = nodeSpan(n);
  switch (n.name) {
    case "policyHeader": {
      const c = n.children;
      const name = buildName(node(c, "name"));
      if (!name) return undefined;
      const doc = buildName(node(c, "docNumber"));
      const issuer = buildName(node(c, "issuer"));
      const based = tok(c, "basedOn");
      const source = tok(c, "source");
      return {
        kind: "PolicyHeader",
        name,
        docNumber: doc ? { text: doc.text, span: doc.span } : undefined,
        issuer: issuer ? { text: issuer.text, span: issuer.span } : undefined,
        published: dateLit(tok(c, "published")),
        validity: buildValidity(node(c, "validity")),
        basedOn: based ? { path: unquote(based.image), span: tokenSpan(based) } : undefined,
        source: source ? { path: unquote(source.image), span: tokenSpan(source) } : undefined,
        administrative: nodes(c, "administrative").map((n) => {
          const { clause, quote, span } = buildCitation(n);
          return { kind: "Administrative" as const, clause, reason: quote, span };
        }),
        citations: citations(c),
        span,
      };
    }
    case "enumDecl": {
      const c = n.children;
      const name = buildName(node(c, "name"));
      if (!name) return undefined;
      return {
        kind: "EnumDecl",
        name,
        members: nodes(c, "member").map(buildName).filter((x): x is A.Name => !!x),
        citations: citations(c),
        span,
      };
    }
    case "paramDecl": {
      const c = n.children;
      const name = buildName(node(c, "name"));
      if (!name) return undefined;
      const versionRows = nodes(c, "versionEntry");
      const versions = versionRows.map((v): A.VersionEntry => {
        const vc = v.children;
        const entries = nodes(vc, "tableEntry").map(buildTableEntry);
        return {
          kind: "VersionEntry",
          validity: buildValidity(node(vc, "validity")) ?? { kind: "Validity", span: nodeSpan(v) },
          value: vc.value ? expr(node(vc, "value")) : undefined,
          table: vc.LBrace ? entries : undefined,
          citations: citations(vc),
          span: nodeSpan(v),
        };
      });
      const tableRows = nodes(c, "tableEntry");
      const table = tableRows.map(buildTableEntry);
      const lifted = [...liftTrailingCitations(table, tableRows), ...liftTrailingCitations(versions, versionRows)];
      return {
        kind: "ParamDecl",
        name,
        type: buildTypeRef(node(c, "typeRef")),
        by: buildName(node(c, "by")),
        value: c.value ? expr(node(c, "value")) : undefined,
        table: table.length || (c.LBrace && !versions.length) ? table : undefined,
        versions: versions.length ? versions : undefined,
        citations: [...citations(c, "innerCitation"), ...lifted, ...citations(c)].sort((a, b) => a.span.start - b.span.start),
        modifiers: [...nodes(c, "innerModifier"), ...nodes(c, "modifier")].map(buildModifier),
        span,
      };
    }
    case "bracketDecl": {
      const c = n.children;
      const name = buildName(node(c, "name"));
      if (!name) return undefined;
      const sliceRows = nodes(c, "slice");
      const slices = sliceRows.map(buildSlice);
      return {
        kind: "BracketDecl",
        name,
        type: buildTypeRef(node(c, "typeRef")),
        mode: c.Whole ? "全额" : "累进",
        by: buildName(node(c, "by")),
        slices,
        citations: [...citations(c), ...liftTrailingCitations(slices, sliceRows), ...citations(c, "outerCitation")].sort((a, b) => a.span.start - b.span.start),
        modifiers: nodes(c, "modifier").map(buildModifier),
        span,
      };
    }
    case "calculatorDecl":
      return buildCalculator(n);
    case "exampleDecl": {
      const c = n.children;
      const calc = nameOfToken(tok(c, "calculator"));
      if (!calc) return undefined;
      const title = tok(c, "title");
      const inputs = nodes(c, "input");
      const expects = nodes(c, "expect");
      const cases: A.ExampleCase[] = inputs.map((inp, i) => {
        const input = buildRecord(inp);
        const expect = buildRecord(expects[i]);
        return { input, expect, span: cover(input.span, expect.span) };
      });
      return { kind: "ExampleDecl", calculator: calc, title: title ? unquote(title.image) : calc.text, cases, span };
    }
  }
  return undefined;
}

function buildCalculator(n: C.CalculatorDeclCstNode): A.CalculatorDecl | undefined {
  const c = n.children;
  const name = buildName(node(c, "name"));
  if (!name) return undefined;
  const inputs: A.InputField[] = [];
  for (const block of nodes(c, "inputsBlock")) {
    for (const f of nodes(block.children, "inputField")) {
      const fc = f.children;
      const fname = buildName(node(fc, "name"));
      const type = buildTypeRef(node(fc, "typeRef"));
      if (!fname || !type) continue;
      inputs.push({
        kind: "InputField",
        name: fname,
        type,
        default: fc.default ? expr(node(fc, "default")) : undefined,
        min: fc.min ? expr(node(fc, "min")) : undefined,
        max: fc.max ? expr(node(fc, "max")) : undefined,
        span: nodeSpan(f),
      });
    }
  }
  const accumulators: A.AccumulatorDecl[] = [];
  for (const a of nodes(c, "accumulatorDecl")) {
    const ac = a.children;
    const aname = buildName(node(ac, "name"));
    if (!aname) continue;
    const scalar = !!ac.scalarAdd;
    const fields = scalar
      ? [{ name: aname, add: expr(node(ac, "scalarAdd")), span: nodeSpan(a) }]
      : nodes(ac, "field").map((f, i) => ({ name: buildName(f)!, add: expr(nodes(ac, "add")[i]), span: nodeSpan(f) })).filter((f) => f.name);
    accumulators.push({
      kind: "AccumulatorDecl",
      name: aname,
      period: ac.PerMonth ? "月" : "年",
      fields,
      scalar,
      citations: citations(ac),
      span: nodeSpan(a),
    });
  }
  // Body items in source order.
  const items: { offset: number; item: A.CalcItem }[] = [];
  for (const s of nodes(c, "stepDecl")) {
    const step = buildStep(s);
    if (step) items.push({ offset: step.span.start, item: step });
  }
  for (const l of nodes(c, "layeredBlock")) {
    const lc = l.children;
    items.push({
      offset: nodeSpan(l).start,
      item: {
        kind: "LayeredBlock",
        initial: expr(node(lc, "initial")),
        steps: nodes(lc, "stepDecl").map(buildStep).filter((s): s is A.StepDecl => !!s),
        citations: citations(lc),
        span: nodeSpan(l),
      },
    });
  }
  for (const r of nodes(c, "refusal")) {
    const rc = r.children;
    const field = buildName(node(rc, "field"));
    const reason = tok(rc, "reason");
    if (!field) continue;
    items.push({
      offset: nodeSpan(r).start,
      item: {
        kind: "Refusal",
        field,
        cond: expr(node(rc, "cond")),
        reason: reason ? unquote(reason.image) : "",
        citations: citations(rc),
        span: nodeSpan(r),
      },
    });
  }
  items.sort((a, b) => a.offset - b.offset);
  const validities = nodes(c, "validity");
  return {
    kind: "CalculatorDecl",
    name,
    validity: buildValidity(validities[0]),
    inputs,
    accumulators,
    body: items.map((i) => i.item),
    citations: citations(c),
    span: nodeSpan(n),
  };
}
