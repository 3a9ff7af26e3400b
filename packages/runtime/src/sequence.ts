// Accumulators and layers, implemented once for every calculator: a calculator declares its
// accumulators (name, period, fields) and computes one case from the year-to-date values;
// carrying the sums from claim to claim and resetting them each period happens here.
import { ZERO, type Decimal } from "./decimal.js";
import { InputError } from "./errors.js";
import { foldKey } from "./fold-key.js";
import type { InputParser } from "./input.js";
import { formatMoney, pos } from "./money.js";
import { formatScaled } from "./scaled.js";
import { Trace, type TraceStep } from "./trace.js";

export type Period = "年" | "月";

/**
 * The accumulation period a case falls in: "2018" for 年, "2018-03" for 月. A null date
 * gives "", meaning "the same period as the previous case" (undated sequences never reset).
 * `date` is expected to be an already validated YYYY-MM-DD string.
 */
export function periodKey(date: string | null, period: Period): string {
  if (date === null) return "";
  return period === "年" ? date.slice(0, 4) : date.slice(0, 7);
}

/** An accumulator as a calculator declares it: a record's fields, or null for a scalar. */
export interface AccumulatorSpec {
  name: string;
  period: Period;
  fields: readonly string[] | null;
}

/** One case computed from its parsed input `I` and the accumulators' values `A` before it. */
export type CaseCompute<I = Record<string, any>, A = Record<string, any>> = (
  input: I,
  acc: A,
  trace: Trace,
) => { outputs: Record<string, unknown>; added: Record<string, any> };

export type CaseResult = Record<string, unknown> & { 计算过程: TraceStep[] };

/** The accumulators after a case: the values before it plus what it added. */
type State = Record<string, Decimal | Record<string, Decimal>>;

/**
 * One case: the year-to-date values of the accumulators are fields of the input. `R`: the
 * calculator's result type; `I`: its parsed input; `A`: its accumulators.
 */
export function runCase<R = CaseResult, I = Record<string, any>, A = any>(
  raw: unknown,
  explain: boolean,
  parse: InputParser<I>,
  compute: CaseCompute<I, A>,
  accs: readonly AccumulatorSpec[],
): R {
  const input = parse(raw);
  const acc: State = {};
  for (let i = 0; i < accs.length; i++) acc[accs[i].name] = (input as Record<string, State[string]>)[accs[i].name];
  const trace = new Trace(explain);
  const { outputs, added } = compute(input, acc as A, trace);
  return result<R>(outputs, trace.steps, accs, accs.length ? advance(accs, acc, added) : null);
}

/** The explanation of a case computed without one. */
export const NO_STEPS: readonly TraceStep[] = Object.freeze([]);

/**
 * The integer path's computation of one case: the frozen result, or null outside the proven
 * range. `record`: null, or an array the computation appends its explanation's record to (each
 * trace point reached: its number and the case's values it reads, as scaled integers).
 */
export type ScaledCompute<R, I> = (input: I, record: unknown[] | null) => R | null;

/**
 * One case on the exact integer path (no 计算过程): `parse` reads money as integer cents and
 * `compute` returns the frozen result — of the same shape as `runCase`'s — or null when the case
 * lies outside the range its calculator was proven exact for: the caller then computes it on
 * decimal.js.
 */
export function runScaled<R, I>(raw: unknown, parse: InputParser<I>, compute: ScaledCompute<R, I>): R | null {
  return compute(parse(raw), null);
}

/**
 * One case on the exact integer path with its 计算过程: the computation records the numbers each
 * step shows, and the steps are built from that record when 计算过程 is first read
 * (`explainLater`), by the same function that builds the decimal path's from its record.
 */
export function runRecorded<R, I>(raw: unknown, parse: InputParser<I>, compute: ScaledCompute<R, I>): R | null {
  return compute(parse(raw), []);
}

/** A calculator's steps from a record of its trace points (the generated `<calc>过程`), added to `trace`. */
export type Materialise = (record: readonly unknown[], trace: Trace) => void;

const RECORD = Symbol("计算过程的记录");
interface Held {
  readonly record: readonly unknown[];
  readonly build: Materialise;
  steps?: readonly TraceStep[];
}

function recordedSteps(this: { [RECORD]: Held }): readonly TraceStep[] {
  const h = this[RECORD];
  if (h.steps === undefined) {
    const trace = new Trace(true);
    h.build(h.record, trace);
    h.steps = Object.freeze(trace.steps);
  }
  return h.steps;
}

/**
 * Gives a result (before it is frozen) its 计算过程: none without a record; else an own,
 * enumerable property built from the record when first read — so JSON, spreading and
 * destructuring see it as the decimal path's data property.
 */
export function explainLater<T extends object>(result: T, record: readonly unknown[] | null, build: Materialise): T {
  if (record === null) {
    Object.defineProperty(result, "计算过程", { value: NO_STEPS, enumerable: true, writable: true });
    return result;
  }
  Object.defineProperty(result, RECORD, { value: { record, build } });
  Object.defineProperty(result, "计算过程", { get: recordedSteps, enumerable: true });
  return result;
}

/**
 * The claims of one person in date order: the accumulators start from the first claim's
 * fields, each claim adds its share, and a new period (year or month) starts them at 0.
 */
export function runSequence<R = CaseResult, I = Record<string, any>, A = any>(
  raws: readonly unknown[],
  explain: boolean,
  parse: InputParser<I>,
  compute: CaseCompute<I, A>,
  accs: readonly AccumulatorSpec[],
): R[] {
  const results: R[] = [];
  let state: State | null = null;
  const periods: (string | undefined)[] = [];
  for (let i = 0; i < raws.length; i++) {
    const input = parse(raws[i], `第${i + 1}项`) as I & Record<string, unknown>;
    for (let ai = 0; ai < accs.length; ai++) {
      const a = accs[ai];
      if (i > 0 && Object.keys(raws[i] as object).some((k) => foldKey(k) === foldKey(a.name))) {
        throw new InputError(`第${i + 1}项.${a.name}`, `字段「第${i + 1}项.${a.name}」只能在第一项给出：其后各项的累计由计算器按前面各项结转`, "只在第一项给出", "R116");
      }
      const period = periodKey(input["日期"] as string | null, a.period);
      if (state !== null && period !== periods[ai] && periods[ai] !== "" && period !== "") state[a.name] = zeroOf(a);
      if (period !== "") periods[ai] = period;
    }
    let acc: State;
    if (state === null) {
      acc = {};
      for (const a of accs) acc[a.name] = input[a.name] as State[string];
    } else acc = state;
    const trace = new Trace(explain);
    const { outputs, added } = compute(input, acc as A, trace);
    state = advance(accs, acc, added);
    results.push(result<R>(outputs, trace.steps, accs, accs.length ? state : null));
  }
  return results;
}

function advance(accs: readonly AccumulatorSpec[], acc: State, added: Record<string, any>): State {
  const next: State = {};
  for (const a of accs) {
    if (a.fields === null) next[a.name] = (acc[a.name] as Decimal).plus(added[a.name]);
    else {
      const before = acc[a.name] as Record<string, Decimal>;
      const sums: Record<string, Decimal> = {};
      for (const f of a.fields) sums[f] = before[f].plus(added[a.name][f]);
      next[a.name] = sums;
    }
  }
  return next;
}

/** `结转`: each accumulator as a money string, or a record of them. */
export type Carried = Readonly<Record<string, string | Readonly<Record<string, string>>>>;

/**
 * A result of a calculator with accumulators (the integer path's result classes extend it).
 * `结转` is state for the caller's code, not an output of the policy: read through the
 * prototype, so JSON, spreading and the published output schema see the outputs only. It is
 * written out (and frozen) when first read: most callers never read it, and on the integer path
 * formatting it cost as much as the case's own outputs. `after`: the accumulators after the
 * case, as decimals or (integer path) in cents field after field in the order of `accs`.
 */
export class Carrying<C = Carried> {
  #carried: C | undefined;
  readonly #after: State | readonly number[];
  readonly #accs: readonly AccumulatorSpec[];
  constructor(accs: readonly AccumulatorSpec[], after: State | readonly number[]) {
    this.#accs = accs;
    this.#after = after;
  }
  /** The accumulators after this case, written as input: the next claim is `{ ...next, ...result.结转 }`. */
  get 结转(): C {
    return (this.#carried ??= carriedOf(this.#accs, this.#after) as C);
  }
}

/**
 * A case's result, frozen: its outputs (a fresh object from the calculator, list outputs
 * already frozen), the explanation, and (with accumulators) `结转`, the accumulators after it
 * written as input, so the next claim can be settled from it alone.
 */
function result<R>(outputs: Record<string, unknown>, steps: readonly TraceStep[], accs: readonly AccumulatorSpec[], after: State | readonly number[] | null): R {
  const out = after === null ? outputs : Object.assign(new Carrying(accs, after), outputs);
  out.计算过程 = Object.freeze(steps);
  return Object.freeze(out) as R;
}

/** The accumulators after a case (decimals, or cents from the integer path), written as input and frozen. */
function carriedOf(accs: readonly AccumulatorSpec[], after: State | readonly number[]): Carried {
  const money = Array.isArray(after) ? (i: number) => formatScaled(after[i], 2) : (i: number, a: AccumulatorSpec, f?: string) => formatMoney(f === undefined ? ((after as State)[a.name] as Decimal) : ((after as State)[a.name] as Record<string, Decimal>)[f]);
  const carried: Record<string, string | Readonly<Record<string, string>>> = {};
  let i = 0;
  for (const a of accs) {
    if (a.fields === null) carried[a.name] = money(i++, a);
    else {
      const fields: Record<string, string> = {};
      for (const f of a.fields) fields[f] = money(i++, a, f);
      carried[a.name] = Object.freeze(fields);
    }
  }
  return Object.freeze(carried);
}

function zeroOf(a: AccumulatorSpec): Decimal | Record<string, Decimal> {
  if (a.fields === null) return ZERO;
  const z: Record<string, Decimal> = {};
  for (const f of a.fields) z[f] = ZERO;
  return z;
}

/** A layer's remainder after one of its outputs took its share: (剩余 − amount)⁺. */
export function consume(rest: Decimal, amount: Decimal): Decimal {
  return pos(rest.minus(amount));
}
