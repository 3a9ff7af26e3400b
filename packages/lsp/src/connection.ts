// The connection for a server process: stdio unless the client asked for IPC, a socket or a
// pipe (`--node-ipc`, `--socket=N`, `--pipe=NAME`), and guards so that nothing the client
// sends can end the process.
import { AbstractMessageReader, AbstractMessageWriter, type DataCallback, type Disposable, type Message } from "vscode-jsonrpc/node.js";
import { createConnection, ProposedFeatures, type Connection } from "./protocol.js";
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
 * as it read them (no second encoding and decoding through a pair of streams), and sends the
 * server's. Plain callbacks: the front loads no vscode-jsonrpc (framing.ts).
 */
export interface FrontChannel {
  /** `callback` gets each client message, those the front read before included. */
  listen(callback: (m: Message) => void): void;
  /** `callback` runs once the client has gone. */
  onEnd(callback: () => void): void;
  send(m: Message): Promise<void>;
}

/** The client's messages from the front, as vscode-jsonrpc reads them. */
class FrontReader extends AbstractMessageReader {
  constructor(private readonly channel: FrontChannel) {
    super();
    channel.onEnd(() => this.fireClose());
  }

  listen(callback: DataCallback): Disposable {
    let listening = true;
    this.channel.listen((m) => listening && callback(m));
    return { dispose: () => (listening = false) };
  }
}

/** The server's messages, handed to the front to send. */
class FrontWriter extends AbstractMessageWriter {
  constructor(private readonly channel: FrontChannel) {
    super();
  }

  write(m: Message): Promise<void> {
    return this.channel.send(m);
  }

  end(): void {}
}

/**
 * Run the server in this process, over stdio by default (`zhengce-lsp`, `zhengce lsp --stdio`),
 * its worked examples in a worker thread that runs this same entry (there, this serves the
 * examples with `options.loadCompiler` instead of a client). What it publishes for a document
 * just opened, or closed as it is on disk, is kept in the cache (diagnostics-cache.ts), for
 * front.ts to publish at the next start.
 */
export function runServer(options: ServerOptions = {}, channel?: FrontChannel): void {
  if (isExamplesWorker()) return serveExamples(options.loadCompiler ?? loadCompiler);
  const connection = channel ? createConnection(ProposedFeatures.all, new FrontReader(channel), new FrontWriter(channel)) : serverConnection();
  process.on("uncaughtException", (e) => connection.console.error(`[uncaught] ${e.stack ?? e.message}`));
  process.on("unhandledRejection", (e) => connection.console.error(`[unhandled] ${String(e)}`));
  let cache: Promise<DiagnosticsCache | undefined> | undefined;
  const checked: ServerOptions["checked"] = (diagnostics, files) => {
    void (cache ??= openDiagnosticsCache()).then((c) => c?.put(diagnostics, files));
  };
  startServer(connection, { examples: threadExamples((m) => connection.console.error(m)), checked, ...options });
}
