// Completion. The context comes from the analysis's tokens before the cursor (robust while a
// line is half typed); the names come from the analysis of the current text.
// - keywords for the place (declaration, header, table, bracket, calculator): the ones the
//   grammar allows there (dsl nextKeywords, Chevrotain's content assist); in an expression, the
//   keywords of the grammar's expression rules (dsl expressionKeywords); spelled in the script
//   the file already uses (計算 / 参数 …);
// - names in scope: parameters, brackets, builtins, the enclosing calculator's inputs,
//   accumulators and the steps above the cursor;
// - enum members after = / 属于 / 包含 and as the keys of a table over an enum;
// - units after a number (元、万元、%、个百分点、个月);
// - snippets: a table over each enum (all members), a bracket, a modifier.
import {
  BUILTINS,
  BUILTIN_TYPES,
  expressionKeywords,
  foldName,
  MODIFIER_VERBS,
  nextKeywords,
  show,
  unquote,
  UNITS,
  unitSpelling,
  type Analysis,
  type CalculatorDecl,
  type EnumDecl,
  type SymbolTable,
  type Type,
} from "@zhengce/dsl";
import {
  CompletionItemKind,
  InsertTextFormat,
  type CompletionItem,
  type Range,
} from "./protocol.js";
import { describe } from "./hover.js";
import { fileScript, keywordForms, spell, type Script } from "./script.js";
import { lineIndex, toRange } from "./util.js";

type IToken = Analysis["tokens"][number];

const DECLARATION_OPENERS = new Set(["Policy", "Enum", "Param", "Bracket", "Calculator", "Example", "Inputs", "Accumulator", "Layered", "Expect"]);

interface Frame {
  /** Token name of the keyword that opened the block (Policy, Param, Calculator, Inputs, …), or "" */
  opener: string;
  /** Tokens of the statement that opened the block, from its keyword to the `{`. */
  header: IToken[];
  /** Index in `tokens` of the `{`. */
  brace: number;
}

interface Context {
  analysis: Analysis;
  table: SymbolTable;
  text: string;
  offset: number;
  script: Script;
  /** Tokens before the word being typed. */
  tokens: IToken[];
  frames: Frame[];
  /** The text range the chosen item replaces (the partly typed word). */
  replace: Range;
  prefix: string;
  lineStart: boolean;
}

export function completion(analysis: Analysis, table: SymbolTable, offset: number): CompletionItem[] {
  const text = analysis.text;
  const before = text.slice(0, offset);
  // The analysis's tokens before the cursor; one that runs past it is the word being typed.
  let tokens = analysis.tokens.filter((t) => t.startOffset < offset);

  // Nothing to propose inside a comment or the free text of a citation.
  const lastComment = analysis.comments.filter((c) => c.startOffset < offset).at(-1);
  if (lastComment && !/[\r\n]/.test(before.slice(lastComment.startOffset))) return [];
  const lineStartOffset = lineIndex(text).lineStart(offset);
  const lineTokens = tokens.filter((t) => t.startOffset >= lineStartOffset);
  if (lineTokens.some((t) => t.tokenType.name === "Citation") && !/[}｝]\s*$/.test(before)) return [];
  if (/[「『][^」』]*$/.test(before.slice(lineStartOffset))) return [];

  // The word being typed: an identifier or keyword token that reaches the cursor.
  let wordStart = offset;
  const last = tokens[tokens.length - 1];
  if (last && last.endOffset! + 1 >= offset && /^[^\s\p{P}\p{S}0-9０-９]/u.test(last.image) && last.tokenType.name !== "NumberLit" && last.tokenType.name !== "Date") {
    wordStart = last.startOffset;
    tokens = tokens.slice(0, -1);
  }
  const ctx: Context = {
    analysis,
    table,
    text,
    offset,
    script: fileScript(analysis),
    tokens,
    frames: frames(tokens),
    // An LSP completion edit stays on the line of the cursor (a 「quote」 may span lines).
    replace: toRange(text, { start: Math.max(wordStart, lineStartOffset), end: offset }),
    prefix: text.slice(wordStart, offset),
    lineStart: text.slice(lineStartOffset, wordStart).trim() === "",
  };

  // Units right after a number.
  const prev = tokens[tokens.length - 1];
  if (prev && prev.tokenType.name === "NumberLit" && prev.endOffset! + 1 === wordStart && /[0-9０-９]$/.test(prev.image)) {
    return units(ctx);
  }
  if (/[0-9０-９]$/.test(before) && wordStart === offset) {
    return prev?.tokenType.name === "NumberLit" ? units(ctx) : [];
  }
  return items(ctx);
}

function frames(tokens: IToken[]): Frame[] {
  const stack: Frame[] = [];
  let since = 0;
  tokens.forEach((t, i) => {
    const n = t.tokenType.name;
    if (n === "LBrace") {
      const statement = tokens.slice(since, i);
      let k = -1;
      for (let j = statement.length - 1; j >= 0; j--) {
        if (DECLARATION_OPENERS.has(statement[j].tokenType.name)) {
          k = j;
          break;
        }
      }
      stack.push({ opener: k >= 0 ? statement[k].tokenType.name : "", header: k >= 0 ? statement.slice(k) : statement, brace: i });
      since = i + 1;
    } else if (n === "RBrace" || n === "CitationRBrace") {
      stack.pop();
      since = i + 1;
    }
  });
  return stack;
}

function items(ctx: Context): CompletionItem[] {
  const { tokens, frames: stack } = ctx;
  const prev = tokens[tokens.length - 1];
  const prevName = prev?.tokenType.name ?? "";
  const top = stack[stack.length - 1];
  const parent = stack[stack.length - 2];

  // After `名.`: the fields of a record accumulator.
  if (prevName === "Dot") {
    const target = tokens[tokens.length - 2];
    return target ? fieldItems(ctx, target) : [];
  }
  // After `按`: enums. After `例`: calculators. After `分段 名（` / `累计 名（`: the mode.
  if (prevName === "By") return enumItems(ctx);
  if (prevName === "Example") return calculatorItems(ctx);
  if (prevName === "LParen" && tokens[tokens.length - 3]) {
    const opener = tokens[tokens.length - 3].tokenType.name;
    if (opener === "Bracket") return keywordItems(ctx, nextKeywords("bracketDecl", ["Bracket", "Identifier", "LParen"]));
    if (opener === "Accumulator") return keywordItems(ctx, nextKeywords("accumulatorDecl", ["Accumulator", "Identifier", "LParen"]));
  }
  // A type after `参数 名：`, `输出 名：`, an input's `名：`.
  if (prevName === "Colon" && isTypePosition(ctx)) return typeItems(ctx);

  // Enum members where an enum value is expected.
  const operandType = comparedType(ctx);
  if (operandType) return [...memberItems(ctx, operandType, "0"), ...expressionItems(ctx, "5")];

  // Members of an enum being declared, fields of an input block: new names, nothing to propose.
  if (top?.opener === "Enum") return [];
  if (ctx.lineStart || prevName === "LBrace" || prevName === "RBrace") {
    const opener = top?.opener ?? "";
    if (!top) return [...keywordItems(ctx, blockKeywords("")), ...declarationSnippets(ctx), modifierSnippet(ctx)];
    if (opener === "Policy") return keywordItems(ctx, blockKeywords("Policy"));
    const versionTable = parent?.opener === "Param" && top.header.some((t) => t.tokenType.name === "Colon");
    if (opener === "Param" || versionTable) {
      const enumDecl = tableEnum(ctx);
      const base = keywordItems(ctx, blockKeywords(versionTable ? "Version" : "Param"));
      return enumDecl ? [...tableKeyItems(ctx, enumDecl), ...base] : [...base, modifierSnippet(ctx)];
    }
    if (opener === "Bracket" || opener === "Calculator" || opener === "Layered") return [...keywordItems(ctx, blockKeywords(opener)), modifierSnippet(ctx)];
    if (opener === "Example") return keywordItems(ctx, blockKeywords("Example"));
    if (opener === "Inputs" && parent?.opener === "Example") return recordFieldItems(ctx, parent, "input");
    if (opener === "Expect" && parent?.opener === "Example") return recordFieldItems(ctx, parent, "output");
    if (opener === "Inputs" || opener === "Accumulator") return [];
  }
  return expressionItems(ctx, "1");
}

// ── keywords ──

/**
 * Where each block's items begin: a grammar rule and the tokens before an item (several when an
 * item may follow different things); `tail`: items may carry 依据 and 当 lines after them.
 */
const BLOCKS: Record<string, { rule: string; prefixes: string[][]; tail?: boolean }> = {
  "": { rule: "file", prefixes: [[]], tail: true },
  Policy: { rule: "policyHeader", prefixes: [["Policy", "Identifier", "LBrace"]] },
  Param: { rule: "paramDecl", prefixes: [["Param", "Identifier", "LBrace"]], tail: true },
  Version: { rule: "versionEntry", prefixes: [["Since", "Date", "From", "Colon", "LBrace"]], tail: false },
  Bracket: { rule: "bracketDecl", prefixes: [["Bracket", "Identifier", "LParen", "Marginal", "RParen", "LBrace"]], tail: true },
  Calculator: { rule: "calculatorDecl", prefixes: [["Calculator", "Identifier", "LBrace"]], tail: true },
  Layered: { rule: "layeredBlock", prefixes: [["Layered", "NumberLit", "LBrace"]], tail: true },
  Example: { rule: "exampleDecl", prefixes: [["Example", "Identifier", "LBrace"], ["Example", "Identifier", "LBrace", "Inputs", "LBrace", "RBrace"]] },
};
/** What may follow a complete item: its 依据 and 当 lines (as after `参数 甲 = 1`). */
const ITEM_TAIL = ["Param", "Identifier", "EqualsOp", "NumberLit"];
/** What may follow a table row: its 依据. */
const ROW_TAIL = ["Identifier", "Colon", "NumberLit"];
const blockKeywordCache = new Map<string, string[]>();

/** The keywords that may begin a line in a block, from the grammar (dsl nextKeywords). */
function blockKeywords(block: string): string[] {
  let out = blockKeywordCache.get(block);
  if (!out) {
    const b = BLOCKS[block];
    const all = b.prefixes.flatMap((p) => nextKeywords(b.rule, p));
    if (b.tail) all.push(...nextKeywords("paramDecl", ITEM_TAIL));
    if (block === "Version") all.push(...nextKeywords("tableEntry", ROW_TAIL));
    out = [...new Set(all)];
    blockKeywordCache.set(block, out);
  }
  return out;
}

function keywordItems(ctx: Context, names: string[], sort = "2"): CompletionItem[] {
  const forms = keywordForms();
  return names
    .filter((n) => forms.has(n))
    .map((n) => {
      const label = spell(n, ctx.script);
      return { label, kind: CompletionItemKind.Keyword, sortText: `${sort}${label}`, textEdit: { range: ctx.replace, newText: label } };
    });
}

function expressionItems(ctx: Context, sort: string): CompletionItem[] {
  const out: CompletionItem[] = [];
  const seen = new Set<string>();
  const add = (item: CompletionItem) => {
    if (seen.has(item.label)) return;
    seen.add(item.label);
    out.push({ ...item, sortText: `${sort}${item.sortText ?? item.label}`, textEdit: item.textEdit ?? { range: ctx.replace, newText: item.label } });
  };
  const model = ctx.analysis.model;
  const calc = enclosingCalculator(ctx);
  if (calc) {
    const info = model.calculators.get(calc.name.key);
    for (const f of calc.inputs) {
      const t = info?.inputs.find((i) => i.key === f.name.key)?.type;
      add({ label: f.name.text, kind: CompletionItemKind.Variable, detail: `输入${t ? `：${show(t)}` : ""}`, sortText: `0${f.name.text}` });
    }
    for (const a of calc.accumulators) add({ label: a.name.text, kind: CompletionItemKind.Struct, detail: `累计（按${a.period}）`, sortText: `0${a.name.text}` });
    // Steps above the cursor, except the one being written (the last one that starts before it).
    const above = calc.body
      .flatMap((item) => (item.kind === "StepDecl" ? [item] : item.kind === "LayeredBlock" ? item.steps : []))
      .filter((s) => s.span.start < ctx.offset)
      .slice(0, -1);
    for (const s of above) add({ label: s.name.text, kind: CompletionItemKind.Variable, detail: s.output ? "输出" : "令", sortText: `0${s.name.text}` });
  }
  if (!calc) {
    // A parameter's or bracket's modifiers read the inputs of the calculators that use it.
    for (const c of model.calculators.values()) {
      for (const i of c.inputs) add({ label: i.name, kind: CompletionItemKind.Variable, detail: `计算「${c.name}」的输入：${show(i.type)}`, sortText: `0${i.name}` });
    }
  }
  for (const p of model.params.values()) {
    const by = p.decl.by;
    add({
      label: p.decl.name.text,
      kind: CompletionItemKind.Constant,
      detail: `参数：${show(p.type)}${by ? ` 按 ${by.text}` : ""}`,
      sortText: `1${p.decl.name.text}`,
      ...(by ? { insertTextFormat: InsertTextFormat.Snippet, textEdit: { range: ctx.replace, newText: `${p.decl.name.text}[\${1:${by.text}}]` } } : {}),
      documentation: doc(ctx, "param", p.decl.name.key),
    });
  }
  for (const b of model.brackets.values()) {
    add({
      label: b.decl.name.text,
      kind: CompletionItemKind.Function,
      detail: `分段（${b.decl.mode}）`,
      sortText: `1${b.decl.name.text}`,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range: ctx.replace, newText: `${b.decl.name.text}（\${1}）` },
      documentation: doc(ctx, "bracket", b.decl.name.key),
    });
  }
  for (const f of BUILTINS) {
    add({
      label: f.name,
      kind: CompletionItemKind.Function,
      detail: `内置函数${f.signature}`,
      documentation: f.doc,
      sortText: `3${f.name}`,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range: ctx.replace, newText: `${f.name}（\${1}）` },
    });
  }
  for (const k of keywordItems(ctx, [...expressionKeywords()], "4")) add(k);
  for (const m of memberItems(ctx, undefined, "5")) add(m);
  return out;
}

function doc(ctx: Context, kind: "param" | "bracket", key: string) {
  const id = `${kind}\u0000${key}`;
  const occ = ctx.table.definitions.get(id)?.at(-1);
  const value = occ && describe(ctx.analysis, ctx.table, occ);
  return value ? { kind: "markdown" as const, value } : undefined;
}

function enclosingCalculator(ctx: Context): CalculatorDecl | undefined {
  let found: CalculatorDecl | undefined;
  for (const d of ctx.analysis.ast.declarations) {
    if (d.kind !== "CalculatorDecl") continue;
    if (d.span.start <= ctx.offset && ctx.offset <= d.span.end) return d;
    // An unfinished calculator (no closing brace yet) still scopes what follows it.
    if (d.span.start <= ctx.offset && ctx.frames.some((f) => f.opener === "Calculator")) found = d;
  }
  return found;
}

// ── enum members ──

/** The enum an operand before `=`, `属于 [`, `包含` has, when one is being compared. */
function comparedType(ctx: Context): EnumDecl | undefined | null {
  const t = ctx.tokens;
  // Inside `属于 [a、b、|`: step back over the list to the operator before its `[`.
  let j = t.length - 1;
  while (j >= 0 && ["Comma", "Identifier", "Quoted"].includes(t[j].tokenType.name)) j--;
  const opIndex = t[j]?.tokenType.name === "LBracket" ? j - 1 : t.length - 1;
  const op = t[opIndex];
  if (!op || !COMPARISONS.has(op.tokenType.name)) return undefined;
  const operand = t[opIndex - 1];
  if (!operand || (operand.tokenType.name !== "Identifier" && operand.tokenType.name !== "Quoted")) return null;
  const type = typeOfToken(ctx, operand);
  const key = type?.k === "enum" ? type.key : type?.k === "set" ? type.ofKey : undefined;
  return (key && ctx.analysis.model.enums.get(key)) || null;
}

const COMPARISONS = new Set(["EqualsOp", "NotEqualsOp", "Equals", "NotEquals", "In", "NotIn", "Contains"]);

function typeOfToken(ctx: Context, token: IToken): Type | undefined {
  const occ = ctx.table.at(ctx.analysis.uri, token.startOffset);
  const sym = occ && occ.span.start === token.startOffset ? (occ.sym ?? ctx.table.symbolOf(occ.id)) : undefined;
  if (sym && (sym.kind === "input" || sym.kind === "step" || sym.kind === "param")) return sym.type;
  // Not resolved in the current (half-typed) text: look the name up in the enclosing calculator.
  const key = foldName(unquote(token.image));
  const calc = enclosingCalculator(ctx);
  const calcs = calc ? [ctx.analysis.model.calculators.get(calc.name.key)] : [...ctx.analysis.model.calculators.values()];
  for (const info of calcs) {
    const input = info?.inputs.find((i) => i.key === key);
    if (input) return input.type;
  }
  return ctx.analysis.model.params.get(key)?.type;
}

function memberItems(ctx: Context, only: EnumDecl | null | undefined, sort: string): CompletionItem[] {
  const enums = only ? [only] : [...ctx.analysis.model.enums.values()];
  const out: CompletionItem[] = [];
  for (const e of enums) {
    for (const m of e.members) {
      out.push({
        label: m.text,
        kind: CompletionItemKind.EnumMember,
        detail: `枚举「${e.name.text}」`,
        sortText: `${sort}${m.text}`,
        textEdit: { range: ctx.replace, newText: m.text },
      });
    }
  }
  return out;
}

/** The enum of the table block the cursor is in (`参数 名：类型 按 枚举 {`), if any. */
function tableEnum(ctx: Context): EnumDecl | undefined {
  for (let i = ctx.frames.length - 1; i >= 0; i--) {
    const h = ctx.frames[i].header;
    const by = h.findIndex((t) => t.tokenType.name === "By");
    if (by >= 0 && h[by + 1]) return ctx.analysis.model.enums.get(foldName(unquote(h[by + 1].image)));
    if (ctx.frames[i].opener === "Param") return undefined;
  }
  return undefined;
}

function tableKeyItems(ctx: Context, e: EnumDecl): CompletionItem[] {
  // Keys already in this block: names followed by `：` or `、` at its own depth.
  const frame = ctx.frames[ctx.frames.length - 1];
  const used = new Set<string>();
  let depth = 0;
  for (let i = frame.brace + 1; i < ctx.tokens.length; i++) {
    const t = ctx.tokens[i];
    const n = t.tokenType.name;
    if (n === "LBrace") depth++;
    else if (n === "RBrace") depth--;
    else if (depth === 0 && (n === "Identifier" || n === "Quoted") && ["Colon", "Comma"].includes(ctx.tokens[i + 1]?.tokenType.name ?? "")) {
      used.add(foldName(unquote(t.image)));
    }
  }
  const missing = e.members.filter((m) => !used.has(m.key));
  const out: CompletionItem[] = missing.map((m) => ({
    label: m.text,
    kind: CompletionItemKind.EnumMember,
    detail: `枚举「${e.name.text}」`,
    sortText: `0${m.text}`,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range: ctx.replace, newText: `${m.text}：\${1}` },
  }));
  if (missing.length > 1) {
    const indent = ctx.text.slice(lineIndex(ctx.text).lineStart(ctx.offset), ctx.offset).match(/^[ \t]*/)![0];
    out.unshift({
      label: `全部成员（${missing.map((m) => m.text).join("、")}）`,
      kind: CompletionItemKind.Snippet,
      detail: `补全枚举「${e.name.text}」缺少的成员`,
      sortText: "00",
      filterText: missing.map((m) => m.text).join(""),
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range: ctx.replace, newText: missing.map((m, i) => `${i ? indent : ""}${m.text}：\${${i + 1}}`).join("\n") },
    });
  }
  return out;
}

// ── other names ──

function fieldItems(ctx: Context, target: IToken): CompletionItem[] {
  const calc = enclosingCalculator(ctx);
  const key = foldName(unquote(target.image));
  const acc = calc?.accumulators.find((a) => a.name.key === key);
  if (!acc || acc.scalar) return [];
  return acc.fields.map((f) => ({
    label: f.name.text,
    kind: CompletionItemKind.Field,
    detail: `累加 ${ctx.analysis.text.slice(f.add.span.start, f.add.span.end)}`,
    textEdit: { range: ctx.replace, newText: f.name.text },
  }));
}

function enumItems(ctx: Context): CompletionItem[] {
  return [...ctx.analysis.model.enums.values()].map((e) => ({
    label: e.name.text,
    kind: CompletionItemKind.Enum,
    detail: e.members.map((m) => m.text).join("、"),
    textEdit: { range: ctx.replace, newText: e.name.text },
  }));
}

function calculatorItems(ctx: Context): CompletionItem[] {
  return [...ctx.analysis.model.calculators.values()].map((c) => ({
    label: c.name,
    kind: CompletionItemKind.Class,
    detail: "计算",
    textEdit: { range: ctx.replace, newText: c.name },
  }));
}

function isTypePosition(ctx: Context): boolean {
  const t = ctx.tokens;
  const name = t[t.length - 2];
  const before = t[t.length - 3]?.tokenType.name;
  if (!name || (name.tokenType.name !== "Identifier" && name.tokenType.name !== "Quoted")) return false;
  if (before === "Param" || before === "Output" || before === "Let" || before === "Bracket") return true;
  const top = ctx.frames[ctx.frames.length - 1];
  return top?.opener === "Inputs" && ctx.frames[ctx.frames.length - 2]?.opener === "Calculator";
}

function typeItems(ctx: Context): CompletionItem[] {
  const out: CompletionItem[] = Object.keys(BUILTIN_TYPES).map((t) => ({
    label: t,
    kind: CompletionItemKind.TypeParameter,
    sortText: `0${t}`,
    textEdit: { range: ctx.replace, newText: t },
  }));
  for (const e of ctx.analysis.model.enums.values()) {
    out.push({ label: e.name.text, kind: CompletionItemKind.Enum, detail: "枚举", sortText: `1${e.name.text}`, textEdit: { range: ctx.replace, newText: e.name.text } });
    out.push({
      label: `集合（${e.name.text}）`,
      kind: CompletionItemKind.TypeParameter,
      detail: `「${e.name.text}」成员的集合`,
      sortText: `2${e.name.text}`,
      textEdit: { range: ctx.replace, newText: `集合（${e.name.text}）` },
    });
  }
  return out;
}

function recordFieldItems(ctx: Context, example: Frame, what: "input" | "output"): CompletionItem[] {
  const nameTok = example.header.find((t) => t.tokenType.name === "Identifier");
  const info = nameTok && ctx.analysis.model.calculators.get(foldName(nameTok.image));
  if (!info) return [];
  const list = what === "input" ? info.inputs.map((i) => ({ name: i.name, type: i.type, required: i.required })) : info.outputs.map((o) => ({ name: o.name, type: o.type, required: false }));
  return list.map((f) => ({
    label: f.name,
    kind: CompletionItemKind.Field,
    detail: `${show(f.type)}${f.required ? "（必填）" : ""}`,
    sortText: `${f.required ? 0 : 1}${f.name}`,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range: ctx.replace, newText: `${f.name}：\${1}` },
  }));
}

// ── units ──

/** The units completion offers after a number, in the file's script (language/units.ts). */
function units(ctx: Context): CompletionItem[] {
  return UNITS.filter((u) => u.offer).map((u, i) => {
    const label = unitSpelling(u, ctx.script);
    return { label, kind: CompletionItemKind.Unit, detail: u.offer, sortText: `${i}`, textEdit: { range: ctx.replace, newText: label } };
  });
}

// ── snippets ──

function declarationSnippets(ctx: Context): CompletionItem[] {
  const k = (n: string) => spell(n, ctx.script);
  const out: CompletionItem[] = [];
  for (const e of ctx.analysis.model.enums.values()) {
    const rows = e.members.map((m, i) => `  ${m.text}：\${${i + 3}}`).join("\n");
    out.push(snippet(ctx, `${k("Param")} …${k("By")} ${e.name.text}（表）`, `按枚举「${e.name.text}」取值的参数表，列出全部成员`,
      `${k("Param")} \${1:名称}：\${2|金额,比例|} ${k("By")} ${e.name.text} {\n${rows}\n  ${k("Citation")} \${${e.members.length + 3}}\n}`));
  }
  out.push(snippet(ctx, `${k("Bracket")}（${k("Marginal")}）`, "分段：不超过、超过…至…（含）、超过",
    `${k("Bracket")} \${1:名称}（\${2|${k("Marginal")},${k("Whole")}|}）{\n  ${k("AtMost")} \${3:5000元}：\${4:50%}\n  ${k("Exceeds")} \${3} ${k("To")} \${5:20万元}（含）：\${6:85%}\n  ${k("Exceeds")} \${5}：\${7:90%}\n  ${k("Citation")} \${8}\n}`));
  out.push(snippet(ctx, `${k("Param")}`, "参数：类型 = 值", `${k("Param")} \${1:名称}：\${2|金额,比例,整数,月数|} = \${3}\n  ${k("Citation")} \${4}`));
  out.push(snippet(ctx, `${k("Enum")}`, "枚举：成员用「、」分隔", `${k("Enum")} \${1:名称} { \${2:成员甲}、\${3:成员乙} }\n  ${k("Citation")} \${4}`));
  return out;
}

function modifierSnippet(ctx: Context): CompletionItem {
  const k = (n: string) => spell(n, ctx.script);
  const verbs = MODIFIER_VERBS.map((v) => k(v.keyword)).join(",");
  const words = MODIFIER_VERBS.map((v) => v.verb);
  return snippet(ctx, `${k("When")} …：修正`, `修正：条件成立时${words.slice(0, -1).join("、")}或${words.at(-1)}`,
    `${k("When")} \${1:条件}：\${2|${verbs}|} \${3:值}\n  ${k("Citation")} \${4}`);
}

function snippet(ctx: Context, label: string, detail: string, body: string): CompletionItem {
  return {
    label,
    kind: CompletionItemKind.Snippet,
    detail,
    sortText: `9${label}`,
    filterText: label.replace(/[…（）\s]/g, ""),
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range: ctx.replace, newText: body },
  };
}
