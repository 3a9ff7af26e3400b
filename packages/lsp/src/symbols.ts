// The outline of a file (document symbols) and the declarations of every known policy file
// (workspace symbols, over open documents and *.policy under the workspace folders).
import { foldName, type Analysis, type Declaration, type Span, type StepDecl } from "@zhengce/dsl";
import { SymbolKind, type DocumentSymbol, type SymbolInformation } from "./protocol.js";
import { toRange } from "./util.js";

function cover(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

function sym(text: string, name: string, detail: string, kind: SymbolKind, span: Span, nameSpan: Span, children?: DocumentSymbol[]): DocumentSymbol {
  return {
    name: name || "？",
    detail,
    kind,
    range: toRange(text, cover(span, nameSpan)),
    selectionRange: toRange(text, nameSpan),
    ...(children && children.length ? { children } : {}),
  };
}

function stepSymbol(text: string, s: StepDecl): DocumentSymbol {
  return sym(text, s.name.text, s.output ? "输出" : "令", s.output ? SymbolKind.Property : SymbolKind.Variable, s.span, s.name.span);
}

function declarationSymbol(text: string, d: Declaration): DocumentSymbol | undefined {
  switch (d.kind) {
    case "PolicyHeader":
      return sym(text, d.name.text, d.docNumber?.text ?? "政策", SymbolKind.Module, d.span, d.name.span);
    case "EnumDecl":
      return sym(text, d.name.text, "枚举", SymbolKind.Enum, d.span, d.name.span,
        d.members.map((m) => sym(text, m.text, "", SymbolKind.EnumMember, m.span, m.span)));
    case "ParamDecl":
      return sym(text, d.name.text, d.by ? `参数 按 ${d.by.text}` : "参数", SymbolKind.Constant, d.span, d.name.span);
    case "BracketDecl":
      return sym(text, d.name.text, `分段（${d.mode}）`, SymbolKind.Function, d.span, d.name.span);
    case "CalculatorDecl": {
      const children: DocumentSymbol[] = [];
      for (const f of d.inputs) children.push(sym(text, f.name.text, "输入", SymbolKind.Field, f.span, f.name.span));
      for (const a of d.accumulators) {
        children.push(sym(text, a.name.text, a.period === "年" ? "累计（按年）" : "累计（按月）", SymbolKind.Struct, a.span, a.name.span,
          a.scalar ? [] : a.fields.map((f) => sym(text, f.name.text, "累加", SymbolKind.Field, f.span, f.name.span))));
      }
      for (const item of d.body) {
        if (item.kind === "StepDecl") children.push(stepSymbol(text, item));
        else if (item.kind === "LayeredBlock") {
          const head = { start: item.span.start, end: Math.min(item.span.end, item.span.start + 2) };
          children.push(sym(text, "分层", "", SymbolKind.Namespace, item.span, head, item.steps.map((s) => stepSymbol(text, s))));
        } else children.push(sym(text, `拒绝 ${item.field.text}`, item.reason, SymbolKind.Event, item.span, item.field.span));
      }
      return sym(text, d.name.text, "计算", SymbolKind.Class, d.span, d.name.span, children);
    }
    case "ExampleDecl":
      return sym(text, `例 ${d.title}`, d.calculator.text, SymbolKind.Event, d.span, d.calculator.span);
  }
  return undefined;
}

export function documentSymbols(analysis: Analysis): DocumentSymbol[] {
  return analysis.ast.declarations.map((d) => declarationSymbol(analysis.text, d)).filter((s): s is DocumentSymbol => !!s);
}

/** Declarations of one file matching a query (folded: traditional finds simplified, full width finds half). */
export function workspaceSymbols(analysis: Analysis, query: string): SymbolInformation[] {
  const q = foldName(query.trim());
  const out: SymbolInformation[] = [];
  const walk = (d: DocumentSymbol, container?: string) => {
    if (d.kind !== SymbolKind.Namespace && (!q || foldName(d.name).includes(q))) {
      out.push({ name: d.name, kind: d.kind, location: { uri: analysis.uri, range: d.selectionRange }, ...(container ? { containerName: container } : {}) });
    }
    for (const c of d.children ?? []) walk(c, d.kind === SymbolKind.Namespace ? container : d.name);
  };
  for (const s of documentSymbols(analysis)) walk(s);
  return out;
}
