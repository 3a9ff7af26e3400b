// IR → JavaScript on exact scaled integers (issue 7): the second mapping over the same IR as
// emit.ts, taken by a calculator the range analysis (range.ts) proves. Each numeric value is a
// JavaScript integer at the scale the analysis gives its expression; operands are brought to a
// common scale (× 10^k) before +, −, comparisons and joins. Rounding, brackets and the
// conversions in and out are the runtime's (scaled.ts). With 计算过程 asked for, the case's
// numbers each step shows are recorded as they are here (record.ts) and the steps built from
// them when read; outside the proven limit the decimal path computes the case.
import { Decimal } from "@zhengce/runtime";
import type { IRCalculator, IRConstant, IRExpr, IRStmt, Sym, Ty } from "./ir.js";
import { pointLeaves, NoRecord, recordPoints, type Leaf, type RecordScales } from "./record.js";
import { Analyzer, carriedSum, isNumeric, NotExact, rangeKey, type Env, type Range, type Verdict } from "./range.js";
import { builtinName } from "./runtime-names.js";
import { absentIsNull, scaledInputType, scaledType, type TypeNames } from "./types.js";

/** What the integer emitter needs from the module emitter: identifiers, annotations, and where to note the constants it reads. */
export interface Names {
  readonly t: boolean;
  readonly typeNames: TypeNames;
  name(s: Sym): string;
  readonly intConstantsUsed: Set<number>;
  /** A module-level declaration under a fresh identifier made from `base` (given to `lines`); returns the identifier. */
  hoist(base: string, lines: (id: string) => string[]): string;
}

const p10 = (k: number) => `1${"0".repeat(k)}`;
const nullable = (t: Ty | undefined) => !!t && t.k === "money" && t.nullable === true;
const typeOf = (e: IRExpr): Ty | undefined => ("type" in e ? (e.type as Ty) : undefined);

/** The identifier of a numeric constant's integer form. */
export function intConstName(names: Names, s: Sym): string {
  return `${names.name(s)}$整数`;
}

/** Module-level integer forms of the numeric constants the integer paths read (each at its hull's scale). */
export function emitIntConstants(names: Names, constants: readonly IRConstant[], ranges: Map<number, Range>): string[] {
  // A constant read by another (a version naming a table) is read too: until nothing new is.
  let seen = -1;
  while (seen !== names.intConstantsUsed.size) {
    seen = names.intConstantsUsed.size;
    intConstants(names, constants, ranges);
  }
  return intConstants(names, constants, ranges);
}

function intConstants(names: Names, constants: readonly IRConstant[], ranges: Map<number, Range>): string[] {
  const out: string[] = [];
  const a = new Analyzer(ranges);
  for (const c of constants) {
    const r = ranges.get(c.sym.slot);
    if (!r || !isNumeric(c.type) || !names.intConstantsUsed.has(c.sym.slot)) continue;
    const x = new IntEmitter(names, a, new Map());
    const n = nullable(c.type) ? "number | null" : "number";
    const keys = c.k === "table" ? c.entries.map((e) => JSON.stringify(e.key)).join(" | ") || "never" : "";
    const ty = c.k === "scalar" ? n : c.k === "table" ? `Readonly<Record<${keys}, ${n}>>` : `readonly Version<${n}>[]`;
    const id = `${intConstName(names, c.sym)}${names.t ? `: ${ty}` : ""}`;
    const v = (e: IRExpr) => (x.range(e) ? x.at(e, r.s) : x.expr(e));
    if (c.k === "scalar") out.push(`const ${id} = ${v(c.value)};`);
    else if (c.k === "table") out.push(`const ${id} = { ${c.entries.map((e) => `${JSON.stringify(e.key)}: ${v(e.value)}`).join(", ")} };`);
    else out.push(`const ${id} = [${c.versions.map((w) => `{ ${w.from ? `from: "${w.from}", ` : ""}${w.to ? `to: "${w.to}", ` : ""}value: ${v(w.value)} }`).join(", ")}];`);
  }
  return out;
}

/**
 * The integer form of one calculator: `<id>整数(input)` on the input as the scaled parser reads
 * it (money in cents, rates × 10^4, whole numbers as they are; the accumulators among its
 * fields) returning the frozen result — with accumulators an instance of `<id>$结果`, whose
 * `结转` the runtime's `Carrying` writes out from the cents when read — or null when the case lies
 * outside the limit the analysis proved (or fails a check whose message the decimal path gives).
 */
export function emitIntCalculator(names: Names, c: IRCalculator, id: string, verdict: Extract<Verdict, { path: "integer" }>, constants: Map<number, Range>, validity: string, record: boolean): { lines: string[]; scales: RecordScales | null } {
  const a = new Analyzer(constants);
  const ids = new Map<string, string>();
  const defaulted = new Set(c.body.flatMap((s) => (s.k === "default" ? [s.input] : [])));
  const absent = new Set(c.inputs.filter((i) => absentIsNull(i) && !defaulted.has(i.name)).map((i) => i.name));
  const x = new IntEmitter(names, a, ids, defaulted, absent);
  x.calculator = id;
  if (record) x.recording = { numbers: recordPoints(c.body), scales: new Map() };
  const ty = names.t ? scaledInputType(c, id, names.typeNames) : undefined;
  const doc = `/** 「${c.name}」的整数路径：不在证明的范围内时返回 null，由 decimal.js 计算；$rec 不为 null 时记下计算过程所需的本件数值。 */`;
  const sig = `function ${id}整数(input${ty ? `: ${ty.name}` : ""}, $rec${names.t ? ": unknown[] | null" : ""})${names.t ? `: ${id}结果 | null` : ""} {`;
  const out = [...(ty?.lines ?? []), ...(c.accumulators.length ? resultClass(names, c, id, record) : []), doc, sig, `  ${validity}`];
  // Outside the proven limit (NaN: not exact at the input's scale), decimal.js computes the case.
  const guard = (v: string, r: Range, mayBeNull: boolean) => {
    const limit = r.hi.abs().times(new Decimal(10).pow(r.s)).toFixed();
    const test = r.lo.isNeg() ? `!(${v} <= ${limit} && ${v} >= -${limit})` : `!(${v} <= ${limit})`;
    return `  if (${mayBeNull ? `${v} !== null && ` : ""}${test}) return null;`;
  };
  c.inputs.forEach((i, n) => {
    const r = verdict.inputs.get(rangeKey.input(i.name));
    if (!r) return;
    const v = `$in${n}`;
    ids.set(rangeKey.input(i.name), v);
    out.push(`  let ${v} = input[${JSON.stringify(i.name)}];`, guard(v, r, true));
    // An absent number without a default is null: read as a value through present() (R102, as
    // on the decimal path), compared with 无 as it is.
  });
  c.accumulators.forEach((acc, n) =>
    acc.fields.forEach((f, m) => {
      const k = acc.scalar ? rangeKey.acc(acc.name) : rangeKey.acc(acc.name, f.name);
      const v = `$acc${n}_${m}`;
      ids.set(k, v);
      out.push(`  const ${v} = ${acc.scalar ? `input[${JSON.stringify(acc.name)}]` : `input[${JSON.stringify(acc.name)}][${JSON.stringify(f.name)}]`};`, guard(v, verdict.inputs.get(k)!, false));
    }),
  );
  a.env.vars = new Map(verdict.inputs);
  // A value below an input's 不小于: the decimal path gives the message.
  for (const i of c.inputs) {
    if (!i.min || !ids.has(rangeKey.input(i.name))) continue;
    const v = ids.get(rangeKey.input(i.name))!;
    const r = a.env.vars.get(rangeKey.input(i.name))!;
    const m = a.num(i.min);
    const s = Math.max(r.s, m.s);
    out.push(`  if (${v} !== null && ${x.scale(v, r.s, s, false)} < ${x.at(i.min, s)}) return null;`);
  }
  const bodyStart = out.length;
  for (const s of c.body) out.push(...x.stmt(s).map((l) => `  ${l}`));
  out.splice(bodyStart, 0, ...x.memo.lines.map((l) => `  ${l}`));
  const outputs = c.outputs.map((o) => x.output(o.sym, o.type));
  // The accumulators after the case in cents (half-up, as the decimal path's 结转), in the order of the runtime's AccumulatorSpecs.
  const carried = c.accumulators.flatMap((acc) =>
    acc.fields.map((f) => {
      const e = carriedSum(acc, f);
      const s = x.a.num(e).s;
      return s > 2 ? `roundScaled(${x.expr(e)}, ${p10(s - 2)})` : x.scale(x.expr(e), s, 2, false);
    }),
  );
  if (carried.length) out.push(`  return new ${id}$结果(${[...outputs, `[${carried.join(", ")}]`, ...(record ? ["$rec"] : [])].join(", ")});`, `}`);
  else {
    const fields = c.outputs.map((o, i) => `${JSON.stringify(o.name)}: ${outputs[i]}`);
    if (record) out.push(`  if ($rec !== null) return Object.freeze(explainLater({ ${fields.join(", ")} }, $rec, ${id}过程))${names.t ? ` as ${id}结果` : ""};`);
    out.push(`  return Object.freeze({ ${[...fields, `"计算过程": NO_STEPS`].join(", ")} });`, `}`);
  }
  return { lines: out, scales: x.recording?.scales ?? null };
}

/**
 * The result class of a calculator with accumulators: its outputs as own properties, set in one
 * constructor (one shape, no copying), 结转 from the runtime's `Carrying`.
 */
function resultClass(names: Names, c: IRCalculator, id: string, record: boolean): string[] {
  const t = names.t;
  const params = c.outputs.map((o, i) => `$${i}${t ? `: ${id}结果[${JSON.stringify(o.name)}]` : ""}`);
  return [
    `class ${id}$结果 extends Carrying${t ? `<${id}结果["结转"]>` : ""} {`,
    ...(t ? [...c.outputs.map((o) => `  declare readonly ${JSON.stringify(o.name)}: ${id}结果[${JSON.stringify(o.name)}];`), `  declare readonly 计算过程: readonly TraceStep[];`] : []),
    `  constructor(${[...params, `after${t ? ": readonly number[]" : ""}`, ...(record ? [`$rec${t ? ": unknown[] | null" : ""}`] : [])].join(", ")}) {`,
    `    super(${id}累计, after);`,
    ...c.outputs.map((o, i) => `    this[${JSON.stringify(o.name)}] = $${i};`),
    ...(record ? [`    if ($rec === null) this.计算过程 = NO_STEPS;`, `    else explainLater(this, $rec, ${id}过程);`] : [`    this.计算过程 = NO_STEPS;`]),
    `    Object.freeze(this);`,
    `  }`,
    `}`,
  ];
}

/** Statement and expression mapping on scaled integers; `a` tracks each value's range and scale as it goes. */
export class IntEmitter {
  constructor(
    readonly names: Names,
    readonly a: Analyzer,
    readonly ids: Map<string, string>,
    /** Inputs given a default per case, and those null when absent (read through `present`, as on the decimal path). */
    readonly defaulted = new Set<string>(),
    readonly absent = new Set<string>(),
  ) {}

  range(e: IRExpr): Range | null {
    return this.a.expr(e);
  }

  /** A module constant: its integer form when it is a number. */
  constant(sym: Sym): string {
    if (!this.a.constants.has(sym.slot)) return this.names.name(sym);
    this.names.intConstantsUsed.add(sym.slot);
    return intConstName(this.names, sym);
  }

  /** Code for `v` at scale `from` brought to scale `to`. */
  scale(v: string, from: number, to: number, isNullable: boolean): string {
    if (to === from) return v;
    if (to < from) throw new NotExact("内部：缩小小数位", true);
    return isNullable ? `rescaleNullable(${v}, ${to - from})` : `(${v} * ${p10(to - from)})`;
  }

  /** Code for a numeric expression at scale `s` (≥ its own). */
  at(e: IRExpr, s: number): string {
    const r = this.a.num(e);
    this.a.at(r, s, "数值");
    return this.scale(this.expr(e), r.s, s, nullable(typeOf(e)) || e.k === "none");
  }

  expr(e: IRExpr): string {
    return this.bound.get(e) ?? (INT_EXPR[e.k] as (x: IntEmitter, e: IRExpr) => string)(this, e);
  }

  /** Subexpressions computed once before the statement that reads them, by node: their local's name. */
  private readonly bound = new Map<IRExpr, string>();

  stmt(s: IRStmt): string[] {
    // A value standing in both arms of a condition (a modifier chain under another modifier's
    // condition) is computed once, into a local, before the statement.
    const pre: string[] = [];
    for (const e of sharedSubexpressions(statementExprs(s), this.absent)) {
      const id = `$m${this.bound.size}`;
      pre.push(`const ${id} = ${this.expr(e)};`);
      this.bound.set(e, id);
    }
    const lines = (INT_STMT[s.k] as (x: IntEmitter, s: IRStmt) => string[])(this, s);
    return pre.length ? [...pre, ...lines] : lines;
  }

  /** A local's identifier, or a numeric input's / accumulator's. */
  id(k: string, sym?: Sym): string {
    return this.ids.get(k) ?? this.names.name(sym!);
  }

  /** Lines that bring the values of `from` to the scales of `to` (at the end of a branch). */
  rescale(from: Env, to: Env): string[] {
    const out: string[] = [];
    for (const [k, r] of to.vars) {
      const f = from.vars.get(k);
      if (!f || f.s === r.s) continue;
      const v = this.varName(k);
      if (v === undefined) throw new NotExact("内部：无法换算的值", true);
      out.push(`${v} = ${this.scale(v, f.s, r.s, this.nullableVars.has(k))};`);
    }
    return out;
  }

  /** Pure reads of the input computed once at the start of the case: their code → identifier. */
  readonly memo = { ids: new Map<string, string>(), lines: [] as string[] };
  memoise(code: string): string {
    let id = this.memo.ids.get(code);
    if (id === undefined) {
      id = `$has${this.memo.ids.size}`;
      this.memo.ids.set(code, id);
      this.memo.lines.push(`const ${id} = ${code};`);
    }
    return id;
  }

  /** The calculator's identifier (for the names of what it hoists to module level). */
  calculator = "";

  /** With 计算过程 on the integer path: the points' numbers (record.ts) and the scales each records its values at. */
  recording: { numbers: Map<IRStmt, number>; scales: RecordScales } | null = null;

  /** A statement whose values the explanation needs (record.ts): `$rec.push(number, values…)` when recording. */
  record(stmt: IRStmt): string[] {
    const r = this.recording;
    const n = r?.numbers.get(stmt);
    if (r === null || n === undefined) return [];
    const leaves = pointLeaves(stmt).map((leaf) => this.leafValue(leaf));
    r.scales.set(n, leaves.map((l) => l.scale));
    return [`if ($rec !== null) $rec.push(${[n, ...leaves.map((l) => l.code)].join(", ")});`];
  }

  /** A value a step reads, as this path holds it here: its code and its scale (null: not a number). */
  private leafValue(leaf: Leaf): { code: string; scale: number | null } {
    const numeric = (k: string, code: string | undefined) => {
      const r = this.a.env.vars.get(k);
      if (code === undefined || r === undefined || this.tableVars.has(k)) throw new NoRecord();
      return { code, scale: r.s };
    };
    switch (leaf.k) {
      case "input":
        if (isNumeric(leaf.type)) return numeric(rangeKey.input(leaf.name), this.ids.get(rangeKey.input(leaf.name)));
        return { code: `input[${JSON.stringify(leaf.name)}]`, scale: null };
      case "acc":
        return numeric(rangeKey.acc(leaf.name, leaf.field), this.ids.get(rangeKey.acc(leaf.name, leaf.field)));
      case "local":
        if (isNumeric(leaf.type)) return numeric(rangeKey.local(leaf.sym.slot), this.names.name(leaf.sym));
        return { code: this.names.name(leaf.sym), scale: null };
    }
  }
  /** Slices hoisted to module level, by slot: their identifiers. */
  readonly hoisted = new Map<number, string>();

  /** Identifiers by analysis key, for the values a join may rescale. */
  readonly varNames = new Map<string, string>();
  readonly nullableVars = new Set<string>();
  readonly tableVars = new Set<string>();
  varName(k: string): string | undefined {
    if (this.tableVars.has(k)) throw new NotExact("表在不同分支中小数位不同", true);
    return this.ids.get(k) ?? this.varNames.get(k);
  }

  output(sym: Sym, t: Ty): string {
    const v = this.names.name(sym);
    const r = this.a.env.vars.get(rangeKey.local(sym.slot));
    // Results are frozen, their lists too.
    if (!r) return t.k === "list" || t.k === "set" ? `Object.freeze(${v})` : v;
    switch (t.k) {
      case "money":
        return t.nullable ? `${v} === null ? null : formatScaled(${v}, ${r.s})` : `formatScaled(${v}, ${r.s})`;
      case "rate":
      case "points":
        return `formatRate(fromScaled(${v}, ${r.s}))`;
      default:
        return r.s === 0 ? v : `fromScaled(${v}, ${r.s}).toNumber()`;
    }
  }

  /** Records a local's identifier before its analysis update. */
  local(sym: Sym, t: Ty, value: IRExpr): void {
    const k = rangeKey.local(sym.slot);
    this.varNames.set(k, this.names.name(sym));
    if (nullable(t)) this.nullableVars.add(k);
    if (value.k === "map" || value.k === "table-lit") this.tableVars.add(k);
  }
}

const same = (v: string) => () => v;

/** The expressions a statement computes per case, where a shared subexpression may be bound (slices: the parts that depend on the case). */
function statementExprs(s: IRStmt): IRExpr[] {
  switch (s.k) {
    case "let":
    case "set":
      return [s.value];
    case "slices":
      return s.slices.flatMap((sl) => [sl.lower, sl.upper, sl.value, sl.step?.width, sl.step?.increment]).filter((e): e is IRExpr => !!e && !caseIndependent(e));
    default:
      return [];
  }
}

/** Operations with no effect but their value and no error, over values read as they are: safe to compute before the condition that chooses them. */
function pure(e: IRExpr, absent: ReadonlySet<string>): boolean {
  const p = (y: IRExpr) => pure(y, absent);
  switch (e.k) {
    case "input":
      // An absent number without a default is an error where it is read (R102).
      return !absent.has(e.name);
    case "num":
    case "bool":
    case "text":
    case "const":
    case "local":
    case "acc":
      return true;
    case "arith":
    case "cmp":
    case "and":
    case "or":
      return p(e.l) && p(e.r);
    case "neg":
    case "pos":
    case "clamp":
    case "round":
    case "not":
      return p(e.e);
    case "if":
      return p(e.c) && p(e.t) && p(e.e);
    case "call":
      return (e.fn === "greater" || e.fn === "lesser" || e.fn === "positivePart") && e.args.every(p);
    case "lookup":
      return !e.many && e.table.k === "const" && p(e.key);
    case "contains":
      return e.set.k === "input" && e.item.k === "text";
    default:
      return false;
  }
}

/**
 * The largest case-dependent operations that stand, as one node, in both arms of a conditional
 * within `roots` (lowering shares a modifier chain's value between the arms of the next
 * modifier's condition): each is computed once per case instead of once per place.
 */
function sharedSubexpressions(roots: readonly IRExpr[], absent: ReadonlySet<string>): IRExpr[] {
  const nodes = (e: IRExpr, into: Set<IRExpr>): Set<IRExpr> => {
    into.add(e);
    for (const v of Object.values(e)) if (v && typeof v === "object" && "k" in v && !Array.isArray(v) && typeof (v as { k: unknown }).k === "string" && v !== (e as { type?: unknown }).type) nodes(v as IRExpr, into);
    if (e.k === "call" || e.k === "list") for (const a of e.k === "call" ? e.args : e.items) nodes(a, into);
    return into;
  };
  const found = new Set<IRExpr>();
  const visit = (e: IRExpr): void => {
    if (e.k === "if") {
      const t = nodes(e.t, new Set());
      for (const n of nodes(e.e, new Set())) {
        if (t.has(n) && !found.has(n) && pure(n, absent) && !caseIndependent(n) && !["num", "bool", "text", "const", "local", "acc", "input"].includes(n.k)) found.add(n);
      }
    }
    for (const v of Object.values(e)) if (v && typeof v === "object" && "k" in v && !Array.isArray(v) && v !== (e as { type?: unknown }).type) visit(v as IRExpr);
    if (e.k === "call") e.args.forEach(visit);
  };
  roots.forEach(visit);
  // Only the largest: one inside another is computed within it.
  const inner = new Set<IRExpr>();
  for (const n of found) for (const m of nodes(n, new Set())) if (m !== n) inner.add(m);
  return [...found].filter((n) => !inner.has(n));
}

/** An expression whose value is the same for every case: numbers and scalar constants under arithmetic. */
function caseIndependent(e: IRExpr): boolean {
  switch (e.k) {
    case "num":
    case "const":
      return true;
    case "arith":
    case "cmp":
    case "and":
    case "or":
      return caseIndependent(e.l) && caseIndependent(e.r);
    case "neg":
    case "pos":
    case "clamp":
    case "round":
    case "not":
      return caseIndependent(e.e);
    case "if":
      return caseIndependent(e.c) && caseIndependent(e.t) && caseIndependent(e.e);
    default:
      return false;
  }
}

const INT_STMT: { [K in IRStmt["k"]]: (x: IntEmitter, s: Extract<IRStmt, { k: K }>) => string[] } = {
  rule: () => [],
  trace: (x, s) => x.record(s),
  cover: () => [],
  default: (x, s) => {
    const k = rangeKey.input(s.input);
    const id = x.ids.get(k);
    const n = JSON.stringify(s.input);
    if (!id) {
      x.a.stmt(s);
      return [`if (input[${n}] === null) input = { ...input, ${n}: ${x.expr(s.value)} };`, `if (input[${n}] === null) return null;`];
    }
    const before = x.a.env.vars.get(k)!;
    const v = x.a.num(s.value);
    const to = Math.max(before.s, v.s);
    const value = x.at(s.value, to);
    x.a.stmt(s);
    const lines = [`if (${id} === null) ${id} = ${value};`];
    if (to > before.s) lines.push(`else ${id} = ${x.scale(id, before.s, to, false)};`);
    lines.push(`if (${id} === null) return null;`);
    return lines;
  },
  let: (x, s) => {
    const v = x.expr(s.value);
    x.local(s.sym, s.type, s.value);
    x.a.stmt(s);
    return [`let ${x.names.name(s.sym)} = ${v};`];
  },
  set: (x, s) => {
    const v = x.expr(s.value);
    x.a.stmt(s);
    const id = x.names.name(s.sym);
    // A rounding the scale makes a no-op leaves the value as it is.
    return v === id ? [] : [`${id} = ${v};`];
  },
  when: (x, s) => {
    if (s.explainOnly) {
      // Only traces: reached when recording the explanation.
      if (x.recording === null) return [];
      const out: string[] = [];
      s.branches.forEach((b, i) => {
        const c = b.cond ? x.expr(b.cond) : undefined;
        out.push(i === 0 ? `if (${c ?? "true"}) {` : c ? `} else if (${c}) {` : `} else {`);
        for (const l of b.body.flatMap((st) => x.stmt(st))) out.push(`  ${l}`);
      });
      out.push(`}`);
      return [`if ($rec !== null) {`, ...out.map((l) => `  ${l}`), `}`];
    }
    const start = x.a.env;
    const ends: Env[] = [];
    const bodies: string[][] = [];
    const conds: (string | undefined)[] = [];
    for (const b of s.branches) {
      x.a.env = { vars: new Map(start.vars), slices: new Map(start.slices) };
      conds.push(b.cond ? x.expr(b.cond) : undefined);
      bodies.push(b.body.flatMap((st) => x.stmt(st)));
      ends.push(x.a.env);
    }
    const total = !s.branches.some((b) => !b.cond);
    if (total) ends.push(start);
    const joined = x.a.join(ends);
    const out: string[] = [];
    s.branches.forEach((_, i) => {
      const c = conds[i];
      out.push(i === 0 ? `if (${c ?? "true"}) {` : c ? `} else if (${c}) {` : `} else {`);
      for (const l of [...bodies[i], ...x.rescale(ends[i], joined)]) out.push(`  ${l}`);
    });
    const fall = total ? x.rescale(start, joined) : [];
    if (fall.length) out.push(`} else {`, ...fall.map((l) => `  ${l}`));
    out.push(`}`);
    x.a.env = joined;
    return out;
  },
  refuse: (_, s) => [`throw new RefusalError(${JSON.stringify(s.reason)}, ${JSON.stringify(s.cite)}, ${JSON.stringify(s.field)});`],
  slices: (x, s) => {
    const r = x.a.slices(s.mode, s.slices);
    const key = s.mode === "累进" ? "rate" : "value";
    // The rows live at module level and a case writes the parts that depend on it, so a case
    // allocates no slices (the code is synchronous: a case never sees another's rows).
    const numeric = s.mode === "累进" || s.slices.every((sl) => x.range(sl.value));
    const bang = x.names.t ? "!" : "";
    const perCase: [string, string][] = [];
    const part = (path: string, e: IRExpr | null, scale: number | null) => {
      if (!e) return "null";
      const code = scale === null ? x.expr(e) : x.at(e, scale);
      if (!numeric || caseIndependent(e)) return code;
      perCase.push([path, code]);
      return "0";
    };
    const rows = s.slices.map((sl, i) => {
      const at = `[${i}]${bang}`;
      const parts = [
        `lower: ${part(`${at}.lower`, sl.lower, r.sb)}`,
        `lowerInclusive: ${sl.lowerInclusive}`,
        `upper: ${part(`${at}.upper`, sl.upper, r.sb)}`,
        `upperInclusive: ${sl.upperInclusive}`,
        `${key}: ${part(`${at}.${key}`, sl.value, numeric ? r.sr : null)}`,
      ];
      if (sl.step) parts.push(`step: { width: ${part(`${at}.step${bang}.width`, sl.step.width, r.sb)}, increment: ${part(`${at}.step${bang}.increment`, sl.step.increment, r.sr)} }`);
      return `  { ${parts.join(", ")} },`;
    });
    x.a.stmt(s);
    const type = x.names.t ? `: ${s.mode === "累进" ? "ScaledSlice[]" : `ScaledTier<${numeric ? "number" : scaledType(typeOf(s.slices[0]!.value) ?? { k: "unknown" }, x.names.typeNames)}>[]`}` : "";
    if (!numeric) return [`const ${x.names.name(s.sym)}${type} = [`, ...rows, `];`, ...x.record(s)];
    const id = x.names.hoist(`${x.calculator}$${s.name}`, (id) => [`const ${id}${type} = [`, ...rows, `];`]);
    x.hoisted.set(s.sym.slot, id);
    return [...perCase.map(([path, code]) => `${id}${path} = ${code};`), ...x.record(s)];
  },
  consume: (x, s) => {
    const rest = x.a.env.vars.get(rangeKey.local(s.layer.slot))!;
    const amount = x.a.env.vars.get(rangeKey.local(s.amount.slot))!;
    const sc = Math.max(rest.s, amount.s);
    const r = x.names.name(s.layer);
    const m = x.names.name(s.amount);
    x.a.stmt(s);
    return [`${r} = Math.max(${x.scale(r, rest.s, sc, false)} - ${x.scale(m, amount.s, sc, false)}, 0);`];
  },
};

const INT_EXPR: { [K in IRExpr["k"]]: (x: IntEmitter, e: Extract<IRExpr, { k: K }>) => string } = {
  num: (x, e) => {
    if (!isNumeric(e.type)) return e.value;
    const r = x.range(e)!;
    const v = new Decimal(e.value).times(new Decimal(10).pow(r.s)).toFixed();
    return v.startsWith("-") ? `(${v})` : v;
  },
  bool: (_, e) => String(e.value),
  text: (_, e) => JSON.stringify(e.value),
  date: (_, e) => JSON.stringify(e.value),
  none: same("null"),
  input: (x, e) => {
    const id = x.ids.get(rangeKey.input(e.name));
    if (id) return x.absent.has(e.name) ? `present(${id}, ${JSON.stringify(e.name)})` : id;
    const read = `input[${JSON.stringify(e.name)}]`;
    if (x.defaulted.has(e.name)) return x.names.t ? `${read}!` : read;
    return x.absent.has(e.name) ? `present(${read}, ${JSON.stringify(e.name)})` : read;
  },
  "date-input": same(`input["日期"]`),
  acc: (x, e) => x.ids.get(rangeKey.acc(e.name, e.field))!,
  local: (x, e) => x.names.name(e.sym),
  const: (x, e) => x.constant(e.sym),
  version: (x, e) => `pickVersion(${x.constant(e.sym)}, input["日期"], ${JSON.stringify(e.sym.name)})`,
  lookup: (x, e) => {
    if (e.table.k === "list") {
      const r = x.range(e);
      const key = x.expr(e.key);
      const rows = e.table.items.map((row) => (row.k === "list" ? [x.expr(row.items[0]), r ? x.at(row.items[1], r.s) : x.expr(row.items[1])] : ["", ""]));
      return rows.reduceRight((acc, [k, v]) => `(${key} === ${k} ? ${v} : ${acc})`, r ? "0" : "null");
    }
    const table = x.expr(e.table);
    // A literal list of keys keeps its members' literal types, which index the table.
    const keys = e.key.k === "list" && x.names.t ? `(${x.expr(e.key)} as const)` : x.expr(e.key);
    return e.many ? `${keys}.map((k) => ${table}[k])` : `${table}[${x.expr(e.key)}]`;
  },
  arith: (x, e) => {
    const r = x.range(e)!;
    if (e.op === "×") return `(${x.expr(e.l)} * ${x.expr(e.r)})`;
    return `(${x.at(e.l, r.s)} ${e.op === "+" ? "+" : "-"} ${x.at(e.r, r.s)})`;
  },
  neg: (x, e) => `(-${x.expr(e.e)})`,
  pos: (x, e) => `Math.max(${x.expr(e.e)}, 0)`,
  clamp: (x, e) => `Math.min(Math.max(${x.expr(e.e)}, 0), ${p10(x.range(e)!.s)})`,
  round: (x, e) => {
    const inner = x.a.num(e.e);
    const v = x.expr(e.e);
    if (inner.s <= e.scale) return v;
    const d = p10(inner.s - e.scale);
    return nullable(e.type) ? `(${v} === null ? null : roundScaled(${v}, ${d}))` : `roundScaled(${v}, ${d})`;
  },
  cmp: (x, e) => {
    const op = { "=": "===", "≠": "!==", "<": "<", ">": ">", "≤": "<=", "≥": ">=" }[e.op];
    const l = x.range(e.l);
    const r = x.range(e.r);
    if (!e.numeric || !l || !r) {
      // As on the decimal path: compared with 无, an input is read as it is; ordered, an absent 日期 is missing input.
      const side = (y: IRExpr) =>
        y.k === "input" && (e.l.k === "none" || e.r.k === "none")
          ? (x.ids.get(rangeKey.input(y.name)) ?? `input[${JSON.stringify(y.name)}]`)
          : y.k === "date-input" && e.op !== "=" && e.op !== "≠"
            ? `requireDate(${x.expr(y)})`
            : x.expr(y);
      return `(${side(e.l)} ${op} ${side(e.r)})`;
    }
    const s = Math.max(l.s, r.s);
    return `(${x.at(e.l, s)} ${op} ${x.at(e.r, s)})`;
  },
  and: (x, e) => `(${x.expr(e.l)} && ${x.expr(e.r)})`,
  or: (x, e) => `(${x.expr(e.l)} || ${x.expr(e.r)})`,
  not: (x, e) => `!(${x.expr(e.e)})`,
  contains: (x, e) => {
    const code = `${x.expr(e.set)}.includes(${x.expr(e.item)})`;
    // A set input the case never changes, asked for a member: once per case (the modifiers of
    // every slice ask again).
    if (e.set.k !== "input" || e.item.k !== "text" || x.defaulted.has(e.set.name) || x.absent.has(e.set.name)) return code;
    return x.memoise(code);
  },
  in: (x, e) => {
    const neg = e.negate ? "!" : "";
    const item = x.range(e.item);
    const list = x.range(e.list);
    if (!e.numeric || !item || !list) {
      // A literal list of words: comparisons, without an array per case.
      if (e.list.k === "list" && e.list.items.length > 0 && e.list.items.every((i) => i.k === "text") && (e.item.k === "input" || e.item.k === "local")) {
        const v = x.expr(e.item);
        return `${neg}(${e.list.items.map((i) => `${v} === ${x.expr(i)}`).join(" || ")})`;
      }
      return `${neg}${x.expr(e.list)}.includes(${x.expr(e.item)})`;
    }
    if (e.list.k !== "list") throw new NotExact("「属于」的数值列表不是字面列表", true);
    const s = Math.max(item.s, list.s);
    return `${neg}[${e.list.items.map((i) => x.at(i, s)).join(", ")}].includes(${x.at(e.item, s)})`;
  },
  if: (x, e) => {
    const r = x.range(e);
    const t = x.range(e.t);
    const f = x.range(e.e);
    const c = x.expr(e.c);
    if (!r) return `(${c} ? ${x.expr(e.t)} : ${x.expr(e.e)})`;
    return `(${c} ? ${t ? x.at(e.t, r.s) : x.expr(e.t)} : ${f ? x.at(e.e, r.s) : x.expr(e.e)})`;
  },
  list: (x, e) => {
    const r = x.range(e);
    return `[${e.items.map((i) => (r && x.range(i) ? x.at(i, r.s) : x.expr(i))).join(", ")}]`;
  },
  call: (x, e) => {
    const r = x.range(e);
    const at = (y: IRExpr) => (r && x.range(y) ? x.at(y, r.s) : x.expr(y));
    const a = e.args.map((y) => x.expr(y));
    switch (e.fn) {
      case "greater":
        return e.type.k === "date" ? a.reduce((p, q) => `(${p} > ${q} ? ${p} : ${q})`) : `Math.max(${e.args.map(at).join(", ")})`;
      case "lesser":
        if (e.type.k === "date") return a.reduce((p, q) => `(${p} < ${q} ? ${p} : ${q})`);
        if (!e.args.some((y) => nullable(typeOf(y)) || y.k === "none")) return `Math.min(${e.args.map(at).join(", ")})`;
        // One limit that is never 无 makes the result a number.
        return `minOfScaled(${e.args.map(at).join(", ")})${x.names.t && !nullable(e.type) ? "!" : ""}`;
      case "positivePart":
        return `Math.max(${a[0]}, 0)`;
      case "maximum":
        return `Math.max(...${a[0]})`;
      case "minimum":
        return `Math.min(...${a[0]})`;
      case "sum": {
        const list = e.args[0];
        if (list.k === "lookup" && list.many && list.key.k === "list" && list.key.items.length && r) {
          // A table read at a literal list of keys: the rows named, added.
          const table = x.expr(list.table);
          const s = x.a.num(list).s;
          return `(${list.key.items.map((k) => x.scale(`${table}[${x.expr(k)}]`, s, r.s, false)).join(" + ")})`;
        }
        return list.k === "list" && list.items.length ? `(${list.items.map(at).join(" + ")})` : "0";
      }
      case "count":
        return `${a[0]}.length`;
      case "yearOf":
        return `Number(requireDate(${a[0]}).slice(0, 4))`;
      case "monthOf":
        return `Number(requireDate(${a[0]}).slice(5, 7))`;
      case "endOfMonth":
        return `endOfMonth(requireDate(${a[0]}))`;
      case "addDays":
        return `addDays(requireDate(${a[0]}), ${a[1]})`;
      case "firstOfNextMonth":
        return `firstOfNextMonth(requireDate(${a[0]}))`;
      case "addMonths":
        return `addMonths(requireDate(${a[0]}), ${a[1]})`;
      case "monthsBetween":
        return `monthsBetween(requireDate(${a[0]}), requireDate(${a[1]}))`;
    }
    throw new NotExact(`内置函数「${builtinName(e.fn)}」`, true);
  },
  "cap-point": () => {
    throw new NotExact("封顶点", true);
  },
  bracket: (x, e) => {
    const sl = x.a.env.slices.get(e.slices.slot)!;
    const sym = x.hoisted.get(e.slices.slot) ?? x.names.name(e.slices);
    if (e.mode === "全额") return `tierScaled(${sym}, ${x.at(e.arg, sl.sb)})${x.names.t ? "!" : ""}`;
    if (!e.accumulated) return `marginalScaled(${sym}, ${x.at(e.arg, sl.sb)})`;
    return `marginalOverScaled(${sym}, ${x.at(e.accumulated, sl.sb)}, ${x.at(e.arg, sl.sb)})`;
  },
  "table-lit": (x, e) => {
    const r = x.range(e);
    return `{ ${e.entries.map((row) => `${JSON.stringify(row.key)}: ${r ? x.at(row.value, r.s) : x.expr(row.value)}`).join(", ")} }`;
  },
  "versions-lit": (x, e) => {
    const r = x.range(e);
    const v = (y: IRExpr) => (r ? x.at(y, r.s) : x.expr(y));
    return `pickVersion([${e.versions.map((w) => `{ ${w.from ? `from: "${w.from}", ` : ""}${w.to ? `to: "${w.to}", ` : ""}value: ${v(w.value)} }`).join(", ")}], input["日期"], ${JSON.stringify(e.name)})`;
  },
  "date-add": (x, e) => `addMonths(requireDate(${x.expr(e.date)}), ${e.sign < 0 ? "-" : ""}${x.expr(e.months)})`,
  map: (x, e) => {
    const r = x.range(e);
    const row = x.names.name(e.row);
    const body = r ? x.at(e.body, r.s) : x.expr(e.body);
    const value = nullable(e.type) ? `${row} === null ? null : ${body}` : body;
    const table = x.expr(e.table);
    const mapped = `Object.fromEntries(Object.entries(${table}).map(([$k, ${row}]) => [$k, ${value}]))`;
    // The same keys as the table's: Object.fromEntries cannot say so.
    return x.names.t && (e.table.k === "const" || e.table.k === "local") ? `(${mapped} as Readonly<Record<keyof typeof ${table}, ${r ? (nullable(e.type) ? "number | null" : "number") : scaledType(e.type, x.names.typeNames)}>>)` : mapped;
  },
};
