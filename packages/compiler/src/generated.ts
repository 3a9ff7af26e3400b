// The emitted function body of a policy (`emit(…, { module: "function" })`), evaluated with the
// runtime: its calculators. Shared by the in-memory compile and the CLI's cache, which builds
// calculators from cached code without loading the language front end.
import * as runtime from "@zhengce/runtime";
import { toJsonSchema, type FieldSpec } from "@zhengce/runtime";
import type { CompiledCalculator } from "./api.js";

export type Generated = Record<
  string,
  { name: string; inputFields: FieldSpec[]; outputSchema: object; run: CompiledCalculator["run"]; runSequence: CompiledCalculator["runSequence"] }
>;

/** Evaluate emitted code; `rt` may add to the runtime (coverage counters). */
export function evaluate(code: string, rt: object = runtime): Generated {
  return new Function("rt", code)(rt) as Generated;
}

export function calculatorsOf(generated: Generated): CompiledCalculator[] {
  return Object.values(generated).map((g) => ({
    name: g.name,
    inputFields: g.inputFields,
    inputSchema: toJsonSchema(g.inputFields, `${g.name}输入`),
    outputSchema: g.outputSchema,
    run: g.run,
    runSequence: g.runSequence,
  }));
}
