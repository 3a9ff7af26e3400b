// `@zhengce/lsp/start`: the server as a Node process runs it (the bin `zhengce-lsp`, `zhengce lsp`):
// its front (front.ts: answers `initialize`, publishes cached diagnostics, then loads the server).
// From its single-file build, dist/server/server.cjs (scripts/bundle.mjs), while that is up to
// date: a CPU profile of the server's start put about a third of it into resolving and loading
// some 300 files one by one. The build is CommonJS, run through V8's code cache (code-cache.ts):
// Node 20 has none for ES modules. Otherwise the compiled files, with Chevrotain from its
// single-file build: its package entry loads about 640 lodash-es files one by one.
import { fileURLToPath } from "node:url";
import { isMainThread } from "node:worker_threads";
import { freshBundle, preferBundledChevrotain } from "@zhengce/dsl/bundled-chevrotain";
import { requireCodeCached } from "./code-cache.js";
import { loadCompiler } from "./optional.js";
import type { ServerOptions } from "./server.js";

type Run = (options?: ServerOptions, published?: () => void) => Promise<void>;

export async function loadServer(): Promise<{ runServer(options?: ServerOptions): Promise<void> }> {
  const bundle = new URL("./server/server.cjs", import.meta.url);
  // Made from this package, the formatter, the dsl and the runtime (a packed package has no build info).
  const madeFrom = ["../tsconfig.tsbuildinfo", "../../prettier-plugin/tsconfig.tsbuildinfo"].map((p) => new URL(p, import.meta.url));
  if (freshBundle(bundle, madeFrom)) {
    // The worked examples' worker runs the server's entry too, and loads the compiler, hence the
    // dsl and Chevrotain, from their packages: there the hook still applies (a hook registered on
    // the main thread does not reach a worker in Node 20; without it Chevrotain's import took 0.7 s).
    if (!isMainThread) preferBundledChevrotain();
    let cacheDir: string | undefined;
    if (!process.argv.includes("--no-cache")) {
      // The command line's cache directory; without the compiler (it is optional), none.
      cacheDir = await import("@zhengce/compiler/store").then((store) => store.cacheDirectory(), () => undefined);
    }
    const server = requireCodeCached(fileURLToPath(bundle), cacheDir);
    // The build cannot import() (code-cache.ts): the compiler, for the worked examples, is imported
    // from here. Only the main thread's start is worth keeping: the worker's comes after it.
    const run = server.exports.runServer as Run;
    return { runServer: (options) => run({ loadCompiler, ...options }, isMainThread ? server.save : undefined) };
  }
  preferBundledChevrotain();
  const { runServer } = await import("./process.js");
  return { runServer: (options) => runServer(options) };
}
