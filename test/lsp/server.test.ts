// The language server over JSON-RPC (in process, over a pair of streams): what an editor
// sends and what it gets back, asserted exactly.
import { afterEach, describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import type {
  CodeAction,
  CompletionItem,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  SemanticTokens,
  SymbolInformation,
  TextEdit,
  WorkspaceEdit,
} from "vscode-languageserver-protocol/node.js";
import { applyEdits, fixture, pos, rangeOf, ROOT, TestClient, uriOf } from "./harness.js";

const base = fixture("base.policy");
const amend = fixture("amend.policy");
const jiangmen = { uri: uriOf(`${ROOT}policies/jiangmen/base.policy`), text: readFileSync(`${ROOT}policies/jiangmen/base.policy`, "utf8") };

let client: TestClient;
afterEach(async () => {
  expect(client.errors).toEqual([]);
  await client.stop();
});

const line = (l: number, c0: number, c1: number) => ({ start: { line: l, character: c0 }, end: { line: l, character: c1 } });
const diag = (code: string, message: string, range: ReturnType<typeof line>, severity: Diagnostic["severity"] = 1): Diagnostic => ({ range, severity, code, source: "zhengce", message });
const td = (uri: string) => ({ textDocument: { uri } });
const hoverText = async (uri: string, position: { line: number; character: number }) =>
  ((await client.request<Hover | null>("textDocument/hover", { ...td(uri), position }))?.contents as { value: string } | undefined)?.value;
const labels = (items: CompletionItem[]) => items.map((i) => i.label);

describe("diagnostics", () => {
  test("open a policy, edit it into errors and back: exact diagnostics, each time", async () => {
    client = await TestClient.inProcess();
    expect(await client.open(base.uri, base.text)).toEqual([]);

    // Three mistakes at once, one of them a syntax error: each is still reported.
    const broken = base.text
      .replace("枚举 医院级别 { 一级、二级、三级 }", "枚举 医院级别 { 一级、二级、三级 ")
      .replace("  三级：800元\n", "")
      .replace("费用 − 统筹支付", "费用 − 实际比例");
    expect(await client.change(base.uri, broken)).toEqual([
      diag("E002", "缺少「}」：前面的「{」没有配对", line(7, 18, 18)),
      diag("E120", "表「起付线」缺少枚举「医院级别」的成员：三级（依据 测府〔2020〕1号 二、（一））", line(10, 3, 6)),
      diag("E111", "不能把金额与比例相减（依据 测府〔2020〕1号 二、）", line(45, 15, 16)),
    ]);
    expect(await client.change(base.uri, base.text)).toEqual([]);
  });

  test("incremental edits: a half-typed line gets its syntax error, and the rest of the file is still checked", async () => {
    client = await TestClient.inProcess();
    const text = base.text.replace("  三级：800元\n", "");
    expect((await client.open(base.uri, text)).map((d) => d.code)).toEqual(["E120"]);
    // Type `令 新 = 起付线[` at the start of the calculator body, one character at a time.
    const at = pos(text, "  令 起付 =");
    const typed = "令 新 = 起付线[";
    let diags: Diagnostic[] | undefined;
    for (let i = 0; i < typed.length; i++) {
      const p = { line: at.line, character: i };
      diags = await client.edit(base.uri, { start: p, end: p }, typed[i], i === typed.length - 1);
    }
    expect(diags!.map((d) => [d.code, d.range.start.line])).toEqual([
      ["E120", 10],
      ["E002", at.line],
    ]);
    // Finish the line: only the table's own error is left.
    const end = { line: at.line, character: typed.length };
    expect((await client.edit(base.uri, { start: end, end }, "医院级别]\n  "))!.map((d) => d.code)).toEqual(["E120"]);
  });

  test("a failing worked example is an E181 on the expected value, with expected and actual", async () => {
    client = await TestClient.inProcess();
    expect(await client.open(base.uri, base.text)).toEqual([]);
    const wrong = base.text.replace("个人负担：2500元", "个人负担：2600元");
    expect(await client.change(base.uri, wrong)).toEqual([
      diag("E181", "示例「二级医院住院」未通过：「个人负担」期望 2600.00，实际 2500.00", rangeOf(wrong, "个人负担：2600元")),
    ]);
    expect(await client.change(base.uri, base.text)).toEqual([]);
  });

  test("examples run through the compiler given to the server; a compiler that throws does not stop it", async () => {
    let calls = 0;
    client = await TestClient.inProcess({
      loadCompiler: async () => ({
        compileAnalysis: () => {
          calls++;
          if (calls === 2) throw new Error("boom");
          return {
            runExamples: () => [
              { calculator: "住院结算", title: "二级医院住院", line: 49, uri: base.uri, passed: false, failures: [{ case: 1, field: "统筹支付", expected: "8000.00", actual: "7999.99" }] },
            ],
          };
        },
      }),
    });
    expect(await client.open(base.uri, base.text)).toEqual([
      diag("E181", "示例「二级医院住院」未通过：「统筹支付」期望 8000.00，实际 7999.99", rangeOf(base.text, "统筹支付：8000元")),
    ]);
    // The second compilation throws: the analysis diagnostics are still published, the error is logged.
    expect(await client.change(base.uri, `${base.text}\n`)).toEqual([]);
    expect(client.errors.splice(0)).toEqual([expect.stringContaining("[examples] Error: boom")]);
    // Examples are not run on a policy with errors.
    const broken = base.text.replace("  三级：800元\n", "");
    expect((await client.change(base.uri, broken)).map((d) => d.code)).toEqual(["E120"]);
    expect(calls).toBe(2);
  });

  test("an amendment reads its base from disk, and is checked again when the open base changes", async () => {
    client = await TestClient.inProcess();
    expect(await client.open(amend.uri, amend.text)).toEqual([]);
    const amendDiagnostics = client.diagnosticsFor(amend.uri, 1);
    await client.open(base.uri, base.text);
    await amendDiagnostics;
    const next = client.diagnosticsFor(amend.uri);
    await client.change(base.uri, base.text.replace("一级、二级、三级", "一级、二级、三级甲"));
    expect(await next).toEqual([
      diag("E120", "表「起付线」缺少枚举「医院级别」的成员：三级甲（依据 测府〔2021〕2号 一、）", line(6, 3, 6)),
      diag("E122", "「三级」不是枚举「医院级别」的成员；成员有：一级、二级、三级甲（依据 测府〔2021〕2号 一、）", line(9, 2, 4)),
    ]);
    // Closing the base goes back to the file on disk.
    const again = client.diagnosticsFor(amend.uri);
    expect(await client.close(base.uri)).toEqual([]);
    expect(await again).toEqual([]);
  });

  test("a missing base is reported on the 基于 line", async () => {
    client = await TestClient.inProcess();
    const text = amend.text.replace("./base.policy", "./nowhere.policy");
    const diags = await client.open(uriOf("/tmp/zhengce-lsp-test/amend.policy"), text);
    expect(diags[0]).toEqual(diag("E171", "找不到基础政策「./nowhere.policy」", rangeOf(text, "「./nowhere.policy」")));
  });
});

describe("hover", () => {
  test("a parameter: its value per row with 依据 and the quoted clause", async () => {
    client = await TestClient.inProcess();
    await client.open(base.uri, base.text);
    expect(await hoverText(base.uri, pos(base.text, "起付线[", 1))).toBe(
      [
        "**参数 起付线**：金额 按 医院级别",
        "",
        "- 一级：300元",
        "- 二级：500元",
        "- 三级：800元",
        "",
        "依据 二、（一）",
        "> 「起付标准分别为一级300元，二级500元，三级800元。」",
      ].join("\n"),
    );
  });

  test("a parameter with time versions", async () => {
    client = await TestClient.inProcess();
    await client.open(base.uri, base.text);
    expect(await hoverText(base.uri, pos(base.text, "= 支付比例", 3))).toBe(
      [
        "**参数 支付比例**：比例",
        "",
        "- **2020-01-01 至 2020-12-31**：80%",
        "- **2021-01-01 起**：85%",
        "",
        "依据 二、（二）",
        "> 「基金支付比例2020年为80%，2021年起为85%。」",
      ].join("\n"),
    );
  });

  test("a parameter restated by an amendment shows the value in force and the base's", async () => {
    client = await TestClient.inProcess();
    await client.open(amend.uri, amend.text);
    expect(await hoverText(amend.uri, pos(amend.text, "参数 起付线", 4))).toBe(
      [
        "**参数 起付线**：金额 按 医院级别",
        "",
        "现行：本文件（测府〔2021〕2号）",
        "",
        "- 一级：200元",
        "- 二级：400元",
        "- 三级：700元",
        "",
        "依据 一、",
        "> 「起付标准各下调100元。」",
        "",
        "---",
        "基础政策（测府〔2020〕1号）中原为：",
        "",
        "- 一级：300元",
        "- 二级：500元",
        "- 三级：800元",
        "",
        "依据 二、（一）",
        "> 「起付标准分别为一级300元，二级500元，三级800元。」",
      ].join("\n"),
    );
  });

  test("an enum member: its entries across the tables", async () => {
    client = await TestClient.inProcess();
    await client.open(base.uri, base.text);
    expect(await hoverText(base.uri, pos(base.text, "三级：降低", 0))).toBe(
      ["**三级**：枚举「医院级别」的成员", "", "各表中的取值：", "- 起付线：800元"].join("\n"),
    );
    await client.open(jiangmen.uri, jiangmen.text);
    const member = await hoverText(jiangmen.uri, pos(jiangmen.text, "医院级别 = 非定点", 8));
    expect(member).toContain("**非定点**：枚举「医院级别」的成员");
    expect(member).toContain("- 起付标准表：1500元");
  });

  test("a calculator: inputs with types and defaults, outputs", async () => {
    client = await TestClient.inProcess();
    await client.open(amend.uri, amend.text);
    expect(await hoverText(amend.uri, pos(amend.text, "例 住院结算", 3))).toBe(
      [
        "**计算 住院结算**（有效期 2020-01-01 起）",
        "",
        "输入：",
        "- 医院级别：枚举「医院级别」（必填）",
        "- 费用：金额（必填）",
        "",
        "输出：",
        "- 统筹支付：金额",
        "- 大额支付：金额",
        "- 个人负担：金额",
        "",
        "依据 二、",
      ].join("\n"),
    );
    await client.open(jiangmen.uri, jiangmen.text);
    const calc = await hoverText(jiangmen.uri, pos(jiangmen.text, "计算 住院结算", 3));
    expect(calc).toContain("- 特殊人群：集合（特殊人群），默认 []");
    expect(calc).toContain("- 按规定备案：布尔，默认 是");
  });

  test("an input and a step: type, definition, 依据, modifiers", async () => {
    client = await TestClient.inProcess();
    await client.open(base.uri, base.text);
    expect(await hoverText(base.uri, pos(base.text, "费用 − 起付", 0))).toBe(
      ["**输入 费用**：金额（必填）", "", "计算「住院结算」的输入", "", "依据 二、"].join("\n"),
    );
    expect(await hoverText(base.uri, pos(base.text, "× 实际比例", 3))).toBe(
      [
        "**令 实际比例**：比例",
        "",
        "= 支付比例",
        "",
        "依据 二、（二）",
        "",
        "修正：",
        "- 当 医院级别 = 三级：降低 5个百分点（依据 二、（二））",
        "",
        "计算「住院结算」的中间结果",
      ].join("\n"),
    );
  });

  test("no hover on a keyword, a comment or past the end", async () => {
    client = await TestClient.inProcess();
    await client.open(base.uri, base.text);
    expect(await hoverText(base.uri, pos(base.text, "参数 起付线"))).toBeUndefined();
    expect(await hoverText(base.uri, { line: 0, character: 3 })).toBeUndefined();
    expect(await hoverText(base.uri, { line: 999, character: 0 })).toBeUndefined();
  });
});

describe("completion", () => {
  const complete = (uri: string, position: { line: number; character: number }) =>
    client.request<CompletionItem[]>("textDocument/completion", { ...td(uri), position });

  test("enum members after = and inside 属于 [ … ]", async () => {
    client = await TestClient.inProcess();
    await client.open(base.uri, base.text);
    const items = await complete(base.uri, pos(base.text, "三级：降低", 0));
    expect(labels(items).slice(0, 3)).toEqual(["一级", "二级", "三级"]);
    expect(items[0].detail).toBe("枚举「医院级别」");
    const text = base.text.replace("当 医院级别 = 三级", "当 医院级别 属于 [一级、");
    await client.change(base.uri, text);
    expect(labels(await complete(base.uri, pos(text, "[一级、", 4))).slice(0, 3)).toEqual(["一级", "二级", "三级"]);
  });

  test("in a parameter's modifier: the inputs of the calculators, and members after =", async () => {
    client = await TestClient.inProcess();
    const text = jiangmen.text.replace(/(参数 大病起赔标准：金额 = 1万元\n)/, "$1  当 \n");
    await client.open(jiangmen.uri, text);
    const names = labels(await complete(jiangmen.uri, pos(text, "1万元\n  当 ", 8)));
    expect(names).toContain("特殊人群");
    expect(names).toContain("医院级别");
    const members = labels(await complete(jiangmen.uri, pos(jiangmen.text, "医院级别 = 非定点", 7)));
    expect(members.slice(0, 4)).toEqual(["一级及以下", "二级", "三级", "非定点"]);
  });

  test("the missing keys of a table over an enum, with a snippet for all of them", async () => {
    client = await TestClient.inProcess();
    const text = base.text.replace("  一级：300元\n  二级：500元\n  三级：800元\n", "  二级：500元\n  \n");
    await client.open(base.uri, text);
    const items = await complete(base.uri, pos(text, "二级：500元\n  ", 10));
    expect(labels(items)).toEqual(["全部成员（一级、三级）", "一级", "三级", "其他", "依据", "当", "否则当", "否则", "自"]);
    expect(items[0].textEdit).toEqual({ range: line(12, 2, 2), newText: "一级：${1}\n  三级：${2}" });
  });

  test("units after a number", async () => {
    client = await TestClient.inProcess();
    const text = base.text.replace("费用：10500元", "费用：10500");
    await client.open(base.uri, text);
    expect(labels(await complete(base.uri, pos(text, "10500", 5)))).toEqual(["元", "万元", "%", "个百分点", "个月", "岁"]);
  });

  test("names in scope inside a calculator: inputs, steps above, parameters, brackets, builtins", async () => {
    client = await TestClient.inProcess();
    const text = base.text.replace("  输出 个人负担 = 费用 − 统筹支付", "  输出 个人负担 = 费用 − 统筹支付 − ");
    await client.open(base.uri, text);
    const items = await complete(base.uri, pos(text, "统筹支付 − ", 7));
    const names = labels(items);
    expect(names.slice(0, 7)).toEqual(["医院级别", "费用", "起付", "实际比例", "统筹支付", "大额支付", "起付线"]);
    expect(names).toContain("大额比例");
    expect(names).toContain("较小");
    expect(names).toContain("如果");
    expect(items.find((i) => i.label === "大额比例")?.textEdit?.newText).toBe("大额比例（${1}）");
    expect(items.find((i) => i.label === "起付线")?.textEdit?.newText).toBe("起付线[${1:医院级别}]");
  });

  test("statement keywords in a calculator, declaration keywords and snippets at the top level", async () => {
    client = await TestClient.inProcess();
    const text = base.text.replace("  输出 个人负担", "  \n  输出 个人负担").replace("\n例 住院结算", "\n\n\n例 住院结算");
    await client.open(base.uri, text);
    expect(labels(await complete(base.uri, pos(text, "（三）\n  \n", 7)))).toEqual([
      "有效期", "依据", "输入", "累计", "输出", "令", "分层", "拒绝", "当", "否则当", "否则", "当 …：修正",
    ]);
    const top = await complete(base.uri, pos(text, "}\n\n\n", 3));
    expect(labels(top)).toEqual(["政策", "枚举", "参数", "分段", "计算", "例", "依据", "当", "否则当", "否则", "参数 …按 医院级别（表）", "分段（累进）", "参数", "枚举", "当 …：修正"]);
    expect(top[10].textEdit?.newText).toBe("参数 ${1:名称}：${2|金额,比例|} 按 医院级别 {\n  一级：${3}\n  二级：${4}\n  三级：${5}\n  依据 ${6}\n}");
  });

  test("keywords in the traditional script when the file uses it", async () => {
    client = await TestClient.inProcess();
    const uri = uriOf("/tmp/zhengce-lsp-test/trad.policy");
    const text = "政策 測試 {\n  文號 「測試」\n}\n\n枚舉 級別 { 甲、乙 }\n\n參數 費率：比例 按 級別 {\n  甲：5%\n  乙：6%\n}\n\n";
    await client.open(uri, text);
    const items = await complete(uri, { line: 11, character: 0 });
    expect(labels(items).slice(0, 10)).toEqual(["政策", "枚舉", "參數", "分段", "計算", "例", "依據", "當", "否則當", "否則"]);
    expect(items.find((i) => i.label === "當 …：修正")?.textEdit?.newText).toBe("當 ${1:条件}：${2|提高,降低,乘以,設爲,不低於,不超過|} ${3:值}\n  依據 ${4}");
  });

  test("fields of an example's input and expectation, types after a colon", async () => {
    client = await TestClient.inProcess();
    const text = base.text.replace("期望 { 统筹支付：8000元，个人负担：2500元 }", "期望 {  }");
    await client.open(base.uri, text);
    expect(labels(await complete(base.uri, pos(text, "期望 { ", 5)))).toEqual(["统筹支付", "大额支付", "个人负担"]);
    expect(labels(await complete(base.uri, pos(base.text, "费用：金额", 3)))).toEqual([
      "金额", "比例", "百分点", "整数", "月数", "年龄", "年数", "日期", "布尔", "文本", "医院级别", "集合（医院级别）",
    ]);
  });

  test("nothing inside a comment or a citation", async () => {
    client = await TestClient.inProcess();
    await client.open(base.uri, base.text);
    expect(await complete(base.uri, { line: 0, character: 4 })).toEqual([]);
    expect(await complete(base.uri, pos(base.text, "依据 一、（一）", 5))).toEqual([]);
  });
});

describe("definition, references, rename", () => {
  test("go to definition within a file and from an amendment into its base", async () => {
    client = await TestClient.inProcess();
    await client.open(amend.uri, amend.text);
    const def = (uri: string, position: { line: number; character: number }) => client.request<Location[]>("textDocument/definition", { ...td(uri), position });
    // The calculator an example runs, the enum a table is laid out by, a member used as a key.
    expect(await def(amend.uri, pos(amend.text, "例 住院结算", 3))).toEqual([{ uri: base.uri, range: rangeOf(base.text, "住院结算") }]);
    expect(await def(amend.uri, pos(amend.text, "按 医院级别", 2))).toEqual([{ uri: base.uri, range: rangeOf(base.text, "医院级别") }]);
    expect(await def(amend.uri, pos(amend.text, "二级：400元"))).toEqual([{ uri: base.uri, range: rangeOf(base.text, "二级") }]);
    // The restated parameter leads to the declaration it restates.
    expect(await def(amend.uri, pos(amend.text, "参数 起付线", 4))).toEqual([{ uri: base.uri, range: rangeOf(base.text, "起付线") }]);
    // 基于 leads to the base file.
    expect(await def(amend.uri, pos(amend.text, "./base.policy"))).toEqual([{ uri: base.uri, range: line(0, 0, 0) }]);
    // Example fields lead to the calculator's input and output.
    expect(await def(amend.uri, pos(amend.text, "费用：10400元"))).toEqual([{ uri: base.uri, range: rangeOf(base.text, "费用") }]);
    expect(await def(amend.uri, pos(amend.text, "统筹支付：8000元"))).toEqual([{ uri: base.uri, range: rangeOf(base.text, "统筹支付") }]);
  });

  test("from a use to its declaration, and from a step's name in an expression to the step", async () => {
    client = await TestClient.inProcess();
    await client.open(base.uri, base.text);
    const def = (position: { line: number; character: number }) => client.request<Location[]>("textDocument/definition", { ...td(base.uri), position });
    expect(await def(pos(base.text, "起付线[", 1))).toEqual([{ uri: base.uri, range: rangeOf(base.text, "起付线") }]);
    expect(await def(pos(base.text, "− 统筹支付", 3))).toEqual([{ uri: base.uri, range: rangeOf(base.text, "统筹支付") }]);
    expect(await def(pos(base.text, "（费用）", 2))).toEqual([{ uri: base.uri, range: rangeOf(base.text, "费用") }]);
  });

  test("a field of a record accumulator: hover, definition, completion after the dot", async () => {
    client = await TestClient.inProcess();
    await client.open(jiangmen.uri, jiangmen.text);
    const use = pos(jiangmen.text, "年度累计.大病支付", 6);
    expect(await hoverText(jiangmen.uri, use)).toBe("**累计字段 年度累计.大病支付**：金额\n\n按年累加 大病支付");
    const [def] = await client.request<Location[]>("textDocument/definition", { ...td(jiangmen.uri), position: use });
    expect(def.range.start).toEqual(pos(jiangmen.text, "大病支付：累加"));
    const text = jiangmen.text.replace("年度累计.大病支付", "年度累计.");
    await client.change(jiangmen.uri, text);
    const items = await client.request<CompletionItem[]>("textDocument/completion", { ...td(jiangmen.uri), position: pos(text, "年度累计.）", 5) });
    expect(labels(items)).toContain("统筹支付");
    expect(labels(items)).toContain("大病自付基数");
  });

  test("find references across the base and its amendments", async () => {
    client = await TestClient.inProcess();
    await client.open(base.uri, base.text);
    const refs = await client.request<Location[]>("textDocument/references", { ...td(base.uri), position: pos(base.text, "起付线[", 1), context: { includeDeclaration: true } });
    expect(refs).toEqual([
      { uri: base.uri, range: rangeOf(base.text, "起付线", 0) },
      { uri: base.uri, range: rangeOf(base.text, "起付线", 1) },
      { uri: amend.uri, range: rangeOf(amend.text, "起付线", 1) },
    ]);
    const uses = await client.request<Location[]>("textDocument/references", { ...td(base.uri), position: pos(base.text, "二级"), context: { includeDeclaration: false } });
    expect(uses).toEqual([
      { uri: base.uri, range: rangeOf(base.text, "二级", 1) },
      { uri: base.uri, range: rangeOf(base.text, "二级", 4) },
      { uri: amend.uri, range: rangeOf(amend.text, "二级", 0) },
      { uri: amend.uri, range: rangeOf(amend.text, "二级", 2) },
    ]);
  });

  test("rename edits every occurrence, in the base and the amendment", async () => {
    client = await TestClient.inProcess();
    await client.open(amend.uri, amend.text);
    const prepared = await client.request("textDocument/prepareRename", { ...td(amend.uri), position: pos(amend.text, "参数 起付线", 4) });
    expect(prepared).toEqual({ range: rangeOf(amend.text, "起付线", 1), placeholder: "起付线" });
    const edit = await client.request<WorkspaceEdit>("textDocument/rename", { ...td(amend.uri), position: pos(amend.text, "参数 起付线", 4), newName: "起付标准" });
    expect(edit.changes).toEqual({
      [base.uri]: [
        { range: rangeOf(base.text, "起付线", 0), newText: "起付标准" },
        { range: rangeOf(base.text, "起付线", 1), newText: "起付标准" },
      ],
      [amend.uri]: [{ range: rangeOf(amend.text, "起付线", 1), newText: "起付标准" }],
    });
    expect(applyEdits(amend.text, edit.changes![amend.uri])).toContain("参数 起付标准：金额 按 医院级别 {");
  });

  test("rename of an enum member renames table keys, conditions and example values", async () => {
    client = await TestClient.inProcess();
    await client.open(base.uri, base.text);
    const edit = await client.request<WorkspaceEdit>("textDocument/rename", { ...td(base.uri), position: pos(base.text, "二级"), newName: "二级医院" });
    const renamed = applyEdits(base.text, edit.changes![base.uri]);
    expect(renamed).toContain("枚举 医院级别 { 一级、二级医院、三级 }");
    expect(renamed).toContain("  二级医院：500元");
    expect(renamed).toContain("输入 { 医院级别：二级医院，");
    expect(applyEdits(amend.text, edit.changes![amend.uri])).toContain("  二级医院：400元");
    expect(await client.change(base.uri, renamed)).toEqual([]);
  });

  test("rename refuses a keyword, digits, and a name already taken", async () => {
    client = await TestClient.inProcess();
    await client.open(base.uri, base.text);
    const attempt = (newName: string) =>
      client.request("textDocument/rename", { ...td(base.uri), position: pos(base.text, "起付线"), newName }).then(
        () => "accepted",
        (e: Error) => e.message,
      );
    expect(await attempt("参数")).toBe("「参数」是关键字，不能作名称");
    expect(await attempt("起付线2")).toBe("「起付线2」不能作名称：名称中不能有数字");
    expect(await attempt("支付比例")).toBe("不能改名为「支付比例」：参数「支付比例」重复定义");
    expect(await client.request("textDocument/prepareRename", { ...td(base.uri), position: pos(base.text, "参数 起付线") })).toBeNull();
  });
});

describe("code actions", () => {
  const actions = (uri: string, range: Diagnostic["range"], diagnostics: Diagnostic[]) =>
    client.request<CodeAction[]>("textDocument/codeAction", { ...td(uri), range, context: { diagnostics } });

  test("E120: add the missing members to a table over an enum", async () => {
    client = await TestClient.inProcess();
    const text = base.text.replace("  一级：300元\n", "").replace("  三级：800元\n", "");
    const diags = await client.open(base.uri, text);
    expect(diags.map((d) => d.code)).toEqual(["E120"]);
    const [fix] = await actions(base.uri, diags[0].range, diags);
    expect(fix.title).toBe("补上枚举「医院级别」缺少的成员");
    expect(fix.edit!.changes![base.uri]).toEqual([{ range: line(11, 9, 9), newText: "\n  一级：待填\n  三级：待填" }]);
    const fixed = applyEdits(text, fix.edit!.changes![base.uri]);
    // Every row is there; each value left to fill in is pointed at.
    expect((await client.change(base.uri, fixed)).map((d) => `${d.code} ${d.message}`)).toEqual([
      "E101 未知的名称「待填」（依据 测府〔2020〕1号 二、（一））",
      "E101 未知的名称「待填」（依据 测府〔2020〕1号 二、（一））",
    ]);
  });

  test("W133: make an ambiguous boundary explicit, preferring the reading in force", async () => {
    client = await TestClient.inProcess();
    const text = base.text.replace("不超过 1万元：50%\n  超过 1万元：60%", "1万元 以下：50%\n  1万元 至 2万元：60%\n  超过 2万元：70%");
    const diags = await client.open(base.uri, text);
    expect(diags).toEqual([
      diag("W133", "下限「1万元」没有写明是否含本数（按不含理解）；请写「超过」或加（含）/（不含）（依据 测府〔2020〕1号 二、（三））", rangeOf(text, "1万元", 1), 2),
    ]);
    const fixes = await actions(base.uri, diags[0].range, diags);
    // Marking the upper bound above settles it too: the bare lower bound then takes what that slice leaves.
    expect(fixes.map((f) => [f.title, f.isPreferred])).toEqual([
      ["写明「1万元（不含）」（保持现在的理解）", true],
      ["写明「1万元（含）」（保持现在的理解）", true],
      ["写明「1万元（不含）」", false],
      ["写明「1万元」归上一段（上一段含，本段不含）", false],
      ["写明「1万元」归本段（上一段不含，本段含）", false],
    ]);
    const after = applyEdits(text, fixes[4].edit!.changes![base.uri]);
    expect(after).toContain("1万元（不含） 以下：50%\n  1万元（含） 至 2万元：60%");
    expect(await client.change(base.uri, after)).toEqual([]);
  });

  test("convert a keyword to the script of the file", async () => {
    client = await TestClient.inProcess();
    const uri = uriOf("/tmp/zhengce-lsp-test/mixed.policy");
    const text = "枚舉 級別 { 甲、乙 }\n參數 費率：比例 按 級別 {\n  甲：5%\n  乙：6%\n}\n参数 上限：金额 = 1万元\n";
    expect(await client.open(uri, text)).toEqual([]);
    const fixes = await actions(uri, rangeOf(text, "参数"), []);
    expect(fixes.map((f) => f.title)).toEqual(["把关键字「参数」改为繁体「參數」"]);
    expect(fixes[0].edit!.changes![uri]).toEqual([{ range: rangeOf(text, "参数"), newText: "參數" }]);
  });

  test("E101 on a keyword glued to a name: add the space", async () => {
    client = await TestClient.inProcess();
    const text = base.text.replace("当 医院级别 = 三级", "当 非医院级别 = 三级");
    const diags = await client.open(base.uri, text);
    const e101 = diags.filter((d) => d.code === "E101");
    expect(e101[0].message).toBe("未知的名称「非医院级别」；若「非」是关键字，请在它后面加空格（依据 测府〔2020〕1号 二、（二））");
    const fixes = await actions(base.uri, e101[0].range, e101);
    expect(fixes[0].title).toBe("在「非」后加空格");
    expect(applyEdits(text, fixes[0].edit!.changes![base.uri])).toContain("当 非 医院级别 = 三级");
  });
});

describe("formatting", () => {
  test("delegates to formatPolicy and answers with the one edit that differs", async () => {
    client = await TestClient.inProcess({ loadFormatter: async () => ({ formatPolicy: async (t: string) => t.replace("参数 起付线：金额", "参数 起付线 ：金额") }) });
    await client.open(base.uri, base.text);
    const edits = await client.request<TextEdit[]>("textDocument/formatting", { ...td(base.uri), options: { tabSize: 2, insertSpaces: true } });
    expect(edits).toEqual([{ range: line(10, 6, 6), newText: " " }]);
  });

  test("no edits without a formatter, or for a text the formatter cannot parse", async () => {
    client = await TestClient.inProcess({ loadFormatter: async () => undefined });
    await client.open(base.uri, base.text);
    expect(await client.request("textDocument/formatting", { ...td(base.uri), options: { tabSize: 2, insertSpaces: true } })).toEqual([]);
    await client.stop();
    const syntaxError = Object.assign(new Error("语法错误"), { name: "PolicySyntaxError" });
    client = await TestClient.inProcess({ loadFormatter: async () => ({ formatPolicy: async () => Promise.reject(syntaxError) }) });
    await client.open(base.uri, base.text);
    expect(await client.request("textDocument/formatting", { ...td(base.uri), options: { tabSize: 2, insertSpaces: true } })).toEqual([]);
  });

  // A seed policy (formatted: `pnpm run format:check`) with every indent doubled and spaces at each
  // line's end: the edits give the policy back, and formatting it again changes nothing.
  test("with the Prettier plugin: a policy's layout restored, and a formatted file left alone", async () => {
    const heshan = { uri: uriOf(`${ROOT}policies/heshan/base.policy`), text: readFileSync(`${ROOT}policies/heshan/base.policy`, "utf8") };
    const messy = heshan.text.replace(/^ {2}(?=\S)/gm, "    ").replace(/\n/g, "  \n");
    client = await TestClient.inProcess();
    await client.open(heshan.uri, messy);
    const format = () => client.request<TextEdit[]>("textDocument/formatting", { ...td(heshan.uri), options: { tabSize: 2, insertSpaces: true } });
    const once = applyEdits(messy, await format());
    expect(once).toBe(heshan.text);
    await client.change(heshan.uri, once);
    expect(await format()).toEqual([]);
  });
});

describe("outline, workspace symbols, semantic tokens, folding", () => {
  test("document symbols: declarations with their members, inputs and steps", async () => {
    client = await TestClient.inProcess();
    await client.open(base.uri, base.text);
    const symbols = await client.request<DocumentSymbol[]>("textDocument/documentSymbol", td(base.uri));
    const tree = (s: DocumentSymbol): unknown => (s.children ? [s.name, s.children.map(tree)] : s.name);
    expect(symbols.map(tree)).toEqual([
      "测试住院方案",
      ["医院级别", ["一级", "二级", "三级"]],
      "起付线",
      "支付比例",
      "大额比例",
      ["住院结算", ["医院级别", "费用", "起付", "实际比例", "统筹支付", "大额支付", "个人负担"]],
      "例 二级医院住院",
    ]);
    expect(symbols[2].selectionRange).toEqual(rangeOf(base.text, "起付线"));
  });

  test("workspace symbols over the open documents and the *.policy files of the folder", async () => {
    client = await TestClient.inProcess();
    const found = await client.request<SymbolInformation[]>("workspace/symbol", { query: "起付" });
    expect(found.map((s) => [s.name, s.location.uri.split("/").pop(), s.containerName ?? ""])).toEqual([
      ["起付线", "amend.policy", ""],
      ["起付线", "base.policy", ""],
      ["起付", "base.policy", "住院结算"],
    ]);
    // A traditional-script query finds the simplified name.
    expect((await client.request<SymbolInformation[]>("workspace/symbol", { query: "醫院級別" })).length).toBeGreaterThan(0);
  });

  test("semantic tokens classify keywords, names by kind, numbers with units, citations", async () => {
    client = await TestClient.inProcess();
    await client.open(base.uri, base.text);
    const { data } = await client.request<SemanticTokens>("textDocument/semanticTokens/full", td(base.uri));
    const legend = ["keyword", "enum", "enumMember", "variable", "function", "class", "parameter", "property", "struct", "type", "number", "string", "comment", "operator", "decorator"];
    const lines = base.text.split("\n");
    const tokens: string[] = [];
    let l = 0;
    let c = 0;
    for (let i = 0; i < data.length; i += 5) {
      l += data[i];
      c = data[i] ? data[i + 1] : c + data[i + 1];
      tokens.push(`${lines[l].slice(c, c + data[i + 2])}:${legend[data[i + 3]]}${data[i + 4] & 1 ? "*" : ""}`);
    }
    expect(tokens).toContain("参数:keyword");
    expect(tokens).toContain("起付线:variable*");
    expect(tokens).toContain("医院级别:enum*");
    expect(tokens).toContain("一级:enumMember*");
    expect(tokens).toContain("300元:number");
    expect(tokens).toContain("5个百分点:number");
    expect(tokens).toContain("二、（一）:decorator");
    expect(tokens).toContain("「起付标准分别为一级300元，二级500元，三级800元。」:string");
    expect(tokens).toContain("大额比例:function*");
    expect(tokens).toContain("住院结算:class*");
    expect(tokens).toContain("费用:parameter*");
    expect(tokens).toContain("正值:function");
    expect(tokens).toContain("金额:type");
    expect(tokens[0]).toBe("# 测试用的基础政策：语言服务器的测试读它，不要随意改动行号。:comment");
  });

  test("folding: blocks, comment runs, multi-line declarations", async () => {
    client = await TestClient.inProcess();
    const text = `# 一\n# 二\n# 三\n${base.text}`;
    await client.open(base.uri, text);
    const ranges = await client.request<FoldingRange[]>("textDocument/foldingRange", td(base.uri));
    expect(ranges[0]).toEqual({ startLine: 0, endLine: 3, kind: "comment" });
    const braces = ranges.filter((r) => !r.kind).map((r) => [r.startLine, r.endLine]);
    expect(braces).toContainEqual([pos(text, "参数 起付线").line, pos(text, "  依据 二、（一）").line]);
    expect(braces).toContainEqual([pos(text, "计算 住院结算").line, pos(text, "  输出 个人负担").line]);
    expect(braces).toContainEqual([pos(text, "  令 实际比例").line, pos(text, "      依据 二、（二）「三级").line]);
  });
});
