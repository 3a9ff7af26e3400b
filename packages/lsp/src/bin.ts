#!/usr/bin/env node
// The bin `zhengce-lsp` as Node runs it: dist/server/bin.cjs, one CommonJS file with the front
// inside (scripts/bundle.mjs; never run as dist/bin.js). Started as an ES module, the bin went
// through Node's module loader for main.js, start.js and the dsl's bundled-chevrotain.js (and
// that one's freshness check) before it could answer `initialize`. In turn with this file,
// medians of 15 with the cache empty: `initialize` answered at 198 against 179 ms, the first
// diagnostics of 江门 base.policy 687 against 644 ms (main-thread CPU 630 against 575 ms).
//
// While the server's build is older than a package it was made from (a `tsc -b` alone), the ES
// entry main.js takes over: it runs the compiled files (start.ts).
import { statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isMainThread } from "node:worker_threads";
import { loadServerBundle } from "./code-cache.js";
import { runServer } from "./front.js";
import { loadCompiler } from "./optional.js";

// As bundled: this file is dist/server/bin.cjs.
const at = (path: string) => new URL(path, import.meta.url);
const mtime = (url: URL) => {
  try {
    return statSync(url).mtimeMs;
  } catch {
    return 0;
  }
};
// The server's build against the build info of the packages it was made from (this one, the
// formatter, the dsl, the runtime), as they lie in this repository; a packed package has none.
const server = at("./server.cjs");
const made = mtime(server);
const fresh = made > 0 && ["../../tsconfig.tsbuildinfo", "../../../prettier-plugin/tsconfig.tsbuildinfo", "../../../dsl/tsconfig.tsbuildinfo", "../../../runtime/tsconfig.tsbuildinfo"].every((p) => mtime(at(p)) <= made);

if (!fresh) {
  void import(at("../main.js").href);
} else {
  void (async () => {
    // The worked examples' worker runs this file too and loads the compiler, hence the dsl and
    // Chevrotain, from their packages: Chevrotain from its single-file build (start.ts).
    if (!isMainThread) (await import("@zhengce/dsl/bundled-chevrotain")).preferBundledChevrotain();
    await runServer({ loadCompiler }, () => loadServerBundle(fileURLToPath(server)));
  })();
}
