// How the CLI reaches the compiler and the runtime, and what it shows of a policy.
//
// The compiler is imported dynamically from one module (by default `../load.js`,
// which exports `loadPolicy` and `emitPolicy`). That module is the CLI's only seam:
// tests point `deps.compilerModule` at a fake, and batch workers import the same
// module themselves.
import { pathToFileURL } from "node:url";
import { foldKey, formatError, InputError } from "@zhengce/runtime";
import type { Diagnostic } from "@zhengce/dsl";
import type { CompiledCalculator, CompiledPolicy } from "../api.js";
import type { FormatMemory } from "../format.js";
import type { ArtefactStore, Compilation } from "./cache.js";
import { freshBundle, preferBundledChevrotain } from "@zhengce/dsl/bundled-chevrotain";
import { CliError, displayPath, oneLine, requireFile, type Io } from "./io.js";

export type { Diagnostic };
export type PolicyLoader = (path: string) => Promise<CompiledPolicy>;
export type EmitTarget = "ts" | "js" | "dts" | "schema";
export interface EmitResult {
  diagnostics: Diagnostic[];
  files: { name: string; content: string }[];
  /** Each calculator's arithmetic: exact integers or decimal.js, and why. */
  paths?: { calculator: string; path: "integer" | "decimal"; why: string }[];
  /** Every file the analysis read, with its text (null: absent), for the cache. */
  sources?: [string, string | null][];
}
/**
 * `baseModule`: for an amendment, the specifier of its base's module when that is written too. `decimal`: only decimal.js.
 * `formats`: the modules' chunks formatted before (../format.ts), given the new ones.
 */
export type PolicyEmitter = (
  path: string,
  targets: EmitTarget[],
  options?: { baseModule?: (basePath: string) => string | undefined; decimal?: boolean; formats?: FormatMemory },
) => Promise<EmitResult>;

export interface CompilerModule {
  loadPolicy: PolicyLoader;
  emitPolicy?: PolicyEmitter;
  /** The compilation (of one calculator with `calculator`) with its emitted code and sources, for the cache (cache.ts). */
  compileForCache?: (path: string, options?: { calculator?: string }) => Promise<Compilation>;
  /** Diagnostics only, nothing compiled (`check`), with the files read when the cache is to keep them; `loadPolicy` where a module lacks it. */
  checkPolicy?: (path: string) => Promise<Pick<CompiledPolicy, "uri" | "diagnostics" | "hasErrors"> & { sources?: [string, string | null][] }>;
}

export interface Deps {
  /** URL or absolute path of the module exporting `loadPolicy` (and `emitPolicy`). */
  compilerModule: string;
}

// The single-file build of load.js (scripts/bundle.mjs) while it is up to date: one file to load
// instead of some 200, and Chevrotain's single-file build inside it, without the module hook.
const BUNDLE = new URL("../load.bundle.js", import.meta.url);
export const defaultDeps: Deps = {
  compilerModule: (freshBundle(BUNDLE, [new URL("../../tsconfig.tsbuildinfo", import.meta.url)]) ? BUNDLE : new URL("../load.js", import.meta.url)).href,
};

export function importSpecifier(pathOrUrl: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(pathOrUrl) && !/^[a-z]:[\\/]/i.test(pathOrUrl)
    ? pathOrUrl
    : pathToFileURL(pathOrUrl).href;
}

export async function importCompiler(deps: Deps): Promise<CompilerModule> {
  let mod: Partial<CompilerModule>;
  if (deps.compilerModule !== BUNDLE.href) preferBundledChevrotain();
  try {
    mod = (await import(importSpecifier(deps.compilerModule))) as Partial<CompilerModule>;
  } catch (e) {
    throw new CliError(`无法加载编译器（${deps.compilerModule}）：${(e as Error).message}。请先运行 pnpm run build`, { code: "C042" });
  }
  if (typeof mod.loadPolicy !== "function") {
    throw new CliError(`编译器模块（${deps.compilerModule}）没有导出 loadPolicy`, { code: "C042" });
  }
  return mod as CompilerModule;
}

// ───────────── names and errors ─────────────

/**
 * Names compare after folding full/half width and traditional/simplified, through the tables the
 * loaded policies registered (the runtime's `foldKey`: OpenCC's dictionary stays unloaded).
 */
export function sameName(a: string, b: string): boolean {
  return a === b || foldKey(a) === foldKey(b);
}

/**
 * An InputError (or RefusalError) of the runtime. Recognised by name too, so that a
 * calculator bound to another copy of @zhengce/runtime is still reported as bad input.
 */
export function isInputError(e: unknown): e is InputError {
  return (
    e instanceof InputError ||
    (e instanceof Error && (e.name === "InputError" || e.name === "RefusalError") && typeof (e as InputError).field === "string")
  );
}

/** The one-line text of an error thrown by a calculator (without the `错误：` prefix). */
export function errorText(e: unknown): string {
  if (isInputError(e)) return oneLine(e.message);
  // Anything else is a defect: the runtime's wording, plus the error's own message for the report.
  const text = oneLine(formatError(e));
  return e instanceof Error ? `${text}（${oneLine(e.message)}）` : text;
}

// ───────────── diagnostics ─────────────

const SEVERITY = { error: "错误", warning: "警告", info: "提示" } as const;

export function formatDiagnostic(io: Io, d: Diagnostic, fallbackPath: string): string {
  const where = d.uri ? displayPath(io, d.uri) : fallbackPath;
  const start = d.range?.start ?? { line: 0, character: 0 };
  const severity = SEVERITY[d.severity] ?? d.severity;
  return `${where}:${start.line + 1}:${start.character + 1}: ${severity} ${d.code} ${oneLine(d.message)}\n`;
}

export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      (a.uri ?? "").localeCompare(b.uri ?? "") ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character,
  );
}

export function countBySeverity(list: readonly Diagnostic[]): Record<Diagnostic["severity"], number> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const d of list) counts[d.severity]++;
  return counts;
}

// ───────────── loading for a run ─────────────

/**
 * A policy for a run. With `cache`, an unchanged policy (and bases) comes from the cache of
 * compiled policies without loading the compiler; otherwise it is compiled (and kept there).
 * `calculator`: the run needs only that one (the policy's own spelling, or as a user typed it):
 * a cached compilation of it alone will do, and a compilation for the cache makes only it.
 * Throws what the compiler throws.
 */
export async function loadCompiled(deps: Deps, abs: string, cache: boolean, calculator?: string): Promise<CompiledPolicy & { names?: string[] }> {
  const store = cache ? await policyCache(deps) : undefined;
  const hit = (calculator === undefined ? undefined : store?.get(abs, calculator)) ?? store?.get(abs);
  if (hit) return hit;
  const compiler = await importCompiler(deps);
  // Without the cache, one calculator is still all that is compiled for a run of one.
  if (!compiler.compileForCache || (!store && calculator === undefined)) return compiler.loadPolicy(abs);
  const compilation = await compiler.compileForCache(abs, calculator === undefined ? {} : { calculator });
  // An unknown calculator is not kept: the error lists the policy's calculators. One asked for in
  // another spelling is kept under its own name too, which batch workers ask for.
  if (store && (calculator === undefined || compilation.policy.hasErrors || compilation.policy.calculators.length > 0)) store.put(abs, compilation, calculator);
  const own = calculator === undefined ? undefined : compilation.policy.calculators[0]?.name;
  if (store && own !== undefined && own !== calculator) store.put(abs, compilation, own);
  return { ...compilation.policy, ...(compilation.calculators ? { names: compilation.calculators } : {}) };
}

async function policyCache(deps: Deps) {
  const artefacts = await openStore(deps);
  return artefacts && new (await import("./cache.js")).PolicyCache(artefacts);
}

/** The cache, or undefined where the compiler's build cannot be identified (running from sources). */
export async function openStore(deps: Deps): Promise<ArtefactStore | undefined> {
  try {
    const { ArtefactStore, cacheDirectory } = await import("./cache.js");
    return new ArtefactStore(cacheDirectory(), importSpecifier(deps.compilerModule));
  } catch {
    return undefined;
  }
}

export async function loadPolicyFile(io: Io, deps: Deps, path: string, options: { cache?: boolean } = {}): Promise<CompiledPolicy> {
  return loading(io, path, (abs) => loadCompiled(deps, abs, options.cache === true));
}

/**
 * The diagnostics of a policy for `check`: from the cache, or checked (and kept there) without
 * compiling anything: `calc` compiles what it runs when it needs it.
 */
export async function checkPolicyFile(io: Io, deps: Deps, path: string, options: { cache?: boolean } = {}): Promise<Pick<CompiledPolicy, "uri" | "diagnostics" | "hasErrors">> {
  return loading(io, path, async (abs) => {
    const store = options.cache === true ? await policyCache(deps) : undefined;
    const hit = store?.checked(abs);
    if (hit) return { uri: abs, ...hit };
    const compiler = await importCompiler(deps);
    const checked = compiler.checkPolicy ? await compiler.checkPolicy(abs) : await compiler.loadPolicy(abs);
    if (store && "sources" in checked && checked.sources) store.putChecked(abs, checked, checked.sources);
    return checked;
  });
}

async function loading<T>(io: Io, path: string, load: (abs: string) => Promise<T>): Promise<T> {
  const abs = await requireFile(io, path, "政策文件");
  try {
    return await load(abs);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`无法加载政策文件「${path}」：${oneLine((e as Error).message ?? String(e))}`, { code: "C042" });
  }
}

/** Print a policy's error diagnostics to stderr; returns how many there were. */
export function reportErrors(io: Io, policy: CompiledPolicy, path: string): number {
  const errors = sortDiagnostics(policy.diagnostics).filter((d) => d.severity === "error");
  for (const d of errors) io.stderr.write(formatDiagnostic(io, d, path));
  return errors.length;
}

/**
 * Load a policy to run one of its calculators: a policy with errors prints its
 * error diagnostics and fails with exit 2; an unknown calculator lists the known ones.
 */
export async function loadCalculator(
  io: Io,
  deps: Deps,
  path: string,
  name: string,
  options: { cache?: boolean } = {},
): Promise<{ policy: CompiledPolicy; calculator: CompiledCalculator }> {
  const policy = await loading(io, path, (abs) => loadCompiled(deps, abs, options.cache === true, name));
  if (policy.hasErrors) throw new CliError(`政策文件「${path}」有 ${reportErrors(io, policy, path)} 个错误，无法计算`, { code: "C040" });
  return { policy, calculator: findCalculator(policy, path, name, policy.names) };
}

export function findCalculator(
  policy: CompiledPolicy,
  path: string,
  name: string,
  /** Every calculator's name, where `policy` holds only the one asked for (or none). */
  names: readonly string[] = policy.calculators.map((c) => c.name),
): CompiledCalculator {
  const found = policy.calculators.find((c) => c.name === name) ?? policy.calculators.find((c) => sameName(c.name, name));
  if (found) return found;
  const known = names.join("、") || "（无）";
  throw new CliError(`政策文件「${path}」中没有计算器「${name}」；可用的计算器：${known}`, { code: "C041" });
}
