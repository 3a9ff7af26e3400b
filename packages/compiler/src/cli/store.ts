// The store behind every cache of checked and compiled policies: the command line's (cache.ts)
// and the language server's (its diagnostics of a file just opened). Kept apart from cache.ts so
// that it loads nothing but Node's built-ins: the language server reads it before its front end.
//
// An entry is found by the hash of the build that made it (its files' sizes and times), the kind
// of artefact, what else it depends on, and the policy's text; it records every file the analysis
// read (the policy, its `基于` bases, the notices they cite) with the hash of its content, or that
// it was absent, and is used only while each still matches — so editing a base invalidates every
// amendment built on it, and editing or creating a notice every policy citing it.
// Entries are written to a temporary file and renamed, so concurrent runs never see half an
// entry; an unreadable or corrupt entry is a miss, and a cache directory that cannot be written
// is simply not used.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { tempPathFor } from "./io.js";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** `$ZHENGCE_CACHE_DIR`, else `$XDG_CACHE_HOME/zhengce`, else `~/.cache/zhengce`. */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ZHENGCE_CACHE_DIR) return env.ZHENGCE_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "zhengce");
}

const stamps = new Map<string, string>();

/**
 * The build that makes the artefacts: every built file's size and time in the directories of
 * `builtModule` (the compiler module; the language server's), the language front end and the
 * runtime. A rebuild changes it.
 */
function buildStamp(builtModule: string, alone: boolean): string {
  const known = stamps.get(`${alone}\0${builtModule}`);
  if (known !== undefined) return known;
  const module = fileURLToPath(builtModule);
  // Only a built compiler has a build to identify: run from TypeScript sources (the tests), no cache.
  if (!existsSync(module)) throw new Error(`没有编译好的模块：${module}`);
  const roots = [dirname(module)];
  if (!alone) for (const pkg of ["@zhengce/dsl", "@zhengce/runtime"]) roots.push(dirname(fileURLToPath(import.meta.resolve(pkg))));
  const parts: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "cli" && entry.name !== "bench" && entry.name !== "node_modules") walk(path);
      } else if (entry.name.endsWith(".js") || entry.name.endsWith(".cjs")) {
        const s = statSync(path);
        parts.push(`${path}\0${s.size}\0${s.mtimeMs}`);
      }
    }
  };
  for (const root of roots) walk(root);
  const stamp = sha256(parts.join("\n"));
  stamps.set(`${alone}\0${builtModule}`, stamp);
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
 * Artefacts of a policy file, each kind (`check`, `policy`, `calculator`, `emit`, `describe`; the
 * language server's `lsp-diagnostics`) under a key made of the build, the policy's text and what
 * else the artefact depends on (`parts`), and kept only while every file the analysis read still
 * has the content it had.
 */
export class ArtefactStore {
  private readonly stamp: string;

  /**
   * Throws when the build of `builtModule` cannot be identified (then there is no cache). `alone`:
   * its directory holds the whole build, the front end included (the language server's bundle,
   * whose files are named by their content), so the dsl's and the runtime's need not be read.
   */
  constructor(
    private readonly dir: string,
    builtModule: string,
    alone = false,
  ) {
    this.stamp = buildStamp(builtModule, alone);
  }

  // The policy's path is part of the key: what is made from it names it (emitted file names,
  // diagnostics, the bases it resolves), so a copy of the same text elsewhere is another entry.
  private entryPath(kind: string, path: string | undefined, parts: readonly string[], textHash: string): string {
    return join(this.dir, `${sha256([this.stamp, kind, path ?? "", ...parts, textHash].join("\0"))}.json`);
  }

  /**
   * The artefact for the policy at `path` (absolute; none for what depends on `parts` alone), or
   * undefined. `text` is the policy's text when it is not the file's (an editor's buffer).
   */
  get<T>(kind: string, path: string | undefined, parts: readonly string[] = [], text?: string): T | undefined {
    try {
      const textHash = path === undefined ? "" : sha256(text ?? readFileSync(path, "utf8"));
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
