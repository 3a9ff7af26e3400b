// `zhengce lsp --stdio`: the language server of packages/lsp, on stdin/stdout. It runs
// examples with this compiler, so editors show what `calc` computes.
import { isMainThread } from "node:worker_threads";
import { freshBundle, preferBundledChevrotain } from "@zhengce/dsl/bundled-chevrotain";
import { parseCommandArgs } from "./args.js";
import { HELP } from "./help.js";
import { EXIT_OK, guard, type ExitCode, type Io } from "./io.js";
import { defaultDeps, type Deps } from "./policy.js";

export async function runLsp(args: string[], io: Io, _deps: Deps = defaultDeps): Promise<ExitCode> {
  return guard(io, async () => {
    const { help } = parseCommandArgs("lsp", args, { stdio: { type: "boolean" } });
    if (help) {
      io.stdout.write(HELP.lsp);
      return EXIT_OK;
    }
    // By name: @zhengce/lsp is a dependency of this package. The specifier is a variable so that
    // the compiler's build does not need the server's types (the server depends on the compiler).
    // Its single-file build beside its entry while that is up to date, as its bin `zhengce-lsp`
    // runs it; otherwise, and in the worked examples' worker (which loads this compiler from its
    // files), Chevrotain from its single-file build through the module hook.
    const lspPackage = "@zhengce/lsp";
    const entry = new URL(import.meta.resolve(lspPackage));
    const bundle = new URL("./server.bundle.js", entry);
    const bundled = freshBundle(bundle, ["../tsconfig.tsbuildinfo", "../../prettier-plugin/tsconfig.tsbuildinfo"].map((p) => new URL(p, entry)));
    if (!bundled || !isMainThread) preferBundledChevrotain();
    const lsp = (await import(bundled ? bundle.href : lspPackage)) as {
      runServer(options: { loadCompiler: () => Promise<unknown> }): void;
    };
    lsp.runServer({ loadCompiler: () => import("../index.js") });
    // The server owns the process from here; it exits when the client says so.
    return new Promise<ExitCode>(() => undefined);
  });
}
