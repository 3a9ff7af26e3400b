// The server's single-file build (dist/server/server.cjs) run through V8's code cache: the
// bytecode V8 compiled for it in an earlier process, kept in the cache directory. A CPU profile
// of the server's start to its first diagnostics of 江门 base.policy put about a fifth of it into
// compiling: the bundle at load, then each function of the parser, the checker and the server
// the first time it runs. With the cache, V8 deserialises those instead.
//
// The entry is named by V8's version, the architecture and the bundle's content (V8 itself checks
// only the source's length), so a rebuilt server or another Node never reads a stale one; V8 also
// refuses an entry made under other flags. It is written once the server has published its first
// diagnostics — then it holds what the start-up ran — to a temporary file renamed into place, so
// concurrent starts never read half an entry. An unreadable directory or entry is simply a miss.
// The newest few entries stay (one per build and Node a user runs); each is about 1 MB.
//
// The build ships an entry of its own beside the file (scripts/bundle.mjs makes it from a start on
// 通化 base.policy), read where the cache directory has none: the server's first start on a
// machine deserialises instead of compiling (V8 refuses it under another Node or other flags,
// which its name and V8's own check see to). That start still keeps an entry of its own, which
// holds the code its own first analysis ran.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { createRequire, Module } from "node:module";
import { basename, dirname, join } from "node:path";
import { Script } from "node:vm";
import { isMainThread } from "node:worker_threads";
import type { Server } from "./front.js";

export interface CodeCachedModule {
  exports: Record<string, unknown>;
  /** An entry was there (the cache directory's, or the build's) and V8 took it. */
  used: boolean;
  /** Keep the code V8 compiled so far, unless the cache directory's entry was already there and used. */
  save(): void;
}

/** Run the CommonJS file `file`, with the code cache in `cacheDir` (none when undefined). */
export function requireCodeCached(file: string, cacheDir: string | undefined): CodeCachedModule {
  // Hashed as the bytes read: hashing the decoded string encodes it again (~8 ms of 1.5 MB in a profile).
  const bytes = readFileSync(file);
  const key = createHash("sha256").update(`${process.versions.v8}\0${process.arch}\0`).update(bytes).digest("hex").slice(0, 40);
  const source = bytes.toString("utf8");
  const entry = cacheDir === undefined ? undefined : join(cacheDir, "v8", `lsp-${key}.bin`);
  const own = entry === undefined ? undefined : readIfThere(entry);
  const cachedData = own ?? (entry === undefined ? undefined : readIfThere(join(dirname(file), basename(entry))));
  // No `importModuleDynamically`: a script made from cached data loses it (Node 20 finds no
  // callback for the deserialised script), so an `import()` in the file fails every time, not only
  // once a cache exists — the caller hands in what the file would import (start.ts).
  const script = new Script(Module.wrap(source), { filename: file, cachedData });
  const module = { exports: {} as Record<string, unknown> };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  const used = cachedData !== undefined && !script.cachedDataRejected;
  let saved = used && own !== undefined;
  return {
    exports: module.exports,
    used,
    save() {
      if (saved || entry === undefined) return;
      saved = true;
      const temporary = `${entry}.${process.pid}.tmp`;
      try {
        mkdirSync(dirname(entry), { recursive: true });
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, entry);
        prune(dirname(entry));
      } catch {
        // A cache that cannot be written is not used.
        try {
          rmSync(temporary, { force: true });
        } catch {
          // Nor made: no temporary file either.
        }
      }
    },
  };
}

/** The server's single-file build, with the code cache in the cache directory unless `--no-cache`. */
export async function loadServerBundle(file: string): Promise<Server> {
  let cacheDir: string | undefined;
  if (!process.argv.includes("--no-cache")) {
    // The command line's cache directory; without the compiler (it is optional), none.
    cacheDir = await import("@zhengce/compiler/store").then((store) => store.cacheDirectory(), () => undefined);
  }
  const bundle = requireCodeCached(file, cacheDir);
  // Only the main thread's start is worth keeping: the examples' worker starts after it.
  return { ...(bundle.exports as unknown as Server), published: isMainThread ? bundle.save : undefined };
}

/** An unreadable entry is a miss. */
function readIfThere(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

const KEEP = 4;

/** Keep the `KEEP` newest entries of the server's code. */
function prune(dir: string): void {
  const entries = readdirSync(dir)
    .filter((n) => n.startsWith("lsp-") && n.endsWith(".bin"))
    .map((n) => ({ path: join(dir, n), at: statSync(join(dir, n)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const { path } of entries.slice(KEEP)) unlinkSync(path);
}
