// `@zhengce/lsp/start`: the server as an ES module starts it (`zhengce lsp`, and main.js, to which
// the bin `zhengce-lsp` hands over while its build is stale; bin.ts does the same in CommonJS):
// its front (front.ts: answers `initialize`, publishes cached diagnostics, then loads the server).
// From its build in dist/server/ (scripts/bundle.mjs) while that is up to date: a CPU profile of
// the server's start put about a third of it into resolving and loading some 300 files one by
// one. The front is a small ES module, so that it answers and publishes what the cache holds at
// once; the server is one CommonJS file run through V8's code cache (code-cache.ts: Node 20 has
// none for ES modules). Otherwise the compiled files, with Chevrotain from its single-file build:
// its package entry loads about 640 lodash-es files one by one.
import { fileURLToPath } from "node:url";
import { isMainThread } from "node:worker_threads";
import { freshBundle, preferBundledChevrotain } from "@zhengce/dsl/bundled-chevrotain";
import { loadServerBundle } from "./code-cache.js";
import { loadCompiler } from "./optional.js";
import type { ServerOptions } from "./server.js";

export async function loadServer(): Promise<{ runServer(options?: ServerOptions): Promise<void> }> {
  const front = new URL("./server/front.js", import.meta.url);
  // Made from this package, the formatter, the dsl and the runtime (a packed package has no build info).
  const madeFrom = ["../tsconfig.tsbuildinfo", "../../prettier-plugin/tsconfig.tsbuildinfo"].map((p) => new URL(p, import.meta.url));
  if (freshBundle(front, madeFrom)) {
    // The worked examples' worker runs the server's entry too, and loads the compiler, hence the
    // dsl and Chevrotain, from their packages: there the hook still applies (a hook registered on
    // the main thread does not reach a worker in Node 20; without it Chevrotain's import took 0.7 s).
    if (!isMainThread) preferBundledChevrotain();
    const { runServer } = (await import(front.href)) as typeof import("./front.js");
    const server = fileURLToPath(new URL("./server/server.cjs", import.meta.url));
    // The build cannot import() (code-cache.ts): the compiler, for the worked examples, is imported from here.
    return { runServer: (options = {}) => runServer({ loadCompiler, ...options }, () => loadServerBundle(server)) };
  }
  preferBundledChevrotain();
  const { runServer } = await import("./front.js");
  return { runServer: (options = {}) => runServer(options, () => import("./bundled.js")) };
}

