// Entry of dist/server.js: the language server of @zhengce/lsp (as its bin `zhengce-lsp` runs
// it), with the formatter and the example runner linked in statically so the bundle needs no
// node_modules. Launched by the client with `--stdio`.
import { runServer } from "@zhengce/lsp";
import { compileAnalysis } from "@zhengce/compiler";
import { formatPolicy } from "prettier-plugin-zhengce";

runServer({
  loadFormatter: async () => ({ formatPolicy }),
  loadCompiler: async () => ({ compileAnalysis }),
});
