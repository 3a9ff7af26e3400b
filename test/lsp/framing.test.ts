// The front's own framing of LSP messages (packages/lsp/src/framing.ts): what vscode-jsonrpc's
// stream reader and writer did for it, byte for byte.
import { PassThrough } from "node:stream";
import { expect, test } from "vitest";
import { messageWriter, readMessages } from "../../packages/lsp/src/framing.js";

const frame = (body: string) => Buffer.concat([Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`), Buffer.from(body)]);

test("reads messages split anywhere, several to a chunk, lengths in bytes of UTF-8, other headers, and skips what it cannot read", async () => {
  const open = JSON.stringify({ jsonrpc: "2.0", method: "textDocument/didOpen", params: { text: "参保身份：城乡居民 — 起付标准 500 元" } });
  const init = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: {} });
  const bytes = Buffer.concat([
    frame(init),
    Buffer.from("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n"),
    frame(open),
    Buffer.from("X-Nothing: 1\r\n\r\n"), // no length: skipped
    frame("{not json"), // skipped
    frame(JSON.stringify({ jsonrpc: "2.0", method: "exit" })),
  ]);
  const input = new PassThrough();
  const got: unknown[] = [];
  let ends = 0;
  readMessages(input, (m) => got.push(m), () => ends++);
  // One byte at a time: every header and every character of the text is cut somewhere.
  for (let i = 0; i < bytes.length; i++) input.write(bytes.subarray(i, i + 1));
  input.end();
  await new Promise((r) => setTimeout(r, 10));
  expect(got).toEqual([JSON.parse(init), JSON.parse(open), { jsonrpc: "2.0", method: "exit" }]);
  expect(ends).toBe(1);

  // The same bytes in one chunk.
  const whole = new PassThrough();
  const again: unknown[] = [];
  readMessages(whole, (m) => again.push(m), () => {});
  whole.end(bytes);
  await new Promise((r) => setTimeout(r, 10));
  expect(again).toEqual(got);
});

test("writes each message with its length in bytes", async () => {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on("data", (c: Buffer) => chunks.push(c));
  const send = messageWriter(output);
  const m = { jsonrpc: "2.0" as const, method: "textDocument/publishDiagnostics", params: { uri: "file:///江门/base.policy", diagnostics: [] } };
  await send(m);
  const body = JSON.stringify(m);
  expect(Buffer.concat(chunks).toString("utf8")).toBe(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  expect(Buffer.byteLength(body)).toBeGreaterThan(body.length);
});
