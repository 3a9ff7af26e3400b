// The quick fix for a misspelt name: the closest declared names visible where it stands.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { analyze, type AnalyzeHost } from "@zhengce/dsl";
import { codeActions } from "../../packages/lsp/src/code-actions.js";
import { editDistance } from "../../packages/lsp/src/spelling.js";
import { applyEdits, ROOT } from "./harness.js";

const host: AnalyzeHost = { readFile: () => undefined, resolve: (_f, r) => r };
const fixesFor = (text: string, uri = "file:///s.policy") => {
  const a = analyze(text, uri, host);
  const e101 = a.diagnostics.filter((d) => d.code === "E101").map((d) => ({ range: d.range, code: d.code, message: d.message }));
  return { a, e101, actions: codeActions(a, host, { start: 0, end: 0 }, e101) };
};

describe("similar names for E101", () => {
  test("edit distance counts a swap of neighbours as one", () => {
    expect(editDistance("起付标准表", "起付标淮表")).toBe(1);
    expect(editDistance("起付标准表", "起付准标表")).toBe(1);
    expect(editDistance("统筹支付", "统筹")).toBe(2);
    expect(editDistance("统筹支付", "个人负担", 2)).toBe(3);
  });

  test("a misspelt parameter in 江门 base.policy gets the parameter, and the fix clears the error", () => {
    const text = readFileSync(`${ROOT}policies/jiangmen/base.policy`, "utf8");
    const wrong = text.replace("输出 起付标准 = 起付标准表[医院级别]", "输出 起付标准 = 起付标淮表[医院级别]");
    const { e101, actions } = fixesFor(wrong, "file:///jiangmen/base.policy");
    expect(e101.map((d) => d.message)).toEqual(["未知的名称「起付标淮表」"]);
    const fix = actions.find((x) => x.title === "改为「起付标准表」");
    expect(fix?.isPreferred).toBe(true);
    const fixed = applyEdits(wrong, fix!.edit!.changes!["file:///jiangmen/base.policy"]);
    expect(fixed).toBe(text);
  });

  test("inputs and steps of the calculator it is in; a quoted name stays quoted", () => {
    const text = "计算 甲 {\n  输入 { 医疗费用：金额 }\n  令 起付额 = 500元\n  输出 付 = 「医疗费甩」 − 起付頟\n}\n";
    const { actions } = fixesFor(text);
    const titles = actions.map((x) => x.title);
    expect(titles).toContain("改为「医疗费用」");
    expect(titles).toContain("改为「起付额」");
    const quoted = actions.find((x) => x.title === "改为「医疗费用」")!;
    expect(quoted.edit!.changes!["file:///s.policy"][0].newText).toBe("「医疗费用」");
  });

  test("nothing close enough: no fix", () => {
    const { e101, actions } = fixesFor("计算 甲 {\n  输入 { 费用：金额 }\n  输出 付 = 完全无关的名字\n}\n");
    expect(e101).toHaveLength(1);
    expect(actions.filter((x) => x.title.startsWith("改为"))).toEqual([]);
  });
});
