// `zhengce <command> …`: dispatch to the command functions. Every command is
// `(args, io, deps) => Promise<ExitCode>` and can be called in-process.
//
// Each command's module is imported when that command runs, so `zhengce calc` loads only
// what calc needs: a CPU profile of calc showed the formatter (fmt → Prettier and the parser),
// the report modules and the playground server loading for nothing.
import { readFileSync } from "node:fs";
import { preferBundledChevrotain } from "@zhengce/dsl/bundled-chevrotain";
import { HELP } from "./help.js";
import { errorLine, EXIT_OK, EXIT_USAGE, type ExitCode, type Io } from "./io.js";
import { defaultDeps, type Deps } from "./policy.js";

export type Command = (args: string[], io: Io, deps?: Deps) => Promise<ExitCode>;

/**
 * Commands that load the front end themselves, when they need it: from the cache of compiled
 * policies they answer without it (policy.ts loads it on a miss); `lsp` runs the server's
 * single-file build, which holds it, while that is up to date (lsp.ts).
 */
const OWN_FRONT_END = new Set(["calc", "check", "batch", "lsp"]);

export const COMMANDS: Record<string, () => Promise<Command>> = {
  check: async () => (await import("./check.js")).runCheck,
  compile: async () => (await import("./compile.js")).runCompile,
  calc: async () => (await import("./calc.js")).runCalc,
  explain: async () => (await import("./explain.js")).runExplain,
  batch: async () => (await import("./batch.js")).runBatch,
  test: async () => (await import("./test.js")).runTest,
  fmt: async () => (await import("./fmt.js")).runFmt,
  diff: async () => (await import("./diff.js")).runDiff,
  docs: async () => (await import("./docs.js")).runDocs,
  sample: async () => (await import("./sample.js")).runSample,
  impact: async () => (await import("./impact.js")).runImpact,
  coverage: async () => (await import("./coverage.js")).runCoverage,
  draft: async () => (await import("./draft.js")).runDraft,
  lsp: async () => (await import("./lsp.js")).runLsp,
  serve: async () => (await import("./serve.js")).runServe,
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
  if (!OWN_FRONT_END.has(name)) preferBundledChevrotain();
  return (await COMMANDS[name]())(rest, io, deps);
}

function unknownCommand(io: Io, name: string): ExitCode {
  const what = name.startsWith("-") ? `未知选项「${name}」` : `未知命令「${name}」`;
  io.stderr.write(errorLine(`${what}。可用命令：${Object.keys(COMMANDS).join("、")}。运行「zhengce --help」查看用法`, "C001"));
  return EXIT_USAGE;
}
