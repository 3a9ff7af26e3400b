// The compiler's public surface, shared by the CLI, the language server and tests.
// Everything that runs a calculator goes through `loadPolicy`, so `calc`, `batch`,
// `test` and the editor execute exactly the code that `compile` writes.
import type { FieldSpec } from "@zhengce/runtime";
import type { Diagnostic } from "@zhengce/dsl";

export interface CompiledCalculator {
  /** The calculator's name in the policy's own spelling. */
  name: string;
  inputFields: FieldSpec[];
  inputSchema: object;
  outputSchema: object;
  /** One case. Throws `InputError` (from @zhengce/runtime) for bad input or a refusal. `计算过程` is empty unless `explain` is true. */
  run(raw: unknown, options?: { 计算过程?: boolean; 十进制?: boolean }): Record<string, unknown>;
  /** The claims of one person in one year, in date order; accumulators carried from one to the next. */
  runSequence(raws: unknown[], options?: { 计算过程?: boolean; 十进制?: boolean }): Record<string, unknown>[];
}

export interface ExampleOutcome {
  calculator: string;
  title: string;
  /** 1-based line of the example in its file. */
  line: number;
  uri: string;
  passed: boolean;
  /** One entry per mismatching output field (per case for a sequence). */
  failures: { case: number; field: string; expected: string; actual: string }[];
  /** Set when the example could not run at all (bad input, refusal). */
  error?: string;
}

export interface CompiledPolicy {
  /** Absolute path of the policy file. */
  uri: string;
  diagnostics: Diagnostic[];
  hasErrors: boolean;
  calculators: CompiledCalculator[];
  runExamples(): ExampleOutcome[];
  /** Declarations (parameters, brackets, steps, modifier branches, refusals) that no worked example reaches. */
  exampleCoverage(): { declarations: string[]; uncovered: string[] };
}
