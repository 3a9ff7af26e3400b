// Differential test of the two paths (issue 7, item 4): for every calculator of every policy in
// the repository, the exact integer path (run without 计算过程) and the forced decimal.js path
// give the same result — the same outputs and 结转 to the cent, frozen alike, or the same error — on seeded generated
// cases: amounts anywhere up to the declared maximum, at it and a cent below, at the limits the
// analysis may prove (10^6 … 10^11) and a cent past them (where the case must fall back to
// decimal.js), amounts whose products land on half cents, integers at their bounds.
// With 计算过程 asked for, the integer path records the case's numbers and builds the steps from
// them when read: those steps deep-equal the decimal path's, step for step and field for field.
// ZHENGCE_DIFF_RUNS sets the cases per calculator (200 by default).
import { readdirSync, readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatError, type FieldSpec, type FieldType } from "@zhengce/runtime";
import { analyze } from "@zhengce/dsl";
import { fileHost, loadPolicy } from "../../packages/compiler/src/load.js";
import { calculatorPaths } from "../../packages/compiler/src/emit.js";
import { lower } from "../../packages/compiler/src/lower.js";

const RUNS = Number(process.env.ZHENGCE_DIFF_RUNS ?? 200);

function policies(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? policies(join(dir, e.name)) : e.name.endsWith(".policy") ? [join(dir, e.name)] : [],
  );
}

const cents = (c: bigint) => `${c / 100n}.${(c % 100n).toString().padStart(2, "0")}`;
const POWERS = [6, 7, 8, 9, 10, 11, 12].map((k) => 10n ** BigInt(k) * 100n);

/** An amount in yuan as the caller sends it (a decimal string), up to `max`. */
function money(max: string | undefined): fc.Arbitrary<string> {
  const top = BigInt(Math.round(Number(max ?? "1000000000000") * 100));
  const edges = [...POWERS.flatMap((p) => [p - 1n, p, p + 1n]), top - 1n, top].filter((c) => c >= 0n && c <= top);
  return fc.oneof(
    { weight: 4, arbitrary: fc.bigInt({ min: 0n, max: top < 100_000_000n ? top : 100_000_000n }) },
    { weight: 2, arbitrary: fc.bigInt({ min: 0n, max: top }) },
    // x.x0 and x.x5 yuan: × 85%, 5%, 50% … lands on a half cent.
    { weight: 2, arbitrary: fc.bigInt({ min: 0n, max: 10_000_000n }).map((c) => c - (c % 5n)) },
    { weight: 2, arbitrary: fc.constantFrom(...edges) },
    // Round amounts, as notices set them (缴费档次 120元 … 3600元, 起付标准, caps).
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 2000 }).map((k) => BigInt(k) * 6000n) },
  ).map(cents);
}

function value(t: FieldType): fc.Arbitrary<unknown> {
  switch (t.kind) {
    case "money":
      return t.nullable ? fc.option(money(t.max), { nil: null, freq: 5 }) : money(t.max);
    case "rate":
      return fc.oneof(fc.integer({ min: 0, max: 100 }).map((p) => `${p}%`), fc.integer({ min: 0, max: 10000 }).map((b) => `${b / 100}%`), fc.constant("12.345%"));
    case "integer": {
      const min = t.min ?? -1000;
      const max = t.max ?? 1000;
      return fc.oneof(fc.integer({ min, max: Math.min(max, min + 600) }), fc.constantFrom(min, max, Math.min(max, min + 12), Math.min(max, min + 13)));
    }
    case "date":
      return fc.oneof(fc.constantFrom("2017-01-01", "2017-07-01", "2017-12-31", "2018-01-01", "2018-06-30", "2019-01-01", "2020-12-31", "2021-01-01", "2023-05-15"), fc.date({ min: new Date("2016-01-01"), max: new Date("2025-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
    case "boolean":
      return fc.boolean();
    case "text":
      return fc.constantFrom("", "甲", "住院");
    case "enum":
      return fc.constantFrom(...t.members);
    case "set":
      return fc.subarray(t.members, { minLength: t.nonEmpty ? 1 : 0, maxLength: 3 });
    case "list":
      return fc.array(value(t.of), { maxLength: 3 });
    case "record":
      return record(t.fields);
  }
}

function record(fields: readonly FieldSpec[]): fc.Arbitrary<Record<string, unknown>> {
  const req: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of fields) req[f.name] = value(f.type);
  // Optional fields are sometimes left out (their defaults apply).
  return fc.record(req, { requiredKeys: fields.filter((f) => f.required).map((f) => f.name) });
}

/** A result as the caller sees it: its outputs, the (non-enumerable) accumulators after it, frozen or not. */
const outcome = (f: () => unknown) => {
  try {
    const r = f() as { 结转?: unknown };
    return JSON.stringify([r, r.结转 ?? null, Object.isFrozen(r)]);
  } catch (e) {
    return `错误：${formatError(e)}`;
  }
};

/** A run with 计算过程: the result (null for an error) and its outcome as compared. */
const settle = (f: () => unknown): { result: { 计算过程: unknown } | null; text: string } => {
  try {
    const r = f() as { 计算过程: unknown };
    return { result: r, text: outcome(() => r) };
  } catch (e) {
    return { result: null, text: `错误：${formatError(e)}` };
  }
};

/** Was the result's 计算过程 built from the integer path's record (an accessor), not computed on decimal.js (a value)? */
const recorded = (r: unknown) => typeof Object.getOwnPropertyDescriptor(r as object, "计算过程")?.get === "function";

const files = policies(resolve("policies")).sort();

describe.each(files.map((f) => [f.slice(resolve("policies").length + 1)]))("%s: integer path = decimal path", (file) => {
  it(`every calculator, ${RUNS} seeded cases each`, async () => {
    const policy = await loadPolicy(resolve("policies", file));
    expect(policy.hasErrors).toBe(false);
    const computed: Record<string, number> = {};
    const explainedOnIntegers: Record<string, number> = {};
    // No stack traces while the cases run: most generated cases are refused, and the InputError
    // of each refusal captured one (7% of this file, profiled); the verdicts compare messages only.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      for (const calc of policy.calculators) {
        computed[calc.name] = 0;
        fc.assert(
          fc.property(record(calc.inputFields), (input) => {
            const fast = outcome(() => calc.run(input, { 计算过程: false }));
            const dec = outcome(() => calc.run(input, { 计算过程: false, 十进制: true }));
            if (fast !== dec) throw new Error(`「${calc.name}」 ${JSON.stringify(input)}\n整数路径 ${fast}\ndecimal ${dec}`);
            if (!fast.startsWith("错误")) computed[calc.name]++;
            // With 计算过程: the same result or error, and the same steps, deep-equal.
            const explained = settle(() => calc.run(input, { 计算过程: true }));
            const reference = settle(() => calc.run(input, { 计算过程: true, 十进制: true }));
            if (explained.text !== reference.text) throw new Error(`「${calc.name}」含计算过程 ${JSON.stringify(input)}\n整数路径 ${explained.text}\ndecimal ${reference.text}`);
            if (explained.result && reference.result) {
              expect(isDeepStrictEqual(explained.result.计算过程, reference.result.计算过程)).toBe(true);
              if (recorded(explained.result)) explainedOnIntegers[calc.name] = (explainedOnIntegers[calc.name] ?? 0) + 1;
            }
          }),
          { seed: 20180101, numRuns: RUNS },
        );
      }
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    // The comparison means something only where cases compute (not only refusals and input errors).
    expect(Object.entries(computed).filter(([, n]) => n === 0)).toEqual([]);
    // Every calculator on the integer path explains its cases there (none falls back to decimal.js for 计算过程).
    const path = resolve("policies", file);
    const integer = calculatorPaths(lower(analyze(readFileSync(path, "utf8"), path, fileHost))).filter((p) => p.path === "integer").map((p) => p.calculator);
    expect(integer.filter((name) => !explainedOnIntegers[name])).toEqual([]);
  });
});
