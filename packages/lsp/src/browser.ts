// The language server in a browser: the same startServer() as the CLI and VS Code, over the
// message port of a Web Worker. Nothing here reads a disk: base files and workspace symbols come
// from an in-memory file set, and the compiler and formatter are handed in by the page's bundle
// (there is no package resolution to import them from at run time).
//
// Bundling: vscode-languageserver maps its node entry to the browser one through its `browser`
// field; the `node:` built-ins that util.ts and workspace.ts import at their top (for the disk
// and for file: URIs) need small shims from the bundler — the server calls none of the disk ones
// when `files` is given.
import { BrowserMessageReader, BrowserMessageWriter, createConnection, type Connection } from "vscode-languageserver/browser.js";
import { startServer, type PolicyServer, type ServerOptions } from "./server.js";
import type { FileAccess } from "./workspace.js";

export type { ServerOptions, PolicyServer } from "./server.js";
export type { FileAccess } from "./workspace.js";
export type { CompilerApi, FormatterApi, ExampleOutcome } from "./optional.js";
export type { ExampleRunner } from "./examples.js";

/** Where the messages come from: the worker's global scope (`self`), or a MessagePort. */
export type MessageEndpoint = ConstructorParameters<typeof BrowserMessageReader>[0];

export interface BrowserServerOptions extends ServerOptions {
  /** Required in a browser: the policies a `基于` can name and workspace symbols search. */
  files: FileAccess;
}

/**
 * Serve one client on `endpoint` (in a worker: `startBrowserServer(self, …)`). The checker's
 * diagnostics are published before the worked examples run, unless the options say otherwise.
 */
export function startBrowserServer(endpoint: MessageEndpoint, options: BrowserServerOptions): { connection: Connection; server: PolicyServer } {
  const connection = createConnection(new BrowserMessageReader(endpoint), new BrowserMessageWriter(endpoint));
  const server = startServer(connection, {
    publishBeforeExamples: true,
    ...options,
    loadCompiler: options.loadCompiler ?? none,
    loadFormatter: options.loadFormatter ?? none,
  });
  return { connection, server };
}

const none = async () => undefined;

/**
 * A file set held in memory, by absolute POSIX path (`/policies/jiangmen/base.policy`), which the
 * server sees as `file:///policies/jiangmen/base.policy`. Writable: the page adds the files a user
 * opens and keeps their text current.
 */
export class MemoryFiles implements FileAccess {
  private readonly texts = new Map<string, string>();

  constructor(files: Iterable<[string, string]> = []) {
    for (const [path, text] of files) this.texts.set(path, text);
  }

  set(path: string, text: string): void {
    this.texts.set(path, text);
  }

  delete(path: string): void {
    this.texts.delete(path);
  }

  read(path: string): string | undefined {
    return this.texts.get(path);
  }

  policies(folder: string): string[] {
    const prefix = folder.endsWith("/") ? folder : `${folder}/`;
    return [...this.texts.keys()].filter((p) => p.startsWith(prefix) && p.endsWith(".policy")).sort();
  }
}
