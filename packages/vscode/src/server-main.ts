// Entry of dist/server-main.cjs, the server the front of dist/server.js loads (server.ts): the
// language server of @zhengce/lsp with the formatter and the compiler (for the worked examples,
// in the examples' worker thread) linked in, so the extension needs no node_modules. Imported
// statically: imported with `import()`, esbuild wraps every module of the compiler and the dsl in
// a function run on first use, and the first start with nothing cached took 483–495 against
// 464–471 ms (medians of 11, in turn).
import { compileAnalysis } from "@zhengce/compiler";
import { runServer as run, type FrontChannel, type ServerOptions } from "@zhengce/lsp";
import { formatPolicy } from "prettier-plugin-zhengce";

export function runServer(options: ServerOptions = {}, channel?: FrontChannel): void {
  run({ loadFormatter: async () => ({ formatPolicy }), loadCompiler: async () => ({ compileAnalysis }), ...options }, channel);
}
