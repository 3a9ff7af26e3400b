// The language server's browser entry, driven over a MessageChannel as a page drives its worker:
// files come from memory (an amendment's base that no editor has open), and the checker's
// diagnostics are published before the worked examples run, then again with their outcomes.
import { MessageChannel } from "node:worker_threads";
import { afterEach, describe, expect, test } from "vitest";
import {
  BrowserMessageReader,
  BrowserMessageWriter,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/browser.js";
import { compileAnalysis } from "@zhengce/compiler";
import { MemoryFiles, startBrowserServer, type MessageEndpoint } from "../../packages/lsp/src/browser.js";
import { fixture } from "./harness.js";

const base = fixture("base.policy");
const amend = fixture("amend.policy");

describe("the browser entry", () => {
  let client: ProtocolConnection | undefined;
  let close = () => undefined as void;
  afterEach(() => {
    client?.dispose();
    close();
  });

  async function start(files: MemoryFiles) {
    const { port1, port2 } = new MessageChannel();
    const { server } = startBrowserServer(port1 as unknown as MessageEndpoint, { files, debounceMs: 0, loadCompiler: async () => ({ compileAnalysis }) });
    client = createProtocolConnection(new BrowserMessageReader(port2 as unknown as MessageEndpoint), new BrowserMessageWriter(port2 as unknown as MessageEndpoint));
    const published: PublishDiagnosticsParams[] = [];
    client.onNotification(PublishDiagnosticsNotification.type, (p) => void published.push(p));
    client.listen();
    close = () => {
      server.dispose();
      port1.close();
      port2.close();
    };
    await client.sendRequest(InitializeRequest.type, { processId: null, rootUri: "file:///", capabilities: {} });
    await client.sendNotification(InitializedNotification.type, {});
    await server.ready;
    return published;
  }

  // Waits for the n-th publication however long the machine takes (the test's timeout bounds a hang).
  const until = async (published: PublishDiagnosticsParams[], n: number) => {
    while (published.length < n) await new Promise((r) => setTimeout(r, 10));
    return published;
  };

  test("an amendment is checked against a base held only in memory", async () => {
    const files = new MemoryFiles([["/t/base.policy", base.text]]);
    expect(files.policies("/")).toEqual(["/t/base.policy"]);
    const published = await start(files);
    await client!.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: "file:///t/amend.policy", languageId: "zhengce", version: 1, text: amend.text } });
    const [first, withExamples] = await until(published, 2);
    expect(first).toEqual({ uri: "file:///t/amend.policy", version: 1, diagnostics: [] });
    expect(withExamples).toEqual(first);
  });

  test("the checker's diagnostics come first, the failing example's with the second publication", async () => {
    const published = await start(new MemoryFiles());
    const uri = "file:///t/base.policy";
    await client!.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "zhengce", version: 1, text: base.text } });
    await until(published, 2);
    const wrong = base.text.replace("个人负担：2500元", "个人负担：2600元");
    await client!.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: wrong }] });
    const [checked, examples] = (await until(published, 4)).slice(2);
    expect([checked.version, checked.diagnostics]).toEqual([2, []]);
    expect([examples.version, examples.diagnostics.map((d) => [d.code, d.message])]).toEqual([
      2,
      [["E181", "示例「二级医院住院」未通过：「个人负担」期望 2600.00，实际 2500.00"]],
    ]);
  });
});
