// Checks the packaged extension: the .vsix holds the client, the bundled server, the grammar
// and the language configuration and nothing from node_modules; the server, unpacked alone
// into an empty folder, starts over stdio and answers initialize, publishes diagnostics for an
// opened policy (its failing worked example's among them), and formats it; started again, it
// publishes what the first start kept.
import { readFileSync, readdirSync, mkdtempSync, writeFileSync, mkdirSync, statSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
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
  "extension/dist/server-main.cjs",
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

// The server, alone in an empty folder, with a cache directory of its own.
const dir = mkdtempSync(join(tmpdir(), "zhengce-vsix-"));
for (const n of ["extension/dist/server.js", "extension/dist/server-main.cjs"]) {
  const to = join(dir, n);
  mkdirSync(dirname(to), { recursive: true });
  writeFileSync(to, entries.get(n)());
}
const cacheDir = join(dir, "cache");
const server = join(dir, "extension/dist/server.js");
const timeout = (ms, what, stderr) =>
  new Promise((_, rej) => setTimeout(() => rej(new Error(`${what}: no answer in ${ms} ms; stderr: ${stderr()}`)), ms).unref());

/** A server process, initialized: its connection and every diagnostics list it publishes. */
async function start() {
  const proc = spawn(process.execPath, [server, "--stdio"], { cwd: dir, stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, ZHENGCE_CACHE_DIR: cacheDir } });
  let stderr = "";
  proc.stderr.on("data", (d) => (stderr += d));
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const published = [];
  const waiting = [];
  conn.onNotification("textDocument/publishDiagnostics", (p) => {
    published.push(p);
    for (const w of waiting.splice(0)) w();
  });
  conn.onRequest(() => null);
  conn.onNotification(() => {});
  conn.listen();
  const init = await Promise.race([
    conn.sendRequest("initialize", { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null }),
    timeout(20000, "initialize", () => stderr),
  ]);
  conn.sendNotification("initialized", {});
  /** The first list published that passes `test`. */
  const diagnostics = (test, what) =>
    Promise.race([
      (async () => {
        for (;;) {
          const found = published.find(test);
          if (found) return found;
          await new Promise((r) => waiting.push(r));
        }
      })(),
      timeout(20000, what, () => stderr),
    ]);
  const stop = async () => {
    await conn.sendRequest("shutdown");
    conn.sendNotification("exit");
    await new Promise((r) => (proc.exitCode === null ? proc.on("exit", r) : r()));
  };
  return { conn, init, diagnostics, stop, kill: () => proc.kill() };
}

// A policy whose worked example fails: the examples run in the server's worker thread, with the
// compiler linked into server-main.cjs.
const uri = pathToFileURL(join(dir, "demo.policy")).href;
const text = readFileSync(join(here, "../../test/lsp/fixtures/base.policy"), "utf8").replace("个人负担：2500元", "个人负担：2600元");
writeFileSync(fileURLToPath(uri), text);
const open = (conn) => conn.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "zhengce", version: 1, text } });

let checked;
const first = await start();
try {
  assert.ok(first.init.capabilities.documentFormattingProvider, "the server offers formatting");
  open(first.conn);
  const failed = await first.diagnostics((p) => p.uri === uri && p.diagnostics.some((d) => d.code === "E181"), "the failing example's E181");
  assert.match(failed.diagnostics.find((d) => d.code === "E181").message, /期望 2600\.00，实际 2500\.00/);
  // The formatter is found after start-up; ask until it answers with edits.
  let edits = [];
  for (let i = 0; i < 50 && !edits?.length; i++) {
    edits = await first.conn.sendRequest("textDocument/formatting", { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    if (!edits?.length) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(edits?.length, "formatting returned no edits");
  console.log(`server answered: ${failed.diagnostics.length} diagnostic(s), E181 among them; ${edits.length} formatting edit(s)`);
  // The checker's list, published before the examples had run.
  checked = (await first.diagnostics((p) => p.uri === uri, "diagnostics")).diagnostics;
  await first.stop();
} finally {
  first.kill();
}

// What the first start kept: the code V8 compiled for server-main.cjs, and the diagnostics it
// published; a second start's front publishes those before the server has loaded.
assert.equal(readdirSync(join(cacheDir, "v8")).filter((n) => n.endsWith(".bin")).length, 1, `one code-cache entry expected in ${cacheDir}/v8`);
assert.ok(readdirSync(cacheDir).some((n) => n.endsWith(".json")), `the diagnostics kept in ${cacheDir}`);
const second = await start();
try {
  open(second.conn);
  const again = await second.diagnostics((p) => p.uri === uri, "the second start's diagnostics");
  assert.deepEqual(again.diagnostics, checked, "the second start published the kept diagnostics");
  await second.stop();
} finally {
  second.kill();
}

console.log(`${vsix}: ${names.length} files, ${(statSync(vsix).size / 1024).toFixed(0)} KiB — ok`);
