// Inputs for any calculator, generated from its input fields (the FieldSpec list the emitter
// publishes beside the JSON Schema), so that a new calculator or a new field is covered by the
// invariants without a line here. Values are what a caller sends: money as a decimal string in
// whole cents, dates as YYYY-MM-DD, enum members in the policy's spelling.
import fc from "fast-check";
import { InputError, type FieldSpec, type FieldType } from "@zhengce/runtime";

export type Case = Record<string, unknown>;

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
const day = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;
/** Each day's YYYY-MM-DD made once: toISOString() for every generated date was 5% of the invariants. */
const isoOf = new Map<number, string>();
function iso(days: number): string {
  let s = isoOf.get(days);
  if (s === undefined) isoOf.set(days, (s = new Date(days * 86_400_000).toISOString().slice(0, 10)));
  return s;
}

/** The seed policies' years: their periods of validity and time versions lie in 2016–2022. */
const FIRST = day("2016-01-01");
const LAST = day("2022-12-31");
/** Days where versions and periods change: the first and last day of each year and half-year. */
const TURNS = [2016, 2017, 2018, 2019, 2020, 2021, 2022].flatMap((y) => [`${y}-01-01`, `${y}-06-30`, `${y}-07-01`, `${y}-12-31`]).map(day);

/** A date between 2016 and 2022, often a day on which something changes. */
export const date = fc.oneof({ arbitrary: fc.integer({ min: FIRST, max: LAST }), weight: 3 }, { arbitrary: fc.constantFrom(...TURNS), weight: 1 }).map(iso);
/** A date in 1950–2022, for fields that are not the case's 日期 (birth, first enrolment …). */
const anyDate = fc.integer({ min: day("1950-01-01"), max: LAST }).map(iso);

/**
 * Money in whole cents: mostly amounts of real claims and wages, sometimes up to the declared
 * maximum, and often an amount the policy itself writes (a 起付标准, a slice's bound, one of a
 * list of allowed 档次) or a cent either side of it.
 */
export function money(max: string | undefined, amounts: readonly string[]): fc.Arbitrary<string> {
  const top = Math.min(Number(max ?? 1e12), 1e13) * 100;
  const upTo = (yuan: number) => fc.integer({ min: 0, max: Math.min(yuan * 100, top) });
  const arbs = [{ arbitrary: upTo(2_000), weight: 2 }, { arbitrary: upTo(50_000), weight: 3 }, { arbitrary: upTo(600_000), weight: 3 }, { arbitrary: fc.integer({ min: 0, max: top }), weight: 1 }];
  const near = amounts.map((a) => Math.round(Number(a) * 100)).filter((c) => c >= 0 && c <= top);
  if (near.length) arbs.push({ arbitrary: fc.tuple(fc.constantFrom(...near), fc.constantFrom(-1, 0, 0, 1)).map(([c, d]) => Math.min(top, Math.max(0, c + d))), weight: 3 });
  return fc.oneof(...arbs).map((c) => (c / 100).toFixed(2));
}

/** Every number the IR of a policy writes (literals of parameters, tables, slices, steps). */
export function literals(ir: unknown): string[] {
  const found = new Set<string>();
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x !== null && typeof x === "object") {
      const o = x as Record<string, unknown>;
      if (o.k === "num" && typeof o.value === "string") found.add(o.value);
      else Object.values(o).forEach(walk);
    }
  };
  walk(ir);
  return [...found].sort();
}

function value(t: FieldType, name: string, amounts: readonly string[]): fc.Arbitrary<unknown> {
  switch (t.kind) {
    case "money":
      return money(t.max, amounts);
    case "rate":
      return fc.integer({ min: 0, max: 10_000 }).map((bp) => `${(bp / 100).toFixed(2)}%`);
    case "integer": {
      const min = t.min ?? 0;
      const max = Math.min(t.max ?? 1_000_000, 1e9);
      return fc.oneof({ arbitrary: fc.integer({ min, max: Math.min(max, min + 100) }), weight: 3 }, { arbitrary: fc.integer({ min, max }), weight: 1 });
    }
    case "date":
      return name === "日期" ? date : anyDate;
    case "boolean":
      return fc.boolean();
    case "text":
      return fc.string({ maxLength: 8 });
    case "enum":
      return fc.constantFrom(...t.members);
    case "set":
      return fc.subarray(t.members, { minLength: t.nonEmpty ? 1 : 0, maxLength: Math.min(4, t.members.length) });
    case "list":
      return fc.array(value(t.of, name, amounts), { maxLength: 3 });
    case "record":
      return record(t.fields, amounts);
  }
}

/** A closed record of the fields: required ones always present, optional ones sometimes absent. */
export function record(fields: readonly FieldSpec[], amounts: readonly string[], omit: ReadonlySet<string> = new Set()): fc.Arbitrary<Case> {
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of fields) {
    if (omit.has(f.name)) continue;
    shape[f.name] = f.required ? value(f.type, f.name, amounts) : fc.option(value(f.type, f.name, amounts), { nil: undefined, freq: 3 });
  }
  // A loop, not Object.entries/filter/fromEntries: that map was 6% of calculators.test.ts (profiled).
  return fc.record(shape).map((r) => {
    const present: Case = {};
    for (const k in r) if (r[k] !== undefined) present[k] = r[k];
    return present;
  });
}

/**
 * Runs a case: undefined when the calculator refuses it (an InputError names the field), and any
 * other error fails the test with `what` and its stack. Most generated cases are refused, and the
 * stack trace each refusal captured was a sixth of calculators.test.ts (profiled): none is captured
 * while the case runs, and a case that throws otherwise is run again with stacks, for the report.
 */
export function runOrRefuse<T>(run: () => T, what: () => string): T | undefined {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return run();
  } catch (e) {
    if (e instanceof InputError) return undefined;
    Error.stackTraceLimit = limit;
    let stack = (e as Error).stack;
    try {
      run();
    } catch (again) {
      stack = (again as Error).stack;
    }
    throw new Error(`${what()}: ${stack}`);
  } finally {
    Error.stackTraceLimit = limit;
  }
}
