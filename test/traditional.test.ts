// The traditional-script spelling of the 江门 住院结算 and 特定病种门诊 rules
// (test/fixtures/jiangmen-traditional.policy, traditional keywords, names and citations, some full-width
// digits) must define the same rules as policies/jiangmen/base.policy: no errors, the same declarations
// once names are folded (every declaration the two calculators use, and nothing else), the same
// calculators, inputs and outputs, and — through the compiler — the same results (or the same refusal)
// on every worked example of the base policy for those two calculators.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { analyze } from "../packages/dsl/src/analyze.js";
import { exampleJson } from "../packages/compiler/src/load.js";
import { foldName } from "../packages/dsl/src/fold.js";
import { show } from "../packages/dsl/src/types.js";
import type { Declaration } from "../packages/dsl/src/ast.js";

const path = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const BASE = path("policies/jiangmen/base.policy");
const TRAD = path("test/fixtures/jiangmen-traditional.policy");

const base = analyze(readFileSync(BASE, "utf8"), BASE);
const trad = analyze(readFileSync(TRAD, "utf8"), TRAD);

const errorsOf = (a: typeof base) =>
  a.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`);

/**
 * A declaration with everything that may differ between the two spellings removed: source
 * positions, raw number images, citations and quotes, example titles. Names become their folded
 * keys; free text (文号, 机关, 说明) is folded too.
 */
function normalize(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normalize);
  if (v === null || typeof v !== "object") return v;
  const o = v as Record<string, unknown>;
  if (o.kind === "Name") return { name: o.key };
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) {
    if (k === "span" || k === "opSpan" || k === "raw" || k === "citations" || k === "title") continue;
    if (k === "text" || k === "explain" || k === "reason") out[k] = typeof x === "string" ? foldName(x) : x;
    else if (k === "mark" && x && typeof x === "object") out[k] = { inclusive: (x as { inclusive: boolean }).inclusive };
    else if (k === "other") out[k] = !!x; // a 其他 row: only that it is one
    else out[k] = normalize(x);
  }
  return out;
}

/** The calculators the traditional spelling carries. */
const CALCULATORS = ["住院结算", "特定病种门诊"].map(foldName);

/** Rules by kind and folded name (the header and examples left out). */
const ruleKey = (d: Declaration) => ("name" in d && d.kind !== "PolicyHeader" ? `${d.kind}:${d.name.key}` : d.kind);
const rules = (a: typeof base) =>
  new Map(a.ast.declarations.filter((d) => d.kind !== "ExampleDecl" && d.kind !== "PolicyHeader").map((d) => [ruleKey(d), normalize(d)]));

/** Every declaration the two calculators of the base policy use (parameters, brackets, their enums), and the calculators. */
function closureOfBase(): string[] {
  const keys = new Set<string>();
  for (const key of CALCULATORS) {
    const c = base.model.calculators.get(key)!;
    keys.add(`CalculatorDecl:${key}`);
    for (const u of c.uses) if (u.kind === "param" || u.kind === "bracket") keys.add(ruleKey(u.decl));
    for (const i of c.inputs) {
      const t = i.type;
      if (t.k === "enum") keys.add(`EnumDecl:${t.key}`);
      if (t.k === "set") keys.add(`EnumDecl:${t.ofKey}`);
    }
  }
  for (const u of [...keys]) {
    const p = u.startsWith("ParamDecl:") ? base.model.params.get(u.slice(10)) : undefined;
    if (p?.decl.by) keys.add(`EnumDecl:${p.decl.by.key}`);
  }
  return [...keys].sort();
}

describe("traditional-script spelling of 住院结算 and 特定病种门诊", () => {
  it("has no errors in either file", () => {
    expect(errorsOf(base)).toEqual([]);
    expect(errorsOf(trad)).toEqual([]);
  });

  it("is actually written in traditional script, with full-width digits", () => {
    const text = readFileSync(TRAD, "utf8");
    for (const word of ["計算", "參數", "輸入", "輸出", "依據", "當", "否則當", "設為", "不低於", "分層", "剩餘", "枚舉", "較小"]) {
      expect(text, word).toContain(word);
    }
    expect(text).toMatch(/[０-９]+元/);
    expect(trad.model.calculators.get(foldName("住院结算"))?.name).toBe("住院結算");
  });

  it("declares the same rules once names are folded", () => {
    const b = rules(base);
    const t = rules(trad);
    // Exactly the declarations the two calculators need …
    expect([...t.keys()].sort()).toEqual(closureOfBase());
    // … each the same rule as in base.policy.
    for (const [key, rule] of t) expect(rule, key).toEqual(b.get(key));
  });

  it("defines the same calculators, inputs, accumulators and outputs after folding", () => {
    const shape = (a: typeof base) =>
      [...a.model.calculators.values()].filter((c) => CALCULATORS.includes(c.key)).map((c) => ({
        calculator: foldName(c.name),
        inputs: c.inputs.map((i) => ({ name: foldName(i.name), type: foldName(show(i.type)), required: i.required })),
        accumulators: c.accumulators.map((x) => ({ name: foldName(x.decl.name.text), fields: x.decl.fields.map((f) => foldName(f.name.text)) })),
        outputs: c.outputs.map((o) => ({ name: foldName(o.name), type: foldName(show(o.type)) })),
      }));
    expect(shape(trad)).toEqual(shape(base));
    expect(shape(base)[0]).toMatchObject({
      calculator: "住院结算",
      outputs: ["起付标准", "统筹支付", "二档支付", "大病支付", "个人负担"].map((name) => ({ name, type: "金额" })),
    });
    const enums = (a: typeof base) => new Map([...a.model.enums.values()].map((e) => [e.name.key, e.members.map((m) => m.key)]));
    const tradEnums = enums(trad);
    const baseEnums = enums(base);
    expect([...tradEnums.keys()].sort()).toEqual(["参保身份", "医院级别", "特殊人群", "病种"].map(foldName).sort());
    for (const [key, members] of tradEnums) expect(members, key).toEqual(baseEnums.get(key));
    expect(tradEnums.get(foldName("病种"))).toHaveLength(28);
  });

  describe("through the compiler", () => {
    type Loaded = Awaited<ReturnType<typeof import("../packages/compiler/src/load.js").loadPolicy>>;
    const load = async () => {
      const { loadPolicy } = await import("../packages/compiler/src/load.js");
      return Promise.all([loadPolicy(BASE), loadPolicy(TRAD)]);
    };
    const calculatorOf = (p: Loaded, name: string) => {
      const c = p.calculators.find((x) => foldName(x.name) === foldName(name));
      expect(c, name).toBeDefined();
      return c!;
    };

    const foldKeys = (r: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(r).filter(([k]) => k !== "计算过程").map(([k, v]) => [foldName(k), v]));

    const cases = base.model.examples
      .filter((ex) => CALCULATORS.includes(ex.calculator.key))
      .map((ex) => ({ calculator: ex.calculator.text, title: ex.title, inputs: ex.cases.map((c) => exampleJson(c.input) as Record<string, unknown>) }));

    /** Results, or the refusal / input error (its field and reason, folded; the citation's script may differ). */
    const outcome = (f: () => Record<string, unknown>[]) => {
      try {
        return f().map(foldKeys);
      } catch (e) {
        const err = e as { field?: string; 原因?: string; message?: string };
        return { error: foldName(String(err.field ?? "")), reason: foldName(String(err.原因 ?? err.message ?? "")) };
      }
    };

    it("covers every example of base.policy for both calculators", () => {
      expect(cases.filter((c) => c.calculator === "住院结算").length).toBeGreaterThanOrEqual(25);
      expect(cases.filter((c) => c.calculator === "特定病种门诊").length).toBeGreaterThanOrEqual(20);
    });

    it("gives the same results on every example input of base.policy", async () => {
      const [b, t] = await load();
      let refused = 0;
      for (const { calculator, title, inputs } of cases) {
        const cb = calculatorOf(b, calculator);
        const ct = calculatorOf(t, calculator);
        const run = (c: typeof cb) => () => (inputs.length === 1 ? [c.run(inputs[0], { 计算过程: true })] : c.runSequence(inputs, { 计算过程: true }));
        const rb = outcome(run(cb));
        const rt = outcome(run(ct));
        expect(rt, title).toEqual(rb);
        if (!Array.isArray(rb)) {
          refused++;
          continue;
        }
        // Same rules, same steps: only the wording of 说明 / 依据 may differ.
        const steps = (c: typeof cb) => run(c)().map((r) => (r["计算过程"] as unknown[] | undefined)?.length);
        expect(steps(ct), title).toEqual(steps(cb));
      }
      // The refusals (仅限城乡居民, no disease, a date before 2018) are compared too.
      expect(refused).toBeGreaterThanOrEqual(4);
    });

    it("accepts traditional-script input names and values in the simplified policy, and vice versa", async () => {
      const [b, t] = await load();
      const { toTraditional } = await import("@zhengce/runtime/fold");
      const convert = (v: unknown): unknown =>
        typeof v === "string" ? toTraditional(v) : Array.isArray(v) ? v.map(convert) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [toTraditional(k), convert(x)])) : v;
      for (const { calculator, title, inputs } of cases) {
        const run = (c: ReturnType<typeof calculatorOf>, xs: unknown[]) => () => (xs.length === 1 ? [c.run(xs[0])] : c.runSequence(xs));
        const plain = outcome(run(calculatorOf(b, calculator), inputs));
        expect(outcome(run(calculatorOf(b, calculator), inputs.map(convert))), title).toEqual(plain);
        expect(outcome(run(calculatorOf(t, calculator), inputs.map(convert))), title).toEqual(plain);
      }
    });

    it("passes its own traditional-script examples", async () => {
      const [, t] = await load();
      const outcomes = t.runExamples();
      expect(outcomes.length).toBe(20);
      expect(outcomes.filter((o) => foldName(o.calculator) === foldName("特定病种门诊")).length).toBe(12);
      expect(outcomes.filter((o) => !o.passed)).toEqual([]);
    });
  });
});
