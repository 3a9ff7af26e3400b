// `zhengce <command> …`: dispatch to the command functions. Every command is
// `(args, io, deps) => Promise<ExitCode>` and can be called in-process.
import { readFileSync } from "node:fs";
import { runBatch } from "./batch.js";
import { runCalc } from "./calc.js";
import { runCheck } from "./check.js";
import { runCompile } from "./compile.js";
import { runCoverage } from "./coverage.js";
import { runDraft } from "./draft.js";
import { runDiff } from "./diff.js";
import { runDocs } from "./docs.js";
import { runFmt } from "./fmt.js";
import { runImpact } from "./impact.js";
import { HELP } from "./help.js";
import { errorLine, EXIT_OK, EXIT_USAGE, type ExitCode, type Io } from "./io.js";
import { runLsp } from "./lsp.js";
import { defaultDeps, type Deps } from "./policy.js";
import { runSample } from "./sample.js";
import { runServe } from "./serve.js";
import { runTest } from "./test.js";

export type Command = (args: string[], io: Io, deps?: Deps) => Promise<ExitCode>;

export const COMMANDS: Record<string, Command> = {
  check: runCheck,
  compile: runCompile,
  calc: runCalc,
  batch: runBatch,
  test: runTest,
  fmt: runFmt,
  diff: runDiff,
  docs: runDocs,
  sample: runSample,
  impact: runImpact,
  coverage: runCoverage,
  draft: runDraft,
  lsp: runLsp,
  serve: runServe,
};

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: string };
  return pkg.version ?? "0.0.0";
}

export async function runCli(argv: string[], io: Io, deps: Deps = defaultDeps): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(HELP.main);
    return EXIT_USAGE;
  }
  if (name === "help" || name === "-h" || name === "--help") {
    const topic = rest[0];
    if (topic === undefined) {
      io.stdout.write(HELP.main);
      return EXIT_OK;
    }
    if (!Object.hasOwn(COMMANDS, topic)) return unknownCommand(io, topic);
    io.stdout.write(HELP[topic as keyof typeof HELP]);
    return EXIT_OK;
  }
  if (name === "-v" || name === "--version") {
    io.stdout.write(`zhengce ${version()}\n`);
    return EXIT_OK;
  }
  if (!Object.hasOwn(COMMANDS, name)) return unknownCommand(io, name);
  return COMMANDS[name](rest, io, deps);
}

function unknownCommand(io: Io, name: string): ExitCode {
  const what = name.startsWith("-") ? `未知选项「${name}」` : `未知命令「${name}」`;
  io.stderr.write(errorLine(`${what}。可用命令：${Object.keys(COMMANDS).join("、")}。运行「zhengce --help」查看用法`));
  return EXIT_USAGE;
}
