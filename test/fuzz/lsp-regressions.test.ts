// Language-server regressions found by fuzzing (issue 14): positions it returns, versions it
// accepts, and the wording of refusals.
import { afterEach, describe, expect, it } from "vitest";
import { DidChangeTextDocumentNotification, type CompletionItem, type CompletionList, type Position, type TextEdit } from "vscode-languageserver-protocol/node.js";
import { invalidName } from "../../packages/lsp/src/rename.js";
import { TestClient, uriOf, FIXTURES } from "../lsp/harness.js";

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

const uri = uriOf(`${FIXTURES}fuzz-regression.policy`);
const td = { textDocument: { uri } };

describe("positions", () => {
  it("a file with lone CRs gets its diagnostics on the right lines", async () => {
    client = await TestClient.inProcess({ debounceMs: 0 });
    const d = await client.open(uri, "参数 甲：金额 = 1元\r参数 乙：金额 = 丙\r");
    expect(d.map((x) => [x.code, x.range])).toEqual([["E101", { start: { line: 1, character: 10 }, end: { line: 1, character: 11 } }]]);
  });

  it("completion edits stay on the cursor's line and inside the text, whatever position is asked", async () => {
    client = await TestClient.inProcess({ debounceMs: 0 });
    const text = "参数 甲：金额 = 「多行\n名称」\n计算 C {\n  输入 { 费用：金额 }\n  输出 支付 = 费\n}\n";
    await client.open(uri, text);
    const lines = text.split("\n");
    const asked: Position[] = [
      { line: 1, character: 3 }, // right after a 「quote」 that began on the line before
      { line: 4, character: 12 }, // after 费
      { line: 4, character: 999 }, // past the end of the line
      { line: 0, character: 999 },
      { line: 99, character: 5 }, // past the last line
    ];
    for (const position of asked) {
      const r = await client.request<CompletionItem[] | CompletionList | null>("textDocument/completion", { ...td, position });
      const items = Array.isArray(r) ? r : (r?.items ?? []);
      const line = Math.min(position.line, lines.length - 1);
      const cursor = Math.min(position.character, lines[line].length);
      for (const item of items) {
        const range = (item.textEdit as TextEdit | undefined)?.range;
        if (!range) continue;
        expect({ item: item.label, start: range.start.line, end: range.end.line }).toEqual({ item: item.label, start: line, end: line });
        expect(range.start.character).toBeLessThanOrEqual(cursor);
        expect(range.end.character).toBe(cursor);
      }
    }
    expect(client.errors).toEqual([]);
  });
});

describe("versions", () => {
  it("a didChange whose version goes backwards is ignored", async () => {
    client = await TestClient.inProcess({ debounceMs: 0 });
    await client.open(uri, "参数 甲：金额 = 1元\n");
    expect(await client.change(uri, "参数 甲：金额 = 乙\n")).toHaveLength(1); // version 2: E101 乙
    // A stale full-text change with version 1: applied, it would leave 「丁」 unknown instead.
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 1 },
      contentChanges: [{ text: "参数 甲：金额 = 丁\n" }],
    });
    // Version 3 appends a line to whatever text the server holds.
    const d = await client.edit(uri, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, "参数 戊：金额 = 1元\n");
    expect(d!.map((x) => x.message)).toEqual(["未知的名称「乙」"]);
  });
});

describe("rename refusals say what is wrong", () => {
  it.each([
    ["123", "「123」不能作名称：名称中不能有数字"],
    ["１２３", "「１２３」不能作名称：名称中不能有数字"],
    ["5000元", "「5000元」不能作名称：名称中不能有数字"],
    ["2018-01-01", "「2018-01-01」不能作名称：名称中不能有数字"],
    ["「起付线」", "「「起付线」」不能作名称：须是一个不含空格和标点的词"],
    ["+", "「+」不能作名称：须是一个不含空格和标点的词"],
    ["参数", "「参数」是关键字，不能作名称"],
    ["依据", "「依据」是关键字，不能作名称"],
  ])("%s", (name, message) => {
    expect(invalidName(name)).toBe(message);
  });
});
