// The TextMate grammar of the VS Code extension: generated from the lexer's keyword list and
// current, and it colours real policy lines in both scripts the way the lexer reads them.
import { beforeAll, describe, expect, test } from "vitest";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { keywordSpellings, nameCharacterClass, numberUnits, tokenize } from "@zhengce/dsl";
import { buildGrammar } from "../../packages/vscode/scripts/grammar.mjs";

const UNITS = numberUnits();

const vscodePkg = new URL("../../packages/vscode/package.json", import.meta.url);
const require = createRequire(vscodePkg);
const tm = require("vscode-textmate") as typeof import("vscode-textmate");
const onig = require("vscode-oniguruma") as typeof import("vscode-oniguruma");
const grammarPath = new URL("../../packages/vscode/syntaxes/policy.tmLanguage.json", import.meta.url);

let grammar: import("vscode-textmate").IGrammar;

beforeAll(async () => {
  const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new tm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new onig.OnigScanner(patterns),
      createOnigString: (s: string) => new onig.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === "source.zhengce" ? tm.parseRawGrammar(readFileSync(grammarPath, "utf8"), grammarPath.pathname) : null,
  });
  grammar = (await registry.loadGrammar("source.zhengce"))!;
});

interface Tok {
  text: string;
  scopes: string[];
}
function tokens(text: string): Tok[][] {
  let stack = tm.INITIAL;
  return text.split("\n").map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}
/** The innermost scope of the token that is exactly `text` on the line (throws if none is). */
function scopeOf(line: string, text: string, nth = 0): string {
  const found = tokens(line)[0].filter((t) => t.text === text)[nth];
  if (!found) throw new Error(`「${text}」 is not one token in 「${line}」: ${JSON.stringify(tokens(line)[0].map((t) => t.text))}`);
  return found.scopes[found.scopes.length - 1];
}

describe("generated grammar", () => {
  test("syntaxes/policy.tmLanguage.json is current (run `pnpm --filter zhengce-vscode gen:grammar`)", () => {
    expect(JSON.parse(readFileSync(grammarPath, "utf8"))).toEqual(buildGrammar(keywordSpellings(), { name: nameCharacterClass(), units: UNITS }));
  });

  test("package.json contributes the language, the grammar and the configuration", () => {
    const pkg = JSON.parse(readFileSync(vscodePkg, "utf8"));
    expect(pkg.contributes.languages[0]).toMatchObject({ id: "zhengce", extensions: [".policy"] });
    expect(pkg.contributes.grammars[0]).toMatchObject({ language: "zhengce", scopeName: "source.zhengce", path: "./syntaxes/policy.tmLanguage.json" });
    const conf = JSON.parse(readFileSync(new URL("../../packages/vscode/language-configuration.json", import.meta.url), "utf8"));
    expect(conf.comments.lineComment).toBe("#");
    for (const pair of [["（", "）"], ["「", "」"], ["(", ")"], ["[", "]"], ["{", "}"]]) {
      expect(conf.brackets).toContainEqual(pair);
      expect(conf.autoClosingPairs.map((p: { open: string; close: string }) => [p.open, p.close])).toContainEqual(pair);
      expect(conf.surroundingPairs).toContainEqual(pair);
    }
  });
});

describe("every keyword spelling, in both scripts", () => {
  const all = Object.entries(keywordSpellings()).flatMap(([name, spellings]) => spellings.map((s) => [name, s] as const));
  test.each(all)("%s 「%s」 is a keyword between spaces and part of a name when glued", (name, spelling) => {
    const spaced = `甲 ${spelling} 乙`;
    const scope = scopeOf(spaced, spelling);
    expect(scope).toMatch(name === "Citation" ? /^keyword\.other\.citation/ : /^(keyword|storage\.type|constant\.language)\./);
    // The lexer agrees: spaced, it is a keyword; glued to a name, the whole run is one name.
    expect(tokenize(spaced).tokens.map((t) => t.tokenType.name)).toContain(name);
    // A range dash (—, ～, ~ for 至) is punctuation: no name holds it, glued or not.
    if (!/\p{L}/u.test(spelling)) {
      expect(tokenize(`甲${spelling}乙`).tokens.map((t) => t.tokenType.name)).toEqual(["Identifier", name, "Identifier"]);
      return;
    }
    expect(tokenize(`甲${spelling}乙`).tokens.map((t) => t.tokenType.name)).toEqual(["Identifier"]);
    const glued = tokens(`甲${spelling}乙`)[0];
    expect(glued.some((t) => t.text === spelling && /keyword|storage|constant\.language/.test(t.scopes.at(-1)!))).toBe(false);
  });
});

describe("lines of policies/jiangmen/base.policy", () => {
  test("simplified", () => {
    expect(scopeOf("参数 起付标准表：金额 按 医院级别 {", "参数")).toBe("storage.type.declaration.zhengce");
    expect(scopeOf("参数 起付标准表：金额 按 医院级别 {", "起付标准表")).toBe("variable.other.constant.zhengce");
    expect(scopeOf("参数 起付标准表：金额 按 医院级别 {", "按")).toBe("keyword.other.zhengce");
    expect(scopeOf("参数 起付标准表：金额 按 医院级别 {", "：")).toBe("punctuation.separator.key-value.zhengce");
    expect(scopeOf("  一级及以下：500元", "500")).toBe("constant.numeric.zhengce");
    expect(scopeOf("  一级及以下：500元", "元")).toBe("keyword.other.unit.zhengce");
    expect(scopeOf("参数 一档年度最高支付限额：金额 = 20万元", "万元")).toBe("keyword.other.unit.zhengce");
    expect(scopeOf("  超过 12个月 至 24个月（含）：70%", "超过")).toBe("keyword.other.zhengce");
    expect(scopeOf("  超过 12个月 至 24个月（含）：70%", "个月", 1)).toBe("keyword.other.unit.zhengce");
    expect(scopeOf("  超过 12个月 至 24个月（含）：70%", "（含）")).toBe("storage.modifier.inclusion.zhengce");
    expect(scopeOf("  超过 12个月 至 24个月（含）：70%", "%")).toBe("keyword.other.unit.zhengce");
    expect(scopeOf("  发布 2017-05-11", "2017-05-11")).toBe("constant.other.date.zhengce");
    expect(scopeOf("  发布 2017-05-11", "发布")).toBe("keyword.other.attribute.zhengce");
    expect(scopeOf("  文号 「江府办〔2017〕20号」", "「江府办〔2017〕20号」")).toBe("string.quoted.other.name.zhengce");
    expect(scopeOf("  当 医院级别 = 非定点：降低 10个百分点", "当")).toBe("keyword.control.zhengce");
    // 非 starts the name 非定点 here: not the keyword 非.
    expect(tokens("  当 医院级别 = 非定点：降低 10个百分点")[0].find((t) => t.text.includes("非定点"))!.scopes).toEqual(["source.zhengce"]);
    expect(scopeOf("  当 医院级别 = 非定点：降低 10个百分点", "降低")).toBe("keyword.other.action.zhengce");
    expect(scopeOf("  当 医院级别 = 非定点：降低 10个百分点", "个百分点")).toBe("keyword.other.unit.zhengce");
    expect(scopeOf("  当 医院级别 = 非定点：降低 10个百分点", "=")).toBe("keyword.operator.zhengce");
    expect(scopeOf("  否则当 特殊人群 包含 低保 或 特殊人群 包含 建档立卡：乘以 30%", "否则当")).toBe("keyword.control.zhengce");
    expect(scopeOf("  否则当 特殊人群 包含 低保 或 特殊人群 包含 建档立卡：乘以 30%", "包含")).toBe("keyword.operator.word.zhengce");
    expect(scopeOf("    特殊人群：集合（特殊人群），默认 []", "默认")).toBe("keyword.other.zhengce");
    expect(scopeOf("    家庭病床转诊：布尔，默认 否", "否")).toBe("constant.language.zhengce");
    expect(scopeOf("  令 统筹比例 = 住院支付比例表[医院级别]", "统筹比例")).toBe("variable.other.let.zhengce");
    expect(scopeOf("    输出 统筹支付 = 较小（剩余 × 统筹比例，正值（…））", "剩余")).toBe("constant.language.zhengce");
    expect(scopeOf("    输出 统筹支付 = 较小（剩余 × 统筹比例，正值（…））", "×")).toBe("keyword.operator.zhengce");
    expect(scopeOf("计算 住院结算 {", "住院结算")).toBe("entity.name.function.calculator.zhengce");
    expect(scopeOf("枚举 参保身份 { 城乡居民、职工在职、职工退休 }", "参保身份")).toBe("entity.name.type.enum.zhengce");
    expect(scopeOf("枚举 参保身份 { 城乡居民、职工在职、职工退休 }", "、")).toBe("punctuation.separator.comma.zhengce");
    expect(scopeOf("# 来源：江门市人民政府办公室 江府办〔2017〕20号（2017年5月11日）", "# 来源：江门市人民政府办公室 江府办〔2017〕20号（2017年5月11日）")).toBe("comment.line.number-sign.zhengce");
  });

  test("依据: clause reference and quoted text; the citation ends at the line end", () => {
    const line = "  依据 二、（四）1.（1）「起付标准分别为一级及以下定点医疗机构500元。」";
    expect(scopeOf(line, "依据")).toBe("keyword.other.citation.zhengce");
    expect(scopeOf(line, "二、（四）1.（1）")).toBe("constant.other.clause.zhengce");
    expect(scopeOf(line, "「起付标准分别为一级及以下定点医疗机构500元。」")).toBe("string.quoted.other.citation.zhengce");
    const [first, second] = tokens("  依据 二、（四）4.\n  当 非 按规定备案：乘以 50%");
    expect(first.find((t) => t.text === "二、（四）4.")!.scopes).toContain("meta.citation.zhengce");
    expect(second.find((t) => t.text === "当")!.scopes).toEqual(["source.zhengce", "keyword.control.zhengce"]);
    expect(scopeOf("  依据 二、（四） # 注释", "# 注释")).toBe("comment.line.number-sign.zhengce");
  });

  test("traditional", () => {
    expect(scopeOf("參數 起付標準表：金額 按 醫院級別 {", "參數")).toBe("storage.type.declaration.zhengce");
    expect(scopeOf("參數 起付標準表：金額 按 醫院級別 {", "起付標準表")).toBe("variable.other.constant.zhengce");
    expect(scopeOf("參數 一檔年度最高支付限額：金額 = 20萬元", "萬元")).toBe("keyword.other.unit.zhengce");
    expect(scopeOf("  當 醫院級別 = 非定點：降低 10個百分點", "當")).toBe("keyword.control.zhengce");
    expect(scopeOf("  當 醫院級別 = 非定點：降低 10個百分點", "個百分點")).toBe("keyword.other.unit.zhengce");
    expect(scopeOf("  否則當 特殊人群 包含 低保：乘以 30%", "否則當")).toBe("keyword.control.zhengce");
    expect(scopeOf("  依據 二、（四）1.（4）「大病保險」", "依據")).toBe("keyword.other.citation.zhengce");
    expect(scopeOf("  依據 二、（四）1.（4）「大病保險」", "「大病保險」")).toBe("string.quoted.other.citation.zhengce");
    expect(scopeOf("列舉 參保身份 { 城鄉居民、職工 }", "參保身份")).toBe("entity.name.type.enum.zhengce");
    expect(scopeOf("計算 住院結算 {", "計算")).toBe("storage.type.declaration.zhengce");
    expect(scopeOf("  有效期 2018年1月1日 起", "2018年1月1日")).toBe("constant.other.date.zhengce");
    expect(scopeOf("    家庭病床轉診：布爾，預設 否", "預設")).toBe("keyword.other.zhengce");
  });

  test("names and units come from the lexer", () => {
    expect(UNITS).toContain("个百分点");
    expect(UNITS).toContain("萬元");
    expect(nameCharacterClass()).toContain("\\u4e00-\\u9fff");
    // A name character of each range the lexer accepts is not a keyword boundary for the grammar.
    for (const ch of ["甲", "㐀", "豈", "Ａ", "ａ", "Ⅱ", "β", "x", "_", "〇"]) {
      expect(tokenize(`如果${ch}`).tokens.map((t) => t.tokenType.name), ch).toEqual(["Identifier"]);
      expect(tokens(`如果${ch}`)[0].some((t) => t.text === "如果" && t.scopes.length > 1), ch).toBe(false);
    }
  });

  test("the lexer reads every unit of the grammar as part of the number", () => {
    for (const unit of UNITS) {
      const toks = tokenize(`5${unit}`).tokens;
      expect(toks.map((t) => t.tokenType.name), unit).toEqual(["NumberLit"]);
      expect(scopeOf(`参数 甲 = 5${unit}`, unit)).toBe("keyword.other.unit.zhengce");
    }
  });
});

describe("what the lexer reads since 以外, spaced units and （含…） changed", () => {
  const spellings = keywordSpellings();
  const unglued = [...spellings.AndAbove, ...spellings.AndBelow, ...spellings.Within, ...spellings.Beyond];

  test("以外 is a keyword, spaced or glued after a number, and part of a name after a name character", () => {
    expect(scopeOf("  5000元 以外：60%", "以外")).toBe("keyword.other.zhengce");
    expect(scopeOf("  5000元以外：60%", "以外")).toBe("keyword.other.zhengce");
    expect(scopeOf("  5000元以外：60%", "元")).toBe("keyword.other.unit.zhengce");
    expect(scopeOf("  5000元（含）以外：60%", "以外")).toBe("keyword.other.zhengce");
    expect(scopeOf("  5000元以上至20万元：50%", "以上")).toBe("keyword.other.zhengce");
    expect(scopeOf("  5000元以上至20万元：50%", "至")).toBe("keyword.other.zhengce");
    expect(tokenize("5000元以上至20万元").tokens.map((t) => t.tokenType.name)).toEqual(["NumberLit", "AndAbove", "To", "NumberLit"]);
    expect(tokenize("5000元以外").tokens.map((t) => t.tokenType.name)).toEqual(["NumberLit", "Beyond"]);
    expect(tokenize("一级以外").tokens.map((t) => t.tokenType.name)).toEqual(["Identifier"]);
    expect(tokens("一级以外")[0].some((t) => t.text === "以外" && t.scopes.length > 1)).toBe(false);
  });

  test("no name begins with 以上、以下、以内、以外: exactly those keywords stay keywords with a name glued after them", () => {
    const all = Object.entries(spellings).flatMap(([name, ss]) => ss.map((s) => [name, s] as const));
    for (const [name, s] of all.filter(([, s]) => /\p{L}/u.test(s))) {
      const read = tokenize(`${s}甲`).tokens.map((t) => t.tokenType.name);
      expect(read, s).toEqual(unglued.includes(s) ? [name, "Identifier"] : ["Identifier"]);
    }
    for (const s of unglued) {
      expect(scopeOf(`  ${s}甲`, s), s).toBe("keyword.other.zhengce");
      expect(tokens(`  ${s}甲`)[0].find((t) => t.text === "甲")!.scopes, s).toEqual(["source.zhengce"]);
    }
  });

  test("a unit after a space belongs to the number only where the word ends or a boundary keyword follows", () => {
    const line = "  例 甲 { 输入 { 连续缴费月数：36 年度累计：0元 } 期望 { 支付：0元 } }";
    expect(tokenize(line).tokens.map((t) => t.image)).toContain("年度累计");
    expect(scopeOf(line, "36")).toBe("constant.numeric.zhengce");
    expect(tokens(line)[0].find((t) => t.text.includes("年度累计"))!.scopes).toEqual(["source.zhengce"]);
    expect(scopeOf("  500 元以上：10%", "元")).toBe("keyword.other.unit.zhengce");
    expect(scopeOf("  500 元以上：10%", "以上")).toBe("keyword.other.zhengce");
    expect(scopeOf("  不满 500 元：1%", "元")).toBe("keyword.other.unit.zhengce");
    for (const w of [...unglued, ...spellings.To, ...spellings.From]) {
      expect(tokenize(`500 元${w}`).tokens[0].image, w).toBe("500 元");
      expect(scopeOf(`  500 元${w}`, "元"), w).toBe("keyword.other.unit.zhengce");
      expect(scopeOf(`  500 元${w} `, w), w).toBe("keyword.other.zhengce");
      expect(scopeOf(`  500元${w} `, w), w).toBe("keyword.other.zhengce");
    }
    // A name that begins with 起 or 至 after the unit is a name.
    expect(tokenize("500元起付线").tokens.map((t) => t.tokenType.name)).toEqual(["NumberLit", "Identifier"]);
    expect(tokens("  500元起付线")[0].find((t) => t.text.includes("起付线"))!.scopes).toEqual(["source.zhengce"]);
  });

  test("a unit after a space followed by 到 (another spelling of 至) belongs to the number", () => {
    expect(tokenize("500 元到 1000元").tokens.map((t) => t.image)).toEqual(["500 元", "到", "1000元"]);
    expect(scopeOf("  500 元到 1000元：2%", "到")).toBe("keyword.other.zhengce");
  });

  test("（含…） is an inclusion mark only before a number or 第: 正值（含税费用） is a call", () => {
    for (const mark of ["（含）", "（不含）", "（含 12万元）", "（含第12个月）"]) {
      expect(tokenize(`5万元${mark}`).tokens.map((t) => t.tokenType.name), mark).toEqual(["NumberLit", "InclusionMark"]);
      expect(scopeOf(`  超过 5万元${mark}：70%`, mark), mark).toBe("storage.modifier.inclusion.zhengce");
    }
    const call = "    输出 支付 = 正值（含税费用）";
    expect(tokenize(call).tokens.map((t) => t.tokenType.name)).toContain("LParen");
    expect(tokens(call)[0].some((t) => t.scopes.includes("storage.modifier.inclusion.zhengce"))).toBe(false);
    expect(scopeOf(call, "（")).toBe("punctuation.section.parens.begin.zhengce");
  });

  test("names beyond the BMP are names", () => {
    expect(tokenize("参数 𠮷地费率：比例 = 5%").tokens.map((t) => t.image)).toContain("𠮷地费率");
    expect(scopeOf("枚举 地区 { 𠮷地、乙地 }", "地区")).toBe("entity.name.type.enum.zhengce");
  });

  // Names take characters beyond the BMP (CJK Extension B…); the grammar knows them as name characters too.
  test("names beyond the BMP: a keyword glued to one is part of the name", () => {
    expect(tokenize("当𠮷地").tokens.map((t) => t.tokenType.name)).toEqual(["Identifier"]);
    expect(tokens("当𠮷地")[0].some((t) => t.scopes.length > 1)).toBe(false);
    expect(scopeOf("参数 𠮷地费率：比例 = 5%", "𠮷地费率")).toBe("variable.other.constant.zhengce");
  });
});
