// Half-cent rounding of every calculator of every policy (issue 14, item 3; docs/language.md
// 「舍入」: every money step is rounded half-up to 0.01 when produced, 0.005 → 0.01 and
// −0.005 → −0.01, after all of its modifiers).
//
// The exact value before the rounding is recomputed here, independently of decimal.js, with
// rational numbers on BigInt: each output's last step in the explanation (its 算式, the rule with
// this case's values, or the last modifier that applied) is evaluated from its leaves (inputs,
// parameters, earlier steps, accumulators). Every operation node of that 算式 must hold exactly the
// value recomputed from its own operands (no digit lost anywhere: + − × exact, ÷ to 40
// significant digits half-up as the docs say), and the output must be that exact value rounded
// half-up to the cent by this file's own rounding.
//
// On generated cases that alone rarely meets a tie. So for each money output and each money
// input it depends on, a case is steered onto a half cent: from the exact values at a cost c and
// c + 0.01 (the rules are linear between their turning points), the nearest cent c + k·0.01 whose
// output lands exactly on x.xx5 is solved for, and the one just below the tie; when no cent lands
// on a tie exactly (a rate like 1/3), the nearest above and below. The tie must round up (away
// from zero), the one below down.
//
// Budget: 100 cases and 3 steered cases per output and money input per calculator by default;
// four times that under `pnpm fuzz`.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FieldSpec } from "@zhengce/runtime";
import { analyze } from "@zhengce/dsl";
import { compileAnalysis, lower, type CompiledCalculator } from "@zhengce/compiler";
import { budget, diskHost, notices, SEED } from "../fuzz/support.js";
import { literals, record, runOrRefuse, type Case } from "./generate.js";

const CASES = budget(100, 400);
const STEERED = budget(3, 12);
/** How many cents a steered case may move: more than any denominator of a seed policy's rates. */
const REACH = 2_000n;

// ── exact rationals ──

interface Q {
  n: bigint;
  d: bigint;
}
const abs = (x: bigint) => (x < 0n ? -x : x);
function gcd(a: bigint, b: bigint): bigint {
  // A loop, not a recursion: gcd and the powers of ten below were a tenth of this file (profiled).
  while (b !== 0n) [a, b] = [b, a % b];
  return abs(a);
}
function q(n: bigint, d = 1n): Q {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}
const ZERO = q(0n);
const add = (a: Q, b: Q) => q(a.n * b.d + b.n * a.d, a.d * b.d);
const sub = (a: Q, b: Q) => q(a.n * b.d - b.n * a.d, a.d * b.d);
const mul = (a: Q, b: Q) => q(a.n * b.n, a.d * b.d);
const cmp = (a: Q, b: Q) => (a.n * b.d < b.n * a.d ? -1 : a.n * b.d > b.n * a.d ? 1 : 0);
const eq = (a: Q, b: Q) => a.n === b.n && a.d === b.d;
const POW10: bigint[] = [];
/** 10^k, each made once. */
const pow10 = (k: number) => POW10[k] ?? (POW10[k] = 10n ** BigInt(k));

/** A decimal string as the trace and the results write numbers ("-123.4500", "0.055"). */
function parse(s: string): Q {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) throw new Error(`not a decimal: ${s}`);
  const frac = m[3] ?? "";
  return q((m[1] ? -1n : 1n) * BigInt(m[2] + frac), pow10(frac.length));
}

/** Half-up (away from zero) to `scale` decimals of an integer count of 10^-scale units. */
function halfUpUnits(x: Q, scale: number): bigint {
  const n = abs(x.n) * pow10(scale);
  const whole = n / x.d;
  const up = 2n * (n % x.d) >= x.d ? whole + 1n : whole;
  return x.n < 0n ? -up : up;
}

/** "12345.60": the cent rounding of docs/language.md, never "-0.00". */
function cents(x: Q): string {
  const c = halfUpUnits(x, 2);
  if (c === 0n) return "0.00";
  const s = abs(c).toString().padStart(3, "0");
  return `${c < 0n ? "-" : ""}${s.slice(0, -2)}.${s.slice(-2)}`;
}

/** The significant digits of a terminating decimal (its denominator 2^a·5^b). */
function significant(x: Q): number {
  let k = 0n;
  while (pow10(Number(k)) % x.d !== 0n) if (++k > 400n) throw new Error(`${x.n}/${x.d} is not a decimal`);
  return (abs(x.n) * (pow10(Number(k)) / x.d)).toString().replace(/0+$/, "").length;
}

/** Half-up to 40 significant digits, the precision the runtime keeps (docs/language.md 「除法」). */
function significant40(x: Q): Q {
  if (x.n === 0n) return ZERO;
  // 10^e scales |x| into [10^39, 10^40).
  const scaled = (k: number) => (k >= 0 ? mul(x, q(pow10(k))) : mul(x, q(1n, pow10(-k))));
  const size = (k: number) => q(abs(scaled(k).n), scaled(k).d);
  let e = 40 - (abs(x.n).toString().length - x.d.toString().length);
  while (cmp(size(e), q(pow10(40))) >= 0) e--;
  while (cmp(size(e), q(pow10(39))) < 0) e++;
  const units = halfUpUnits(scaled(e), 0);
  return e >= 0 ? q(units, pow10(e)) : q(units * pow10(-e));
}

// ── the explanation's arithmetic, redone ──

type Term = { 值: string | null; 运算?: string; 项?: Term[]; 名?: string };
type Step = { kind: string; 项目: string; 结果?: string | null; 修正后?: string | null; 算式?: Term };

/**
 * The exact value of a 算式 from its leaves; every operation node must hold the value its
 * operands give. A quotient keeps 40 significant digits, and so does what is computed from one
 * (the runtime's precision); anything else must be exact: the docs promise that with the declared
 * maxima every intermediate result fits in 40 digits. Brackets (分段) are the runtime's own
 * operation, checked by the bracket tests: their amount is read as reported. Null is 无.
 */
function evaluate(t: Term, where: string): { v: Q | null; quotient: boolean } {
  if (t.运算 === undefined || t.运算 === "分段") {
    const v = t.值 === null ? null : parse(t.值);
    // A leaf of 30 digits or more was computed from a quotient (a rate step, a 封顶点): inputs and
    // literals have at most 16.
    return { v, quotient: v !== null && significant(v) >= 30 };
  }
  const parts = (t.项 ?? []).flatMap((x) => (x.运算 === "列表" ? (x.项 ?? []) : [x])).map((x) => evaluate(x, where));
  const items = parts.map((p) => p.v);
  const quotient = t.运算 === "÷" || parts.some((p) => p.quotient);
  const some = items.filter((x): x is Q => x !== null);
  let v: Q | null;
  switch (t.运算) {
    case "+":
    case "合计":
      v = some.reduce(add, ZERO);
      break;
    case "−":
      v = items.slice(1).reduce<Q>((s, x) => sub(s, x!), items[0]!);
      break;
    case "×":
      v = items.reduce<Q>((s, x) => mul(s, x!), q(1n));
      break;
    case "÷":
      if (items[1]!.n === 0n) throw new Error(`${where}: a division by 0 gave a result`);
      v = mul(items[0]!, q(items[1]!.d, items[1]!.n));
      break;
    case "负":
      v = sub(ZERO, items[0]!);
      break;
    case "正值":
      v = cmp(items[0]!, ZERO) > 0 ? items[0] : ZERO;
      break;
    // 无 takes no part in 较小 / 较大 (no limit).
    case "较小":
    case "最小":
      v = some.length ? some.reduce((a, b) => (cmp(b, a) < 0 ? b : a)) : null;
      break;
    case "较大":
    case "最大":
      v = some.length ? some.reduce((a, b) => (cmp(b, a) > 0 ? b : a)) : null;
      break;
    case "舍入":
      v = items[0] === null ? null : parse(cents(items[0]));
      break;
    case "限于0至100%":
      v = cmp(items[0]!, ZERO) < 0 ? ZERO : cmp(items[0]!, q(1n)) > 0 ? q(1n) : items[0];
      break;
    case "如果":
      v = items[0];
      break;
    default:
      throw new Error(`${where}: the 算式 has an operation 「${t.运算}」 this test cannot redo`);
  }
  if (v !== null && ["+", "合计", "−", "×", "÷"].includes(t.运算)) {
    const kept = significant40(v);
    if (!eq(kept, v) && !quotient) throw new Error(`${where}: 「${t.运算}」 of ${JSON.stringify(items.map((x) => x && `${x.n}/${x.d}`))} needs more than 40 significant digits`);
    v = kept;
  }
  const shown = t.值 === null ? null : parse(t.值);
  if ((v === null) !== (shown === null) || (v !== null && !eq(v, shown!))) {
    throw new Error(`${where}: 「${t.运算}」 of ${JSON.stringify(t.项?.map((x) => x.值))} shows ${t.值}, exactly ${v === null ? "无" : `${v.n}/${v.d}`}`);
  }
  return { v, quotient };
}

/** The exact value of an output before its rounding: its last rule or modifier step, redone. */
function beforeRounding(steps: Step[], output: string, where: string): Q | null | undefined {
  const last = steps.findLast((s) => s.项目 === output && (s.kind === "value" || s.kind === "modifier"));
  if (last?.算式 === undefined) return undefined;
  const { v } = evaluate(last.算式, `${where}, step 「${output}」`);
  // A rule step reports its value before the rounding when modifiers follow it, else after.
  const reported = last.kind === "value" ? last.结果 : last.修正后;
  if (v !== null && reported !== null && reported !== undefined && !eq(v, parse(reported)) && cents(v) !== cents(parse(reported))) {
    throw new Error(`${where}: 「${output}」 is ${reported}, exactly ${v.n}/${v.d}`);
  }
  return v;
}

// ── running cases ──

/** Runs a case with its explanation; undefined when the calculator refuses it. */
function settle(calc: CompiledCalculator, c: Case): { out: Case; steps: Step[] } | undefined {
  const out = runOrRefuse(() => calc.run(c, { 计算过程: true }), () => `${calc.name} threw on ${JSON.stringify(c)}`);
  return out && { out, steps: out.计算过程 as Step[] };
}

const accepts = (calc: CompiledCalculator, c: Case): boolean => runOrRefuse(() => calc.run(c), () => `${calc.name} threw on ${JSON.stringify(c)}`) !== undefined;

/** Each money output is its exact value rounded half-up to the cent; the exact values by output. */
function checkRounding(calc: CompiledCalculator, outputs: string[], c: Case, run: { out: Case; steps: Step[] }): Map<string, Q> {
  const exact = new Map<string, Q>();
  const where = `${calc.name} ${JSON.stringify(c)}`;
  for (const o of outputs) {
    if (run.out[o] === null) continue;
    const v = beforeRounding(run.steps, o, where);
    if (v === undefined) throw new Error(`${where}: no step of the explanation computes the output 「${o}」`);
    if (v === null) throw new Error(`${where}: 「${o}」 is ${run.out[o]}, its step 无`);
    if (run.out[o] !== cents(v)) throw new Error(`${where}: 「${o}」 is ${run.out[o]}, exactly ${v.n}/${v.d} rounds half-up to ${cents(v)}`);
    exact.set(o, v);
  }
  return exact;
}

/** The distance of an exact amount in cents from the half cent above its floor, as a fraction of a cent in [−½, ½). */
function offHalf(x: Q): Q {
  const c = mul(x, q(100n));
  const floor = c.n >= 0n ? c.n / c.d : -((-c.n + c.d - 1n) / c.d);
  return sub(sub(c, q(floor)), q(1n, 2n));
}

/**
 * From the exact output at a cost and a cent more (slope per cent), the number of cents k in
 * [0, REACH) that puts it exactly on a half cent, or nearest above it (rounds up), and the one
 * nearest below (rounds down). Null where the output does not move with the cost.
 */
function steer(at: Q, next: Q): { tie: bigint; below: bigint; exactTie: boolean } | null {
  const slope = sub(next, at);
  if (slope.n === 0n) return null;
  // The k-th amount in cents is 100·(at + k·slope) = (A + k·S) / D, its offHalf (2r − D) / 2D with
  // r = (A + k·S) mod D: one denominator for every k, so the loop compares the numerators 2r − D
  // and steps r by S, building no fraction (reduced by gcd, it took two thirds of this file).
  const D = at.d * slope.d;
  const mod = (x: bigint) => ((x % D) + D) % D;
  const step = mod(100n * slope.n * at.d);
  let r = mod(100n * at.n * slope.d);
  let tie = -1n;
  let below = -1n;
  let bestAbove: bigint | undefined;
  let bestBelow: bigint | undefined;
  for (let k = 0n; k < REACH; k++) {
    const d = 2n * r - D;
    if (d >= 0n && (bestAbove === undefined || d < bestAbove)) [bestAbove, tie] = [d, k];
    if (d < 0n && (bestBelow === undefined || d > bestBelow)) [bestBelow, below] = [d, k];
    // Within a two-hundredth of a cent below the half: bestBelow / 2D ≥ −1/200.
    if (bestAbove === 0n && bestBelow !== undefined && 100n * bestBelow >= -D) break;
    r += step;
    if (r >= D) r -= D;
  }
  return tie < 0n || below < 0n ? null : { tie, below, exactTie: bestAbove === 0n };
}

const plusCents = (money: unknown, k: bigint) => {
  const c = parse(String(money ?? "0"));
  return cents(add(c, q(k, 100n)));
};

describe("this file's own arithmetic", () => {
  it("rounds half-up away from zero, keeps quotients to 40 digits (docs/language.md 「舍入」「除法」)", () => {
    expect(["0.005", "-0.005", "0.00499", "-0.00499", "550.055", "0", "-0.001"].map((x) => cents(parse(x)))).toEqual(["0.01", "-0.01", "0.00", "0.00", "550.06", "0.00", "0.00"]);
    expect(significant40(q(100n, 3n))).toEqual(parse(`33.${"3".repeat(38)}`));
    expect(significant40(q(2n, 3n))).toEqual(parse(`0.${"6".repeat(39)}7`));
    expect(offHalf(parse("550.055"))).toEqual(ZERO);
    // 1000.10 × 55% moves 0.55 cent per cent: 550.055 is a tie at once; nearest below it, 9 cents on, 550.1045.
    expect(steer(parse("550.055"), parse("550.0605"))).toEqual({ tie: 0n, below: 9n, exactTie: true });
    expect(offHalf(parse("550.1045"))).toEqual(q(-1n, 20n));
  });
});

// ── every calculator of every policy ──

const isMoney = (f: FieldSpec) => f.type.kind === "money";

for (const source of notices) {
  const analysis = analyze(source.text, source.path, diskHost);
  const compiled = compileAnalysis(analysis);
  const amounts = literals(lower(analysis));

  describe(source.name, () => {
    for (const calc of compiled.calculators) {
      const props = (calc.outputSchema as { properties: Record<string, { "x-zhengce-type"?: string; anyOf?: { "x-zhengce-type"?: string }[] }> }).properties;
      const outputs = Object.entries(props)
        .filter(([, s]) => s["x-zhengce-type"] === "金额" || s.anyOf?.some((a) => a["x-zhengce-type"] === "金额"))
        .map(([name]) => name);
      if (!outputs.length) continue;
      // Cases the calculator settles (many generated ones are refused: a date outside its period, an amount not among its 档次).
      const cases = fc
        .sample(record(calc.inputFields, amounts), { seed: SEED, numRuns: 20 * CASES })
        .filter((c) => accepts(calc, c))
        .slice(0, CASES);
      const moneyInputs = calc.inputFields.filter(isMoney).map((f) => f.name);

      describe(calc.name, () => {
        it(`${outputs.join("、")}: each the exact value of its step rounded half-up to the cent`, () => {
          let settled = 0;
          for (const c of cases) {
            const run = settle(calc, c);
            if (run === undefined) continue;
            settled++;
            checkRounding(calc, outputs, c, run);
          }
          expect(settled, "cases settled").toBeGreaterThan(0);
        });

        if (!moneyInputs.length) return;
        it(`on a half cent (or the nearest reachable): rounds up at the tie, down just below it`, () => {
          /** Steered cases so far by output: STEERED per money input. */
          const perOutput = new Map<string, number>();
          let [movable, steered, tiesPredicted, tiesMet] = [0, 0, 0, 0];
          for (const c of cases) {
            const start = settle(calc, c);
            if (start === undefined) continue;
            const at = checkRounding(calc, outputs, c, start);
            for (const f of moneyInputs) {
              const next = settle(calc, { ...c, [f]: plusCents(c[f], 1n) });
              if (next === undefined) continue;
              const then = checkRounding(calc, outputs, c, next);
              for (const o of outputs) {
                if ((perOutput.get(o) ?? 0) >= STEERED * moneyInputs.length) continue;
                const a = at.get(o);
                const b = then.get(o);
                if (a === undefined || b === undefined) continue;
                const s = steer(a, b);
                if (s === null) continue;
                movable++;
                // A predicted tie is exact only where the output moves by the same amount for a second
                // cent: a ÷ by the moved input (缺口分摊's 全市支出), or a quotient's 40 digits, bend it.
                if (s.exactTie) {
                  const twice = { ...c, [f]: plusCents(c[f], 2n) };
                  const third = settle(calc, twice);
                  const v = third && checkRounding(calc, outputs, twice, third).get(o);
                  if (v !== undefined && cmp(v, add(b, sub(b, a))) === 0) tiesPredicted++;
                }
                for (const [k, up] of [[s.tie, true], [s.below, false]] as const) {
                  const moved = { ...c, [f]: plusCents(c[f], k) };
                  const run = settle(calc, moved);
                  if (run === undefined) continue;
                  // The rules are linear only between their turning points: what counts is where the case landed.
                  const v = checkRounding(calc, outputs, moved, run).get(o);
                  if (v === undefined) continue;
                  const d = offHalf(v);
                  const landed = up ? cmp(d, ZERO) >= 0 : cmp(d, ZERO) < 0;
                  if (!landed) continue;
                  // Away from zero at and above the half cent, towards zero below it.
                  const rounded = parse(String(run.out[o]));
                  const wantUp = cmp(v, ZERO) >= 0 ? up : !up;
                  expect(cmp(rounded, v) * (wantUp ? 1 : -1), `${calc.name} ${o} = ${run.out[o]} from ${cents(v)}… (${v.n}/${v.d}), ${JSON.stringify(moved)}`).toBeGreaterThanOrEqual(0);
                  steered++;
                  perOutput.set(o, (perOutput.get(o) ?? 0) + 1);
                  if (d.n === 0n) tiesMet++;
                }
              }
            }
          }
          // Where a cent lands an output exactly on a half cent (the output linear in the cents), some case met one.
          if (tiesPredicted) expect(tiesMet, `cases of ${calc.name} landing exactly on a half cent`).toBeGreaterThan(0);
          if (movable) expect(steered, `steered cases of ${calc.name}`).toBeGreaterThan(0);
        });
      });
    }
  });
}
