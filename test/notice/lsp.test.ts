// The source notice in the editor: hover on a 依据 shows the clause, go to definition opens the
// notice at the clause, and a quote cited under the wrong clause gets a quick fix.
import { describe, expect, test } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { analyze, type AnalyzeHost } from "@zhengce/dsl";
import { noticeActions, noticeDefinition, noticeHover } from "../../packages/lsp/src/notice.js";
import { applyEdits } from "../lsp/harness.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const host: AnalyzeHost = {
  readFile: (u) => (existsSync(u) ? readFileSync(u, "utf8") : undefined),
  resolve: (from, rel) => resolve(dirname(from), rel),
};
const URI = resolve(root, "policies/jiangmen/draft.policy");
const NOTICE = resolve(root, "policies/jiangmen/jiangmen-2017-20-urban-rural-integration.txt");
const policy = (...body: string[]) =>
  ["政策 甲 {", "  文号 「江府办〔2017〕20号」", "  原文 「jiangmen-2017-20-urban-rural-integration.txt」", "}", ...body, ""].join("\n");

describe("the notice in the editor", () => {
  const text = policy("参数 限额：金额 = 180元", "  依据 二、（四）1.（3）「累计每人每年支付最高限额为180元」");
  const a = analyze(text, URI, host);

  test("hover on a 依据 shows the clause's text", () => {
    const h = noticeHover(a, text.indexOf("（3）"));
    const value = (h?.contents as { value: string }).value;
    expect(value.split("\n")[0]).toBe("**原文 二、（四）1.（3）**");
    expect(value).toContain("> （3）普通门诊统筹待遇。参保人在选定的基层定点医疗机构普通门诊就医，基金支付比例为 70%");
    expect(noticeHover(a, text.indexOf("参数"))).toBeNull();
  });

  test("go to definition opens the notice at the clause (line 174), and at its start from 原文", () => {
    expect(noticeDefinition(a, text.indexOf("（3）"))).toEqual([
      { uri: NOTICE, range: { start: { line: 173, character: 0 }, end: { line: 173, character: readFileSync(NOTICE, "utf8").split("\n")[173].length } } },
    ]);
    expect(noticeDefinition(a, text.indexOf("jiangmen-2017"))[0].range.start).toEqual({ line: 0, character: 0 });
  });

  test("a quote under the wrong clause: W202 and the quick fix to the clause it stands in", () => {
    const wrong = policy("参数 限额：金额 = 180元", "  依据 二、（四）1.（1）「累计每人每年支付最高限额为180元」");
    const b = analyze(wrong, URI, host);
    const d = b.diagnostics.filter((x) => x.code === "W202");
    expect(d.map((x) => x.message)).toEqual(["引文不在「二、（四）1.（1）」中，而在「二、（四）1.（3）」"]);
    const actions = noticeActions(b, d.map((x) => ({ range: x.range, code: x.code, message: x.message })));
    expect(actions.map((x) => x.title)).toEqual(["依据改为原文「二、（四）1.（3）」（引文在该条款中）"]);
    const fixed = applyEdits(wrong, actions[0].edit!.changes![URI]);
    expect(fixed).toBe(wrong.replace("依据 二、（四）1.（1）", "依据 二、（四）1.（3）"));
    expect(analyze(fixed, URI, host).diagnostics.filter((x) => x.code.startsWith("W20"))).toEqual([]);
  });

  test("a clause the notice lacks, with the quote elsewhere: W201 and its quick fix, keeping the 文号", () => {
    const wrong = policy("参数 限额：金额 = 180元", "  依据 江府办〔2017〕20号 二、（九）「累计每人每年支付最高限额为180元」");
    const b = analyze(wrong, URI, host);
    const d = b.diagnostics.filter((x) => x.code === "W201");
    const actions = noticeActions(b, d.map((x) => ({ range: x.range, code: x.code, message: x.message })));
    expect(applyEdits(wrong, actions[0].edit!.changes![URI])).toBe(wrong.replace("二、（九）", "二、（四）1.（3）"));
  });
});
