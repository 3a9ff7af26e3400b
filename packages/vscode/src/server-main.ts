// Entry of dist/server-main.cjs, the server the front of dist/server.js loads (server.ts): the
// language server of @zhengce/lsp with the formatter and the compiler (for the worked examples,
// in the examples' worker thread) linked in, so the extension needs no node_modules. Both are
// evaluated only when first asked for.
import { runServer as run, type FrontChannel, type ServerOptions } from "@zhengce/lsp";

export function runServer(options: ServerOptions = {}, channel?: FrontChannel): void {
  run({ loadFormatter: () => import("prettier-plugin-zhengce"), loadCompiler: () => import("@zhengce/compiler"), ...options }, channel);
}
