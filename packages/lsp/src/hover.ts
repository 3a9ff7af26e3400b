// Hover: what a name means, with the values and clauses behind it.
// - parameter: its value (each table row, each time version) with 依据 and the quoted clause,
//   and the base policy's value when an amendment restates it;
// - enum member: its entry in every table and bracket laid out over its enum;
// - calculator: inputs (type, default) and outputs (type);
// - input, step, accumulator: type, definition, 依据.
import {
  BUILTINS,
  foldName,
  parseSymbolId,
  type Analysis,
  type BracketDecl,
  type CalculatorDecl,
  type Occurrence,
  type ParamDecl,
  type Sym,
  type SymbolTable,
  type TableEntry,
  type Type,
} from "@zhengce/dsl";
import { MarkupKind, type Hover } from "./protocol.js";
import { citationMarkdown, documentLabel, join, modifierLines, sourceText, typeText, validityText } from "./render.js";
import { toRange } from "./util.js";

export function hover(analysis: Analysis, table: SymbolTable, offset: number): Hover | null {
  const occ = table.at(analysis.uri, offset);
  if (!occ) return builtinHover(analysis, offset);
  const value = describe(analysis, table, occ);
  if (!value) return null;
  return { contents: { kind: MarkupKind.Markdown, value }, range: toRange(analysis.text, occ.span) };
}

export function describe(analysis: Analysis, table: SymbolTable, occ: Occurrence): string | undefined {
  const sym = table.symbolOf(occ.id) ?? occ.sym;
  if (!sym) return undefined;
  const { keys } = parseSymbolId(occ.id);
  switch (occ.kind) {
    case "param":
      return sym.kind === "param" ? paramHover(analysis, table, occ.id, sym) : undefined;
    case "bracket":
      return sym.kind === "bracket" ? bracketHover(analysis, sym.decl, sym.uri, sym.resultType) : undefined;
    case "enum":
      return sym.kind === "enum" ? enumHover(analysis, sym) : undefined;
    case "member":
      return sym.kind === "member" ? memberHover(analysis, sym) : undefined;
    case "calculator":
      return sym.kind === "calculator" ? calculatorHover(analysis, sym.decl.name.key) : undefined;
    case "input":
      return sym.kind === "input" ? inputHover(analysis, sym) : undefined;
    case "step":
      return sym.kind === "step" ? stepHover(analysis, sym) : undefined;
    case "accumulator":
      return sym.kind === "accumulator" ? accumulatorHover(analysis, sym) : undefined;
    case "field": {
      if (sym.kind !== "accumulator") return undefined;
      const f = sym.decl.fields.find((x) => x.name.key === keys[2]);
      if (!f) return undefined;
      return join([
        `**累计字段 ${sym.decl.name.text}.${f.name.text}**：金额`,
        `${sym.decl.period === "年" ? "按年" : "按月"}累加 ${sourceText(analysis, sym.uri, f.add.span)}`,
      ]);
    }
  }
  return undefined;
}

function paramValueLines(analysis: Analysis, uri: string, d: ParamDecl): string[] {
  const lines: string[] = [];
  const quotes: string[] = [];
  const rows = (entries: TableEntry[], indent = "") => {
    for (const e of entries) {
      const keys = e.other ? "其他" : e.keys.map((k) => k.text).join("、");
      const cite = e.citations.map((c) => c.clause).join("；");
      lines.push(`${indent}- ${keys}：${sourceText(analysis, uri, e.value.span)}${cite ? `（依据 ${cite}）` : ""}`);
      // A row's own 依据 (on its line) is shown with the row, its quoted clause under the table;
      // a 依据 on its own line after the last row is the parameter's (d.citations).
      for (const c of e.citations) if (c.quote) quotes.push(`> 「${c.quote}」`);
    }
  };
  if (d.value) lines.push(`= ${sourceText(analysis, uri, d.value.span)}`);
  if (d.table) rows(d.table);
  for (const v of d.versions ?? []) {
    const when = validityText(v.validity);
    const cite = v.citations.map((c) => (c.quote ? `${c.clause}「${c.quote}」` : c.clause)).join("；");
    if (v.table) {
      lines.push(`- **${when}**${cite ? `（依据 ${cite}）` : ""}`);
      rows(v.table, "  ");
    } else {
      lines.push(`- **${when}**：${sourceText(analysis, uri, v.value?.span)}${cite ? `（依据 ${cite}）` : ""}`);
    }
  }
  if (quotes.length) lines.push("", ...quotes);
  return lines;
}

function paramHover(analysis: Analysis, table: SymbolTable, id: string, sym: Extract<Sym, { kind: "param" }>): string {
  const d = sym.decl;
  const by = d.by ? ` 按 ${d.by.text}` : "";
  const blocks: (string | string[])[] = [`**参数 ${d.name.text}**：${typeText(sym.type)}${by}`];
  const defs = (table.definitions.get(id) ?? []).filter((o) => !(o.uri === sym.uri && o.span.start === d.name.span.start));
  const amended = defs.length > 0;
  if (amended) blocks.push(`现行：${documentLabel(analysis, sym.uri)}`);
  blocks.push(paramValueLines(analysis, sym.uri, d));
  blocks.push(citationMarkdown(d.citations));
  if (d.modifiers.length) blocks.push(["修正：", ...modifierLines(analysis, sym.uri, d.modifiers)]);
  // What an amendment replaced: the earlier declarations, as their files wrote them.
  for (const o of defs) {
    const prev = table.files.find((f) => f.uri === o.uri)?.ast.declarations.find(
      (x): x is ParamDecl => x.kind === "ParamDecl" && x.name.span.start === o.span.start,
    );
    if (!prev) continue;
    blocks.push(`---\n${documentLabel(analysis, o.uri)}中原为：`);
    blocks.push(paramValueLines(analysis, o.uri, prev));
    blocks.push(citationMarkdown(prev.citations));
  }
  return join(blocks);
}

function bracketHover(analysis: Analysis, d: BracketDecl, uri: string, resultType: Type): string {
  // Each slice as written (bounds and value) with its own 依据; the quoted clauses go under the
  // list, after the bracket's own 依据 (which includes one on its own line after the last slice).
  const quotes: string[] = [];
  const slices = d.slices.map((s) => {
    const end = Math.max(s.value?.span.end ?? 0, s.step?.increment.span.end ?? 0, ...(s.keyed ?? []).map((k) => k.value.span.end), s.upper?.span.end ?? 0, s.lower?.span.end ?? 0);
    const cites = s.citations.map((c) => c.clause).filter(Boolean);
    for (const c of s.citations) quotes.push(...citationMarkdown([c]));
    return `- ${sourceText(analysis, uri, { start: s.span.start, end: end || s.span.end })}${cites.length ? `（依据 ${cites.join("；")}）` : ""}`;
  });
  const by = d.by ? ` 按 ${d.by.text}` : "";
  const result = d.mode === "累进" ? "按段累进计算金额" : `全额取所在段的${typeText(resultType)}`;
  return join([
    `**分段 ${d.name.text}**（${d.mode}）${by}：${result}`,
    slices,
    [...citationMarkdown(d.citations), ...quotes.filter((q) => q.startsWith(">"))],
    d.modifiers.length ? ["修正：", ...modifierLines(analysis, uri, d.modifiers)] : undefined,
  ]);
}

function enumHover(analysis: Analysis, sym: Extract<Sym, { kind: "enum" }>): string {
  const d = sym.decl;
  const tables = [...analysis.model.params.values()].filter((p) => p.decl.by?.key === d.name.key).map((p) => p.decl.name.text);
  return join([
    `**枚举 ${d.name.text}**：${d.members.map((m) => m.text).join("、")}`,
    citationMarkdown(d.citations),
    tables.length ? `按此枚举取值的表：${tables.join("、")}` : undefined,
  ]);
}

function memberHover(analysis: Analysis, sym: Extract<Sym, { kind: "member" }>): string {
  const lines: string[] = [];
  const entryFor = (entries: TableEntry[]) =>
    entries.find((e) => e.keys.some((k) => k.key === sym.name.key)) ?? entries.find((e) => e.other);
  for (const p of analysis.model.params.values()) {
    const d = p.decl;
    if (d.by?.key !== sym.enumKey) continue;
    if (d.table) {
      const e = entryFor(d.table);
      if (e) lines.push(`- ${d.name.text}：${sourceText(analysis, p.uri, e.value.span)}${e.other ? "（其他）" : ""}`);
    }
    for (const v of d.versions ?? []) {
      if (!v.table) continue;
      const e = entryFor(v.table);
      if (e) lines.push(`- ${d.name.text}（${validityText(v.validity)}）：${sourceText(analysis, p.uri, e.value.span)}${e.other ? "（其他）" : ""}`);
    }
  }
  for (const b of analysis.model.brackets.values()) {
    if (b.decl.by?.key !== sym.enumKey) continue;
    const values = b.decl.slices
      .map((s) => s.keyed?.find((kv) => kv.key.key === sym.name.key))
      .filter((kv): kv is NonNullable<typeof kv> => !!kv)
      .map((kv) => sourceText(analysis, b.uri, kv.value.span));
    if (values.length) lines.push(`- ${b.decl.name.text}：各段 ${values.join("、")}`);
  }
  return join([`**${sym.name.text}**：枚举「${sym.enumName}」的成员`, lines.length ? ["各表中的取值：", ...lines] : "没有按此枚举取值的表"]);
}

function calculatorHover(analysis: Analysis, key: string): string | undefined {
  const c = analysis.model.calculators.get(key);
  if (!c) return undefined;
  const d: CalculatorDecl = c.decl;
  const inputs = c.inputs.map((i) => {
    const def = i.field.default ? `，默认 ${sourceText(analysis, c.uri, i.field.default.span)}` : "（必填）";
    return `- ${i.name}：${typeText(i.type)}${def}`;
  });
  const outputs = c.outputs.map((o) => `- ${o.name}：${typeText(o.type)}`);
  const when = validityText(d.validity);
  return join([
    `**计算 ${c.name}**${when ? `（有效期 ${when}）` : ""}`,
    inputs.length ? ["输入：", ...inputs] : "没有输入",
    outputs.length ? ["输出：", ...outputs] : "没有输出",
    citationMarkdown(d.citations),
  ]);
}

function inputHover(analysis: Analysis, sym: Extract<Sym, { kind: "input" }>): string {
  const c = analysis.model.calculators.get(sym.calcKey);
  const f = sym.field;
  const def = f.default ? `默认 ${sourceText(analysis, sym.uri, f.default.span)}` : "必填";
  const min = f.min ? `，不小于 ${sourceText(analysis, sym.uri, f.min.span)}` : "";
  return join([
    `**输入 ${f.name.text}**：${typeText(sym.type)}（${def}${min}）`,
    c ? `计算「${c.name}」的输入` : undefined,
    c ? citationMarkdown(c.decl.citations) : undefined,
  ]);
}

function stepHover(analysis: Analysis, sym: Extract<Sym, { kind: "step" }>): string {
  const s = sym.decl;
  const c = analysis.model.calculators.get(sym.calcKey);
  return join([
    `**${s.output ? "输出" : "令"} ${s.name.text}**：${typeText(sym.type)}`,
    `= ${sourceText(analysis, sym.uri, s.value.span)}`,
    s.explain ? `说明：${s.explain}` : undefined,
    citationMarkdown(s.citations),
    s.modifiers.length ? ["修正：", ...modifierLines(analysis, sym.uri, s.modifiers)] : undefined,
    c ? `计算「${c.name}」的${s.output ? "输出" : "中间结果"}` : undefined,
  ]);
}

function accumulatorHover(analysis: Analysis, sym: Extract<Sym, { kind: "accumulator" }>): string {
  const a = sym.decl;
  const fields = a.scalar
    ? [`累加 ${sourceText(analysis, sym.uri, a.fields[0]?.add.span)}`]
    : a.fields.map((f) => `- ${f.name.text}：累加 ${sourceText(analysis, sym.uri, f.add.span)}`);
  return join([
    `**累计 ${a.name.text}**（${a.period === "年" ? "按年" : "按月"}）：${typeText(sym.type)}`,
    fields,
    citationMarkdown(a.citations),
  ]);
}

/** A built-in function's name: its signature and what it computes (language/builtins.ts). */
function builtinHover(analysis: Analysis, offset: number): Hover | null {
  const t = analysis.tokens.find((x) => x.startOffset <= offset && offset <= x.endOffset! && x.tokenType.name === "Identifier");
  const b = t && BUILTINS.find((f) => foldName(f.name) === foldName(t.image));
  if (!t || !b) return null;
  const span = { start: t.startOffset, end: t.endOffset! + 1 };
  return { contents: { kind: MarkupKind.Markdown, value: join([`**内置函数 ${b.name}**${b.signature}`, b.doc]) }, range: toRange(analysis.text, span) };
}
