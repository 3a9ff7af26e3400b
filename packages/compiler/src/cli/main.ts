#!/usr/bin/env node
// The `zhengce` executable. All behaviour is in cli.ts; this file binds it to the process.
// The exit code is set, never forced with process.exit, so stdout drains before exit.
import { runCli } from "./cli.js";
import { errorLine, processIo } from "./io.js";

runCli(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(errorLine(`内部错误：${e instanceof Error ? e.message : String(e)}`, "C099"));
    process.exitCode = 2;
  },
);
