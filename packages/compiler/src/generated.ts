// The emitted function body of a policy (`emit(…, { module: "function" })`), evaluated with the
// runtime: its calculators. Shared by the in-memory compile and the CLI's cache, which builds
// calculators from cached code without loading the language front end.
import * as runtime from "@zhengce/runtime";
import type { FieldSpec } from "@zhengce/runtime";
import type { CompiledCalculator } from "./api.js";

export type Generated = Record<
  string,
  { name: string; inputFields: FieldSpec[]; outputSchema: object; run: CompiledCalculator["run"]; runSequence: CompiledCalculator["runSequence"] }
>;

/** Evaluate emitted code; `rt` may add to the runtime (coverage counters). */
export function evaluate(code: string, rt: object = runtime): Generated {
  return new Function("rt", code)(rt) as Generated;
}

/** `inputSchema`: the published input schema of a calculator (the compiler's, kept in the cache). */
export function calculatorsOf(generated: Generated, inputSchema: (name: string) => object): CompiledCalculator[] {
  return Object.values(generated).map((g) => ({
    name: g.name,
    inputFields: g.inputFields,
    inputSchema: inputSchema(g.name),
    outputSchema: g.outputSchema,
    run: g.run,
    runSequence: g.runSequence,
  }));
}
