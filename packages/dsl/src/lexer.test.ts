// Lexer: keywords in both scripts, whole-word keywords, numbers with units in both widths,
// dates, punctuation widths, quoted names, inclusion marks, the 依据 citation mode, comments
// and exact UTF-16 offsets.
import { describe, expect, it } from "vitest";
import type { IToken } from "chevrotain";
import { toTaiwan, toTraditional } from "@zhengce/runtime/fold";
import { tokenize } from "./lexer.js";
import { KEYWORD_SPELLINGS } from "./keywords.generated.js";
import keywordList from "./keyword-list.json" with { type: "json" };
import { parse, parseDateImage, parseNumberImage } from "./index.js";

/** `Type:image` for every token (comments and skipped whitespace left out). */
function lex(text: string): string[] {
  const r = tokenize(text);
  expect(r.errors, `lexing errors in ${JSON.stringify(text)}`).toEqual([]);
  return r.tokens.map((t) => `${t.tokenType.name}:${t.image}`);
}
const types = (text: string) => lex(text).map((s) => s.slice(0, s.indexOf(":")));
const only = (text: string): IToken => {
  const r = tokenize(text);
  expect(r.errors).toEqual([]);
  expect(r.tokens, JSON.stringify(text)).toHaveLength(1);
  return r.tokens[0];
};

describe("keywords", () => {
  const entries = Object.entries(KEYWORD_SPELLINGS) as [string, readonly string[]][];

  it("the generated table holds every keyword of keyword-list.json with all its listed spellings", () => {
    expect(Object.keys(KEYWORD_SPELLINGS).sort()).toEqual(Object.keys(keywordList).sort());
    for (const [name, listed] of Object.entries(keywordList as Record<string, string[]>)) {
      const generated = KEYWORD_SPELLINGS[name as keyof typeof KEYWORD_SPELLINGS];
      expect(generated[0]).toBe(listed[0]);
      expect(generated).toEqual(expect.arrayContaining(listed));
    }
  });

  it.each(entries)("every spelling of %s lexes to that one token type", (name, spellings) => {
    for (const s of spellings) {
      const t = only(` ${s} `);
      expect(t.tokenType.name, s).toBe(name);
      expect(t.image).toBe(s);
    }
  });

  it("the OpenCC traditional and Taiwan spellings of each simplified keyword are accepted", () => {
    for (const [name, listed] of Object.entries(keywordList as Record<string, string[]>)) {
      for (const s of listed) {
        for (const t of new Set([toTraditional(s), toTaiwan(s)])) {
          expect(only(t).tokenType.name, `${s} → ${t}`).toBe(name);
        }
      }
    }
  });

  it("simplified and traditional lines give the same token types", () => {
    const pairs: [string, string][] = [
      ["计算 住院结算 {", "計算 住院結算 {"],
      ["当 参保身份 = 职工退休：降低 100元，不低于 0元", "當 參保身份 = 職工退休：降低 100元，不低於 0元"],
      ["否则当 特殊人群 包含 低保 或 特殊人群 包含 建档立卡：乘以 30%", "否則當 特殊人羣 包含 低保 或 特殊人羣 包含 建檔立卡：乘以 30%"],
      ["令 余额 = 如果 非 按规定备案 则 无 否则 剩余", "令 餘額 = 如果 非 按規定備案 則 無 否則 剩餘"],
      ["默认 是，设为 0元，降低为 50%", "默認 是，設爲 0元，降低為 50%"],
      ["累计 年度累计（按年）{ 统筹：累加 统筹 }", "累計 年度累計（按年）{ 統籌：累加 統籌 }"],
    ];
    for (const [simplified, traditional] of pairs) expect(types(traditional), traditional).toEqual(types(simplified));
  });

  it("a keyword is a whole word: glued to a name it is part of the name", () => {
    expect(lex("当医院级别")).toEqual(["Identifier:当医院级别"]);
    expect(lex("當醫院級別")).toEqual(["Identifier:當醫院級別"]);
    expect(lex("否则当医院级别")).toEqual(["Identifier:否则当医院级别"]);
    // Names that merely start with a keyword.
    expect(lex("非定点 按规定备案 起付标准 是否 例外 剩余额")).toEqual([
      "Identifier:非定点",
      "Identifier:按规定备案",
      "Identifier:起付标准",
      "Identifier:是否",
      "Identifier:例外",
      "Identifier:剩余额",
    ]);
  });

  it("a keyword ends at a space, a full-width space, punctuation or a digit", () => {
    expect(lex("当 医院级别")).toEqual(["When:当", "Identifier:医院级别"]);
    expect(lex("当\u3000医院级别")).toEqual(["When:当", "Identifier:医院级别"]);
    expect(lex("否则：")).toEqual(["Else:否则", "Colon:："]);
    expect(lex("是，否")).toEqual(["True:是", "Comma:，", "False:否"]);
    expect(lex("超过5000元")).toEqual(["Exceeds:超过", "NumberLit:5000元"]);
    expect(lex("5000元至20万元")).toEqual(["NumberLit:5000元", "To:至", "NumberLit:20万元"]);
  });

  it("the longest keyword wins: 否则当 over 否则, 不超过 over 超过, 降低为 over 降低, 按年 over 按", () => {
    expect(lex("否则当")).toEqual(["ElseWhen:否则当"]);
    expect(lex("否则 当")).toEqual(["Else:否则", "When:当"]);
    expect(lex("不超过 超过")).toEqual(["AtMost:不超过", "Exceeds:超过"]);
    expect(lex("降低为 降低")).toEqual(["MultiplyBy:降低为", "Lower:降低"]);
    expect(lex("按年 按月 按")).toEqual(["PerYear:按年", "PerMonth:按月", "By:按"]);
    expect(lex("不属于 属于 不等于 等于 不小于 小于")).toEqual([
      "NotIn:不属于",
      "In:属于",
      "NotEquals:不等于",
      "Equals:等于",
      "GreaterEq:不小于",
      "Less:小于",
    ]);
  });
});

describe("names", () => {
  it("hold no ASCII digits: 超过5000元 is keyword, number", () => {
    expect(lex("超过5000元")).toEqual(["Exceeds:超过", "NumberLit:5000元"]);
    expect(lex("一档2018")).toEqual(["Identifier:一档", "NumberLit:2018"]);
    expect(lex("超过５０００元")).toEqual(["Exceeds:超过", "NumberLit:５０００元"]);
  });

  it("may hold Latin letters in both widths and Greek letters", () => {
    expect(lex("ICU病房 ＩＣＵ病房 α系数")).toEqual(["Identifier:ICU病房", "Identifier:ＩＣＵ病房", "Identifier:α系数"]);
    const ast = parse("枚举 病房 { ICU病房、ＩＣＵ病房 }").ast;
    const members = ast.declarations[0].kind === "EnumDecl" ? ast.declarations[0].members : [];
    expect(members.map((m) => m.key)).toEqual(["ICU病房", "ICU病房"]);
  });

  // Names take characters beyond the BMP (CJK Extension B…: some place and person names).
  it("a name may hold a character outside the BMP", () => {
    expect(lex("𠮷地")).toEqual(["Identifier:𠮷地"]);
  });

  it("「…」 quotes any text as a name, punctuation and digits included", () => {
    expect(lex("「江府办〔2017〕20号」")).toEqual(["Quoted:「江府办〔2017〕20号」"]);
    expect(lex("『一级（含）以下』")).toEqual(["Quoted:『一级（含）以下』"]);
    expect(lex('"a b" “丙 丁”')).toEqual(['Quoted:"a b"', "Quoted:“丙 丁”"]);
    const ast = parse("枚举 「医院 级别」 { 「一级（含）以下」、二级 }").ast;
    const d = ast.declarations[0];
    expect(d.kind).toBe("EnumDecl");
    if (d.kind !== "EnumDecl") return;
    expect(d.name.text).toBe("医院 级别");
    expect(d.members.map((m) => m.text)).toEqual(["一级（含）以下", "二级"]);
  });
});

describe("numbers", () => {
  // image → value in base units, unit
  const table: [string, string, string][] = [
    ["500元", "500", "元"],
    ["500 元", "500", "元"],
    ["1000.10元", "1000.1", "元"],
    ["20万元", "200000", "元"],
    ["20萬元", "200000", "元"],
    ["1.5万元", "15000", "元"],
    ["0.0001万元", "1", "元"],
    ["1234567.891234万元", "12345678912.34", "元"],
    ["123456789012345678.123456元", "123456789012345678.123456", "元"],
    ["１．５万元", "15000", "元"],
    ["12万", "120000", "元"],
    ["85%", "0.85", "%"],
    ["８５％", "0.85", "%"],
    ["0.5%", "0.005", "%"],
    ["007.50%", "0.075", "%"],
    ["100%", "1", "%"],
    ["5个百分点", "0.05", "个百分点"],
    ["5個百分點", "0.05", "个百分点"],
    ["12个月", "12", "个月"],
    ["12個月", "12", "个月"],
    ["１２个月", "12", "个月"],
    ["45周岁", "45", "岁"],
    ["45週歲", "45", "岁"],
    ["60岁", "60", "岁"],
    ["３０年", "30", "年"],
    ["3倍", "3", ""],
    ["36", "36", ""],
    ["３６", "36", ""],
    ["0", "0", ""],
  ];

  it.each(table)("%s is one number token worth %s %s", (image, value, unit) => {
    const t = only(image);
    expect(t.tokenType.name).toBe("NumberLit");
    expect(t.image).toBe(image);
    expect(parseNumberImage(image)).toEqual({ value, unit });
  });

  it("full-width and half-width numbers are the same value", () => {
    for (const [full, half] of [
      ["８５％", "85%"],
      ["５０００元", "5000元"],
      ["１．５万元", "1.5万元"],
      ["３０年", "30年"],
    ]) {
      expect(parseNumberImage(full)).toEqual(parseNumberImage(half));
    }
  });

  it("numbers reach the AST with value, unit and the text as written", () => {
    const d = parse("参数 限额：金额 = １．５万元").ast.declarations[0];
    expect(d.kind === "ParamDecl" && d.value).toMatchObject({ kind: "Number", value: "15000", unit: "元", raw: "１．５万元" });
  });

  it("a negative amount is a minus and a number", () => {
    expect(lex("-5元 −5元 －5元")).toEqual(["Minus:-", "NumberLit:5元", "Minus:−", "NumberLit:5元", "Minus:－", "NumberLit:5元"]);
  });

  // A unit written after a space must end the word: in `36 年度累计` the name 年度累计 follows 36.
  it("a unit word at the start of the next name is not taken as the number's unit", () => {
    expect(lex("连续缴费月数：36 年度累计：{ 统筹支付：0元 }")).toEqual([
      "Identifier:连续缴费月数",
      "Colon:：",
      "NumberLit:36",
      "Identifier:年度累计",
      "Colon:：",
      "LBrace:{",
      "Identifier:统筹支付",
      "Colon:：",
      "NumberLit:0元",
      "RBrace:}",
    ]);
  });

  // So is a year's 年度: `2020 年度累计` is a number and a name, not the date 2020 年度 and 累计.
  it("a spaced 年度 at the start of the next name is not a date", () => {
    expect(lex("甲：2020 年度累计")).toEqual(["Identifier:甲", "Colon:：", "NumberLit:2020", "Identifier:年度累计"]);
    expect(lex("2020 年度 2020 年度起 2020年度")).toEqual(["Date:2020 年度", "Date:2020 年度", "From:起", "Date:2020年度"]);
  });
});

describe("dates", () => {
  it.each([
    ["2017-05-11", "2017-05-11"],
    ["2017-5-1", "2017-05-01"],
    ["2017年5月11日", "2017-05-11"],
    ["2018年1月1日", "2018-01-01"],
    ["２０１７－０５－１１", "2017-05-11"],
    ["２０１７年５月１１日", "2017-05-11"],
  ])("%s is a date token, %s", (image, iso) => {
    const t = only(image);
    expect(t.tokenType.name).toBe("Date");
    expect(parseDateImage(image)).toBe(iso);
  });

  it("both forms give the same date in the AST", () => {
    const a = parse("政策 甲 { 发布 2017-05-11 }").ast.declarations[0];
    const b = parse("政策 甲 { 发布 2017年5月11日 }").ast.declarations[0];
    expect(a.kind === "PolicyHeader" && a.published?.value).toBe("2017-05-11");
    expect(b.kind === "PolicyHeader" && b.published?.value).toBe("2017-05-11");
  });

  it("a year with a unit is a number, not a date", () => {
    expect(lex("2018年")).toEqual(["NumberLit:2018年"]);
  });
});

describe("punctuation", () => {
  it("full-width （）：，、 and the others lex to the same tokens as half-width", () => {
    const pairs: [string, string, string][] = [
      ["（", "(", "LParen"],
      ["）", ")", "RParen"],
      ["：", ":", "Colon"],
      ["，", ",", "Comma"],
      ["、", ",", "Comma"],
      ["；", ";", "Comma"],
      ["｛", "{", "LBrace"],
      ["｝", "}", "RBrace"],
      ["［", "[", "LBracket"],
      ["］", "]", "RBracket"],
      ["＝", "=", "EqualsOp"],
      ["＋", "+", "Plus"],
      ["－", "-", "Minus"],
      ["−", "-", "Minus"],
      ["＊", "*", "Times"],
      ["×", "*", "Times"],
      ["／", "/", "Divide"],
      ["÷", "/", "Divide"],
      ["．", ".", "Dot"],
      ["＜", "<", "LessOp"],
      ["＞", ">", "GreaterOp"],
      ["≤", "<=", "LessEqOp"],
      ["≥", ">=", "GreaterEqOp"],
      ["≠", "!=", "NotEqualsOp"],
    ];
    for (const [full, half, type] of pairs) {
      expect(only(full).tokenType.name, full).toBe(type);
      expect(only(half).tokenType.name, half).toBe(type);
    }
  });

  it("a line in full-width punctuation lexes like its half-width twin", () => {
    expect(types("输出 统筹支付 = 较小（剩余 × 统筹比例，正值（限额 − 年度累计．统筹支付））")).toEqual(
      types("输出 统筹支付 = 较小(剩余 * 统筹比例, 正值(限额 - 年度累计.统筹支付))"),
    );
  });

  it("and parses to the same AST", () => {
    const strip = (text: string) => JSON.stringify(parse(text).ast.declarations, (k, v) => (k === "span" || k === "opSpan" || k === "raw" ? undefined : v));
    expect(strip("枚举 级别（注）｛ 一级、二级 ｝")).toBe(strip("枚举 级别(注) { 一级, 二级 }"));
    expect(strip("参数 表：比例 按 级别 ｛ 一级：８５％ ｝")).toBe(strip("参数 表:比例 按 级别 { 一级:85% }"));
  });

  it("the full stop 。 is a separator like white space", () => {
    expect(lex("参数 甲：金额 = 1元。")).toEqual(["Param:参数", "Identifier:甲", "Colon:：", "Identifier:金额", "EqualsOp:=", "NumberLit:1元"]);
  });

  it("a character of no token is a lexing error at its offset", () => {
    const r = tokenize("参数 甲 @ 乙");
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].offset).toBe(5);
    expect(r.tokens.map((t) => t.image)).toEqual(["参数", "甲", "乙"]);
  });
});

describe("inclusion marks", () => {
  it.each(["（含）", "(含)", "（不含）", "（含5000元）", "（含 5000元）", "（不含 5000元）", "（含第12个月）", "（ 含 ）"])("%s is one mark", (m) => {
    expect(only(m).tokenType.name).toBe("InclusionMark");
  });

  it("a parenthesis not starting with 含 / 不含 stays a parenthesis", () => {
    expect(lex("（500元）")).toEqual(["LParen:（", "NumberLit:500元", "RParen:）"]);
    expect(lex("（累进）")).toEqual(["LParen:（", "Marginal:累进", "RParen:）"]);
  });

  it("marks reach the bounds of a slice as inclusive or exclusive", () => {
    const d = parse("分段 比例（累进）{\n  5000元（含）以内：50%\n  超过 5000元（不含 5000元） 至 20万元（含20万元）：85%\n}").ast.declarations[0];
    expect(d.kind).toBe("BracketDecl");
    if (d.kind !== "BracketDecl") return;
    expect(d.slices[0].upper).toMatchObject({ word: "以内", mark: { inclusive: true, text: "（含）" } });
    expect(d.slices[1].lower).toMatchObject({ word: "超过", mark: { inclusive: false, text: "（不含 5000元）" } });
    expect(d.slices[1].upper).toMatchObject({ mark: { inclusive: true, text: "（含20万元）" } });
  });

  // `（含…）` is a mark only with a number after 含: `正值（含税费用）` stays a call.
  it("a call whose argument is a name starting with 含 is still a call", () => {
    expect(lex("正值（含税费用）")).toEqual(["Identifier:正值", "LParen:（", "Identifier:含税费用", "RParen:）"]);
  });
});

describe("citations (依据 mode)", () => {
  it("a clause reference and a quote, to the end of the line", () => {
    expect(lex("依据 二、（四）1.（1）「起付标准分别为……500元。」\n参数")).toEqual([
      "Citation:依据",
      "ClauseRef:二、（四）1.（1）",
      "CitationQuote:「起付标准分别为……500元。」",
      "Param:参数",
    ]);
  });

  it("keywords, numbers and punctuation inside the clause are clause text", () => {
    expect(lex("依据 当 超过 5000元：")).toEqual(["Citation:依据", "ClauseRef:当", "ClauseRef:超过", "ClauseRef:5000元："]);
  });

  it("several clause parts, another document named first", () => {
    expect(lex("依据 江府办〔2017〕20号 二、（四）")).toEqual(["Citation:依据", "ClauseRef:江府办〔2017〕20号", "ClauseRef:二、（四）"]);
    const d = parse("枚举 甲 { 乙 }\n  依据 江府办〔2017〕20号 二、（四）\n").ast.declarations[0];
    expect(d.kind === "EnumDecl" && d.citations).toEqual([
      { kind: "Citation", clause: "江府办〔2017〕20号 二、（四）", quote: undefined, span: { start: 13, end: 34 } },
    ]);
  });

  it("the traditional keyword starts the same mode", () => {
    expect(lex("依據 二、（四）「引文」")).toEqual(["Citation:依據", "ClauseRef:二、（四）", "CitationQuote:「引文」"]);
  });

  it("a citation ends at a newline (LF or CRLF)", () => {
    expect(lex("依据 二、\n当 是：设为 0元")).toEqual(["Citation:依据", "ClauseRef:二、", "When:当", "True:是", "Colon:：", "SetTo:设为", "NumberLit:0元"]);
    expect(lex("依据 二、\r\n参数")).toEqual(["Citation:依据", "ClauseRef:二、", "Param:参数"]);
  });

  it("a citation ends after its quote", () => {
    expect(lex("依据 二「甲」 当")).toEqual(["Citation:依据", "ClauseRef:二", "CitationQuote:「甲」", "When:当"]);
  });

  it("a quote may span lines", () => {
    expect(lex("依据 二「甲\n乙」")).toEqual(["Citation:依据", "ClauseRef:二", "CitationQuote:「甲\n乙」"]);
  });

  it("`}` on the same line closes the citation and the block", () => {
    expect(lex("依据 二、 }")).toEqual(["Citation:依据", "ClauseRef:二、", "CitationRBrace:}"]);
    const r = parse("参数 表：金额 按 级别 { 一级：1元 依据 二、（一） }\n枚举 级别 { 一级 }");
    expect(r.parseErrors).toEqual([]);
    expect(r.ast.declarations.map((d) => d.kind)).toEqual(["ParamDecl", "EnumDecl"]);
    // On the row's line, the citation belongs to the row.
    const p = r.ast.declarations[0];
    expect(p.kind === "ParamDecl" && p.table?.[0].citations.map((c) => c.clause)).toEqual(["二、（一）"]);
  });

  it("a citation at the end of the file needs no newline", () => {
    expect(lex("依据 二、")).toEqual(["Citation:依据", "ClauseRef:二、"]);
  });

  it("a # comment ends the clause", () => {
    const r = tokenize("依据 二、 # 注释\n参数");
    expect(r.tokens.map((t) => t.image)).toEqual(["依据", "二、", "参数"]);
    expect((r.groups.comments ?? []).map((t) => t.image)).toEqual(["# 注释"]);
  });
});

describe("comments", () => {
  it("run from # to the end of the line and are kept aside", () => {
    const text = "# 标题\n参数 甲：金额 = 1元 # 行尾注释\n# 「引号」里的 # 也是注释\n";
    const r = tokenize(text);
    expect(r.tokens.map((t) => t.image)).toEqual(["参数", "甲", "：", "金额", "=", "1元"]);
    expect((r.groups.comments ?? []).map((t) => t.image)).toEqual(["# 标题", "# 行尾注释", "# 「引号」里的 # 也是注释"]);
    const ast = parse(text).ast;
    expect(ast.comments.map((c) => [c.text, text.slice(c.span.start, c.span.end)])).toEqual([
      ["# 标题", "# 标题"],
      ["# 行尾注释", "# 行尾注释"],
      ["# 「引号」里的 # 也是注释", "# 「引号」里的 # 也是注释"],
    ]);
  });

  it("# inside a quote is part of the quote", () => {
    expect(lex("「第#1号」")).toEqual(["Quoted:「第#1号」"]);
  });
});

describe("offsets", () => {
  it("tokens carry UTF-16 offsets, end inclusive", () => {
    const r = tokenize("参数 限额：金额 = 20万元");
    expect(r.tokens.map((t) => [t.image, t.startOffset, t.endOffset])).toEqual([
      ["参数", 0, 1],
      ["限额", 3, 4],
      ["：", 5, 5],
      ["金额", 6, 7],
      ["=", 9, 9],
      ["20万元", 11, 14],
    ]);
  });

  it("the AST spans are end exclusive and slice the source exactly", () => {
    const text = "参数 限额：金额 = 20万元\n  依据 二、（四）「限额为20万元。」\n";
    const d = parse(text).ast.declarations[0];
    expect(d.kind).toBe("ParamDecl");
    if (d.kind !== "ParamDecl") return;
    const slice = (s: { start: number; end: number }) => text.slice(s.start, s.end);
    expect(d.name.span).toEqual({ start: 3, end: 5 });
    expect(slice(d.name.span)).toBe("限额");
    expect(slice(d.type!.span)).toBe("金额");
    expect(d.value!.span).toEqual({ start: 11, end: 15 });
    expect(slice(d.value!.span)).toBe("20万元");
    expect(slice(d.citations[0].span)).toBe("依据 二、（四）「限额为20万元。」");
    expect(slice(d.span)).toBe(text.trimEnd());
  });

  it("a character outside the BMP counts two code units", () => {
    const text = "枚举 「𠮷地」 { 甲 }";
    const r = tokenize(text);
    expect(r.tokens.map((t) => [t.image, t.startOffset])).toEqual([
      ["枚举", 0],
      ["「𠮷地」", 3],
      ["{", 9],
      ["甲", 11],
      ["}", 13],
    ]);
    const d = parse(text).ast.declarations[0];
    expect(d.kind === "EnumDecl" && d.name.span).toEqual({ start: 3, end: 8 });
    expect(d.kind === "EnumDecl" && d.name.text).toBe("𠮷地");
  });

  it("the file span covers the whole text", () => {
    const text = "枚举 甲 { 乙 }\n\n";
    expect(parse(text).ast.span).toEqual({ start: 0, end: text.length });
  });
});
