// The examples worker as a server process starts it, for test/lsp/examples.test.ts: the built
// serveExamples() with the built compiler.
import { serveExamples } from "../../packages/lsp/dist/examples.js";
import { loadCompiler } from "../../packages/lsp/dist/optional.js";

serveExamples(loadCompiler);
