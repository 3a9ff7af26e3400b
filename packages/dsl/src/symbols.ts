// The symbol table of an analysis: every occurrence of every declared name — definitions
// and uses — across the amended base and the amendment, each tagged with a stable symbol id.
// Built only from what analyze() returns (the model's resolved references, the ASTs, the
// calculators' annotations); editors use it for definition, references, rename, highlighting
// and outlines. The base files' ASTs are the analysis's own (`analysis.files`).
import type * as A from "./ast.js";
import type { Analysis } from "./analyze.js";
import type { Model, Sym } from "./model.js";
import { unquote } from "./language/text.js";

export type SymbolKind = "enum" | "member" | "param" | "bracket" | "calculator" | "input" | "accumulator" | "field" | "step";

export interface Occurrence {
  /** Stable symbol id (kind + folded keys), equal across the base and its amendments. */
  id: string;
  kind: SymbolKind;
  uri: string;
  /** The name as written, including 「」 when it is quoted. */
  span: A.Span;
  /** The name without quotes. */
  text: string;
  definition: boolean;
  /** The resolved symbol, when the model recorded one for this occurrence. */
  sym?: Sym;
}

export interface SymbolTable {
  /** Every occurrence, sorted by file (the base first) then offset; no duplicates. */
  occurrences: Occurrence[];
  /** Definitions by id in file order: a base's declaration comes before the amendment's restatement. */
  definitions: Map<string, Occurrence[]>;
  /** The syntax tree of each file of the analysis, the base first and the analysed file last. */
  files: { uri: string; ast: A.PolicyFile }[];
  /** The occurrence under `offset` (a cursor just after a name counts). */
  at(uri: string, offset: number): Occurrence | undefined;
  /** Every occurrence of a symbol, definitions included. */
  occurrencesOf(id: string): Occurrence[];
  /** The symbol as the model sees it (the effective declaration, after amendment). */
  symbolOf(id: string): Sym | undefined;
}

const SEP = "\u0000";

/** The stable id of a resolved symbol; undefined for builtins and types. */
export function symbolId(sym: Sym): string | undefined {
  switch (sym.kind) {
    case "enum":
      return ["enum", sym.decl.name.key].join(SEP);
    case "member":
      return ["member", sym.enumKey, sym.name.key].join(SEP);
    case "param":
      return ["param", sym.decl.name.key].join(SEP);
    case "bracket":
      return ["bracket", sym.decl.name.key].join(SEP);
    case "calculator":
      return ["calculator", sym.decl.name.key].join(SEP);
    case "input":
      return ["input", sym.calcKey, sym.field.name.key].join(SEP);
    case "accumulator":
      return ["accumulator", sym.calcKey, sym.decl.name.key].join(SEP);
    case "step":
      return ["step", sym.calcKey, sym.decl.name.key].join(SEP);
    default:
      return undefined;
  }
}

/** The parts of an id: its kind and folded keys (calculator or enum first). */
export function parseSymbolId(id: string): { kind: SymbolKind; keys: string[] } {
  const [kind, ...keys] = id.split(SEP);
  return { kind: kind as SymbolKind, keys };
}

const tables = new WeakMap<Analysis, SymbolTable>();

/** The symbol table of an analysis (computed once per analysis). */
export function symbolTable(analysis: Analysis): SymbolTable {
  let t = tables.get(analysis);
  if (!t) tables.set(analysis, (t = build(analysis)));
  return t;
}

function build(analysis: Analysis): SymbolTable {
  const model = analysis.model;
  const files = analysis.files;
  const fileOrder = new Map(files.map((f, i) => [f.uri, i]));

  // Occurrences by file, then by place (start and length as one number: a string key per
  // occurrence was a quarter of building the table in the profile of typing into base.policy).
  const byPlace = new Map<string, Map<number | string, Occurrence>>();
  const add = (o: Occurrence) => {
    let places = byPlace.get(o.uri);
    if (!places) byPlace.set(o.uri, (places = new Map()));
    const length = o.span.end - o.span.start;
    const place = length >= 0 && length < 65536 ? o.span.start * 65536 + length : `${o.span.start}${SEP}${o.span.end}`;
    const prev = places.get(place);
    if (!prev) places.set(place, o);
    else {
      prev.definition ||= o.definition;
      prev.sym ??= o.sym;
    }
  };
  const def = (uri: string, kind: SymbolKind, name: A.Name, ...keys: string[]) =>
    add({ id: [kind, ...keys].join(SEP), kind, uri, span: name.span, text: name.text, definition: true });

  // Definitions, from the syntax trees of every file.
  for (const { uri, ast } of files) {
    for (const d of ast.declarations) {
      switch (d.kind) {
        case "EnumDecl":
          def(uri, "enum", d.name, d.name.key);
          for (const m of d.members) def(uri, "member", m, d.name.key, m.key);
          break;
        case "ParamDecl":
          def(uri, "param", d.name, d.name.key);
          break;
        case "BracketDecl":
          def(uri, "bracket", d.name, d.name.key);
          break;
        case "CalculatorDecl": {
          const ck = d.name.key;
          def(uri, "calculator", d.name, ck);
          for (const f of d.inputs) def(uri, "input", f.name, ck, f.name.key);
          for (const a of d.accumulators) {
            def(uri, "accumulator", a.name, ck, a.name.key);
            if (!a.scalar) for (const f of a.fields) def(uri, "field", f.name, ck, a.name.key, f.name.key);
          }
          for (const item of d.body) {
            if (item.kind === "StepDecl") def(uri, "step", item.name, ck, item.name.key);
            else if (item.kind === "LayeredBlock") for (const s of item.steps) def(uri, "step", s.name, ck, s.name.key);
          }
          break;
        }
        default:
          break;
      }
    }
  }

  // Uses, as the checker resolved them.
  for (const r of model.references) {
    const id = symbolId(r.sym);
    if (!id || !fileOrder.has(r.uri)) continue;
    const text = analysis.sources.get(r.uri)?.slice(r.span.start, r.span.end) ?? "";
    // An id's kind is its symbol's (symbolId).
    add({ id, kind: r.sym.kind as SymbolKind, uri: r.uri, span: r.span, text: unquote(text), definition: false, sym: r.sym });
  }

  // Fields of record accumulators (`年度累计.统筹支付`), found through the calculators' annotations,
  // gathered once (asking every calculator for every field was quadratic in the policy).
  // Only the calculators that refer to one are walked: the expressions annotated are their own.
  const accumulators = new Map<A.Expr, Extract<Sym, { kind: "accumulator" }>>();
  const withRecords: { uri: string; decl: A.CalculatorDecl }[] = [];
  for (const c of model.calculators.values()) {
    let records = false;
    for (const [e, s] of c.ann.refs) {
      if (s.kind !== "accumulator" || s.decl.scalar) continue;
      records = true;
      if (!accumulators.has(e)) accumulators.set(e, s);
    }
    if (records && fileOrder.has(c.uri)) withRecords.push({ uri: c.uri, decl: c.decl });
  }
  for (const { uri, decl: d } of withRecords) {
    walkDeclaration(d, (e) => {
      if (e.kind !== "Field") return;
      const s = accumulators.get(e.target);
      if (s?.decl.fields.some((f) => f.name.key === e.field.key)) {
        add({
          id: ["field", s.calcKey, s.decl.name.key, e.field.key].join(SEP),
          kind: "field",
          uri,
          span: e.field.span,
          text: e.field.text,
          definition: false,
        });
      }
    });
  }

  const occurrences: Occurrence[] = [];
  for (const { uri } of files) {
    const places = byPlace.get(uri);
    if (!places) continue;
    const own = [...places.values()].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    for (const o of own) occurrences.push(o);
  }
  const definitions = new Map<string, Occurrence[]>();
  const byId = new Map<string, Occurrence[]>();
  const byUri = new Map<string, Occurrence[]>();
  for (const o of occurrences) {
    if (o.definition) push(definitions, o.id, o);
    push(byId, o.id, o);
    push(byUri, o.uri, o);
  }

  return {
    occurrences,
    definitions,
    files,
    at(uri, offset) {
      const list = byUri.get(uri) ?? [];
      let lo = 0;
      let hi = list.length;
      // First occurrence whose end is at or after offset.
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid].span.end < offset) lo = mid + 1;
        else hi = mid;
      }
      let touching: Occurrence | undefined;
      for (let i = lo; i < list.length && list[i].span.start <= offset; i++) {
        const o = list[i];
        if (o.span.start <= offset && offset < o.span.end) return o;
        if (o.span.end === offset) touching ??= o;
      }
      return touching;
    },
    occurrencesOf(id) {
      return byId.get(id) ?? [];
    },
    symbolOf(id) {
      return resolve(model, id, byId.get(id));
    },
  };
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V) {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

function resolve(model: Model, id: string, occ: Occurrence[] | undefined): Sym | undefined {
  const { kind, keys } = parseSymbolId(id);
  switch (kind) {
    case "enum": {
      const e = model.enums.get(keys[0]);
      return e && { kind: "enum", decl: e, uri: e.uri };
    }
    case "member": {
      const e = model.enums.get(keys[0]);
      const m = e?.members.find((x) => x.key === keys[1]);
      return e && m && { kind: "member", enumKey: e.name.key, enumName: e.name.text, name: m, uri: e.uri };
    }
    case "param": {
      const p = model.params.get(keys[0]);
      return p && { kind: "param", decl: p.decl, type: p.type, uri: p.uri };
    }
    case "bracket": {
      const b = model.brackets.get(keys[0]);
      return b && { kind: "bracket", decl: b.decl, resultType: b.resultType, uri: b.uri };
    }
    case "calculator": {
      const c = model.calculators.get(keys[0]);
      return c && { kind: "calculator", decl: c.decl, uri: c.uri };
    }
    case "input": {
      const c = model.calculators.get(keys[0]);
      const i = c?.inputs.find((x) => x.key === keys[1]);
      return c && i && { kind: "input", calcKey: c.key, field: i.field, type: i.type, uri: c.uri };
    }
    case "accumulator": {
      const c = model.calculators.get(keys[0]);
      const a = c?.accumulators.find((x) => x.decl.name.key === keys[1]);
      return c && a && { kind: "accumulator", calcKey: c.key, decl: a.decl, type: a.type, uri: c.uri };
    }
    case "step": {
      // Steps keep their inferred type only in the references the checker recorded.
      return occ?.find((o) => o.sym)?.sym;
    }
    case "field": {
      const c = model.calculators.get(keys[0]);
      const a = c?.accumulators.find((x) => x.decl.name.key === keys[1]);
      return c && a && { kind: "accumulator", calcKey: c.key, decl: a.decl, type: a.type, uri: c.uri };
    }
  }
  return undefined;
}

// ── walking expressions ──

/** Calls `visit` on every expression of a declaration, outermost first. */
export function walkDeclaration(d: A.Declaration, visit: (e: A.Expr) => void): void {
  const ex = (e: A.Expr | undefined) => e && walkExpr(e, visit);
  const mods = (ms: A.Modifier[]) => {
    for (const m of ms) {
      ex(m.cond);
      for (const a of m.actions) ex(a.value);
    }
  };
  const table = (t: A.TableEntry[] | undefined) => t?.forEach((e) => ex(e.value));
  const step = (s: A.StepDecl) => {
    ex(s.value);
    mods(s.modifiers);
  };
  switch (d.kind) {
    case "ParamDecl":
      ex(d.value);
      table(d.table);
      for (const v of d.versions ?? []) {
        ex(v.value);
        table(v.table);
      }
      mods(d.modifiers);
      break;
    case "BracketDecl":
      for (const s of d.slices) {
        ex(s.lower?.value);
        ex(s.upper?.value);
        ex(s.value);
        for (const kv of s.keyed ?? []) ex(kv.value);
        if (s.step) {
          ex(s.step.width);
          ex(s.step.increment);
        }
      }
      mods(d.modifiers);
      break;
    case "CalculatorDecl":
      for (const f of d.inputs) {
        ex(f.default);
        ex(f.min);
        ex(f.max);
      }
      for (const a of d.accumulators) for (const f of a.fields) ex(f.add);
      for (const item of d.body) {
        if (item.kind === "StepDecl") step(item);
        else if (item.kind === "LayeredBlock") {
          ex(item.initial);
          item.steps.forEach(step);
        } else ex(item.cond);
      }
      break;
    case "ExampleDecl":
      for (const c of d.cases) {
        ex(c.input);
        ex(c.expect);
      }
      break;
    default:
      break;
  }
}

export function walkExpr(e: A.Expr, visit: (e: A.Expr) => void): void {
  visit(e);
  const w = (x: A.Expr | undefined) => x && walkExpr(x, visit);
  switch (e.kind) {
    case "Field":
      w(e.target);
      break;
    case "Index":
      w(e.target);
      w(e.key);
      break;
    case "Call":
      e.args.forEach(w);
      w(e.accumulated);
      break;
    case "Binary":
      w(e.left);
      w(e.right);
      break;
    case "Unary":
      w(e.operand);
      break;
    case "If":
      w(e.cond);
      w(e.then);
      w(e.else);
      break;
    case "List":
      e.items.forEach(w);
      break;
    case "Record":
      for (const f of e.fields) w(f.value);
      break;
    default:
      break;
  }
}
