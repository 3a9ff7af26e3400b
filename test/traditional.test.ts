// The traditional-script spelling of the 江门 住院结算 rules (test/fixtures/jiangmen-traditional.policy,
// traditional keywords, names and citations, some full-width digits) must define the same policy as
// policies/jiangmen/base.policy: no errors, the same declarations once names are folded, the same
// calculators, inputs and outputs, and — through the compiler — the same results on every worked
// example of the base policy.
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { analyze } from "../packages/dsl/src/analyze.js";
import { foldName } from "../packages/dsl/src/fold.js";
import { show } from "../packages/dsl/src/types.js";
import type { Expr } from "../packages/dsl/src/ast.js";

const path = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const BASE = path("policies/jiangmen/base.policy");
const TRAD = path("test/fixtures/jiangmen-traditional.policy");
const LOAD = path("packages/compiler/src/load.ts");

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
    if (k === "text" || k === "explain") out[k] = typeof x === "string" ? foldName(x) : x;
    else if (k === "mark" && x && typeof x === "object") out[k] = { inclusive: (x as { inclusive: boolean }).inclusive };
    else out[k] = normalize(x);
  }
  return out;
}

const rules = (a: typeof base) => a.ast.declarations.filter((d) => d.kind !== "ExampleDecl").map(normalize);

describe("traditional-script spelling of 住院结算", () => {
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
    expect(rules(trad)).toEqual(rules(base));
  });

  it("defines the same calculators, inputs, accumulators and outputs after folding", () => {
    const shape = (a: typeof base) =>
      [...a.model.calculators.values()].map((c) => ({
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
    const enums = (a: typeof base) => [...a.model.enums.values()].map((e) => [e.name.key, e.members.map((m) => m.key)]);
    expect(enums(trad)).toEqual(enums(base));
  });

  describe.skipIf(!existsSync(LOAD))("through the compiler", () => {
    type Loaded = Awaited<ReturnType<typeof import("../packages/compiler/src/load.js").loadPolicy>>;
    const load = async () => {
      const { loadPolicy } = await import("../packages/compiler/src/load.js");
      return Promise.all([loadPolicy(BASE), loadPolicy(TRAD)]);
    };
    const calculatorOf = (p: Loaded) => {
      const c = p.calculators.find((x) => foldName(x.name) === foldName("住院结算"));
      expect(c, "住院结算").toBeDefined();
      return c!;
    };

    /** An example's input record as the JSON a caller sends (money as a decimal string). */
    const toJson = (e: Expr): unknown => {
      switch (e.kind) {
        case "Number":
          return e.unit === "元" ? e.value : Number(e.value);
        case "Bool":
          return e.value;
        case "Date":
          return e.value;
        case "Ref":
          return e.name.text;
        case "List":
          return e.items.map(toJson);
        case "Record":
          return Object.fromEntries(e.fields.map((f) => [f.name.text, toJson(f.value)]));
        default:
          throw new Error(`示例输入中不支持的值：${e.kind}`);
      }
    };
    const foldKeys = (r: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(r).filter(([k]) => k !== "计算过程").map(([k, v]) => [foldName(k), v]));

    const cases = base.model.examples.map((ex) => ({ title: ex.title, inputs: ex.cases.map((c) => toJson(c.input) as Record<string, unknown>) }));

    it("covers every example of base.policy", () => {
      expect(cases.length).toBeGreaterThanOrEqual(25);
    });

    it("gives the same results on every example input of base.policy", async () => {
      const [b, t] = await load();
      const cb = calculatorOf(b);
      const ct = calculatorOf(t);
      for (const { title, inputs } of cases) {
        const run = (c: typeof cb) => (inputs.length === 1 ? [c.run(inputs[0], { explain: true })] : c.runSequence(inputs, { explain: true }));
        const rb = run(cb);
        const rt = run(ct);
        expect(rt.map(foldKeys), title).toEqual(rb.map(foldKeys));
        // Same rules, same steps: only the wording of 说明 / 依据 may differ.
        expect(rt.map((r) => (r["计算过程"] as unknown[] | undefined)?.length), title).toEqual(rb.map((r) => (r["计算过程"] as unknown[] | undefined)?.length));
      }
    });

    it("accepts traditional-script input names and values in the simplified policy, and vice versa", async () => {
      const [b, t] = await load();
      const { toTraditional } = await import("@zhengce/runtime");
      const convert = (v: unknown): unknown =>
        typeof v === "string" ? toTraditional(v) : Array.isArray(v) ? v.map(convert) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [toTraditional(k), convert(x)])) : v;
      for (const { title, inputs } of cases) {
        const run = (c: ReturnType<typeof calculatorOf>, xs: unknown[]) => (xs.length === 1 ? [c.run(xs[0])] : c.runSequence(xs));
        const plain = run(calculatorOf(b), inputs).map(foldKeys);
        expect(run(calculatorOf(b), inputs.map(convert)).map(foldKeys), title).toEqual(plain);
        expect(run(calculatorOf(t), inputs.map(convert)).map(foldKeys), title).toEqual(plain);
      }
    });

    it("passes its own traditional-script examples", async () => {
      const [, t] = await load();
      const outcomes = t.runExamples();
      expect(outcomes.length).toBe(3);
      expect(outcomes.filter((o) => !o.passed)).toEqual([]);
    });
  });
});
