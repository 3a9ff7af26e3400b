// Accumulators and layers, implemented once for every calculator: a calculator declares its
// accumulators (name, period, fields) and computes one case from the year-to-date values;
// carrying the sums from claim to claim and resetting them each period happens here.
import { ZERO, type Decimal } from "./decimal.js";
import { InputError } from "./errors.js";
import { foldKey } from "./fold.js";
import type { InputParser } from "./input.js";
import { pos } from "./money.js";
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

/** One case computed from its parsed input and the accumulators' values before it. */
export type CaseCompute = (
  input: Record<string, any>,
  acc: Record<string, any>,
  trace: Trace,
) => { outputs: Record<string, unknown>; added: Record<string, any> };

export type CaseResult = Record<string, unknown> & { 计算过程: TraceStep[] };

/** One case: the year-to-date values of the accumulators are fields of the input. `R`: the calculator's result type. */
export function runCase<R = CaseResult>(raw: unknown, explain: boolean, parse: InputParser, compute: CaseCompute, accs: readonly AccumulatorSpec[]): R {
  const input = parse(raw);
  const acc: Record<string, unknown> = {};
  for (let i = 0; i < accs.length; i++) acc[accs[i].name] = input[accs[i].name];
  const trace = new Trace(explain);
  const { outputs } = compute(input, acc, trace);
  return { ...outputs, 计算过程: trace.steps } as R;
}

/**
 * The claims of one person in date order: the accumulators start from the first claim's
 * fields, each claim adds its share, and a new period (year or month) starts them at 0.
 */
export function runSequence<R = CaseResult>(raws: readonly unknown[], explain: boolean, parse: InputParser, compute: CaseCompute, accs: readonly AccumulatorSpec[]): R[] {
  const results: R[] = [];
  let state: Record<string, any> | null = null;
  const periods: (string | undefined)[] = [];
  for (let i = 0; i < raws.length; i++) {
    const input = parse(raws[i], `第${i + 1}项`);
    for (let ai = 0; ai < accs.length; ai++) {
      const a = accs[ai];
      if (i > 0 && Object.keys(raws[i] as object).some((k) => foldKey(k) === foldKey(a.name))) {
        throw new InputError(`第${i + 1}项.${a.name}`, `字段「第${i + 1}项.${a.name}」只能在第一项给出：其后各项的累计由计算器按前面各项结转`, "只在第一项给出", "R116");
      }
      const period = periodKey(input["日期"] as string | null, a.period);
      if (state !== null && period !== periods[ai] && periods[ai] !== "" && period !== "") state[a.name] = zeroOf(a);
      if (period !== "") periods[ai] = period;
    }
    let acc: Record<string, any>;
    if (state === null) {
      acc = {};
      for (const a of accs) acc[a.name] = input[a.name];
    } else acc = state;
    const trace = new Trace(explain);
    const { outputs, added } = compute(input, acc, trace);
    results.push({ ...outputs, 计算过程: trace.steps } as R);
    const next: Record<string, any> = {};
    for (const a of accs) {
      if (a.fields === null) next[a.name] = (acc[a.name] as Decimal).plus(added[a.name]);
      else {
        const sums: Record<string, Decimal> = {};
        for (const f of a.fields) sums[f] = (acc[a.name][f] as Decimal).plus(added[a.name][f]);
        next[a.name] = sums;
      }
    }
    state = next;
  }
  return results;
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
