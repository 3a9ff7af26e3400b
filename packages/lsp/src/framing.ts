// The base protocol of LSP on the process's own streams, for the front (front.ts): each message a
// header (`Content-Length: N`, the body's length in bytes) and a blank line, then N bytes of JSON
// in UTF-8. Written here rather than loaded from vscode-jsonrpc, which the front would load and
// evaluate before it could answer `initialize` (~9 ms of a start, measured side by side); the
// server behind the front uses vscode-jsonrpc as ever (connection.ts).
import type { Message } from "vscode-jsonrpc/node.js";

const HEADER_END = Buffer.from("\r\n\r\n");

/**
 * Calls `onMessage` with each message read from `input`, in order, then `onEnd` when it ends.
 * A header without a length, or a body that is not JSON, is skipped, as vscode-jsonrpc's reader
 * reports it and reads on.
 */
export function readMessages(input: NodeJS.ReadableStream, onMessage: (m: Message) => void, onEnd: () => void): void {
  let pending: Buffer = Buffer.alloc(0);
  let length = -1;
  input.on("data", (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    for (;;) {
      if (length < 0) {
        const end = pending.indexOf(HEADER_END);
        if (end < 0) return;
        const header = /^content-length:\s*(\d+)\s*$/im.exec(pending.toString("ascii", 0, end));
        pending = pending.subarray(end + HEADER_END.length);
        if (!header) continue;
        length = Number(header[1]);
      }
      if (pending.length < length) return;
      const body = pending.toString("utf8", 0, length);
      pending = pending.subarray(length);
      length = -1;
      let message: Message;
      try {
        message = JSON.parse(body) as Message;
      } catch {
        continue;
      }
      onMessage(message);
    }
  });
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    onEnd();
  };
  input.on("end", end);
  input.on("close", end);
}

/** Writes a message to `output`, framed; resolves once it is handed to the stream. */
export function messageWriter(output: NodeJS.WritableStream): (m: Message) => Promise<void> {
  return (m) =>
    new Promise((done) => {
      const body = JSON.stringify(m);
      output.write(`Content-Length: ${Buffer.byteLength(body, "utf8")}\r\n\r\n${body}`, () => done());
    });
}
