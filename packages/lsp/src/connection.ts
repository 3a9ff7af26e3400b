// The connection for a server process: stdio unless the client asked for IPC, a socket or a
// pipe (`--node-ipc`, `--socket=N`, `--pipe=NAME`), and guards so that nothing the client
// sends can end the process.
import { createConnection, ProposedFeatures, type Connection, type MessageReader, type MessageWriter } from "./protocol.js";
import { openDiagnosticsCache, type DiagnosticsCache } from "./diagnostics-cache.js";
import { isExamplesWorker, serveExamples, threadExamples } from "./examples.js";
import { loadCompiler } from "./optional.js";
import { startServer, type ServerOptions } from "./server.js";

export function serverConnection(argv: string[] = process.argv): Connection {
  const other = argv.some((a) => a === "--node-ipc" || a.startsWith("--socket") || a.startsWith("--pipe"));
  return other ? createConnection(ProposedFeatures.all) : createConnection(ProposedFeatures.all, process.stdin, process.stdout);
}

/** A server connection over a pair of streams (tests, benchmarks, embedding). */
export function streamConnection(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Connection {
  return createConnection(ProposedFeatures.all, input, output);
}

/**
 * The client's messages when not the process's own stdio: behind front.ts, which hands them over
 * as it read them (no second encoding and decoding through a pair of streams).
 */
export interface ServerChannel {
  reader: MessageReader;
  writer: MessageWriter;
}

/**
 * Run the server in this process, over stdio by default (`zhengce-lsp`, `zhengce lsp --stdio`),
 * its worked examples in a worker thread that runs this same entry (there, this serves the
 * examples with `options.loadCompiler` instead of a client). What it publishes for a document
 * just opened, or closed as it is on disk, is kept in the cache (diagnostics-cache.ts), for
 * front.ts to publish at the next start.
 */
export function runServer(options: ServerOptions = {}, channel?: ServerChannel): void {
  if (isExamplesWorker()) return serveExamples(options.loadCompiler ?? loadCompiler);
  const connection = channel ? createConnection(ProposedFeatures.all, channel.reader, channel.writer) : serverConnection();
  process.on("uncaughtException", (e) => connection.console.error(`[uncaught] ${e.stack ?? e.message}`));
  process.on("unhandledRejection", (e) => connection.console.error(`[unhandled] ${String(e)}`));
  let cache: Promise<DiagnosticsCache | undefined> | undefined;
  const checked: ServerOptions["checked"] = (diagnostics, files) => {
    void (cache ??= openDiagnosticsCache()).then((c) => c?.put(diagnostics, files));
  };
  startServer(connection, { examples: threadExamples((m) => connection.console.error(m)), checked, ...options });
}
