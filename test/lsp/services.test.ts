// Feature modules called directly on an analysis (no JSON-RPC): the layer most cases need.
import { describe, expect, test } from "vitest";
import { analyze, symbolTable } from "@zhengce/dsl";
import { codeActions } from "../../packages/lsp/src/code-actions.js";
import { hover } from "../../packages/lsp/src/hover.js";
import { fileScript } from "../../packages/lsp/src/script.js";
import { minimalEdit } from "../../packages/lsp/src/formatting.js";
import { invalidName } from "../../packages/lsp/src/rename.js";
import { applyEdits, fixture } from "./harness.js";

const host = { readFile: () => undefined, resolve: (_: string, r: string) => r };
/** The diagnostics of `code` as a client sends them back, the code actions offered for them, and an action's edit applied. */
function offered(text: string, uri: string, code: string) {
  const a = analyze(text, uri);
  const diagnostics = a.diagnostics.filter((d) => d.code === code).map((d) => ({ range: d.range, code: d.code, message: d.message }));
  const actions = codeActions(a, host, { start: 0, end: 0 }, diagnostics);
  const apply = (action: (typeof actions)[number]) => applyEdits(text, action.edit!.changes![uri]);
  return { diagnostics, actions, apply };
}

const hoverAt = (text: string, needle: string, delta = 0) => {
  const a = analyze(text, "file:///t.policy");
  const h = hover(a, symbolTable(a), text.indexOf(needle) + delta);
  return (h?.contents as { value: string } | undefined)?.value;
};

describe("hover", () => {
  test("a bracket: its slices as written, the quoted clause under them, its modifiers", () => {
    const { text } = fixture("base.policy");
    expect(hoverAt(text, "分段 大额比例", 3)).toBe(["**分段 大额比例**（累进）：按段累进计算金额", "", "- 不超过 1万元：50%", "- 超过 1万元：60%", "", "依据 二、（三）"].join("\n"));
  });

  test("an enum: members, 依据, the tables laid out by it", () => {
    const { text } = fixture("base.policy");
    expect(hoverAt(text, "枚举 医院级别", 3)).toBe(["**枚举 医院级别**：一级、二级、三级", "", "依据 一、（一）", "", "按此枚举取值的表：起付线"].join("\n"));
  });
});

describe("hover quotes a rule whole", () => {
  // The span of a parenthesised expression ended before its 「）」, so the quote lost it.
  test("a step whose rule ends with a bracketed expression", () => {
    const text = "计算 C {\n  输入 {\n    费用：金额\n  }\n  令 基数 = 费用 × （1 − 20%）\n  输出 支付 = 基数\n}\n";
    expect(hoverAt(text, "= 基数", 3)).toBe("**令 基数**：金额\n\n= 费用 × （1 − 20%）\n\n计算「C」的中间结果");
  });
});

describe("code actions", () => {
  test("E120 on a versioned table fills every version that lacks members, once", () => {
    const text = "枚举 级别 { 甲、乙、丙 }\n参数 费率：比例 按 级别 {\n  自 2020-01-01 至 2020-12-31：{\n    甲：5%\n  }\n  自 2021-01-01 起：{\n    甲：6%\n    乙：7%\n  }\n}\n";
    const { diagnostics: e120, actions, apply } = offered(text, "file:///v.policy", "E120");
    expect(e120).toHaveLength(2);
    expect(actions).toHaveLength(1);
    const fixed = apply(actions[0]);
    expect(fixed).toBe(text.replace("    甲：5%\n", "    甲：5%\n    乙：待填\n    丙：待填\n").replace("    乙：7%\n", "    乙：7%\n    丙：待填\n"));
    expect(analyze(fixed, "file:///v.policy").diagnostics.map((d) => d.code)).toEqual(["E101", "E101", "E101"]);
  });

  test("a notice's wording the language writes otherwise: the fix writes it as the message says, and the text then checks", () => {
    const calc = (line: string) => `枚举 级别 { 一级、三级 }\n计算 算 {\n  输入 { 费用：金额  年龄：整数  级别：级别  退休：布尔 }\n  令 比 = 90%\n${line}\n  输出 付 = 费用 × 比\n}\n`;
    const cases: [string, string, string][] = [
      ["参数 上限：金额 = 5,000元\n", "改为「5000元」", "参数 上限：金额 = 5000元\n"],
      ["参数 上限：金额 = 5千元\n", "改为「5000元」", "参数 上限：金额 = 5000元\n"],
      ["参数 上限：金额 = 5000 元整\n", "改为「5000元」", "参数 上限：金额 = 5000元\n"],
      ["参数 上限：金额 = 5000块\n", "改为「5000元」", "参数 上限：金额 = 5000元\n"],
      ["参数 上限：金额 = 五万元\n", "改为「5万元」", "参数 上限：金额 = 5万元\n"],
      ["参数 比：比例 = 9折\n", "改为「90%」", "参数 比：比例 = 90%\n"],
      ["参数 比：比例 = 百分之九十\n", "改为「90%」", "参数 比：比例 = 90%\n"],
      ["参数 比：比例 = 千分之五\n", "改为「0.5%」", "参数 比：比例 = 0.5%\n"],
      [calc("    当 级别 为 三级：降低 5个百分点"), "改为「=」", calc("    当 级别 = 三级：降低 5个百分点")],
      [calc("    当 年龄 满 60岁：提高 5个百分点"), "改为「≥」", calc("    当 年龄 ≥ 60岁：提高 5个百分点")],
      [calc("    当 退休 = true：提高 5个百分点"), "改为「是」", calc("    当 退休 = 是：提高 5个百分点")],
      [calc("    当 退休 = false：提高 5个百分点"), "改为「否」", calc("    当 退休 = 否：提高 5个百分点")],
      ["计算 算 {\n  输入 { 费用：金额 }\n  输出 付 = 费用 x 90%\n}\n", "改为「×」", "计算 算 {\n  输入 { 费用：金额 }\n  输出 付 = 费用 × 90%\n}\n"],
      ["计算 算 {\n  输入 { 费用：金额 }\n  输出 付 = 费用 × 90%；\n}\n", "删去「；」", "计算 算 {\n  输入 { 费用：金额 }\n  输出 付 = 费用 × 90%\n}\n"],
      ["政策 甲 {\n  有效期 2018年1月1日-2018年12月31日\n}\n", "改为「至」", "政策 甲 {\n  有效期 2018年1月1日至2018年12月31日\n}\n"],
      ["参数 比：比例 = 90\n", "改为「90%」", "参数 比：比例 = 90%\n"],
      [calc("    当 退休：提高 5"), "改为「5个百分点」", calc("    当 退休：提高 5个百分点")],
      [calc("    当 年龄 超过 60：提高 5个百分点"), "改为「>」", calc("    当 年龄 > 60：提高 5个百分点")],
      [calc("    当 级别 不是 一级：提高 5个百分点"), "改为「≠」", calc("    当 级别 ≠ 一级：提高 5个百分点")],
      [calc("    当 级别 <> 一级：提高 5个百分点"), "改为「≠」", calc("    当 级别 ≠ 一级：提高 5个百分点")],
      ["政策 甲 {\n  有效期 2016-2018年\n}\n", "改为「2016-01-01 至 2018-12-31」", "政策 甲 {\n  有效期 2016-01-01 至 2018-12-31\n}\n"],
      [
        "参数 起付标准：金额 = 500元\n参数 最高支付限额：金额 = 20万元\n分段 比（累进）{\n  起付标准以上至最高支付限额以下部分：85%\n}\n",
        "改为「起付标准 以上 至 最高支付限额 以下部分」",
        "参数 起付标准：金额 = 500元\n参数 最高支付限额：金额 = 20万元\n分段 比（累进）{\n  起付标准 以上 至 最高支付限额 以下部分：85%\n}\n",
      ],
      ["参数 起付标准：金额 = 500元\n分段 比（累进）{\n  不超过 起付标准：0%\n  超过起付标准：50%\n}\n", "在「超过」后加空格", "参数 起付标准：金额 = 500元\n分段 比（累进）{\n  不超过 起付标准：0%\n  超过 起付标准：50%\n}\n"],
      [calc("    当 级别 ＜＞ 一级：提高 5个百分点"), "改为「≠」", calc("    当 级别 ≠ 一级：提高 5个百分点")],
    ];
    for (const [text, title, expected] of cases) {
      const a = analyze(text, "file:///n.policy");
      const errors = a.diagnostics.filter((d) => d.severity === "error").map((d) => ({ range: d.range, code: d.code, message: d.message }));
      expect(errors, text).toHaveLength(1);
      const actions = codeActions(a, host, { start: 0, end: 0 }, errors);
      expect(actions.map((x) => x.title), text).toEqual([title]);
      const fixed = applyEdits(text, actions[0].edit!.changes!["file:///n.policy"]);
      expect(fixed).toBe(expected);
      expect(analyze(fixed, "file:///n.policy").diagnostics.filter((d) => d.severity === "error"), fixed).toEqual([]);
    }
  });

  test("W197: a limit less an accumulator in an output is wrapped in 正值（…）, and the warning goes", () => {
    const text = "计算 住院 {\n  输入 { 费用：金额 }\n  累计 年度（按年）{ 支付：累加 支付 }\n  输出 支付 = 较小（费用，10万元 − 年度.支付）\n}\n";
    const { diagnostics: w, actions, apply } = offered(text, "file:///w.policy", "W197");
    expect(w).toHaveLength(1);
    expect(actions.map((x) => x.title)).toEqual(["改为「正值（10万元 − 年度.支付）」"]);
    const fixed = apply(actions[0]);
    expect(fixed).toBe("计算 住院 {\n  输入 { 费用：金额 }\n  累计 年度（按年）{ 支付：累加 支付 }\n  输出 支付 = 较小（费用，正值（10万元 − 年度.支付））\n}\n");
    expect(analyze(fixed, "file:///w.policy").diagnostics).toEqual([]);
  });

  test("W133 where two slices both claim the boundary", () => {
    const text = "分段 比例（累进）{\n  5000元 以下：50%\n  5000元 以上：60%\n}\n";
    const { diagnostics: w, actions, apply } = offered(text, "file:///w.policy", "W133");
    expect(w).toHaveLength(1);
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) {
      const fixed = apply(action);
      expect(analyze(fixed, "file:///w.policy").diagnostics.filter((d) => d.code === "W133" || d.severity === "error")).toEqual([]);
    }
  });
});

describe("helpers", () => {
  test("the script of a file is the one most of its keywords use", () => {
    expect(fileScript("計算 甲 {\n  輸入 { 乙：金額 }\n  輸出 丙 = 乙\n}\n")).toBe("traditional");
    expect(fileScript("计算 甲 {\n  输入 { 乙：金额 }\n  输出 丙 = 乙\n}\n")).toBe("simplified");
    expect(fileScript("政策 甲 { }")).toBe("simplified");
  });

  test("a formatting edit covers only what changed, never half a surrogate pair", () => {
    expect(minimalEdit("参数 甲 = 1元\n", "参数 甲 = 2元\n")).toEqual({ range: { start: { line: 0, character: 7 }, end: { line: 0, character: 8 } }, newText: "2" });
    expect(minimalEdit("a𠀀b", "a𠀁b").newText).toBe("𠀁");
  });

  test("what a new name may be", () => {
    expect(invalidName("起付标准")).toBeUndefined();
    expect(invalidName("起付 标准")).toBe("「起付 标准」不能作名称：须是一个不含空格和标点的词");
    expect(invalidName("計算")).toBe("「計算」是关键字，不能作名称");
    expect(invalidName("")).toBe("名称不能为空");
  });
});
