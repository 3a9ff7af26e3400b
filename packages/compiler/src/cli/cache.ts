// What the compiler made of a policy, kept between runs: `zhengce calc` on an unchanged policy
// reads one JSON file and evaluates the emitted code, without loading the parser, the checker
// or the compiler at all; `zhengce compile` of an unchanged policy writes the files it wrote
// before without analysing or formatting anything.
//
// An entry is found by the hash of the compiler's build (its version and its files' sizes and
// times), the kind of artefact, what else it depends on, and the policy's text; it records every
// file the analysis read (the policy, its `基于` bases, the notices they cite) with the hash of its
// content, or that it was absent, and is used only while each still matches — so editing a base
// invalidates every amendment built on it, and editing or creating a notice every policy citing it.
// Entries are written to a temporary file and renamed, so concurrent runs never see half an
// entry; an unreadable or corrupt entry is a miss, and a cache directory that cannot be written
// is simply not used.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Diagnostic } from "@zhengce/dsl";
import type { CompiledCalculator, CompiledPolicy } from "../api.js";
import { calculatorsOf, evaluate } from "../generated.js";
import { tempPathFor } from "./io.js";

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

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** `$ZHENGCE_CACHE_DIR`, else `$XDG_CACHE_HOME/zhengce`, else `~/.cache/zhengce`. */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ZHENGCE_CACHE_DIR) return env.ZHENGCE_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "zhengce");
}

const stamps = new Map<string, string>();

/**
 * The compiler build: the version and every built file's size and time in the directories of
 * the compiler module, the language front end and the runtime. A rebuild changes it.
 */
function buildStamp(compilerModule: string): string {
  const known = stamps.get(compilerModule);
  if (known !== undefined) return known;
  const module = fileURLToPath(compilerModule);
  // Only a built compiler has a build to identify: run from TypeScript sources (the tests), no cache.
  if (!existsSync(module)) throw new Error(`没有编译好的编译器模块：${module}`);
  const roots = [dirname(module)];
  for (const pkg of ["@zhengce/dsl", "@zhengce/runtime"]) roots.push(dirname(fileURLToPath(import.meta.resolve(pkg))));
  const parts: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "cli" && entry.name !== "bench" && entry.name !== "node_modules") walk(path);
      } else if (entry.name.endsWith(".js")) {
        const s = statSync(path);
        parts.push(`${path}\0${s.size}\0${s.mtimeMs}`);
      }
    }
  };
  for (const root of roots) walk(root);
  const stamp = sha256(parts.join("\n"));
  stamps.set(compilerModule, stamp);
  return stamp;
}

/** Entries kept at most; the oldest go first. */
const MAX_ENTRIES = 200;

interface StoredEntry<T> {
  format: 3;
  /** null: the file was absent, and must still be. */
  sources: { path: string; sha256: string | null }[];
  value: T;
}

/**
 * Artefacts of a policy file, each kind (`check`, `policy`, `calculator`, `emit`, `describe`) under a key made of the
 * compiler's build, the policy's text and what else the artefact depends on (`parts`), and kept
 * only while every file the analysis read still has the content it had.
 */
export class ArtefactStore {
  private readonly stamp: string;

  /** Throws when the compiler's build cannot be identified (then there is no cache). */
  constructor(
    private readonly dir: string,
    compilerModule: string,
  ) {
    this.stamp = buildStamp(compilerModule);
  }

  // The policy's path is part of the key: what is made from it names it (emitted file names,
  // diagnostics, the bases it resolves), so a copy of the same text elsewhere is another entry.
  private entryPath(kind: string, path: string | undefined, parts: readonly string[], textHash: string): string {
    return join(this.dir, `${sha256([this.stamp, kind, path ?? "", ...parts, textHash].join("\0"))}.json`);
  }

  /** The artefact for the policy at `path` (absolute; none for what depends on `parts` alone), or undefined. */
  get<T>(kind: string, path: string | undefined, parts: readonly string[] = []): T | undefined {
    try {
      const textHash = path === undefined ? "" : sha256(readFileSync(path, "utf8"));
      const entry = JSON.parse(readFileSync(this.entryPath(kind, path, parts, textHash), "utf8")) as StoredEntry<T>;
      if (entry.format !== 3) return undefined;
      for (const s of entry.sources) {
        const now = s.path === path ? textHash : existsSync(s.path) ? sha256(readFileSync(s.path, "utf8")) : null;
        if (now !== s.sha256) return undefined;
      }
      return entry.value;
    } catch {
      return undefined;
    }
  }

  /** Keep an artefact made from `sources` (every file read, with the text read, null for one that was absent); never fails the command. */
  put<T>(kind: string, path: string | undefined, parts: readonly string[], value: T, sources: readonly (readonly [string, string | null])[] = []): void {
    const main = sources.find(([p]) => p === path)?.[1] ?? null;
    if (path !== undefined && main === null) return;
    const entry: StoredEntry<T> = { format: 3, sources: sources.map(([p, text]) => ({ path: p, sha256: text === null ? null : sha256(text) })), value };
    const target = this.entryPath(kind, path, parts, main === null ? "" : sha256(main));
    const temp = tempPathFor(target);
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(temp, JSON.stringify(entry));
      renameSync(temp, target);
      this.evict();
    } catch {
      try {
        unlinkSync(temp);
      } catch {
        // nothing written
      }
    }
  }

  private evict(): void {
    const names = readdirSync(this.dir).filter((n) => n.endsWith(".json"));
    if (names.length <= MAX_ENTRIES) return;
    const byAge = names.map((n) => ({ n, t: statSync(join(this.dir, n)).mtimeMs })).sort((a, b) => a.t - b.t);
    for (const { n } of byAge.slice(0, names.length - MAX_ENTRIES)) {
      try {
        unlinkSync(join(this.dir, n));
      } catch {
        // another run removed it
      }
    }
  }
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
