#!/usr/bin/env node
// The `zhengce` executable. All behaviour is in cli.ts; this file binds it to the process.
// The exit code is set, never forced with process.exit, so stdout drains before exit.
import { runCli } from "./cli.js";
import { errorLine, type Io } from "./io.js";

const io: Io = {
  stdout: process.stdout,
  stderr: process.stderr,
  // Lazy: touching process.stdin opens it, which only calc/batch with `-` need.
  get stdin() {
    return process.stdin;
  },
};

// A reader that closes the pipe early (`zhengce batch … | head`) is not an error of ours.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code !== "EPIPE") process.stderr.write(errorLine(`无法写标准输出：${e.message}`));
  process.exitCode ||= 2;
});

runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(errorLine(`内部错误：${e instanceof Error ? e.message : String(e)}`));
    process.exitCode = 2;
  },
);
