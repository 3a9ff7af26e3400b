// Range and scale analysis over the IR (issue 7, item 2): for every numeric expression of a
// calculator, the interval of its value (from the declared maxima of the inputs and the literal
// constants) and its decimal scale — the number of decimals an exact scaled integer needs. A
// value v at scale s is held as the integer v × 10^s. A calculator takes the exact integer path
// when every intermediate, at its scale, provably stays within ±2^53 − 1 (JavaScript numbers are
// exact integers there); a construct whose result is not a finite decimal (÷, the inverse of a
// bracket) keeps the calculator on decimal.js.
//
// When the declared maxima (10^12 元 by default) are too large to prove it — 10^12 元 at scale 2
// times a rate at scale 3 is 10^17 — the analysis is run again with every numeric input and
// accumulator bounded by a smaller limit (10^11 元, 10^10 元, …). The calculator then checks each
// case against that limit and computes a case beyond it on decimal.js: both paths stay exact, and
// the integer path is taken exactly where it is proven.
import { Decimal } from "@zhengce/runtime";
import { defaultMaximum } from "@zhengce/dsl";
import type { IRAccumulator, IRCalculator, IRConstant, IRExpr, IRPolicy, IRSlice, IRStmt, Ty } from "./ir.js";
import { builtinName } from "./runtime-names.js";

/** The largest integer a JavaScript number holds exactly. */
export const SAFE = new Decimal(Number.MAX_SAFE_INTEGER);
/** Inputs convert through binary floating point (value × 10^s, rounded): exact below 2^50. */
const CONVERSION_LIMIT = new Decimal(2).pow(50);
/** The scale of a rate or a plain number read from input (85% → 0.85, 2.5% → 0.025, 0.25% → 0.0025). */
export const INPUT_RATE_SCALE = 4;
/** The limits tried, in 元 (or units), when the declared maxima are too large to prove a calculator. */
const LIMITS = ["100000000000", "10000000000", "1000000000", "100000000", "10000000", "1000000"];

/** The interval of a number and the scale it is held at. */
export interface Range {
  lo: Decimal;
  hi: Decimal;
  s: number;
}

/** A bracket's slices as ranges: bounds (and step widths) at scale `sb`, rates (and increments) at `sr`. */
export interface SlicesRange {
  mode: "累进" | "全额";
  sb: number;
  sr: number;
  /** Bounds, in real value (null: open). */
  maxBound: Decimal;
  rateLo: Decimal;
  rateHi: Decimal;
  /** For a stepped slice: the least width and the largest increment. */
  minWidth?: Decimal;
  maxIncrement?: Decimal;
}

/** Why a calculator is not on the integer path: structural (never provable) or a range (provable under a smaller limit). */
export class NotExact extends Error {
  constructor(readonly reason: string, readonly structural: boolean) {
    super(reason);
  }
}

const structural = (reason: string) => new NotExact(reason, true);

const pow10 = (n: number) => new Decimal(10).pow(n);
const maxD = (...xs: Decimal[]) => xs.reduce((a, b) => (b.gt(a) ? b : a));
const minD = (...xs: Decimal[]) => xs.reduce((a, b) => (b.lt(a) ? b : a));
const ZERO = new Decimal(0);
const ONE = new Decimal(1);

export function isNumeric(t: Ty | undefined): boolean {
  return !!t && (t.k === "money" || t.k === "rate" || t.k === "points" || t.k === "int" || t.k === "number");
}

/** The scale a numeric input is read at: cents for money, whole numbers for counts, 4 decimals for a rate. */
export function inputScale(t: Ty): number {
  return t.k === "money" ? 2 : t.k === "rate" || t.k === "points" ? INPUT_RATE_SCALE : 0;
}

export function hull(a: Range, b: Range): Range {
  return { lo: minD(a.lo, b.lo), hi: maxD(a.hi, b.hi), s: Math.max(a.s, b.s) };
}

/** The value as written: its interval is the point, its scale its decimals. */
export function literalRange(value: string): Range {
  const v = new Decimal(value);
  return { lo: v, hi: v, s: v.decimalPlaces() };
}

/** What the analysis concluded for a calculator. */
export type Verdict =
  | { path: "integer"; limit?: Decimal; inputs: Map<string, Range> }
  | { path: "decimal"; reason: string };

/** The abstract state: numeric locals and inputs by slot or name, slices by slot. */
export interface Env {
  vars: Map<string, Range>;
  slices: Map<number, SlicesRange>;
}

const key = {
  local: (slot: number) => `#${slot}`,
  input: (name: string) => `in:${name}`,
  acc: (name: string, field?: string) => `acc:${name}${field === undefined ? "" : `.${field}`}`,
};
export { key as rangeKey };

/**
 * The transfer function of each IR expression: its range from its operands'. Throws NotExact
 * when an intermediate leaves ±2^53 or the construct has no exact integer form.
 */
export class Analyzer {
  env: Env = { vars: new Map(), slices: new Map() };

  constructor(readonly constants: Map<number, Range>) {}

  /** Fails unless the range fits a JavaScript integer at its scale. */
  fit(r: Range, what: string): Range {
    const m = maxD(r.lo.abs(), r.hi.abs()).times(pow10(r.s));
    if (m.gt(SAFE)) throw new NotExact(`${what}可达 ${maxD(r.lo.abs(), r.hi.abs()).toFixed()}，按 ${r.s} 位小数超出 2^53`, false);
    return r;
  }

  /** The range at a larger scale (the value × 10^k must still fit). */
  at(r: Range, s: number, what: string): Range {
    return s === r.s ? r : this.fit({ ...r, s }, what);
  }

  /** Two numbers compared are brought to one scale: both must still fit there. */
  compared(numeric: boolean, l: Range | null, r: Range | null): void {
    if (!numeric || !l || !r) return;
    const s = Math.max(l.s, r.s);
    this.at(l, s, "比较的数");
    this.at(r, s, "比较的数");
  }

  expr(e: IRExpr): Range | null {
    const f = RANGE[e.k] as (a: Analyzer, e: IRExpr) => Range | null;
    return f(this, e);
  }

  num(e: IRExpr, what = "数值"): Range {
    const r = this.expr(e);
    if (r === null) throw structural(`${what}不是数值`);
    return r;
  }

  // ── statements ──

  stmts(body: readonly IRStmt[]): void {
    for (const s of body) this.stmt(s);
  }

  stmt(s: IRStmt): void {
    switch (s.k) {
      case "let":
      case "set":
        if (isNumeric(s.type)) this.env.vars.set(key.local(s.sym.slot), this.num(s.value, `「${s.sym.name}」`));
        else this.expr(s.value);
        return;
      case "default": {
        const v = this.expr(s.value);
        const k = key.input(s.input);
        const before = this.env.vars.get(k);
        if (before && v) this.env.vars.set(k, this.at(hull(before, v), Math.max(before.s, v.s), `输入「${s.input}」`));
        return;
      }
      case "when": {
        if (s.explainOnly) return;
        const ends: Env[] = [];
        const start = this.env;
        for (const b of s.branches) {
          this.env = cloneEnv(start);
          if (b.cond) this.expr(b.cond);
          this.stmts(b.body);
          ends.push(this.env);
        }
        if (!s.branches.some((b) => !b.cond)) ends.push(start);
        this.env = this.join(ends);
        return;
      }
      case "slices":
        this.env.slices.set(s.sym.slot, this.slices(s.mode, s.slices));
        return;
      case "consume": {
        const rest = this.env.vars.get(key.local(s.layer.slot))!;
        const amount = this.env.vars.get(key.local(s.amount.slot))!;
        const sc = Math.max(rest.s, amount.s);
        this.at(rest, sc, "剩余");
        this.at(amount, sc, `「${s.amount.name}」`);
        this.fit({ lo: rest.lo.minus(amount.hi), hi: rest.hi.minus(amount.lo), s: sc }, "剩余");
        this.env.vars.set(key.local(s.layer.slot), { lo: ZERO, hi: maxD(rest.hi.minus(amount.lo), ZERO), s: sc });
        return;
      }
      case "rule":
      case "refuse":
      case "trace":
      case "cover":
        return;
    }
  }

  /** Where branches meet: each value's hull at the largest scale (the other branches rescale). */
  join(ends: Env[]): Env {
    const out = cloneEnv(ends[0]);
    for (const e of ends.slice(1)) {
      for (const [k, r] of e.vars) {
        const o = out.vars.get(k);
        out.vars.set(k, o ? this.fit(hull(o, r), k) : r);
      }
      for (const [k, r] of e.slices) out.slices.set(k, r);
    }
    return out;
  }

  slices(mode: "累进" | "全额", slices: readonly IRSlice[]): SlicesRange {
    // Bounds at least at cents: the amount a bracket reads is brought to the bounds' scale.
    let sb = 2;
    let sr = 0;
    let maxBound = ZERO;
    let rateLo: Decimal | null = null;
    let rateHi: Decimal | null = null;
    let minWidth: Decimal | undefined;
    let maxIncrement: Decimal | undefined;
    const bound = (e: IRExpr | null) => {
      if (!e) return;
      const r = this.num(e, "分段的界限");
      sb = Math.max(sb, r.s);
      if (r.lo.isNeg()) throw structural("分段的界限可能为负");
      maxBound = maxD(maxBound, r.hi);
    };
    for (const sl of slices) {
      bound(sl.lower);
      bound(sl.upper);
      const v = this.num(sl.value, "分段的比例或值");
      sr = Math.max(sr, v.s);
      rateLo = rateLo === null ? v.lo : minD(rateLo, v.lo);
      rateHi = rateHi === null ? v.hi : maxD(rateHi, v.hi);
      if (sl.step) {
        const w = this.num(sl.step.width, "递增步长");
        const inc = this.num(sl.step.increment, "递增幅度");
        if (!w.lo.gt(ZERO)) throw structural("递增步长可能不大于 0");
        sb = Math.max(sb, w.s);
        sr = Math.max(sr, inc.s);
        minWidth = minWidth ? minD(minWidth, w.lo) : w.lo;
        maxIncrement = maxIncrement ? maxD(maxIncrement, inc.hi.abs()) : inc.hi.abs();
      }
    }
    return { mode, sb, sr, maxBound, rateLo: rateLo ?? ZERO, rateHi: rateHi ?? ZERO, minWidth, maxIncrement };
  }

  /** The range of a marginal bracket's F over [0, x]; checks every partial sum fits at scale sb + sr. */
  marginal(sl: SlicesRange, x: Range, what: string): Range {
    if (sl.rateLo.isNeg()) throw structural(`「${what}」的比例可能为负`);
    if (x.s > sl.sb) throw structural(`「${what}」的金额比分段界限的小数位多`);
    let rate = sl.rateHi;
    const s = sl.sb + sl.sr;
    if (sl.minWidth && sl.maxIncrement) {
      // A stepped slice: n sub-slices of at least minWidth up to x, the rate growing by maxIncrement each.
      const n = x.hi.div(sl.minWidth).ceil();
      rate = rate.plus(n.plus(1).times(sl.maxIncrement));
      this.fit({ lo: ZERO, hi: n.times(n.plus(1)).times(sl.maxIncrement), s: sl.sr }, `「${what}」的递增项`);
    }
    this.fit({ lo: ZERO, hi: maxD(x.hi, sl.maxBound), s: sl.sb }, `「${what}」的金额`);
    return this.fit({ lo: ZERO, hi: maxD(x.hi, sl.maxBound).times(rate), s }, `「${what}」的累进金额`);
  }
}

function cloneEnv(e: Env): Env {
  return { vars: new Map(e.vars), slices: new Map(e.slices) };
}

const none = () => null;

/** Range of each IR expression kind; null for a value that is not a number (a condition, a text, a date). */
export const RANGE: { [K in IRExpr["k"]]: (a: Analyzer, e: Extract<IRExpr, { k: K }>) => Range | null } = {
  num: (a, e) => (isNumeric(e.type) ? a.fit(literalRange(e.value), `常数 ${e.value}`) : null),
  bool: none,
  text: none,
  date: none,
  none: none,
  "date-input": none,
  input: (a, e) => (isNumeric(e.type) ? a.env.vars.get(key.input(e.name)) ?? null : null),
  acc: (a, e) => a.env.vars.get(key.acc(e.name, e.field)) ?? null,
  local: (a, e) => (isNumeric(e.type) ? (a.env.vars.get(key.local(e.sym.slot)) ?? null) : null),
  const: (a, e) => (isNumeric(e.type) ? (a.constants.get(e.sym.slot) ?? null) : null),
  version: (a, e) => (isNumeric(e.type) ? (a.constants.get(e.sym.slot) ?? null) : null),
  lookup: (a, e) => {
    a.expr(e.key);
    if (e.table.k === "list") {
      const rows = e.table.items.map((row) => (row.k === "list" ? a.expr(row.items[1]) : null)).filter((r): r is Range => r !== null);
      return rows.length ? rows.reduce(hull, literalRange("0")) : null;
    }
    return isNumeric(e.type) || e.many ? a.expr(e.table) : null;
  },
  arith: (a, e) => {
    if (e.op === "÷") throw structural("用了除法（÷）：商按 40 位有效数字舍入，不是有限位小数");
    const l = a.num(e.l);
    const r = a.num(e.r);
    if (e.op === "×") {
      const c = [l.lo.times(r.lo), l.lo.times(r.hi), l.hi.times(r.lo), l.hi.times(r.hi)];
      return a.fit({ lo: minD(...c), hi: maxD(...c), s: l.s + r.s }, "乘积");
    }
    const s = Math.max(l.s, r.s);
    a.at(l, s, "加数");
    a.at(r, s, "加数");
    return a.fit(e.op === "+" ? { lo: l.lo.plus(r.lo), hi: l.hi.plus(r.hi), s } : { lo: l.lo.minus(r.hi), hi: l.hi.minus(r.lo), s }, e.op === "+" ? "和" : "差");
  },
  neg: (a, e) => {
    const r = a.num(e.e);
    return { lo: r.hi.neg(), hi: r.lo.neg(), s: r.s };
  },
  pos: (a, e) => {
    const r = a.num(e.e);
    return { lo: maxD(r.lo, ZERO), hi: maxD(r.hi, ZERO), s: r.s };
  },
  clamp: (a, e) => {
    const r = a.num(e.e);
    const c = (d: Decimal) => minD(maxD(d, ZERO), ONE);
    return { lo: c(r.lo), hi: c(r.hi), s: r.s };
  },
  round: (a, e) => {
    const r = a.num(e.e);
    if (r.s <= e.scale) return r;
    const rd = (d: Decimal) => d.toDecimalPlaces(e.scale, Decimal.ROUND_HALF_UP);
    return { lo: rd(r.lo), hi: rd(r.hi), s: e.scale };
  },
  cmp: (a, e) => (a.compared(e.numeric, a.expr(e.l), a.expr(e.r)), null),
  and: (a, e) => (a.expr(e.l), a.expr(e.r), null),
  or: (a, e) => (a.expr(e.l), a.expr(e.r), null),
  not: (a, e) => (a.expr(e.e), null),
  contains: (a, e) => (a.expr(e.set), a.expr(e.item), null),
  in: (a, e) => (a.compared(e.numeric, a.expr(e.item), a.expr(e.list)), null),
  if: (a, e) => {
    a.expr(e.c);
    const t = a.expr(e.t);
    const f = a.expr(e.e);
    if (!t || !f) return t ?? f;
    return a.fit(hull(t, f), "条件值");
  },
  list: (a, e) => {
    const rs = e.items.map((i) => a.expr(i)).filter((r): r is Range => r !== null);
    return rs.length ? a.fit(rs.reduce(hull), "列表的值") : null;
  },
  call: (a, e) => {
    const args = e.args.map((x) => a.expr(x));
    const nums = args.filter((r): r is Range => r !== null);
    switch (e.fn) {
      case "greater":
      case "lesser": {
        if (!isNumeric(e.type)) return null;
        const s = Math.max(...nums.map((r) => r.s));
        nums.forEach((r) => a.at(r, s, `「${builtinName(e.fn)}」的参数`));
        const nullable = e.args.some((x) => "type" in x && (x.type as Ty).k === "money" && ((x.type as Ty) as { nullable?: boolean }).nullable) || e.args.some((x) => x.k === "none");
        if (e.fn === "greater") return { lo: maxD(...nums.map((r) => r.lo)), hi: maxD(...nums.map((r) => r.hi)), s };
        return { lo: minD(...nums.map((r) => r.lo)), hi: nullable ? maxD(...nums.map((r) => r.hi)) : minD(...nums.map((r) => r.hi)), s };
      }
      case "positivePart":
        return { lo: maxD(nums[0].lo, ZERO), hi: maxD(nums[0].hi, ZERO), s: nums[0].s };
      case "maximum":
      case "minimum":
        return nums[0];
      case "sum": {
        const list = e.args[0];
        // A literal list, or a table read at a literal list of keys (合计（表[[甲、乙…]]）): its length is known.
        const items = list.k === "list" ? list.items.map((i) => a.num(i)) : list.k === "lookup" && list.many && list.key.k === "list" ? list.key.items.map(() => a.num(list)) : null;
        if (items === null) throw structural("「合计」的列表长度不定");
        const s = Math.max(0, ...items.map((r) => r.s));
        return a.fit({ lo: items.reduce((p, r) => p.plus(r.lo), ZERO), hi: items.reduce((p, r) => p.plus(r.hi), ZERO), s }, "合计");
      }
      case "count":
        return { lo: ZERO, hi: new Decimal(1e9), s: 0 };
      case "yearOf":
        return { lo: ZERO, hi: new Decimal(9999), s: 0 };
      case "monthOf":
        return { lo: ONE, hi: new Decimal(12), s: 0 };
      case "monthsBetween":
        return { lo: new Decimal(-120000), hi: new Decimal(120000), s: 0 };
      case "addMonths":
      case "addDays":
        if (nums[0] && nums[0].s > 0) throw structural(`「${builtinName(e.fn)}」的数不是整数`);
        return null;
      case "firstOfNextMonth":
      case "endOfMonth":
        return null;
    }
    throw structural(`用了内置函数「${builtinName(e.fn)}」，整数路径没有它的实现`);
  },
  "cap-point": () => {
    throw structural("用了封顶点（分段的反算）：要除以比例，不是有限位小数");
  },
  bracket: (a, e) => {
    const sl = a.env.slices.get(e.slices.slot);
    if (!sl) throw structural(`分段「${e.name}」未定义`);
    const x = a.num(e.arg, `「${e.name}」的金额`);
    if (e.mode === "全额") {
      if (x.s > sl.sb) throw structural(`「${e.name}」的数比分段界限的小数位多`);
      a.fit({ lo: ZERO, hi: maxD(x.hi.abs(), x.lo.abs(), sl.maxBound), s: sl.sb }, `「${e.name}」的界限`);
      return { lo: sl.rateLo, hi: sl.rateHi, s: sl.sr };
    }
    // F is 0 at and below 0 (bounds are never negative), so a negative amount adds nothing.
    const top = maxD(x.hi, x.lo.abs());
    if (!e.accumulated) return a.marginal(sl, { lo: ZERO, hi: top, s: x.s }, e.name);
    const base = a.num(e.accumulated, `「${e.name}」的累计`);
    if (base.lo.isNeg()) throw structural(`「${e.name}」的累计可能为负`);
    const s = Math.max(x.s, base.s);
    const total = a.marginal(sl, { lo: ZERO, hi: top.plus(base.hi), s }, e.name);
    // F(base + x) − F(base): negative only when x is.
    return { lo: x.lo.isNeg() ? total.hi.neg() : ZERO, hi: total.hi, s: total.s };
  },
  "table-lit": (a, e) => {
    const rs = e.entries.map((r) => a.expr(r.value)).filter((r): r is Range => r !== null);
    return rs.length ? a.fit(rs.reduce(hull), "表的值") : null;
  },
  "versions-lit": (a, e) => {
    const rs = e.versions.map((v) => a.expr(v.value)).filter((r): r is Range => r !== null);
    return rs.length ? a.fit(rs.reduce(hull), "版本的值") : null;
  },
  "date-add": (a, e) => {
    const m = a.expr(e.months);
    if (m && m.s > 0) throw structural("加减的月数不是整数");
    return null;
  },
  map: (a, e) => {
    const t = a.expr(e.table);
    if (!t) return (a.expr(e.body), null);
    a.env.vars.set(key.local(e.row.slot), t);
    return a.expr(e.body);
  },
};

/** The ranges of the policy's numeric constants (a table's or versions' hull), in declaration order. */
export function constantRanges(ir: IRPolicy): Map<number, Range> {
  const out = new Map<number, Range>();
  const a = new Analyzer(out);
  for (const c of ir.constants) {
    if (!isNumeric(c.type)) continue;
    const values = constantValues(c);
    const rs = values.map((v) => a.expr(v)).filter((r): r is Range => r !== null);
    // A limit that is 无 throughout holds only null: 0 stands for it in the hulls it joins.
    out.set(c.sym.slot, rs.length ? rs.reduce(hull) : { lo: ZERO, hi: ZERO, s: 0 });
  }
  return out;
}

export function constantValues(c: IRConstant): IRExpr[] {
  return c.k === "scalar" ? [c.value] : c.k === "table" ? c.entries.map((e) => e.value) : c.versions.map((v) => v.value);
}

/** The starting ranges of a calculator's numeric inputs and accumulators, each bounded by `limit` when given. */
export function inputRanges(c: IRCalculator, limit?: Decimal): Map<string, Range> {
  const out = new Map<string, Range>();
  const cap = (max: Decimal) => (limit && limit.lt(max) ? limit : max);
  for (const i of c.inputs) {
    if (!isNumeric(i.type)) continue;
    if (i.type.k === "rate" || i.type.k === "points") {
      out.set(key.input(i.name), { lo: ZERO, hi: ONE, s: INPUT_RATE_SCALE });
      continue;
    }
    const max = cap(new Decimal(i.max ?? defaultMaximum(i.type)!));
    const lo = i.type.k === "number" ? max.neg() : ZERO;
    out.set(key.input(i.name), { lo, hi: max, s: inputScale(i.type) });
  }
  const accMax = cap(new Decimal(defaultMaximum({ k: "money" })!));
  for (const acc of c.accumulators) {
    for (const f of acc.fields) out.set(acc.scalar ? key.acc(acc.name) : key.acc(acc.name, f.name), { lo: ZERO, hi: accMax, s: 2 });
  }
  return out;
}

/** An accumulator's value after the case (`结转`): the value before it plus what the case adds. */
export function carriedSum(acc: IRAccumulator, f: IRAccumulator["fields"][number]): IRExpr {
  return { k: "arith", op: "+", l: { k: "acc", name: acc.name, ...(acc.scalar ? {} : { field: f.name }) }, r: f.add, type: { k: "money" } };
}

/** Runs the analysis of a calculator's body from the given input ranges. */
export function analyzeBody(c: IRCalculator, constants: Map<number, Range>, inputs: Map<string, Range>): Analyzer {
  const a = new Analyzer(constants);
  a.env.vars = new Map(inputs);
  for (const r of inputs.values()) {
    if (r.hi.abs().times(pow10(r.s)).gt(CONVERSION_LIMIT)) throw new NotExact("输入的上限超出 2^50，换算不精确", false);
  }
  for (const i of c.inputs) if (i.min) a.expr(i.min);
  a.stmts(c.body);
  for (const acc of c.accumulators) for (const f of acc.fields) a.expr(carriedSum(acc, f));
  for (const o of c.outputs) if (isNumeric(o.type)) a.expr({ k: "local", sym: o.sym, type: o.type });
  return a;
}

/** The path of a calculator: integer (under the declared maxima, else under the largest limit that proves it) or decimal, with why. */
export function verdict(c: IRCalculator, constants: Map<number, Range>): Verdict {
  let first: NotExact | undefined;
  for (const limit of [undefined, ...LIMITS.map((l) => new Decimal(l))]) {
    const inputs = inputRanges(c, limit);
    try {
      analyzeBody(c, constants, inputs);
      return limit ? { path: "integer", limit, inputs } : { path: "integer", inputs };
    } catch (e) {
      if (!(e instanceof NotExact)) throw e;
      first ??= e;
      if (e.structural) return { path: "decimal", reason: e.reason };
    }
  }
  return { path: "decimal", reason: first!.reason };
}

/** One line per calculator for `zhengce compile --explain-paths` and the generated code's header. */
export function describeVerdict(v: Verdict): string {
  if (v.path === "decimal") return `decimal.js：${v.reason}`;
  if (!v.limit) return "整数（定标整数）：按声明的上限，全部中间值都在 2^53 以内";
  return `整数（定标整数）：金额（元）、数量输入与累计都不超过 ${v.limit.toFixed()} 时证明精确；超过时该件按 decimal.js 计算`;
}
