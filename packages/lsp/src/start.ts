// `@zhengce/lsp/start`: the server as a Node process runs it (the bin `zhengce-lsp`, `zhengce lsp`):
// its front (front.ts: answers `initialize`, publishes cached diagnostics, then loads the server).
// From its build in dist/server/ (scripts/bundle.mjs: the front, and the server as a second file
// it loads) while that is up to date: a CPU profile of the server's start put about a third of it
// into resolving and loading some 300 files one by one. Otherwise the compiled files, with
// Chevrotain from its single-file build: its package entry loads about 640 lodash-es files one by one.
import { isMainThread } from "node:worker_threads";
import { freshBundle, preferBundledChevrotain } from "@zhengce/dsl/bundled-chevrotain";
import type { ServerOptions } from "./server.js";

export async function loadServer(): Promise<{ runServer(options?: ServerOptions): Promise<void> }> {
  const bundle = new URL("./server/front.js", import.meta.url);
  // Made from this package, the formatter, the dsl and the runtime (a packed package has no build info).
  const madeFrom = ["../tsconfig.tsbuildinfo", "../../prettier-plugin/tsconfig.tsbuildinfo"].map((p) => new URL(p, import.meta.url));
  if (freshBundle(bundle, madeFrom)) {
    // The worked examples' worker runs the server's entry too, and loads the compiler, hence the
    // dsl and Chevrotain, from their packages: there the hook still applies (a hook registered on
    // the main thread does not reach a worker in Node 20; without it Chevrotain's import took 0.7 s).
    if (!isMainThread) preferBundledChevrotain();
    return (await import(bundle.href)) as typeof import("./front.js");
  }
  preferBundledChevrotain();
  return import("./front.js");
}
