#!/usr/bin/env node
// The server's single-file build (scripts/bundle.mjs) while it is up to date: a CPU profile of the
// server's start put about a third of it into resolving and loading some 300 files one by one.
// Otherwise the compiled files, with Chevrotain from its single-file build: its package entry
// loads about 640 lodash-es files one by one.
import { isMainThread } from "node:worker_threads";
import { freshBundle, preferBundledChevrotain } from "@zhengce/dsl/bundled-chevrotain";

const bundle = new URL("./server.bundle.js", import.meta.url);
let server: typeof import("./bundled.js") | typeof import("./connection.js");
// Made from this package, the formatter, the dsl and the runtime (a packed package has no build info).
const madeFrom = ["../tsconfig.tsbuildinfo", "../../prettier-plugin/tsconfig.tsbuildinfo"].map((p) => new URL(p, import.meta.url));
if (freshBundle(bundle, madeFrom)) {
  // The worked examples' worker runs this entry too, and loads the compiler, hence the dsl and
  // Chevrotain, from their packages: there the hook still applies (a hook registered on the main
  // thread does not reach a worker in Node 20; without it Chevrotain's import took 0.7 s).
  if (!isMainThread) preferBundledChevrotain();
  server = (await import(bundle.href)) as typeof import("./bundled.js");
} else {
  preferBundledChevrotain();
  server = await import("./connection.js");
}
server.runServer();
