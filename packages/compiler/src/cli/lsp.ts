// `zhengce lsp` — placeholder. The language server's author replaces the body of `runLsp`
// (start the server on stdin/stdout; keep the signature).
import { parseCommandArgs } from "./args.js";
import { HELP } from "./help.js";
import { CliError, EXIT_OK, guard, type ExitCode, type Io } from "./io.js";
import { defaultDeps, type Deps } from "./policy.js";

export async function runLsp(args: string[], io: Io, _deps: Deps = defaultDeps): Promise<ExitCode> {
  return guard(io, async () => {
    const { help } = parseCommandArgs("lsp", args, { stdio: { type: "boolean" } });
    if (help) {
      io.stdout.write(HELP.lsp);
      return EXIT_OK;
    }
    throw new CliError("语言服务器尚未提供");
  });
}
