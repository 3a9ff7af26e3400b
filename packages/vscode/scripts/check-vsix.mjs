// Checks the packaged extension: the .vsix holds the client, the bundled server, the grammar
// and the language configuration and nothing from node_modules; the server, unpacked alone
// into an empty folder, starts over stdio and answers initialize, publishes diagnostics for an
// opened policy, and formats it.
import { readFileSync, mkdtempSync, writeFileSync, mkdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { inflateRawSync } from "node:zlib";
import { spawn } from "node:child_process";
import assert from "node:assert/strict";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node.js";

const here = new URL("..", import.meta.url).pathname;
const vsix = join(here, "dist/zhengce-vscode.vsix");

/** Entries of a zip file, read from its central directory. */
function unzip(buf) {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map();
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    const lNameLen = buf.readUInt16LE(local + 26);
    const lExtraLen = buf.readUInt16LE(local + 28);
    const data = buf.subarray(local + 30 + lNameLen + lExtraLen, local + 30 + lNameLen + lExtraLen + size);
    out.set(name, () => (method === 8 ? inflateRawSync(data) : data));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const entries = unzip(readFileSync(vsix));
const names = [...entries.keys()].sort();
for (const need of [
  "extension/package.json",
  "extension/dist/extension.js",
  "extension/dist/server.js",
  "extension/syntaxes/policy.tmLanguage.json",
  "extension/language-configuration.json",
  "extension/readme.md",
]) {
  assert.ok(names.includes(need), `${need} missing from the .vsix`);
}
assert.ok(!names.some((n) => n.includes("node_modules/")), "the .vsix must not contain node_modules");
assert.ok(!names.some((n) => n.startsWith("extension/src/") || n.startsWith("extension/scripts/")), "sources are not shipped");
const manifest = JSON.parse(entries.get("extension/package.json")().toString());
assert.equal(manifest.name, "zhengce-vscode");
assert.equal(manifest.publisher, "zhengce");
assert.equal(manifest.engines.vscode, "^1.85.0");

// The server, alone in an empty folder.
const dir = mkdtempSync(join(tmpdir(), "zhengce-vsix-"));
for (const n of ["extension/dist/server.js"]) {
  const to = join(dir, n);
  mkdirSync(dirname(to), { recursive: true });
  writeFileSync(to, entries.get(n)());
}
const server = join(dir, "extension/dist/server.js");
const proc = spawn(process.execPath, [server, "--stdio"], { cwd: dir, stdio: ["pipe", "pipe", "pipe"] });
let stderr = "";
proc.stderr.on("data", (d) => (stderr += d));
const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
const diagnostics = new Promise((resolve) => conn.onNotification("textDocument/publishDiagnostics", (p) => resolve(p)));
conn.onRequest(() => null);
conn.onNotification(() => {});
conn.listen();
const timeout = (ms, what) =>
  new Promise((_, rej) => setTimeout(() => rej(new Error(`${what}: no answer in ${ms} ms; stderr: ${stderr}`)), ms).unref());

try {
  const init = await Promise.race([
    conn.sendRequest("initialize", { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null }),
    timeout(20000, "initialize"),
  ]);
  assert.ok(init.capabilities.documentFormattingProvider, "the server offers formatting");
  conn.sendNotification("initialized", {});
  const uri = "file:///tmp/zhengce-check/demo.policy";
  const text = "参数  起付:金额 =   500元\n依据 一、\n枚举 级别{一级,二级}\n";
  conn.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "zhengce", version: 1, text } });
  const diag = await Promise.race([diagnostics, timeout(20000, "publishDiagnostics")]);
  assert.equal(diag.uri, uri);
  // The formatter is found after start-up; ask until it answers with edits.
  let edits = [];
  for (let i = 0; i < 50 && !edits?.length; i++) {
    edits = await conn.sendRequest("textDocument/formatting", { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    if (!edits?.length) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(edits?.length, "formatting returned no edits");
  const formatted = edits.length === 1 && edits[0].range.start.line === 0 ? edits[0].newText : null;
  console.log(`server answered: ${diag.diagnostics.length} diagnostic(s); formatting edit ${JSON.stringify(formatted ?? edits)}`);
  await conn.sendRequest("shutdown");
  conn.sendNotification("exit");
} finally {
  setTimeout(() => proc.kill(), 500).unref();
}
console.log(`${vsix}: ${names.length} files, ${(statSync(vsix).size / 1024).toFixed(0)} KiB — ok`);
