// What the compiler made of a policy, kept between runs: `zhengce calc` on an unchanged policy
// reads one JSON file and evaluates the emitted code, without loading the parser, the checker
// or the compiler at all; `zhengce compile` of an unchanged policy writes the files it wrote
// before without analysing or formatting anything.
//
// The entries are kept by an ArtefactStore (store.ts): keyed by the compiler's build, the
// policy's text and every file it read, written atomically.
import type { Diagnostic } from "@zhengce/dsl";
import type { CompiledCalculator, CompiledPolicy } from "../api.js";
import { calculatorsOf, evaluate } from "../generated.js";
import type { ArtefactStore } from "./store.js";

export { ArtefactStore, cacheDirectory } from "./store.js";

/** What the compiler module offers the cache (the real compiler's `compileForCache`). */
export interface Compilation {
  policy: CompiledPolicy;
  /** The emitted function body (absent when the policy has errors). */
  code?: string;
  /** Every file the analysis read, with its text (null: it was absent). */
  sources: [string, string | null][];
  /** Every calculator of the policy by name (a compilation of one calculator holds only that one). */
  calculators?: string[];
}

/** What `check` shows of a policy. */
export interface Checked {
  diagnostics: Diagnostic[];
  hasErrors: boolean;
}

interface PolicyEntry extends Checked {
  code?: string;
  /** Each calculator's published input schema, made from the IR when the policy was compiled. */
  inputSchemas?: Record<string, object>;
}

/**
 * Checked and compiled policies, for `check`, `calc` and `batch`: a policy's diagnostics (`check`),
 * its whole compilation, and compilations of one calculator (`calc` and `batch` run one; the key
 * is the name as asked for). Every compilation keeps the diagnostics as well, so a `check` after
 * a `calc` reads them; a `check` compiles nothing.
 */
export class PolicyCache {
  constructor(private readonly store: ArtefactStore) {}

  /** The cached diagnostics of the policy at `path` (absolute), or undefined. */
  checked(path: string): Checked | undefined {
    return this.store.get<Checked>("check", path);
  }

  /** Keep a policy's diagnostics, made from `sources` (every file the analysis read, with its text; null: absent). */
  putChecked(path: string, checked: Checked, sources: readonly (readonly [string, string | null])[]): void {
    this.store.put<Checked>("check", path, [], { diagnostics: checked.diagnostics, hasErrors: checked.hasErrors }, sources);
  }

  /**
   * The cached policy at `path` (absolute) — with `calculator`, a compilation of that calculator
   * alone — or undefined. Its worked examples are not cached: `zhengce test` does not use it.
   */
  get(path: string, calculator?: string): CompiledPolicy | undefined {
    const entry = calculator === undefined ? this.store.get<PolicyEntry>("policy", path) : this.store.get<PolicyEntry>("calculator", path, [calculator]);
    if (!entry) return undefined;
    const noExamples = (): never => {
      throw new Error(`缓存中的政策「${path}」不带示例`);
    };
    let calculators: CompiledCalculator[] | undefined;
    return {
      uri: path,
      diagnostics: entry.diagnostics,
      hasErrors: entry.hasErrors,
      // Evaluated on first use: `check` needs only the diagnostics, and building the
      // calculators compiles every input validator.
      get calculators() {
        return (calculators ??= entry.code === undefined ? [] : calculatorsOf(evaluate(entry.code), (name) => entry.inputSchemas?.[name] ?? {}));
      },
      runExamples: noExamples,
      exampleCoverage: noExamples,
    };
  }

  /** Keep a compilation (of `calculator` alone when given) and its diagnostics; never fails the command (a cache that cannot be written is not used). */
  put(path: string, c: Compilation, calculator?: string): void {
    const entry: PolicyEntry = {
      diagnostics: c.policy.diagnostics,
      hasErrors: c.policy.hasErrors,
      ...(c.code === undefined ? {} : { code: c.code }),
      inputSchemas: Object.fromEntries(c.policy.calculators.map((k) => [k.name, k.inputSchema])),
    };
    if (calculator === undefined) this.store.put("policy", path, [], entry, c.sources);
    else this.store.put("calculator", path, [calculator], entry, c.sources);
    this.putChecked(path, c.policy, c.sources);
  }
}
