// `zhengce lsp --stdio`: the language server of packages/lsp, on stdin/stdout. It runs
// examples with this compiler, so editors show what `calc` computes.
import { parseCommandArgs } from "./args.js";
import { HELP } from "./help.js";
import { EXIT_OK, guard, type ExitCode, type Io } from "./io.js";
import { defaultDeps, type Deps } from "./policy.js";

export async function runLsp(args: string[], io: Io, _deps: Deps = defaultDeps): Promise<ExitCode> {
  return guard(io, async () => {
    const { help } = parseCommandArgs("lsp", args, { stdio: { type: "boolean" }, "no-cache": { type: "boolean" } });
    if (help) {
      io.stdout.write(HELP.lsp);
      return EXIT_OK;
    }
    // By name: @zhengce/lsp is a dependency of this package. The specifier is a variable so that
    // the compiler's build does not need the server's types (the server depends on the compiler).
    // `loadServer` picks the server's single-file build while it is up to date, as `zhengce-lsp` does.
    const start = "@zhengce/lsp/start";
    const lsp = await ((await import(start)) as { loadServer(): Promise<{ runServer(options: { loadCompiler: () => Promise<unknown> }): void }> }).loadServer();
    lsp.runServer({ loadCompiler: () => import("../index.js") });
    // The server owns the process from here; it exits when the client says so.
    return new Promise<ExitCode>(() => undefined);
  });
}
