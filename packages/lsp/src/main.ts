#!/usr/bin/env node
// The server's single-file build (scripts/bundle.mjs) while it is up to date: a CPU profile of the
// server's start put about a third of it into resolving and loading some 300 files one by one.
// Otherwise the compiled files, with Chevrotain from its single-file build: its package entry
// loads about 640 lodash-es files one by one.
import { freshBundle, preferBundledChevrotain } from "@zhengce/dsl/bundled-chevrotain";

const bundle = new URL("./server.bundle.js", import.meta.url);
let server: typeof import("./connection.js");
if (freshBundle(bundle, new URL("../tsconfig.tsbuildinfo", import.meta.url))) {
  server = (await import(bundle.href)) as typeof import("./connection.js");
} else {
  preferBundledChevrotain();
  server = await import("./connection.js");
}
server.runServer();
