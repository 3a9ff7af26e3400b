// Entry of dist/server.js, the process the client starts with `--stdio`: the language server's
// front (@zhengce/lsp/front), as the bin `zhengce-lsp` runs it. It answers `initialize` at once,
// publishes the cached diagnostics of a document opened unchanged, then loads dist/server-main.cjs
// (server-main.ts) through V8's code cache (@zhengce/lsp/code-cache). Medians of 15 starts in turn
// against the server loaded whole before `initialize`: `initialize` answered at 106 against 240 ms;
// the first diagnostics of 江门 base.policy opened before 116 against 456 ms, of one never opened
// (the server's code cached) 407 against 447 ms; the first start, nothing cached, 465 against 447
// (a profile shows the same compile and evaluation, in two files).
import { join } from "node:path";
import { loadServerBundle } from "@zhengce/lsp/code-cache";
import { runServer } from "@zhengce/lsp/front";

void runServer({}, () => loadServerBundle(join(__dirname, "server-main.cjs")));
