// Invariants of EVERY calculator of every policy under policies/ (issue 14, item 3), as property
// tests over inputs generated from each calculator's own input fields (./generate.ts), so a new
// calculator or field is covered without a line here:
//
// - any generated case either settles or is refused with an InputError (never another throw),
//   and the result matches the published output schema;
// - every money output is whole cents and never negative (the declared exceptions below say why);
// - the accounts a calculator keeps balance exactly (payments + 个人负担 = the cost …), each payment
//   lies between 0 and the cost, and the monthly limits it reports are kept;
// - a larger cost never lowers a payment for the same case;
// - a sequence of claims gives the results of the same claims with the year-to-date (and
//   month-to-date) passed by hand, where the hand-carried sums are what the policy's 累计 says
//   it adds (an output, or the value of a step as the explanation reports it).
//
// The accounts are facts of the notices, declared per calculator in ACCOUNTS; a calculator that
// settles a cost (an input named …费用, an output 个人负担) without an entry fails the suite.
//
// Budget: 10 000 generated cases per calculator in the default suite (¾ single cases, ¼ pairs for
// monotonicity where a cost is declared; sequences of up to 6 claims on top where the calculator
// carries a 累计); four times that under `pnpm fuzz`.
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, type FieldSpec } from "@zhengce/runtime";
import { analyze } from "@zhengce/dsl";
import { compileAnalysis, lower, type CompiledCalculator, type IRAccumulator, type IRExpr } from "@zhengce/compiler";
import { budget, diskHost, notices, SEED } from "../fuzz/support.js";
import { date, literals, record, runOrRefuse, type Case } from "./generate.js";

const RUNS = budget(10_000, 40_000);
const SEQUENCES = budget(500, 2_000);

type Sum = string[];
interface Account {
  /** Identities: the outputs and inputs on the left sum exactly to those on the right. */
  balances: [Sum, Sum][];
  /** Payments: never negative, never more than the cost (a sum of inputs). */
  payments: { paid: string[]; cost: Sum };
  /** A larger value of this input never lowers any payment. */
  grows?: string;
  /** [payment, its limit (an output; null = no limit), what was already paid (an input)]. */
  limits?: [string, string, string][];
  /** Outputs that may be negative, and the reading that makes them so. */
  signed?: Record<string, string>;
  /** Cases whose payments may exceed the cost, and why. */
  exceeds?: (c: Case) => boolean;
}

// Keyed by the policy's folder and the calculator's name (an amendment keeps its base's accounts).
const ACCOUNTS: Record<string, Account> = {
  "jiangmen/住院结算": {
    balances: [[["统筹支付", "二档支付", "大病支付", "个人负担"], ["政策范围内费用"]]],
    payments: { paid: ["统筹支付", "二档支付", "大病支付"], cost: ["政策范围内费用"] },
    grows: "政策范围内费用",
    // Contract §1.4: with 住院分娩 a 统筹支付 below 500 becomes 500, also at a cost under 500 +
    // 起付标准 (test/invariants/settlement.test.ts states the reading with worked values).
    signed: { 个人负担: "contract §1.4 分娩保底" },
    exceeds: (c) => c.住院分娩 === true,
  },
  "jiangmen/特定病种门诊": {
    balances: [[["统筹支付", "二档支付", "个人负担"], ["当月范围内费用"]]],
    payments: { paid: ["统筹支付", "二档支付"], cost: ["当月范围内费用"] },
    grows: "当月范围内费用",
    limits: [["统筹支付", "月支付限额", "当月已支付"]],
  },
  "jiangmen/普通门诊统筹": {
    balances: [
      [["统筹支付", "个人负担"], ["门诊费用"]],
      [["一档支付", "二档支付"], ["统筹支付"]],
    ],
    payments: { paid: ["一档支付", "二档支付"], cost: ["门诊费用"] },
    grows: "门诊费用",
  },
  "jiangmen/奥司他韦": {
    balances: [[["统筹支付", "个人负担"], ["药品费用"]]],
    payments: { paid: ["统筹支付"], cost: ["药品费用"] },
    grows: "药品费用",
    limits: [["统筹支付", "月支付限额", "当月已支付"]],
  },
  "jiangmen/职工缴费": {
    balances: [[["一档单位缴费", "一档个人缴费", "二档单位缴费", "二档个人缴费"], ["合计"]]],
    payments: { paid: ["一档单位缴费", "一档个人缴费", "二档单位缴费", "二档个人缴费"], cost: [] },
    grows: "月工资",
  },
  "jiangmen/精准扶贫结算": {
    balances: [
      [["扶贫资金支付", "医疗机构承担", "个人支付"], ["范围内个人自付", "个人自费"]],
      [["二级转诊机构承担", "三级转诊机构承担", "就医机构承担"], ["医疗机构承担"]],
    ],
    payments: { paid: ["扶贫资金支付", "医疗机构承担"], cost: ["范围内个人自付", "个人自费"] },
    grows: "个人自费",
  },
  "jiangmen/药店购药优惠": {
    balances: [[["个人付费", "药店承担"], ["药品费用"]]],
    payments: { paid: ["药店承担"], cost: ["药品费用"] },
    grows: "药品费用",
  },
  "tonghua/居民住院结算": {
    balances: [[["统筹支付", "大病支付", "个人负担"], ["政策范围内费用"]]],
    payments: { paid: ["统筹支付", "大病支付"], cost: ["政策范围内费用"] },
    grows: "政策范围内费用",
  },
  "tonghua/职工住院结算": {
    balances: [[["统筹支付", "补充支付", "个人负担"], ["政策范围内费用"]]],
    payments: { paid: ["统筹支付", "补充支付"], cost: ["政策范围内费用"] },
    grows: "政策范围内费用",
  },
  "tonghua/普通门诊统筹": {
    balances: [[["统筹支付", "个人负担"], ["政策范围内费用"]]],
    payments: { paid: ["统筹支付"], cost: ["政策范围内费用"] },
    grows: "政策范围内费用",
  },
  "tonghua/慢病门诊起付": {
    balances: [[["本次起付", "起付以上费用"], ["政策范围内费用"]]],
    payments: { paid: ["本次起付", "起付以上费用"], cost: ["政策范围内费用"] },
  },
  "tonghua/学生意外伤害门诊": {
    balances: [[["统筹支付", "个人负担"], ["政策范围内费用"]]],
    payments: { paid: ["统筹支付"], cost: ["政策范围内费用"] },
    grows: "政策范围内费用",
  },
  "tonghua/长期护理结算": {
    balances: [[["基金支付", "个人负担"], ["护理费用"]]],
    payments: { paid: ["基金支付"], cost: ["护理费用"] },
    grows: "护理费用",
  },
};

/** A calculator settles a cost when it takes an amount named …费用 and leaves a 个人负担 (or 个人支付/付费). */
const settlesACost = (calc: CompiledCalculator) =>
  calc.inputFields.some((f) => f.type.kind === "money" && f.required && f.name.endsWith("费用")) &&
  Object.keys((calc.outputSchema as { properties: object }).properties).some((o) => /^个人(负担|支付|付费)$/.test(o));

const D = (x: unknown) => new Decimal(String(x));
const MONEY = /^\d+\.\d{2}$/;
const SIGNED_MONEY = /^-?\d+\.\d{2}$/;

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);

function moneyOutputs(calc: CompiledCalculator): string[] {
  const props = (calc.outputSchema as { properties: Record<string, { "x-zhengce-type"?: string; anyOf?: { "x-zhengce-type"?: string }[] }> }).properties;
  return Object.entries(props)
    .filter(([, s]) => s["x-zhengce-type"] === "金额" || s.anyOf?.some((a) => a["x-zhengce-type"] === "金额"))
    .map(([name]) => name);
}

/**
 * Exact cents of an amount of the accounts (outputs are checked to be whole cents first, generated
 * amounts are); any other value fails the case. BigInt, not decimal.js: the Decimal sums of the
 * accounts were a tenth of this file's CPU (profiled).
 */
function cents(x: unknown): bigint {
  const s = String(x);
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (m) return BigInt(m[1] + m[2] + (m[3] ?? "").padEnd(2, "0"));
  const c = D(s).times(100);
  if (!c.isInteger()) throw new Error(`${s} is not whole cents`);
  return BigInt(c.toFixed(0));
}
/** Cents as yuan, for the messages. */
const yuan = (c: bigint) => `${c < 0n ? "-" : ""}${(c < 0n ? -c : c) / 100n}.${String((c < 0n ? -c : c) % 100n).padStart(2, "0")}`;

/** A name of an account: the output of that name, else the input (its default when absent), in cents. */
function valueOf(name: string, out: Case, input: Case, fields: readonly FieldSpec[]): bigint {
  if (name in out) return cents(out[name]);
  if (name in input) return cents(input[name]);
  const f = fields.find((x) => x.name === name);
  if (f === undefined) throw new Error(`「${name}」 is neither an output nor an input`);
  return cents(f.default ?? 0);
}
const total = (names: Sum, out: Case, input: Case, fields: readonly FieldSpec[]) => names.reduce((s, n) => s + valueOf(n, out, input, fields), 0n);

/** Runs a case; undefined when the calculator refuses it (an InputError names the field). */
function settle(calc: CompiledCalculator, c: Case, explain = false): Case | undefined {
  return runOrRefuse(() => calc.run(c, { 计算过程: explain }), () => `${calc.name} threw on ${JSON.stringify(c)}`);
}

function checkCase(calc: CompiledCalculator, account: Account | undefined, money: string[], validate: (x: unknown) => boolean, c: Case, out: Case) {
  const show = () => `${calc.name} ${JSON.stringify(c)} → ${JSON.stringify(out)}`;
  if (!validate(out)) throw new Error(`output outside its schema: ${show()}\n${ajv.errorsText((validate as { errors?: never }).errors)}`);
  for (const m of money) {
    if (out[m] === null) continue;
    const pattern = account?.signed?.[m] ? SIGNED_MONEY : MONEY;
    if (!pattern.test(String(out[m]))) throw new Error(`${m} = ${out[m]} is not whole cents ≥ 0: ${show()}`);
  }
  if (account === undefined) return;
  for (const [left, right] of account.balances) {
    const l = total(left, out, c, calc.inputFields);
    const r = total(right, out, c, calc.inputFields);
    if (l !== r) throw new Error(`${left.join(" + ")} = ${yuan(l)} ≠ ${right.join(" + ")} = ${yuan(r)}: ${show()}`);
  }
  const cost = total(account.payments.cost, out, c, calc.inputFields);
  if (account.payments.cost.length && !account.exceeds?.(c)) {
    const paid = total(account.payments.paid, out, c, calc.inputFields);
    if (paid > cost) throw new Error(`payments ${yuan(paid)} exceed the cost ${yuan(cost)}: ${show()}`);
  }
  for (const [paid, limit, used] of account.limits ?? []) {
    if (out[limit] === null) continue;
    const left = cents(out[limit]) - valueOf(used, out, c, calc.inputFields);
    const room = left > 0n ? left : 0n;
    if (cents(out[paid]) > room) throw new Error(`${paid} ${out[paid]} exceeds ${limit} ${out[limit]} − ${used}: ${show()}`);
  }
}

// ── sequences: the 累计 a calculator carries, by hand ──

const periodOf = (date: unknown, period: "年" | "月") => (typeof date !== "string" ? "" : period === "年" ? date.slice(0, 4) : date.slice(0, 7));

/**
 * What one claim adds to an accumulator field, from the IR of its 累加 clause: a step or output
 * (its value as the result or the explanation reports it), an input, a literal, and the
 * conditionals and sums the seed policies write there.
 */
function added(e: IRExpr, out: Case, input: Case, calc: string): Decimal | string | boolean {
  const num = (x: IRExpr) => added(x, out, input, calc) as Decimal;
  switch (e.k) {
    case "num":
      return D(e.value);
    case "text":
      return e.value;
    case "bool":
      return e.value;
    case "input":
      return typeof input[e.name] === "string" && !/^-?\d/.test(input[e.name] as string) ? (input[e.name] as string) : D(input[e.name] ?? 0);
    case "local":
    case "const": {
      const name = e.sym.name;
      if (name in out) return D(out[name]);
      const steps = (out.计算过程 as { 项目?: string; 值?: string }[]).filter((s) => s.项目 === name);
      if (!steps.length) throw new Error(`${calc}: the explanation does not report the step 「${name}」 that a 累计 adds`);
      return D(/^-?\d+(\.\d+)?/.exec(steps[steps.length - 1].值 ?? "")?.[0] ?? NaN);
    }
    case "arith":
      if (e.op === "+") return num(e.l).plus(num(e.r));
      if (e.op === "-") return num(e.l).minus(num(e.r));
      break;
    case "cmp": {
      const [l, r] = [added(e.l, out, input, calc), added(e.r, out, input, calc)];
      const same = l instanceof Decimal && r instanceof Decimal ? l.eq(r) : l === r;
      if (e.op === "=") return same;
      if (e.op === "≠") return !same;
      break;
    }
    case "if":
      return added(e.c, out, input, calc) === true ? added(e.t, out, input, calc) : added(e.e, out, input, calc);
  }
  throw new Error(`${calc}: a 累计 adds ${e.k}${"op" in e ? ` ${e.op}` : ""}; teach this test how to carry it by hand`);
}

const zero = (a: IRAccumulator) => (a.scalar ? new Decimal(0) : Object.fromEntries(a.fields.map((f) => [f.name, new Decimal(0)])));
const asInput = (v: Decimal | Record<string, Decimal>) => (v instanceof Decimal ? v.toFixed(2) : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x.toFixed(2)])));

function checkSequence(calc: CompiledCalculator, accs: IRAccumulator[], claims: Case[]) {
  // By hand: each claim run alone with the sums so far passed in as its 累计 inputs.
  const state = new Map(accs.map((a) => [a.name, zero(a)]));
  const periods = new Map<string, string>();
  const byHand: Case[] = [];
  for (const claim of claims) {
    for (const a of accs) {
      const p = periodOf(claim.日期, a.period);
      if (p !== "" && periods.has(a.name) && periods.get(a.name) !== p) state.set(a.name, zero(a));
      if (p !== "") periods.set(a.name, p);
    }
    const defaults = Object.fromEntries(calc.inputFields.filter((f) => f.default !== undefined).map((f) => [f.name, f.default]));
    const input = { ...defaults, ...claim, ...Object.fromEntries(accs.map((a) => [a.name, asInput(state.get(a.name)!)])) };
    const out = settle(calc, input, true);
    if (out === undefined) break;
    byHand.push(out);
    for (const a of accs) {
      const s = state.get(a.name)!;
      if (s instanceof Decimal) state.set(a.name, s.plus(added(a.fields[0].add, out, input, calc.name) as Decimal));
      else for (const f of a.fields) s[f.name] = s[f.name].plus(added(f.add, out, input, calc.name) as Decimal);
    }
  }
  if (!byHand.length) return;
  const seq = calc.runSequence(claims.slice(0, byHand.length), { 计算过程: false });
  const outputs = Object.keys(byHand[0]).filter((k) => k !== "计算过程");
  byHand.forEach((h, i) => {
    for (const o of outputs) if (seq[i][o] !== h[o]) throw new Error(`claim ${i + 1} of ${JSON.stringify(claims)}: ${o} ${seq[i][o]} in the sequence, ${h[o]} by hand`);
  });
}

/** Claims of one person in one year: 日期 in order within the year, 累计 inputs left to the calculator. */
function claimsOf(calc: CompiledCalculator, accs: IRAccumulator[], amounts: string[]): fc.Arbitrary<Case[]> {
  const fields = calc.inputFields;
  const one = record(fields, amounts, new Set(accs.map((a) => a.name)));
  const hasDate = fields.some((f) => f.name === "日期");
  return fc.tuple(date, fc.array(fc.tuple(one, fc.integer({ min: 0, max: 364 })), { minLength: 1, maxLength: 6 })).map(([first, cs]) => {
    const jan1 = Date.UTC(+first.slice(0, 4), 0, 1);
    return cs
      .sort((a, b) => a[1] - b[1])
      .map(([c, d]) => (hasDate ? { ...c, 日期: new Date(jan1 + Math.min(d, 364) * 86_400_000).toISOString().slice(0, 10) } : c));
  });
}

// ── every calculator of every policy ──

for (const source of notices) {
  const analysis = analyze(source.text, source.path, diskHost);
  const compiled = compileAnalysis(analysis);
  const ir = lower(analysis);
  const folder = source.name.split("/")[1];
  const amounts = literals(ir);

  describe(source.name, () => {
    it("compiles without errors", () => {
      expect(compiled.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    });

    for (const calc of compiled.calculators) {
      const account = ACCOUNTS[`${folder}/${calc.name}`];
      const accs = ir.calculators.find((c) => c.name === calc.name)!.accumulators;
      const money = moneyOutputs(calc);
      const validate = ajv.compile(calc.outputSchema);
      const cases = record(calc.inputFields, amounts);

      describe(calc.name, () => {
        if (settlesACost(calc)) {
          it("declares its accounts (which outputs pay the cost, what is the cost)", () => {
            expect(account, `add "${folder}/${calc.name}" to ACCOUNTS`).toBeDefined();
          });
        }

        it("settles or refuses every case; outputs in their schema, money whole cents and never negative, accounts balanced, payments within the cost and the limits", () => {
          let settled = 0;
          fc.assert(
            fc.property(cases, (c) => {
              const out = settle(calc, c);
              if (out === undefined) return;
              settled++;
              checkCase(calc, account, money, validate, c, out);
            }),
            { seed: SEED, numRuns: account?.grows ? (RUNS * 3) / 4 : RUNS },
          );
          // The generator must reach the calculator, not only its refusals.
          expect(settled, "cases settled").toBeGreaterThan(0);
        });

        if (account?.grows) {
          const grows = account.grows;
          const field = calc.inputFields.find((f) => f.name === grows)!;
          it(`a larger ${grows} never lowers a payment`, () => {
            fc.assert(
              fc.property(cases, record([{ ...field, required: true }], amounts), (c, more) => {
                const a = settle(calc, c);
                const b = settle(calc, { ...c, [grows]: D(c[grows] ?? field.default ?? 0).plus(D(more[grows])).toFixed(2) });
                if (a === undefined || b === undefined) return;
                for (const p of account.payments.paid) {
                  if (cents(b[p]) < cents(a[p])) throw new Error(`${p}: ${a[p]} at ${c[grows]}, ${b[p]} at +${more[grows]} for ${JSON.stringify(c)}`);
                }
              }),
              { seed: SEED, numRuns: RUNS / 4 },
            );
          });
        }

        if (accs.length) {
          it(`a year's claims as a sequence equal the claims with ${accs.map((a) => a.name).join("、")} passed by hand`, () => {
            fc.assert(
              fc.property(claimsOf(calc, accs, amounts), (claims) => checkSequence(calc, accs, claims)),
              { seed: SEED, numRuns: SEQUENCES },
            );
          });
        }
      });
    }
  });
}
