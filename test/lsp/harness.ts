// A real JSON-RPC client for the language server: in process over a pair of streams, or
// against the built binary over stdio. Tests speak LSP to it exactly as an editor would.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  PublishDiagnosticsNotification,
  LogMessageNotification,
  MessageType,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  ShutdownRequest,
  type Diagnostic,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
} from "vscode-languageserver-protocol/node.js";
import { startServer, streamConnection, type PolicyServer, type ServerOptions } from "../../packages/lsp/src/index.js";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));
export const uriOf = (path: string) => pathToFileURL(path).href;
export const fixture = (name: string) => ({ uri: uriOf(FIXTURES + name), text: readFileSync(FIXTURES + name, "utf8") });

/** LSP position of the `nth` occurrence of `needle` in `text`, plus `delta` characters. */
export function pos(text: string, needle: string, delta = 0, nth = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`「${needle}」 not found (#${nth})`);
  }
  const offset = at + delta;
  const before = text.slice(0, offset);
  const line = before.split("\n").length - 1;
  return { line, character: offset - (before.lastIndexOf("\n") + 1) };
}

export function rangeOf(text: string, needle: string, nth = 0): Range {
  return { start: pos(text, needle, 0, nth), end: pos(text, needle, needle.length, nth) };
}

export class TestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly errors: string[] = [];
  private waiters: { uri: string; version?: number; test?: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
  private versions = new Map<string, number>();
  texts = new Map<string, string>();

  private constructor(
    readonly connection: ProtocolConnection,
    readonly server?: PolicyServer,
    readonly child?: ChildProcess,
  ) {
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri !== p.uri || (w.version !== undefined && (p.version ?? -1) < w.version) || (w.test && !w.test(p.diagnostics))) return true;
        w.resolve(p.diagnostics);
        return false;
      });
    });
    connection.onNotification(LogMessageNotification.type, (p) => {
      if (p.type === MessageType.Error) this.errors.push(p.message);
    });
    connection.onRequest("client/registerCapability", () => null);
    connection.listen();
  }

  /** The server in this process, over a pair of streams. */
  static async inProcess(options: ServerOptions = {}, rootUri: string | null = uriOf(FIXTURES)): Promise<TestClient> {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const server = startServer(streamConnection(toServer, toClient), { debounceMs: 20, ...options });
    const client = new TestClient(createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer)), server);
    await client.initialize(rootUri);
    await server.ready;
    return client;
  }

  /** The built server binary, spawned with --stdio. */
  static async spawn(mainJs: string, rootUri: string | null = uriOf(FIXTURES), args = ["--stdio"]): Promise<TestClient> {
    const child = spawn(process.execPath, [mainJs, ...args], { stdio: ["pipe", "pipe", "inherit"] });
    const client = new TestClient(createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!)), undefined, child);
    await client.initialize(rootUri);
    return client;
  }

  private async initialize(rootUri: string | null) {
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: "root" }] : null,
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  /**
   * The next diagnostics published for `uri` that pass `test` (the server publishes the
   * checker's first, then again with the worked examples' failures).
   */
  until(uri: string, test: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    return this.diagnosticsFor(uri, undefined, test);
  }

  diagnosticsFor(uri: string, version?: number, test?: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      // Generous: only a hang reaches it (a loaded machine took over 10 s to publish), and then
      // it names the document, which the test's own timeout would not.
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version}`)), 10 * 60_000);
      this.waiters.push({
        uri,
        version,
        test,
        resolve: (d) => {
          clearTimeout(timer);
          resolve(d);
        },
      });
    });
  }

  async open(uri: string, text: string): Promise<Diagnostic[]> {
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    const wait = this.diagnosticsFor(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "policy", version: 1, text } });
    return wait;
  }

  /** Replace the whole text; resolves with the diagnostics published for the new version. */
  async change(uri: string, text: string): Promise<Diagnostic[]> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    const wait = this.diagnosticsFor(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return wait;
  }

  /** An incremental edit of a range. */
  async edit(uri: string, range: Range, newText: string, wait = true): Promise<Diagnostic[] | undefined> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    const w = wait ? this.diagnosticsFor(uri, version) : undefined;
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text: newText }] });
    return w;
  }

  async close(uri: string): Promise<Diagnostic[]> {
    const wait = this.diagnosticsFor(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    return wait;
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async stop() {
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
    } catch {
      // already gone
    }
    this.server?.dispose();
    if (this.child) {
      const child = this.child;
      const exited = new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(undefined) : child.once("exit", r)));
      this.connection.sendNotification("exit").catch(() => undefined);
      // A process ending takes its time on a loaded machine (over 100 ms here): only a hang is killed.
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill();
    }
    this.connection.dispose();
  }
}

/** Apply LSP text edits to a text (edits must not overlap). */
export function applyEdits(text: string, edits: { range: Range; newText: string }[]): string {
  const offset = (p: Position) => {
    const lines = text.split("\n");
    let o = 0;
    for (let i = 0; i < p.line; i++) o += lines[i].length + 1;
    return o + p.character;
  };
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
