// @zhengce/lsp: the Zhengce language server. `startServer(connection)` serves one client on
// a connection the caller made; `runServer()` makes the stdio connection itself.
export { startServer, type ServerOptions, type PolicyServer } from "./server.js";
export { runServer, serverConnection, streamConnection, type FrontChannel } from "./connection.js";
export { PolicyWorkspace, type FileAccess } from "./workspace.js";
export type { CompilerApi, FormatterApi, ExampleOutcome } from "./optional.js";
export { WorkerExamples, threadExamples, serveExamples, type ExampleRunner } from "./examples.js";
