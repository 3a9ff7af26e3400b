// Compile a policy in memory and hand out its calculators. The CLI (`calc`, `batch`, `test`)
// and the language server run exactly this code: the emitter's output for the policy,
// evaluated as a function of the runtime module.
import { readFileSync, existsSync } from "node:fs";
import { dirname, resolve, isAbsolute, relative } from "node:path";
import * as runtime from "@zhengce/runtime";
import { Decimal } from "@zhengce/runtime";
import { fold } from "@zhengce/runtime/fold-names";
import { analyze, foldName, LineIndex, UNIT_TYPES, type Analysis, type AnalyzeHost, type Diagnostic, type Expr, type Type } from "@zhengce/dsl";
import type { CompiledCalculator, CompiledPolicy, ExampleOutcome } from "./api.js";
import { calculatorPaths, constantsRead, emit, emitDeclarations, type CalculatorPath } from "./emit.js";
import { formatModule, type FormatMemory, type ModuleParser } from "./format.js";
import { calculatorsOf, evaluate, type Generated } from "./generated.js";
import { inputSchema, policySchema } from "./schema.js";
import { literalJson } from "./literal.js";
import { lower } from "./lower.js";
import type { IRPolicy } from "./ir.js";

export type { CompiledCalculator, CompiledPolicy, ExampleOutcome } from "./api.js";

/** Reads base files of amendments from disk. */
export const fileHost: AnalyzeHost = {
  readFile: (uri) => (existsSync(uri) ? readFileSync(uri, "utf8") : undefined),
  resolve: (from, relative) => (isAbsolute(relative) ? relative : resolve(dirname(from), relative)),
};

/**
 * Every file an analysis read, with the text read (null: it was absent): the policy, its 基于
 * bases and the notices (原文) they cite. The CLI's cache keeps an artefact only while each is
 * as it was, so editing a notice, or creating one that was missing, invalidates it too.
 */
export type FilesRead = [string, string | null][];

/** `fileHost`, recording what it reads into `read`. */
function recordingHost(read: Map<string, string | null>): AnalyzeHost {
  return {
    resolve: fileHost.resolve,
    readFile: (uri) => {
      const text = fileHost.readFile(uri);
      if (!read.has(uri)) read.set(uri, text ?? null);
      return text;
    },
  };
}

/** The CLI reads no tokens or CST of an analysis: it keeps only the AST and the model (analyze's `keepSyntax`). */
function analyzeFile(uri: string, read = new Map<string, string | null>()): Analysis {
  const text = readFileSync(uri, "utf8");
  if (!read.has(uri)) read.set(uri, text);
  return analyze(text, uri, recordingHost(read), { keepSyntax: false });
}

export async function loadPolicy(path: string): Promise<CompiledPolicy> {
  return compileAnalysis(analyzeFile(resolve(path)));
}

/**
 * The diagnostics of a policy, without compiling it: `check` (its cache keeps them apart from
 * any compilation). A profile of checking a 100 000-line policy showed lowering, emitting and
 * evaluating the calculators at half of the time, for code nobody ran; a cold `check` of 江门
 * base.policy spent a third of its time compiling every calculator only to fill the cache.
 */
export async function checkPolicy(path: string): Promise<{ uri: string; diagnostics: Diagnostic[]; hasErrors: boolean; sources: FilesRead }> {
  const read = new Map<string, string | null>();
  const analysis = analyzeFile(resolve(path), read);
  return { uri: analysis.uri, diagnostics: analysis.diagnostics, hasErrors: analysis.diagnostics.some((d) => d.severity === "error"), sources: [...read] };
}

/**
 * For the CLI's cache of compiled policies: the compiled policy, the emitted code it runs
 * (absent when the policy has errors) and every file the analysis read with its text (`FilesRead`).
 * `calculator`: only that calculator (its name folded as the policy's names are) and the
 * constants it reads are emitted — `calc` runs one, and a profile of a cold `calc` of 住院结算
 * put most of the compilation into emitting the other 17 of 江门's calculators. `calculators`
 * names every calculator of the policy either way.
 */
export async function compileForCache(
  path: string,
  options: { calculator?: string } = {},
): Promise<{ policy: CompiledPolicy; code?: string; sources: FilesRead; calculators: string[] }> {
  const read = new Map<string, string | null>();
  const analysis = analyzeFile(resolve(path), read);
  const { policy, code, calculators } = compileWithCode(analysis, options.calculator);
  return { policy, ...(code === undefined ? {} : { code }), sources: [...read], calculators };
}

/** The policy's IR restricted to one calculator (by folded name) and the constants it reads; undefined when it has none of that name. */
function onlyCalculator(ir: IRPolicy, name: string): IRPolicy | undefined {
  const key = fold(name);
  const calc = ir.calculators.find((c) => c.name === name) ?? ir.calculators.find((c) => fold(c.name) === key);
  if (!calc) return undefined;
  const read = constantsRead(ir, [calc]);
  return { ...ir, calculators: [calc], constants: ir.constants.filter((k) => read.has(k.sym.name)) };
}

const cache = new Map<string, Generated>();

/** Evaluate the emitted code for an analysed policy; cached by the generated source. */
export function compileAnalysis(analysis: Analysis): CompiledPolicy {
  return compileWithCode(analysis).policy;
}

/** `only`: compile just that calculator (none when the policy has no calculator of that name). */
function compileWithCode(analysis: Analysis, only?: string): { policy: CompiledPolicy; code?: string; calculators: string[] } {
  const hasErrors = analysis.diagnostics.some((d) => d.severity === "error");
  let ir: IRPolicy | undefined;
  let code: string | undefined;
  let generated: Generated = {};
  let names: string[] = [];
  if (!hasErrors) {
    ir = lower(analysis);
    names = ir.calculators.map((c) => c.name);
    if (only !== undefined) ir = onlyCalculator(ir, only);
  }
  if (ir) {
    code = emit(ir, { typed: false, module: "function", sourceName: analysis.uri });
    let hit = cache.get(code);
    if (!hit) {
      hit = evaluate(code);
      if (cache.size > 50) cache.clear();
      cache.set(code, hit);
    }
    generated = hit;
  }
  const calculators = calculatorsOf(generated, (name) => inputSchema(ir!.calculators.find((c) => c.name === name)!, ir!));
  // Coverage needs an instrumented build of the same emitted code; it is made only when asked
  // for (`zhengce test`), so an editor running examples on each change builds once.
  let coverage: { declarations: string[]; uncovered: string[] } | undefined;
  const exampleCoverage = () => {
    if (!coverage) {
      const reached = new Set<string>();
      let instrumented: CompiledCalculator[] = [];
      if (ir) {
        const code = emit(ir, { typed: false, module: "function", sourceName: analysis.uri, coverage: true });
        const cov = (...labels: string[]) => {
          for (const l of labels) reached.add(l);
        };
        const g = evaluate(code, { ...runtime, cov });
        instrumented = Object.values(g).map((x) => ({ ...calculators.find((c) => c.name === x.name)!, run: x.run, runSequence: x.runSequence }));
      }
      runExamples(analysis, instrumented);
      const declarations = ir?.declarations ?? [];
      coverage = { declarations, uncovered: declarations.filter((d) => !reached.has(d)) };
    }
    return coverage;
  };
  let outcomes: ExampleOutcome[] | undefined;
  const policy: CompiledPolicy = {
    uri: analysis.uri,
    diagnostics: analysis.diagnostics,
    hasErrors,
    calculators,
    runExamples: () => (outcomes ??= runExamples(analysis, calculators)),
    exampleCoverage,
  };
  return code === undefined ? { policy, calculators: names } : { policy, code, calculators: names };
}

export function findCalculator(policy: CompiledPolicy, name: string): CompiledCalculator | undefined {
  const key = fold(name);
  return policy.calculators.find((c) => fold(c.name) === key);
}

// ── worked examples ──

function runExamples(analysis: Analysis, calculators: CompiledCalculator[]): ExampleOutcome[] {
  const text = analysis.sources.get(analysis.uri) ?? analysis.text;
  const lines = new LineIndex(text);
  const lineOf = (offset: number) => lines.position(offset).line + 1;
  const outcomes: ExampleOutcome[] = [];
  for (const ex of analysis.model.examples) {
    if (ex.uri !== analysis.uri) continue;
    const calc = calculators.find((c) => foldName(c.name) === ex.calculator.key);
    const info = analysis.model.calculators.get(ex.calculator.key);
    const outcome: ExampleOutcome = { calculator: ex.calculator.text, title: ex.title, line: lineOf(ex.span.start), uri: ex.uri, passed: false, failures: [] };
    outcomes.push(outcome);
    if (!calc || !info) {
      outcome.error = `计算「${ex.calculator.text}」不存在`;
      continue;
    }
    const errorKey = foldName("错误");
    const expectedError = ex.cases.flatMap((c) => c.expect.fields).find((f) => f.name.key === errorKey);
    try {
      const inputs = ex.cases.map((c) => exampleJson(c.input));
      const results = inputs.length === 1 ? [calc.run(inputs[0], { 计算过程: false })] : calc.runSequence(inputs, { 计算过程: false });
      if (expectedError) {
        outcome.failures.push({ case: ex.cases.length, field: "错误", expected: String(exampleJson(expectedError.value)), actual: "（没有错误）" });
      }
      ex.cases.forEach((c, i) => {
        for (const f of c.expect.fields) {
          const out = info.outputs.find((o) => o.key === f.name.key);
          if (!out) continue;
          const actual = results[i]?.[out.name];
          const cmp = compareValue(f.value, actual, out.type);
          if (!cmp.equal) outcome.failures.push({ case: i + 1, field: out.name, expected: cmp.expected, actual: cmp.actual });
        }
      });
      outcome.passed = outcome.failures.length === 0;
    } catch (e) {
      const message = runtime.formatError(e);
      // An example may expect a refusal or an input error: `期望 { 错误：「仅限城乡居民身份参保人」 }`.
      const want = expectedError ? String(exampleJson(expectedError.value)) : undefined;
      if (want !== undefined && fold(message).includes(fold(want))) outcome.passed = true;
      else if (want !== undefined) outcome.failures.push({ case: ex.cases.length, field: "错误", expected: want, actual: message });
      else outcome.error = message;
    }
  }
  return outcomes;
}

/** An example's literal record as the JSON a caller would send (money as a decimal string). */
export function exampleJson(e: Expr): unknown {
  switch (e.kind) {
    case "Number":
      return literalJson(e.value, UNIT_TYPES[e.unit]);
    case "Unary":
      return e.op === "-" ? `-${exampleJson(e.operand)}` : exampleJson(e.operand);
    case "Bool":
      return e.value;
    case "None":
      return null;
    case "Date":
      return e.value;
    case "Text":
      return e.value;
    case "Ref":
      return e.name.text;
    case "List":
      return e.items.map(exampleJson);
    case "Record":
      return Object.fromEntries(e.fields.map((f) => [f.name.text, exampleJson(f.value)]));
    default:
      return null;
  }
}

function compareValue(expected: Expr, actual: unknown, type: Type): { equal: boolean; expected: string; actual: string } {
  const shownActual = actual === null || actual === undefined ? "无" : Array.isArray(actual) ? actual.join("、") : String(actual);
  if (expected.kind === "None") return { equal: actual === null, expected: "无", actual: shownActual };
  if (expected.kind === "Number") {
    const want = new Decimal(expected.value);
    let got: Decimal | undefined;
    try {
      got = typeof actual === "string" ? new Decimal(actual.replace(/%$/, "")).div(actual.endsWith("%") ? 100 : 1) : typeof actual === "number" ? new Decimal(actual) : undefined;
    } catch {
      got = undefined;
    }
    const shownExpected = type.k === "money" ? `${want.toFixed(2)}` : type.k === "rate" ? `${want.times(100).toString()}%` : want.toString();
    return { equal: !!got && got.eq(want), expected: shownExpected, actual: shownActual };
  }
  const want = exampleJson(expected);
  const norm = (v: unknown): string => (typeof v === "string" ? fold(v) : Array.isArray(v) ? v.map(norm).join("、") : String(v));
  return { equal: norm(want) === norm(actual), expected: Array.isArray(want) ? want.join("、") : String(want), actual: shownActual };
}

// ── files for `zhengce compile` ──

export type Target = "ts" | "js" | "dts" | "schema";

export interface EmitPolicyOptions {
  baseModule?: (basePath: string) => string | undefined;
  decimal?: boolean;
  /** Formats of the modules' chunks made before (format.ts): read, and given the new ones. */
  formats?: FormatMemory;
}

export interface EmittedFiles {
  diagnostics: Analysis["diagnostics"];
  files: { name: string; content: string }[];
  /** The path each calculator got (exact integers or decimal.js) and why. */
  paths?: CalculatorPath[];
  /** Every file the analyses read, with its text (the CLI's cache keeps the outputs while these match). */
  sources: FilesRead;
}

/**
 * Generated source for a policy file, formatted with Prettier. Nothing is written here.
 * `baseModule`: for an amendment, the import specifier of its base's module when that module is
 * written too (the amendment's module then imports what it leaves unchanged). `decimal`: only the
 * decimal.js path (`--decimal`). `formats`: chunks formatted before (format.ts).
 */
export async function emitPolicy(path: string, targets: Target[], options: EmitPolicyOptions = {}): Promise<EmittedFiles> {
  const baseModule = options.baseModule;
  const uri = resolve(path);
  const read = new Map<string, string | null>();
  const analysis = analyzeFile(uri, read);
  if (analysis.diagnostics.some((d) => d.severity === "error")) return { diagnostics: analysis.diagnostics, files: [], sources: [...read] };
  const ir = lower(analysis);
  const base = baseIR(analysis, baseModule, read);
  const sources = [...read];
  const stem = uri.replace(/\.policy$/, "").split(/[\\/]/).pop()!;
  const files: { name: string; content: string }[] = [];
  // TypeScript through Babel's parser ("babel-ts"): the same output for what the emitter writes,
  // in about 60% of the time of the "typescript" parser (江门 base.ts: 1.0–1.6 s against 2.1–2.8 s).
  const pretty = (code: string, parser: ModuleParser) => formatModule(code, parser, options.formats);
  const sourceName = relative(process.cwd(), uri) || path;
  const amends = base ? { base } : {};
  const decimal = options.decimal === true;
  if (targets.includes("ts")) files.push({ name: `${stem}.ts`, content: await pretty(emit(ir, { typed: true, module: "esm", sourceName, decimal, ...amends }), "babel-ts") });
  if (targets.includes("js")) files.push({ name: `${stem}.js`, content: await pretty(emit(ir, { typed: false, module: "esm", sourceName, decimal, ...amends }), "babel") });
  if (targets.includes("dts")) files.push({ name: `${stem}.d.ts`, content: await pretty(emitDeclarations(ir, sourceName, base), "babel-ts") });
  if (targets.includes("schema")) {
    files.push({ name: `${stem}.schema.json`, content: `${JSON.stringify(policySchema(ir), null, 2)}\n` });
  }
  return { diagnostics: analysis.diagnostics, files, paths: calculatorPaths(ir, { decimal }), sources };
}

/** The IR of an amendment's base and where its module is, when the caller writes that module too. `read`: records the files read. */
export function baseIR(analysis: Analysis, baseModule?: (basePath: string) => string | undefined, read = new Map<string, string | null>()): { ir: IRPolicy; specifier: string } | undefined {
  const basedOn = analysis.model.meta.basedOn;
  if (!basedOn || !baseModule) return undefined;
  const path = fileHost.resolve(analysis.uri, basedOn);
  const specifier = baseModule(path);
  const host = recordingHost(read);
  const text = specifier === undefined ? undefined : host.readFile(path);
  if (specifier === undefined || text === undefined) return undefined;
  const base = analyze(text, path, host, { keepSyntax: false });
  return base.diagnostics.some((d) => d.severity === "error") ? undefined : { ir: lower(base), specifier };
}
