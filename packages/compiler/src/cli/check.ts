// `zhengce check`: diagnostics of one or more policies, on stderr, in `file:line:col:` form.
import { readFile } from "node:fs/promises";
import { parseCommandArgs, requirePositionals, stringOption } from "./args.js";
import { preferBundledChevrotain } from "@zhengce/dsl/bundled-chevrotain";
import { HELP } from "./help.js";
import { CliError, errorLine, EXIT_FAILED, EXIT_OK, EXIT_USAGE, guard, readText, resolvePath, stripBom, type ExitCode, type Io } from "./io.js";
import {
  countBySeverity,
  defaultDeps,
  formatDiagnostic,
  checkPolicyFile,
  sortDiagnostics,
  type Deps,
  type Diagnostic,
} from "./policy.js";

export async function runCheck(args: string[], io: Io, deps: Deps = defaultDeps): Promise<ExitCode> {
  return guard(io, async () => {
    const { values, positionals, help } = parseCommandArgs("check", args, {
      source: { type: "string" },
      "no-cache": { type: "boolean" },
    });
    if (help) {
      io.stdout.write(HELP.check);
      return EXIT_OK;
    }
    requirePositionals("check", positionals, ["政策文件…"], false);
    // --source: the notice to check every 依据 against, instead of the one the header names.
    const sourcePath = stringOption(values.source);
    const notice = sourcePath ? { uri: resolvePath(io, sourcePath), text: await readText(io, sourcePath, "原文") } : undefined;
    // The front end only for --source: a plain check of an unchanged policy comes from the cache without it.
    if (notice) preferBundledChevrotain();
    const dsl = notice ? await import("@zhengce/dsl") : undefined;
    const totals = { error: 0, warning: 0, info: 0 };
    let unreadable = 0;
    let withErrors = 0;
    for (const path of positionals) {
      let diagnostics: Diagnostic[];
      let hasErrors: boolean;
      try {
        const policy = await checkPolicyFile(io, deps, path, { cache: values["no-cache"] !== true });
        diagnostics = sortDiagnostics(
          notice && dsl
            ? [
                ...policy.diagnostics.filter((d) => !dsl.NOTICE_CODES.includes(d.code)),
                ...dsl.checkAgainstNotice(stripBom(await readFile(policy.uri, "utf8")), policy.uri, notice),
              ]
            : policy.diagnostics,
        );
        hasErrors = policy.hasErrors;
      } catch (e) {
        if (!(e instanceof CliError)) throw e;
        io.stderr.write(errorLine(e.message, e.code));
        unreadable++;
        continue;
      }
      for (const d of diagnostics) io.stderr.write(formatDiagnostic(io, d, path));
      const counts = countBySeverity(diagnostics);
      totals.error += counts.error;
      totals.warning += counts.warning;
      totals.info += counts.info;
      if (hasErrors || counts.error > 0) withErrors++;
    }
    const files = positionals.length;
    let summary = `检查了 ${files} 个政策文件：${totals.error} 个错误，${totals.warning} 个警告，${totals.info} 个提示`;
    if (unreadable) summary += `；${unreadable} 个文件无法读取`;
    io.stderr.write(summary + "\n");
    return unreadable ? EXIT_USAGE : withErrors ? EXIT_FAILED : EXIT_OK;
  });
}
