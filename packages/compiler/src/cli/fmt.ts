// `zhengce fmt` — placeholder. The formatter's author replaces the body of `runFmt`
// (keep the signature and the options, which `zhengce fmt --help` documents).
import { parseCommandArgs, requirePositionals } from "./args.js";
import { HELP } from "./help.js";
import { CliError, EXIT_OK, guard, type ExitCode, type Io } from "./io.js";
import { defaultDeps, type Deps } from "./policy.js";

export async function runFmt(args: string[], io: Io, _deps: Deps = defaultDeps): Promise<ExitCode> {
  return guard(io, async () => {
    const { positionals, help } = parseCommandArgs("fmt", args, { check: { type: "boolean" } });
    if (help) {
      io.stdout.write(HELP.fmt);
      return EXIT_OK;
    }
    requirePositionals("fmt", positionals, ["政策文件…"], false);
    throw new CliError("格式化工具尚未提供");
  });
}
