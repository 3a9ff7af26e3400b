// Go to definition. From a use: the declaration in force (an amendment's restatement if it
// has one, else the base's). From a declaration that restates one of its base: the base's.
// From `基于 「./base.policy」`: the base file itself.
import type { Analysis, Occurrence, Sym, SymbolTable, Span, PolicyHeader } from "@zhengce/dsl";
import type { Location } from "./protocol.js";
import { contains, toRange } from "./util.js";

export function location(analysis: Analysis, uri: string, span: Span): Location {
  return { uri, range: toRange(analysis.sources.get(uri) ?? "", span) };
}

export function definitionSpan(sym: Sym): { uri: string; span: Span } | undefined {
  switch (sym.kind) {
    case "enum":
    case "param":
    case "bracket":
    case "calculator":
    case "accumulator":
    case "step":
      return { uri: sym.uri, span: sym.decl.name.span };
    case "member":
      return { uri: sym.uri, span: sym.name.span };
    case "input":
      return { uri: sym.uri, span: sym.field.name.span };
    default:
      return undefined;
  }
}

export function definition(analysis: Analysis, table: SymbolTable, offset: number): Location[] {
  const header = analysis.ast.declarations.find((d): d is PolicyHeader => d.kind === "PolicyHeader");
  if (header?.basedOn && contains(header.basedOn.span, offset)) {
    const base = table.files.length > 1 ? table.files[table.files.length - 2].uri : undefined;
    return base ? [{ uri: base, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] : [];
  }
  const occ = table.at(analysis.uri, offset);
  if (!occ) return [];
  return targets(analysis, table, occ).map((o) => location(analysis, o.uri, o.span));
}

function targets(analysis: Analysis, table: SymbolTable, occ: Occurrence): { uri: string; span: Span }[] {
  const defs = table.definitions.get(occ.id) ?? [];
  if (occ.definition) {
    // A restatement leads to what it restates: the definitions in earlier files.
    const order = table.files.map((f) => f.uri);
    const earlier = defs.filter((d) => order.indexOf(d.uri) < order.indexOf(occ.uri));
    return earlier.length ? [earlier[earlier.length - 1]] : [occ];
  }
  // A record accumulator's field is declared inside the accumulator.
  if (occ.kind === "field") return defs.length ? [defs[defs.length - 1]] : [];
  const sym = occ.sym ?? table.symbolOf(occ.id);
  const effective = sym && definitionSpan(sym);
  if (effective && analysis.sources.has(effective.uri)) return [effective];
  return defs.length ? [defs[defs.length - 1]] : [];
}
