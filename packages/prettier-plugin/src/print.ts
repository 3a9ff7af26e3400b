// CST → Prettier Doc. The printer works from the concrete syntax tree so that every token is
// printed as the author wrote it (keyword spelling, 「」 quoting, number images), while layout
// (line breaks, indentation, spacing) and punctuation width are canonical.
//
// Layout rules (matching policies/jiangmen/base.policy):
// - two-space indent; one item per line inside `{ … }`; a blank line between top-level
//   declarations and between the steps of a calculator (consecutive 拒绝 rules and the
//   有效期/依据 lines stay together);
// - 依据 / 说明 / 当 lines that follow a declaration or an item are indented one level below it;
// - a 拒绝 rule too long for one line puts its 「reason」 on the next line;
// - full-width `：` and `（）`; `、` between enum members, table keys and list items, `，`
//   elsewhere; operators as `= ≠ ≤ ≥ + − × ÷`;
// - no space after `：`/`，`/`（`, none before `：`/`，`/`）`, none between a closing `）`/`」`
//   and `{`, nor between `（含）` and the word after it, nor after 说明 and the calculator name
//   of 例 before their 「…」;
// - records (例 inputs and expectations) flow as many fields per line as fit;
// - one input field per line, without the optional `，` between fields.
// Whitespace in the input never matters, except around comments: a blank line before or after
// an own-line comment is kept.
import type { Doc } from "prettier";
import * as doc from "prettier/doc";
import {
  keywordSpellings,
  operatorTree,
  SYMBOLS,
  type OperatorTree,
  type AccumulatorDeclCstNode,
  type BracketDeclCstNode,
  type CalculatorDeclCstNode,
  type CitationCstNode,
  type AdministrativeCstNode,
  type EnumDeclCstNode,
  type ExpressionCstNode,
  type ExampleDeclCstNode,
  type FileCstNode,
  type InputFieldCstNode,
  type InputsBlockCstNode,
  type LayeredBlockCstNode,
  type ModifierCstNode,
  type OperandCstNode,
  type ParamDeclCstNode,
  type PolicyCstNode,
  type PolicyHeaderCstNode,
  type PrimaryCstNode,
  type RecordCstNode,
  type RefusalCstNode,
  type SliceCstNode,
  type StepDeclCstNode,
  type TableEntryCstNode,
  type VersionEntryCstNode,
} from "@zhengce/dsl";
import type { PolicyComment, Token } from "./comments.js";

// The CST is read through its generated types (dsl cst.generated.ts): each rule's node is
// narrowed by its `name`, and every child label compared or read is checked against that rule.
type CstNode = PolicyCstNode;
type El = CstNode | Token;
/** The child labels of a node type (of each member of a union). */
type Label<N extends CstNode> = N extends CstNode ? keyof N["children"] & string : never;
interface Entry<N extends CstNode = CstNode> {
  key: Label<N>;
  el: El;
  start: number;
}
/** One-line constructs followed by their 依据 / 说明 / 当 lines. */
type StatementNode = TableEntryCstNode | SliceCstNode | ModifierCstNode | RefusalCstNode | StepDeclCstNode | VersionEntryCstNode;
/** A node whose items are rows (a table, version list or bracket body) with their own citations. */
type RowNode = TableEntryCstNode | SliceCstNode | VersionEntryCstNode;
interface Item {
  lead: PolicyComment[];
  doc: Doc;
  /** A multi-line construct (step, block): separated from its neighbours by a blank line where the context asks. */
  kind: string;
}

const { group, indent, line, softline, hardline, lineSuffix, ifBreak, fill } = doc.builders;

const isTok = (e: El): e is Token => "image" in e;
const KEYWORD_NAMES = new Set(Object.keys(keywordSpellings()));

/**
 * Symbols in their canonical glyph (language/symbols.ts); a `、`/`，` separator is chosen by its
 * context instead (see `run`).
 */
const CANON: Record<string, string> = {
  ...Object.fromEntries(Object.entries(SYMBOLS).filter(([name]) => name !== "Comma").map(([name, s]) => [name, s.canonical])),
  CitationRBrace: SYMBOLS.RBrace.canonical,
};

const NO_SPACE_BEFORE = new Set(["Colon", "Comma", "RParen", "RBracket", "Dot", "PositivePart", "InclusionMark"]);
const NO_SPACE_AFTER = new Set(["LParen", "LBracket", "Dot", "Colon", "Comma", "Minus"]);
const isName = (t: Token) => t.tokenType.name === "Identifier" || t.tokenType.name === "Quoted";
const closesFullWidth = (t: Token) =>
  t.tokenType.name === "RParen" || t.tokenType.name === "InclusionMark" || (t.tokenType.name === "Quoted" && /[」』”]$/.test(t.image));

/** Space between two tokens printed next to each other on one line. */
function gap(a: Token, b: Token): string {
  const A = a.tokenType.name;
  const B = b.tokenType.name;
  if (NO_SPACE_BEFORE.has(B)) return "";
  if (NO_SPACE_AFTER.has(A)) return "";
  // `（累进）{`, `（累进）按 …`, `「标题」{`, `5000元（含）以内`; but `（起付线 + 1万元） 至 …`.
  if (closesFullWidth(a) && (B === "LBrace" || B === "By" || (A === "InclusionMark" && KEYWORD_NAMES.has(B)))) return "";
  if (B === "LParen") return isName(a) ? "" : " ";
  if (B === "LBracket") return isName(a) || A === "RParen" || A === "RBracket" ? "" : " ";
  if ((A === "Identifier" || A === "Explain") && B === "Quoted") return "";
  return " ";
}

export class PolicyPrinter {
  private readonly byStart = new Map<number, number>();
  private readonly byEnd = new Map<number, number>();
  private readonly leading = new Map<number, PolicyComment[]>();
  private readonly trailing = new Map<number, PolicyComment[]>();
  /** Own-line comments found inside the item being built: printed above it. */
  private hoisted: PolicyComment[] | undefined;
  /** Trailing comments found inside the item being built: printed at the next line end it owns. */
  private deferred: PolicyComment[] | undefined;

  /**
   * @param declarationCitations start offsets of the citations inside a last row that cite the
   *   declaration (`declarationCitationOffsets` of the dsl: the rule the AST builder follows too).
   *   They are printed at the rows' level, and a row's own citations indented under the row, so
   *   that the output reads back the same way.
   */
  constructor(
    private readonly tokens: Token[],
    private readonly comments: PolicyComment[],
    private readonly declarationCitations: ReadonlySet<number> = new Set(),
  ) {
    tokens.forEach((t, i) => {
      this.byStart.set(t.startOffset, i);
      this.byEnd.set(t.endOffset ?? t.startOffset, i);
    });
    for (const c of comments) {
      const map = c.trailing ? this.trailing : this.leading;
      const key = c.trailing ? c.prevToken : c.nextToken;
      // Appended in place: a copy per comment made a file of comments only quadratic (1 MB: 109 s).
      const list = map.get(key);
      if (list) list.push(c);
      else map.set(key, [c]);
    }
  }

  // ── tokens and comments ──

  private index(t: Token): number {
    const i = this.byStart.get(t.startOffset);
    if (i === undefined) throw new Error(`内部错误：找不到位于 ${t.startOffset} 的记号`);
    return i;
  }

  private takeLeading(i: number): PolicyComment[] {
    const cs = (this.leading.get(i) ?? []).filter((c) => !c.printed);
    for (const c of cs) c.printed = true;
    return cs;
  }

  /**
   * A token as printed. Own-line comments before it move up above the enclosing item; trailing
   * comments after it move to the end of the item's line (see `flush`).
   */
  private tk(t: Token, image: string = CANON[t.tokenType.name] ?? t.image): Doc {
    const i = this.index(t);
    const own = this.takeLeading(i);
    const tr = (this.trailing.get(i) ?? []).filter((c) => !c.printed);
    for (const c of tr) c.printed = true;
    if (!this.hoisted || !this.deferred) {
      if (own.length || tr.length) throw new Error("内部错误：注释没有可附着的位置");
      return image;
    }
    this.hoisted.push(...own.map((c) => ({ ...c, blankBefore: false, blankAfter: false })));
    this.deferred.push(...tr);
    return image;
  }

  /**
   * At a line end the printer always makes (after `{`, before 依据/当 lines, at the end of an
   * item): the first pending trailing comment goes here; any more move above the item, since
   * one line holds one comment.
   */
  private flush(): Doc {
    const cs = this.deferred ?? [];
    if (!cs.length) return "";
    const [first, ...rest] = cs.splice(0, cs.length);
    this.hoisted!.push(...rest.map((c) => ({ ...c, blankBefore: false, blankAfter: false })));
    return lineSuffix([" ", first.text]);
  }

  /** A token left out of the output (an optional separator): only its comments are printed. */
  private skip(t: Token): Doc {
    return this.tk(t, "");
  }

  private first(e: El): Token {
    if (isTok(e)) return e;
    const i = this.byStart.get(e.location!.startOffset);
    if (i === undefined) throw new Error(`内部错误：「${e.name}」没有记号`);
    return this.tokens[i];
  }
  private last(e: El): Token {
    if (isTok(e)) return e;
    const i = this.byEnd.get(e.location!.endOffset!);
    if (i === undefined) throw new Error(`内部错误：「${e.name}」没有记号`);
    return this.tokens[i];
  }

  // ── structure helpers ──

  private seq<N extends CstNode>(n: N): Entry<N>[] {
    const out: Entry<N>[] = [];
    for (const [key, arr] of Object.entries(n.children) as [Label<N>, El[] | undefined][]) {
      for (const el of arr ?? []) {
        const start = isTok(el) ? el.startOffset : el.location?.startOffset;
        if (start === undefined || Number.isNaN(start)) continue;
        out.push({ key, el, start });
      }
    }
    return out.sort((a, b) => a.start - b.start);
  }

  private el(e: El, image?: string): Doc {
    return isTok(e) ? this.tk(e, image) : this.node(e);
  }

  /** Elements on one line, spaced by `gap`. */
  private run(es: Entry[], comma = "，"): Doc[] {
    const parts: Doc[] = [];
    let prev: Token | undefined;
    for (const e of es) {
      const first = this.first(e.el);
      if (prev) parts.push(gap(prev, first));
      parts.push(this.el(e.el, isTok(e.el) && e.el.tokenType.name === "Comma" ? comma : undefined));
      prev = this.last(e.el);
    }
    return parts;
  }

  /** One line-item: its own-line comments come first, including any that had to move up out of it. */
  private item(firstTok: Token, kind: string, build: () => Doc): Item {
    const lead = this.takeLeading(this.index(firstTok));
    const saved = [this.hoisted, this.deferred];
    this.hoisted = [];
    this.deferred = [];
    const d = build();
    const end = this.flush();
    const moved = this.hoisted;
    [this.hoisted, this.deferred] = saved;
    return { lead: [...lead, ...moved], doc: [d, end], kind };
  }

  private items(list: Item[], blank: (a: Item, b: Item) => boolean): Doc {
    const parts: Doc[] = [];
    list.forEach((it, i) => {
      if (i > 0) {
        parts.push(hardline);
        if (blank(list[i - 1], it) || it.lead[0]?.blankBefore) parts.push(hardline);
      }
      for (const c of it.lead) {
        parts.push(c.text, hardline);
        if (c.blankAfter) parts.push(hardline);
      }
      parts.push(it.doc);
    });
    return parts;
  }

  /** `{` items `}` with comments before `}` kept inside the block. */
  private block(open: Token, list: Item[], close: Token, blank: (a: Item, b: Item) => boolean = () => false): Doc {
    const dangling = this.takeLeading(this.index(close));
    const o = [this.tk(open), this.flush()];
    if (!list.length && !dangling.length) return [o, this.tk(close)];
    const body: Doc[] = [this.items(list, blank)];
    dangling.forEach((c, i) => {
      if (list.length || i > 0) body.push(hardline, c.blankBefore ? hardline : "");
      body.push(c.text);
    });
    return [o, indent([hardline, body]), hardline, this.tk(close)];
  }

  /** Lines that belong to the construct above them (依据, 当, 说明), one level deeper. */
  private tail(list: Item[]): Doc {
    return list.length ? [this.flush(), indent([hardline, this.items(list, () => false)])] : "";
  }

  private nodeItem(n: CstNode, kind = n.name): Item {
    return this.item(this.first(n), kind, () => this.node(n));
  }

  private tailItems<N extends CstNode>(es: Entry<N>[]): Item[] {
    const out: Item[] = [];
    for (let i = 0; i < es.length; i++) {
      const e = es[i];
      if (isTok(e.el) && e.el.tokenType.name === "Explain" && es[i + 1]) {
        const pair = [e, es[i + 1]];
        out.push(this.item(e.el, "explain", () => this.run(pair)));
        i++;
      } else if (!isTok(e.el)) out.push(this.nodeItem(e.el));
      else out.push(this.item(e.el, "token", () => this.tk(e.el as Token)));
    }
    return out;
  }

  /** Splits `head { body } rest` at this rule's own braces. */
  private braces<N extends CstNode>(es: Entry<N>[]): { head: Entry<N>[]; open?: Token; body: Entry<N>[]; close?: Token; rest: Entry<N>[] } {
    const o = es.findIndex((e) => isTok(e.el) && e.el.tokenType.name === "LBrace");
    if (o < 0) return { head: es, body: [], rest: [] };
    let c = -1;
    for (let i = es.length - 1; i > o; i--) {
      const el = es[i].el;
      if (isTok(el) && (el.tokenType.name === "RBrace" || el.tokenType.name === "CitationRBrace")) {
        c = i;
        break;
      }
    }
    if (c < 0) return { head: es, body: [], rest: [] };
    return {
      head: es.slice(0, o),
      open: es[o].el as Token,
      body: es.slice(o + 1, c),
      close: es[c].el as Token,
      rest: es.slice(c + 1),
    };
  }

  /** Groups entries into items, a new item starting at each entry `starts` accepts. */
  private groupsOf<N extends CstNode>(es: Entry<N>[], starts: (e: Entry<N>) => boolean): Entry<N>[][] {
    const out: Entry<N>[][] = [];
    for (const e of es) {
      if (!out.length || starts(e)) out.push([e]);
      else out[out.length - 1].push(e);
    }
    return out;
  }

  private runItems<N extends CstNode>(groups: Entry<N>[][], kind: (g: Entry<N>[]) => string = () => "line", comma = "，"): Item[] {
    return groups.map((g) => this.item(this.first(g[0].el), kind(g), () => (g.length === 1 && !isTok(g[0].el) ? this.node(g[0].el) : this.run(g, comma))));
  }

  private headWithBlock(head: Entry[], open: Token | undefined, block: Doc): Doc {
    const parts: Doc[] = this.run(head);
    if (open) parts.push(head.length ? gap(this.last(head[head.length - 1].el), open) : "", block);
    return parts;
  }

  // ── file ──

  file(cst: FileCstNode): Doc {
    const decls = cst.children.declaration ?? [];
    const list = decls.map((d) => this.nodeItem(d, "declaration"));
    const parts: Doc[] = [this.items(list, () => true)];
    const rest = this.takeLeading(this.tokens.length);
    rest.forEach((c, i) => {
      if (list.length || i > 0) parts.push(hardline, list.length && i === 0 ? hardline : c.blankBefore ? hardline : "");
      parts.push(c.text);
    });
    if (list.length || rest.length) parts.push(hardline);
    return parts;
  }

  // ── dispatch ──

  node(n: CstNode): Doc {
    switch (n.name) {
      case "declaration": {
        const inner = this.seq(n)[0];
        return inner ? this.el(inner.el) : "";
      }
      case "policyHeader":
        return this.policyHeader(n);
      case "enumDecl":
        return this.enumDecl(n);
      case "paramDecl":
        return this.paramDecl(n);
      case "tableEntry":
      case "slice":
      case "modifier":
      case "refusal":
      case "stepDecl":
        return this.statement(n);
      case "versionEntry":
        return this.versionEntry(n);
      case "bracketDecl":
        return this.bracketDecl(n);
      case "calculatorDecl":
        return this.calculatorDecl(n);
      case "inputsBlock":
        return this.inputsBlock(n);
      case "inputField":
        return this.inputField(n);
      case "accumulatorDecl":
        return this.accumulatorDecl(n);
      case "layeredBlock":
        return this.layeredBlock(n);
      case "exampleDecl":
        return this.exampleDecl(n);
      case "record":
        return this.record(n);
      case "citation":
      case "administrative":
        return this.citation(n);
      case "expression":
        return this.expression(operatorTree(n as ExpressionCstNode));
      case "boundValue":
        return this.tight(n);
      case "operand":
        return this.operand(n as OperandCstNode);
      case "primary":
        return this.primary(n);
      default:
        // name, typeRef, validity, upperBound, inputField, argument, action and any
        // construct added later: its tokens on one line.
        return this.run(this.seq(n));
    }
  }

  // ── declarations ──

  private citation(n: CitationCstNode | AdministrativeCstNode): Doc {
    const es = this.seq(n);
    const parts: Doc[] = [];
    let prevRef = false;
    for (const e of es) {
      const t = e.el as Token;
      const name = t.tokenType.name;
      if (name === "ClauseRef") {
        parts.push(prevRef || /^[:：]/.test(t.image) ? (prevRef ? " " : "") : " ", this.tk(t));
        prevRef = true;
      } else if (name === "CitationQuote") {
        parts.push(prevRef ? "" : " ", this.tk(t));
      } else parts.push(this.tk(t));
    }
    return parts;
  }

  private policyHeader(n: PolicyHeaderCstNode): Doc {
    const { head, open, body, close } = this.braces(this.seq(n));
    const starters = new Set(["DocNumber", "Issuer", "Published", "Validity", "BasedOn", "Source"]);
    const groups = this.groupsOf(body, (e) => e.key === "citation" || e.key === "administrative" || (isTok(e.el) && starters.has(e.el.tokenType.name)));
    return this.headWithBlock(head, open, this.block(open!, this.runItems(groups), close!));
  }

  private enumDecl(n: EnumDeclCstNode): Doc {
    const { head, open, body, close, rest } = this.braces(this.seq(n));
    const members: Doc[] = [];
    for (const e of body) {
      if (isTok(e.el) && e.el.tokenType.name === "Comma") members[members.length - 1] = [members[members.length - 1], this.skip(e.el)];
      else members.push(this.el(e.el));
    }
    const dangling = this.takeLeading(this.index(close!));
    const o = this.tk(open!);
    let block: Doc;
    if (!members.length && !dangling.length) block = [o, this.tk(close!)];
    else {
      const inner: Doc[] = [];
      members.forEach((m, i) => inner.push(i ? [ifBreak("", "、"), softline] : "", m));
      dangling.forEach((c) => inner.push(members.length ? hardline : "", c.text));
      block = group([o, indent([line, inner]), line, this.tk(close!)]);
    }
    return [this.headWithBlock(head, open, block), this.tail(this.tailItems(rest))];
  }

  private paramDecl(n: ParamDeclCstNode): Doc {
    const es = this.seq(n);
    const { head, open, body, close, rest } = this.braces(es);
    if (!open) {
      // 参数 名：类型 = 值 依据… 当…
      const tailAt = es.findIndex((e) => e.key === "citation" || e.key === "modifier");
      const line1 = tailAt < 0 ? es : es.slice(0, tailAt);
      return [this.run(line1), this.tail(this.tailItems(tailAt < 0 ? [] : es.slice(tailAt)))];
    }
    const list = this.rowItems(body);
    return [this.headWithBlock(head, open, this.block(open, list, close!)), this.tail(this.tailItems(rest))];
  }

  /** A one-line construct followed by its 依据 / 说明 / 当 lines. */
  private statement(n: StatementNode): Doc {
    const es: Entry<StatementNode>[] = this.seq(n);
    const row = n.name === "tableEntry" || n.name === "slice" || n.name === "versionEntry";
    const isTail = (e: Entry<StatementNode>) =>
      e.key === "citation" || e.key === "modifier" || e.key === "Explain" || e.key === "explain";
    const headEs = es.filter((e) => !isTail(e));
    let tailEs = es.filter(isTail);
    let headDoc: Doc;
    if (n.name === "slice" && headEs.some((e) => e.key === "key")) headDoc = this.keyedSlice(headEs);
    else if (n.name === "tableEntry") headDoc = this.run(headEs, "、");
    else if (n.name === "refusal" && headEs.at(-1)?.key === "reason") {
      // The reason moves to its own line rather than the condition breaking around it.
      const reason = headEs.at(-1)!;
      headDoc = [this.run(headEs.slice(0, -1)), indent([softline, this.el(reason.el)])];
    } else headDoc = this.run(headEs);
    if (row) {
      // The citations of the declaration are printed by `rowItems`, at the rows' indentation; a
      // row's own 依据 is printed indented under it, which keeps it the row's (even the last row's).
      tailEs = tailEs.filter((e) => !this.isDeclarationCitation(e.el));
    }
    return [group(headDoc), this.tail(this.tailItems(tailEs))];
  }

  private isDeclarationCitation(e: El): boolean {
    return !isTok(e) && e.name === "citation" && this.declarationCitations.has(e.location!.startOffset);
  }

  /** The items of a table, version list or bracket body: each row, then any 依据 of the declaration the CST put inside it. */
  private rowItems(body: Entry[]): Item[] {
    const out: Item[] = [];
    for (const e of body) {
      const n = e.el as RowNode;
      out.push(this.nodeItem(n));
      for (const c of n.children.citation ?? []) {
        if (this.isDeclarationCitation(c)) out.push(this.nodeItem(c, "citation"));
      }
    }
    return out;
  }

  /** `…：城乡居民 50%，职工 60%` — `，` between the pairs, none after the last. */
  private keyedSlice(es: Entry<StatementNode>[]): Doc {
    const at = es.findIndex((e) => e.key === "key");
    const parts: Doc[] = this.run(es.slice(0, at));
    this.fieldsOf(es.slice(at), "key").forEach((p, i) => parts.push(i ? "，" : "", p));
    return parts;
  }

  /** Splits `名 值 [，] 名 值 …` at each `startKey` entry; optional commas are dropped (their comments kept). */
  private fieldsOf<N extends CstNode>(es: Entry<N>[], startKey: Label<N>): Doc[] {
    const fields: Doc[] = [];
    let cur: Entry<N>[] = [];
    const flush = () => {
      if (cur.length) fields.push(this.run(cur));
      cur = [];
    };
    for (const e of es) {
      if (e.key === startKey) flush();
      if (isTok(e.el) && e.el.tokenType.name === "Comma") {
        flush();
        fields[fields.length - 1] = [fields[fields.length - 1], this.skip(e.el)];
        continue;
      }
      cur.push(e);
    }
    flush();
    return fields;
  }

  private versionEntry(n: VersionEntryCstNode): Doc {
    const es = this.seq(n);
    const { head, open, body, close, rest } = this.braces(es);
    if (!open) return this.statement(n);
    const list = this.rowItems(body);
    const own = rest.filter((e) => !this.isDeclarationCitation(e.el));
    const block = this.headWithBlock(head, open, this.block(open, list, close!));
    return [block, this.tail(this.tailItems(own))];
  }

  private bracketDecl(n: BracketDeclCstNode): Doc {
    const { head, open, body, close, rest } = this.braces(this.seq(n));
    const list = this.rowItems(body);
    return [this.headWithBlock(head, open, this.block(open!, list, close!)), this.tail(this.tailItems(rest))];
  }

  private calculatorDecl(n: CalculatorDeclCstNode): Doc {
    const { head, open, body, close } = this.braces(this.seq(n));
    const groups = this.groupsOf(body, (e) => !isTok(e.el) ? e.key !== "validity" : e.el.tokenType.name === "Validity");
    const attribute = new Set(["citation", "line"]);
    const list = this.runItems(groups, (g) => (isTok(g[0].el) ? "line" : g[0].key));
    // Attributes (有效期, 依据) stay together, and so do consecutive 拒绝 rules.
    const blank = (a: Item, b: Item) =>
      !(attribute.has(a.kind) && attribute.has(b.kind)) && !(a.kind === "refusal" && b.kind === "refusal");
    return this.headWithBlock(head, open, this.block(open!, list, close!, blank));
  }

  private inputsBlock(n: InputsBlockCstNode): Doc {
    const { head, open, body, close, rest } = this.braces(this.seq(n));
    const list = body.map((e) => this.nodeItem(e.el as CstNode));
    return [this.headWithBlock(head, open, this.block(open!, list, close!)), this.tail(this.tailItems(rest))];
  }

  /** `名：类型，默认 值`; a `，` after the field only separates it from the next one and gives way to the line break. */
  private inputField(n: InputFieldCstNode): Doc {
    const es = this.seq(n);
    const last = es[es.length - 1]?.el;
    if (last && isTok(last) && last.tokenType.name === "Comma") return [this.run(es.slice(0, -1)), this.skip(last)];
    return this.run(es);
  }

  private accumulatorDecl(n: AccumulatorDeclCstNode): Doc {
    const es = this.seq(n);
    const { head, open, body, close, rest } = this.braces(es);
    if (!open) {
      const tailAt = es.findIndex((e) => e.key === "citation");
      return [this.run(tailAt < 0 ? es : es.slice(0, tailAt)), this.tail(this.tailItems(tailAt < 0 ? [] : es.slice(tailAt)))];
    }
    const groups = this.groupsOf(body, (e) => e.key === "field");
    return [this.headWithBlock(head, open, this.block(open, this.runItems(groups), close!)), this.tail(this.tailItems(rest))];
  }

  private layeredBlock(n: LayeredBlockCstNode): Doc {
    const { head, open, body, close } = this.braces(this.seq(n));
    const list = body.map((e) => this.nodeItem(e.el as CstNode));
    const blank = (a: Item, b: Item) => a.kind === "stepDecl" || b.kind === "stepDecl";
    return this.headWithBlock(head, open, this.block(open!, list, close!, blank));
  }

  private exampleDecl(n: ExampleDeclCstNode): Doc {
    const { head, open, body, close } = this.braces(this.seq(n));
    const groups = this.groupsOf(body, (e) => isTok(e.el));
    return this.headWithBlock(head, open, this.block(open!, this.runItems(groups), close!));
  }

  /** `{ 字段：值，… }` on one line when it fits, otherwise as many fields per line as fit. */
  private record(n: RecordCstNode): Doc {
    const { open, body, close } = this.braces(this.seq(n));
    const fields = this.fieldsOf(body, "field");
    const o = this.tk(open!);
    if (!fields.length) return [o, this.tk(close!)];
    const parts: Doc[] = [];
    fields.forEach((f, i) => {
      if (i) parts.push([ifBreak("", "，"), softline]);
      parts.push(f);
    });
    return group([o, indent([line, fill(parts)]), line, this.tk(close!)]);
  }

  // ── expressions ──

  /** Each level's chain of operators one group, broken before its operators (operator-tree.ts). */
  private expression(t: OperatorTree): Doc {
    switch (t.kind) {
      case "operand":
        return t.node ? this.operand(t.node) : "";
      case "not": {
        const next = this.firstOf(t.operand);
        return [this.tk(t.not), next ? gap(t.not, next) : "", this.expression(t.operand)];
      }
      case "chain":
        return group([this.expression(t.first), indent(t.rest.map((r) => [line, this.tk(r.op), " ", this.expression(r.operand)]))]);
    }
  }

  /** The first token printed for `t`. */
  private firstOf(t: OperatorTree): Token | undefined {
    if (t.kind === "not") return t.not;
    if (t.kind === "chain") return this.firstOf(t.first);
    const n = t.node;
    const primary = n?.children.primary?.[0];
    return n?.children.Minus?.[0] ?? (primary ? this.first(primary) : undefined);
  }

  /** Unary minuses, the primary and its suffixes, no spaces (its 非 are printed by `expression`). */
  private operand(n: OperandCstNode): Doc {
    return this.seq(n)
      .filter((e) => e.key !== "Not")
      .map((e) => this.el(e.el));
  }

  /** A bound: its primary and `.字段`, `[键]`, `⁺`, no spaces. */
  private tight(n: CstNode): Doc {
    return this.seq(n).map((e) => this.el(e.el));
  }

  private primary(n: PrimaryCstNode): Doc {
    const es = this.seq(n);
    const c = n.children;
    if (c.If) {
      const get = (key: Label<PrimaryCstNode>) => es.find((e) => e.key === key)!.el;
      return group([
        this.el(get("If")),
        " ",
        this.el(get("cond")),
        indent(indent([line, this.el(get("Then")), " ", this.el(get("then")), line, this.el(get("Else")), " ", this.el(get("else"))])),
      ]);
    }
    if (c.Identifier && c.LParen) {
      // call: 名称（参数，参数）
      const [id, lp, ...more] = es;
      const rp = more.pop()!;
      const args: Doc[] = [];
      for (const e of more) {
        if (isTok(e.el) && e.el.tokenType.name === "Comma") args.push([this.tk(e.el, "，"), softline]);
        else args.push(this.el(e.el));
      }
      if (!args.length) return [this.el(id.el), this.el(lp.el), this.el(rp.el)];
      return group([this.el(id.el), this.el(lp.el), indent([softline, args]), softline, this.el(rp.el)]);
    }
    if (c.LBracket) {
      const [lb, ...more] = es;
      const rb = more.pop()!;
      const items: Doc[] = [];
      for (const e of more) {
        if (isTok(e.el) && e.el.tokenType.name === "Comma") items.push([this.tk(e.el, "、"), softline]);
        else items.push(this.el(e.el));
      }
      if (!items.length) return [this.el(lb.el), this.el(rb.el)];
      return group([this.el(lb.el), indent([softline, items]), softline, this.el(rb.el)]);
    }
    if (c.group) return es.map((e) => this.el(e.el));
    return this.run(es);
  }
}
