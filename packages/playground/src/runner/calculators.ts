// The calculators of the policy being edited, compiled through the compiler's public surface
// (compileAnalysis) once per analysis — the same compiled policy runs the worked examples for
// the language server and the page's form, chart and explanation.
import { compileAnalysis, type CompiledPolicy } from "@zhengce/compiler";
import { foldName, show, type Analysis } from "@zhengce/dsl";
import { calculatorAt } from "../cursor.js";
import type { CalculatorsResult } from "../protocol.js";

const compiled = new WeakMap<Analysis, CompiledPolicy>();

/** compileAnalysis, remembered per analysis (the language server passes the same objects). */
export function compile(analysis: Analysis): CompiledPolicy {
  let c = compiled.get(analysis);
  if (!c) compiled.set(analysis, (c = compileAnalysis(analysis)));
  return c;
}

/** The last analysis of each file that checked without errors, so a typo does not empty the form. */
const lastGood = new Map<string, Analysis>();

export function hasErrors(analysis: Analysis): boolean {
  return analysis.diagnostics.some((d) => d.severity === "error");
}

/** The analysis whose calculators the page runs: the current one, or the last that checked. */
export function runnable(uri: string, current: Analysis | undefined): { analysis?: Analysis; stale: boolean } {
  if (current && !hasErrors(current)) {
    lastGood.set(uri, current);
    return { analysis: current, stale: false };
  }
  return { analysis: lastGood.get(uri), stale: true };
}

export function calculatorsOf(uri: string, current: Analysis | undefined, position?: { line: number; character: number }): CalculatorsResult {
  const { analysis, stale } = runnable(uri, current);
  const errors = current ? current.diagnostics.filter((d) => d.severity === "error").length : 0;
  if (!analysis) return { stale, errors, calculators: [] };
  const policy = compile(analysis);
  const calculators = policy.calculators.map((c) => {
    const info = analysis.model.calculators.get(foldName(c.name));
    return { name: c.name, inputFields: c.inputFields, outputs: (info?.outputs ?? []).map((o) => ({ name: o.name, type: show(o.type) })) };
  });
  const result: CalculatorsResult = { stale, errors, calculators };
  if (current && position) result.atCursor = calculatorAt(current, position);
  if (!stale && analysis.model.examples.some((e) => e.uri === uri)) {
    const outcomes = policy.runExamples().filter((o) => o.uri === uri);
    result.examples = { total: outcomes.length, failed: outcomes.filter((o) => !o.passed).length };
  }
  return result;
}
