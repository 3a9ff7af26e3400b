// `zhengce compile`: emit a policy's calculator code and JSON Schema, each file written atomically.
import { dirname, relative, resolve } from "node:path";
import { parseCommandArgs, requirePositionals, stringOption } from "./args.js";
import { HELP } from "./help.js";
import {
  CliError,
  displayPath,
  EXIT_FAILED,
  EXIT_OK,
  guard,
  oneLine,
  requireFile,
  resolvePath,
  writeFileAtomic,
  type ExitCode,
  type Io,
} from "./io.js";
import {
  countBySeverity,
  defaultDeps,
  formatDiagnostic,
  importCompiler,
  sortDiagnostics,
  type Deps,
  type EmitResult,
  type EmitTarget,
} from "./policy.js";

/** What each `--target` writes; the JSON Schema goes with every target. */
const TARGETS: Record<string, EmitTarget[]> = {
  ts: ["ts", "schema"],
  js: ["js", "dts", "schema"],
  dts: ["dts", "schema"],
  all: ["ts", "js", "dts", "schema"],
};

export async function runCompile(args: string[], io: Io, deps: Deps = defaultDeps): Promise<ExitCode> {
  return guard(io, async () => {
    const { values, positionals, help } = parseCommandArgs("compile", args, {
      target: { type: "string" },
      "out-dir": { type: "string" },
    });
    if (help) {
      io.stdout.write(HELP.compile);
      return EXIT_OK;
    }
    requirePositionals("compile", positionals, ["政策文件"]);
    const target = stringOption(values.target) ?? "ts";
    const emits = TARGETS[target];
    if (!emits) throw new CliError(`未知的编译目标「${target}」，可用 ts、js、dts、all`);
    const [path] = positionals;
    const abs = await requireFile(io, path, "政策文件");
    const compiler = await importCompiler(deps);
    if (typeof compiler.emitPolicy !== "function") throw new CliError("编译器没有提供 emitPolicy");

    let result: EmitResult;
    try {
      result = await compiler.emitPolicy(abs, emits);
    } catch (e) {
      throw new CliError(`编译「${path}」失败：${oneLine(e instanceof Error ? e.message : String(e))}`);
    }
    const diagnostics = sortDiagnostics(result.diagnostics);
    for (const d of diagnostics) io.stderr.write(formatDiagnostic(io, d, path));
    const errors = countBySeverity(diagnostics).error;
    if (errors > 0) {
      io.stderr.write(`政策文件「${path}」有 ${errors} 个错误，未写出任何文件\n`);
      return EXIT_FAILED;
    }

    const outDir = resolvePath(io, stringOption(values["out-dir"]) ?? dirname(abs));
    for (const { name, content } of result.files) {
      const target = resolve(outDir, name);
      if (relative(outDir, target).startsWith("..")) throw new CliError(`编译器给出的文件名「${name}」不在输出目录内`);
      try {
        await writeFileAtomic(target, content);
      } catch (e) {
        throw new CliError(`无法写入「${displayPath(io, target)}」：${(e as Error).message}`);
      }
      io.stdout.write(displayPath(io, target) + "\n");
    }
    return EXIT_OK;
  });
}
