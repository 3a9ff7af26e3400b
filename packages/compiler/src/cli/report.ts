// What the report commands (diff, docs, sample, impact) share: loading a policy with its model,
// refusing one with errors, and choosing the output format. The report modules are imported
// when a command runs (as the compiler is, see policy.ts), so that the CLI itself loads without them.
import type { PolicyView } from "../report/view.js";
import { CliError, EXIT_USAGE, ioErrorText, oneLine, requireFile, resolvePath, write, writeFileAtomic, type ExitCode, type Io } from "./io.js";
import { findCalculator, reportErrors } from "./policy.js";
import type { CompiledCalculator } from "../api.js";

/** A module of ../report/, imported when a report command runs. */
export async function reportModule<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    throw new CliError(`无法加载报告模块：${oneLine((e as Error).message)}。请先运行 pnpm run build`, { code: "C042" });
  }
}

/** A policy analysed and compiled; its errors are printed and end the command (exit `exitCode`). */
export async function loadCheckedView(io: Io, path: string, exitCode: ExitCode = EXIT_USAGE): Promise<PolicyView> {
  const abs = await requireFile(io, path, "政策文件");
  const { loadView } = await reportModule(() => import("../report/view.js"));
  let view: PolicyView;
  try {
    view = loadView(abs);
  } catch (e) {
    throw new CliError(`无法加载政策文件「${path}」：${oneLine((e as Error).message ?? String(e))}`, { code: "C042" });
  }
  if (view.compiled.hasErrors) {
    throw new CliError(`政策文件「${path}」有 ${reportErrors(io, view.compiled, path)} 个错误，请先用 zhengce check 修正`, { code: "C040", exitCode });
  }
  return view;
}

export function viewCalculator(view: PolicyView, path: string, name: string): CompiledCalculator {
  return findCalculator(view.compiled, path, name);
}

/** `--format`, or the output file's extension, or the first (default) format. */
export function outputFormat<F extends string>(explicit: string | undefined, output: string | undefined, allowed: readonly F[]): F {
  if (explicit !== undefined) {
    if ((allowed as readonly string[]).includes(explicit)) return explicit as F;
    throw new CliError(`不支持的格式「${explicit}」，可用：${allowed.join("、")}`, { code: "C002" });
  }
  const ext = output?.match(/\.([a-z]+)$/i)?.[1]?.toLowerCase();
  const byExt: Record<string, string> = { htm: "html", html: "html", json: "json", md: "md", jsonl: "jsonl", csv: "csv", txt: "text" };
  const guess = ext ? byExt[ext] : undefined;
  if (guess && (allowed as readonly string[]).includes(guess)) return guess as F;
  return allowed[0];
}

/** A whole report to stdout, or to a file that appears only when complete (its name then printed). */
export async function writeReport(io: Io, output: string | undefined, text: string): Promise<void> {
  if (!output) return write(io.stdout, text);
  await writeFileAtomic(resolvePath(io, output), text).catch((e: unknown) => {
    const why = ioErrorText(e);
    throw new CliError(`无法写入「${output}」：${why.text}`, { code: why.code });
  });
  io.stdout.write(`${output}\n`);
}
