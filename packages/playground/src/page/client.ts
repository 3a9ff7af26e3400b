// The language client: CodeMirror's LSP client talking to the worker, and the workspace of
// open files — one editor per file, kept alive while its tab is hidden so that an amendment
// and its base stay open together (go to definition and rename work across both).
import { LSPClient, LSPPlugin, Workspace, type Transport, type WorkspaceFile } from "@codemirror/lsp-client";
import type { Text } from "@codemirror/state";
import type { EditorView } from "@codemirror/view";
import { sanitizeHTML } from "./dom.js";

/** The worker's messages are JSON-RPC objects; the client speaks strings. */
export function workerTransport(worker: Worker): Transport {
  const handlers = new Set<(value: string) => void>();
  worker.addEventListener("message", (e: MessageEvent) => {
    const text = JSON.stringify(e.data);
    for (const h of handlers) h(text);
  });
  return {
    send: (message) => worker.postMessage(JSON.parse(message)),
    subscribe: (h) => void handlers.add(h),
    unsubscribe: (h) => void handlers.delete(h),
  };
}

class OpenFile implements WorkspaceFile {
  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    public doc: Text,
    readonly view: EditorView,
  ) {}
  getView() {
    return this.view;
  }
}

/** How the page shows a file the client needs in front of the user (go to definition). */
export interface FileDisplay {
  display(uri: string): Promise<EditorView | null>;
}

export class PageWorkspace extends Workspace {
  files: OpenFile[] = [];
  private versions = new Map<string, number>();
  display?: FileDisplay;

  private nextVersion(uri: string) {
    const v = (this.versions.get(uri) ?? -1) + 1;
    this.versions.set(uri, v);
    return v;
  }

  syncFiles() {
    const out = [];
    for (const file of this.files) {
      const plugin = LSPPlugin.get(file.view);
      if (!plugin || plugin.unsyncedChanges.empty) continue;
      out.push({ changes: plugin.unsyncedChanges, file, prevDoc: file.doc });
      file.doc = file.view.state.doc;
      file.version = this.nextVersion(file.uri);
      plugin.clear();
    }
    return out;
  }

  openFile(uri: string, languageId: string, view: EditorView) {
    const file = new OpenFile(uri, languageId, this.nextVersion(uri), view.state.doc, view);
    this.files.push(file);
    this.client.didOpen(file);
  }

  closeFile(uri: string) {
    if (!this.getFile(uri)) return;
    this.files = this.files.filter((f) => f.uri !== uri);
    this.client.didClose(uri);
  }

  override displayFile(uri: string): Promise<EditorView | null> {
    return this.display ? this.display.display(uri) : super.displayFile(uri);
  }
}

export function createClient(worker: Worker, notificationHandlers: Record<string, (client: LSPClient, params: any) => boolean>): LSPClient {
  return new LSPClient({
    rootUri: "file:///",
    workspace: (c) => new PageWorkspace(c),
    sanitizeHTML,
    notificationHandlers,
    timeout: 20000,
  }).connect(workerTransport(worker));
}
