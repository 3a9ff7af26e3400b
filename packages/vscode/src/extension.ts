// The VS Code client: starts the language server that ships inside the extension
// (dist/server.js, server.ts: @zhengce/lsp with the formatter and the example runner) over
// stdio, or the one named by `zhengce.server.path`. Everything the editor shows — diagnostics,
// hover, completion, formatting, semantic tokens — comes from that server; this file only
// wires it up.
import * as path from "node:path";
import { commands, window, workspace, type ExtensionContext } from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

function serverModule(context: ExtensionContext): string {
  const configured = workspace.getConfiguration("zhengce").get<string>("server.path")?.trim();
  if (configured) {
    const folder = workspace.workspaceFolders?.[0]?.uri.fsPath;
    return path.isAbsolute(configured) || !folder ? configured : path.join(folder, configured);
  }
  return context.asAbsolutePath(path.join("dist", "server.js"));
}

function createClient(context: ExtensionContext): LanguageClient {
  const module = serverModule(context);
  // TransportKind.stdio makes the client pass `--stdio` to the server.
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ["--nolazy", "--inspect=6009"] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "zhengce" },
      { scheme: "untitled", language: "zhengce" },
    ],
    synchronize: { fileEvents: workspace.createFileSystemWatcher("**/*.policy") },
    outputChannelName: "政策语言服务器",
  };
  return new LanguageClient("zhengce", "政策语言服务器", serverOptions, clientOptions);
}

export async function activate(context: ExtensionContext): Promise<void> {
  client = createClient(context);
  context.subscriptions.push(
    commands.registerCommand("zhengce.restartServer", async () => {
      if (client) await client.stop();
      client = createClient(context);
      await client.start();
      void window.showInformationMessage("政策语言服务器已重启");
    }),
    workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("zhengce.server.path")) void commands.executeCommand("zhengce.restartServer");
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
