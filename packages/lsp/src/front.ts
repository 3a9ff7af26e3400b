// The front of a server process on stdio (`zhengce-lsp --stdio`, `zhengce lsp --stdio`): it
// answers `initialize` at once, publishes the cached diagnostics of a document opened unchanged
// (diagnostics-cache.ts), and only then loads the server (bundled.ts: the language front end,
// the checker, every feature) and hands it the client's messages, those so far included. They
// pass as the objects the front read (FrontChannel, connection.ts): through a pair of streams,
// the opened text and the diagnostics were encoded and decoded a second time, ~8 ms of the first
// diagnostics of 江门 base.policy in a profile. The front frames messages itself (framing.ts).
// A CPU profile of the server's start to its first diagnostics of 江门 base.policy: module
// evaluation ~0.3 s (Chevrotain's grammar analysis, the lexer, the folding tries) and the first
// analysis ~0.4 s on code not yet optimised, all before the first diagnostics; the front loads
// Node's built-ins only.
//
// The server sees the whole conversation, `initialize` included (its answer, the same
// capabilities, is dropped): nothing it does depends on having been started late.
import { isMainThread } from "node:worker_threads";
import type { Message, NotificationMessage, RequestMessage, ResponseMessage } from "vscode-jsonrpc/node.js";
import type { DidOpenTextDocumentParams, PublishDiagnosticsParams } from "./protocol.js";
import { initializeResult } from "./capabilities.js";
import type { FrontChannel } from "./connection.js";
import { openDiagnosticsCache } from "./diagnostics-cache.js";
import { messageWriter, readMessages } from "./framing.js";
import type { ServerOptions } from "./server.js";

export interface Server {
  runServer(options?: ServerOptions, channel?: FrontChannel): void;
  /** Called once the server has published its first diagnostics: its start-up has run (code-cache.ts). */
  published?(): void;
}

const isRequest = (m: Message): m is RequestMessage => "method" in m && "id" in m;
const isNotification = (m: Message): m is NotificationMessage => "method" in m && !("id" in m);
const isResponse = (m: Message): m is ResponseMessage => !("method" in m) && "id" in m;

/**
 * No document opened this long after `initialized`: load the server all the same. Not shorter: a
 * didOpen that arrives once loading has begun waits for the server (a client on a loaded machine
 * took over 20 ms between the two).
 */
const IDLE_MS = 1000;

/** Run the server of `load` (start.ts: the single-file build, or bundled.ts) in this process, behind the front when it talks over stdio. */
export async function runServer(options: ServerOptions, load: () => Promise<Server>): Promise<void> {
  const other = process.argv.some((a) => a === "--node-ipc" || a.startsWith("--socket") || a.startsWith("--pipe"));
  // The examples' worker thread runs this entry too: there the server serves jobs, not a client.
  if (!isMainThread || other) return (await load()).runServer(options);

  const send = messageWriter(process.stdout);
  const cache = openDiagnosticsCache();
  const pending: Message[] = [];
  let toServer: ((m: Message) => void) | undefined;
  let onEnd: (() => void) | undefined;
  let initializeId: RequestMessage["id"] | undefined;
  let shutdown = false;
  let ended = false;
  let work: Promise<unknown> = Promise.resolve();
  let loading = false;

  const start = () => {
    if (loading) return;
    loading = true;
    work = work.then(async () => {
      const server = await load();
      let published = false;
      server.runServer(options, {
        listen(callback) {
          for (const m of pending.splice(0)) callback(m);
          toServer = callback;
        },
        onEnd(callback) {
          onEnd = callback;
        },
        async send(m) {
          // The client had its answer from the front.
          if (isResponse(m) && m.id === initializeId && initializeId !== undefined) return;
          await send(m);
          if (!published && isNotification(m) && m.method === "textDocument/publishDiagnostics") {
            published = true;
            setImmediate(() => server.published?.());
          }
        },
      });
      if (ended) endServer();
    });
  };
  /** The client has gone: as the server does when its own input ends. */
  const endServer = () => {
    onEnd?.();
    process.exit(shutdown ? 0 : 1);
  };

  readMessages(process.stdin, (m) => {
    if (isRequest(m) && m.method === "shutdown") shutdown = true;
    if (toServer) return toServer(m);
    pending.push(m);
    if (isRequest(m) && m.method === "initialize") {
      initializeId = m.id;
      void send({ jsonrpc: "2.0", id: m.id, result: initializeResult() } as ResponseMessage);
    } else if (isNotification(m) && m.method === "initialized") {
      setTimeout(start, IDLE_MS);
    } else if (isNotification(m) && m.method === "textDocument/didOpen" && !loading) {
      const { textDocument: doc } = m.params as DidOpenTextDocumentParams;
      work = work.then(async () => {
        const diagnostics = (await cache)?.get(doc.uri, doc.text);
        // Written out before the server loads: its load holds the thread, and the list would wait in the stream's buffer.
        if (diagnostics) await send({ jsonrpc: "2.0", method: "textDocument/publishDiagnostics", params: { uri: doc.uri, version: doc.version, diagnostics } satisfies PublishDiagnosticsParams } as NotificationMessage);
      });
      start();
    } else if (isRequest(m) || (isNotification(m) && (m.method.startsWith("textDocument/") || m.method === "exit"))) {
      // A request, an edit, the end: for the server. Other notifications wait for it.
      start();
    }
  }, () => {
    ended = true;
    // The server ends as its input ends; without one on the way, nothing is left to do.
    if (toServer) endServer();
    else if (!loading) process.exit(0);
  });
}
