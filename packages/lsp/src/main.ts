#!/usr/bin/env node
// Chevrotain from its single-file build, as in the CLI, before the server imports the language
// front end: its package entry loads about 640 lodash-es files one by one (a CPU profile of the
// server's start put 0.2–0.3 s into them, more than the rest of Chevrotain).
import { preferBundledChevrotain } from "@zhengce/dsl/bundled-chevrotain";

preferBundledChevrotain();
const { runServer } = await import("./connection.js");
runServer();
