// One definition per concept: each table of packages/dsl/src/language is read by every tool,
// and each tool covers exactly the table's entries — no more (a second list somewhere) and no
// fewer (an entry some tool forgot).
import { describe, expect, test } from "vitest";
import {
  analyze,
  BINARY_OPERATORS,
  BUILTINS,
  expressionKeywords,
  KEYWORD_CATEGORY,
  keywordSpellings,
  literalType,
  MODIFIER_VERBS,
  nameCharacterClass,
  numberUnits,
  OPERATOR_SYMBOLS,
  parse,
  parseNumberImage,
  PRECEDENCE,
  SYMBOLS,
  symbolTable,
  tokenize,
  UNIT_TYPES,
  UNITS,
  unitSpelling,
  type Expr,
  type ParamDecl,
} from "@zhengce/dsl";
import { compileAnalysis, findCalculator } from "@zhengce/compiler";
import * as runtime from "@zhengce/runtime";
import { formatPolicySync } from "../../packages/prettier-plugin/src/index.js";
import { completion } from "../../packages/lsp/src/completion.js";
import { spell } from "../../packages/lsp/src/script.js";
import { hover } from "../../packages/lsp/src/hover.js";
import { legend } from "../../packages/lsp/src/capabilities.js";
import { semanticTokens } from "../../packages/lsp/src/semantic-tokens.js";
import { buildGrammar } from "../../packages/vscode/scripts/grammar.mjs";

const grammar = buildGrammar(keywordSpellings(), { name: nameCharacterClass(), units: numberUnits() });
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** The TextMate alternation a pattern was built from, as a set of words. */
const words = (match: string) => new Set(match.split("|").map((w) => w.replace(/\\(.)/g, "$1")));

/** The expression of `参数 甲 = …`. */
function valueOf(expression: string): Expr {
  const r = parse(`参数 甲 = ${expression}\n`);
  expect(r.parseErrors).toEqual([]);
  return (r.ast.declarations[0] as ParamDecl).value!;
}

const completionAfter = (text: string) => {
  const a = analyze(text, "file:///t.policy");
  return completion(a, symbolTable(a), text.length);
};

describe("units (language/units.ts)", () => {
  const spellings = UNITS.flatMap((u) => u.spellings.map((s) => [s, u] as const));

  test.each(spellings)("「12%s」: the lexer reads one number, the AST builder its unit and power of ten, the checker its type", (s, u) => {
    const lexed = tokenize(`12${s}`);
    expect(lexed.tokens.map((t) => [t.tokenType.name, t.image])).toEqual([["NumberLit", `12${s}`]]);
    expect(parseNumberImage(`12${s}`)).toEqual({ value: String(12 * 10 ** u.exponent), unit: u.unit });
    expect(literalType({ kind: "Number", value: "12", unit: u.unit, raw: `12${s}`, span: { start: 0, end: 0 } })).toEqual(UNIT_TYPES[u.unit]);
  });

  test("the editor grammar colours exactly the table's spellings as units", () => {
    expect(new Set(numberUnits())).toEqual(new Set(spellings.map(([s]) => s)));
    const match = grammar.repository.number.match as string;
    for (const [s] of spellings) expect(match).toContain(escape(s));
  });

  test("completion after a number offers exactly the offered units, in the file's script", () => {
    const offered = UNITS.filter((u) => u.offer);
    const simplified = completionAfter("参数 甲 = 12");
    expect(simplified.map((i) => [i.label, i.detail])).toEqual(offered.map((u) => [unitSpelling(u, "simplified"), u.offer]));
    const traditional = completionAfter("參數 甲 = 1\n參數 乙 = 12");
    expect(traditional.map((i) => i.label)).toEqual(["元", "萬元", "%", "個百分點", "個月", "歲"]);
  });
});

describe("symbols and operators (language/symbols.ts)", () => {
  const glyphs = Object.entries(SYMBOLS).flatMap(([name, s]) => s.glyphs.map((g) => [name, g] as const));

  test.each(glyphs)("%s: 「%s」 lexes as that token", (name, g) => {
    expect(tokenize(`甲 ${g} 乙`).tokens.map((t) => t.tokenType.name)).toEqual(["Identifier", name, "Identifier"]);
  });

  const binary = BINARY_OPERATORS.flatMap((o) =>
    o.tokens.flatMap((t) => (t in SYMBOLS ? SYMBOLS[t as keyof typeof SYMBOLS].glyphs : keywordSpellings()[t as keyof ReturnType<typeof keywordSpellings>]).map((w) => [o.op, w] as const)),
  );

  test.each(binary)("%s written 「%s」 parses to that operator", (op, w) => {
    const e = valueOf(`甲 ${w} 乙`);
    expect(e).toMatchObject({ kind: "Binary", op });
  });

  test("every operator token is read by the parser at its level: a looser operator takes a tighter one as its operand", () => {
    for (let i = 0; i < PRECEDENCE.length; i++) {
      for (let j = i + 1; j < PRECEDENCE.length; j++) {
        const loose = BINARY_OPERATORS.find((o) => o.level === PRECEDENCE[i])!;
        const tight = BINARY_OPERATORS.find((o) => o.level === PRECEDENCE[j])!;
        for (const [a, b] of [[loose, tight], [tight, loose]]) {
          const e = valueOf(`甲 ${a.op} 乙 ${b.op} 丙`);
          const top = a === loose ? a : b;
          expect(e).toMatchObject({ kind: "Binary", op: top.op });
        }
      }
    }
  });

  test("the formatter prints every symbol glyph of an operator as its canonical glyph", () => {
    for (const name of OPERATOR_SYMBOLS) {
      if (name === "PositivePart" || name === "Minus") continue;
      for (const g of SYMBOLS[name as keyof typeof SYMBOLS].glyphs) {
        const out = formatPolicySync(`参数 甲 = 乙 ${g} 丙\n`);
        expect(out).toBe(`参数 甲 = 乙 ${SYMBOLS[name as keyof typeof SYMBOLS].canonical} 丙\n`);
      }
    }
    for (const g of SYMBOLS.Minus.glyphs) expect(formatPolicySync(`参数 甲 = 乙 ${g} 丙\n`)).toBe("参数 甲 = 乙 − 丙\n");
  });

  test("semantic tokens colour exactly the operator symbols as operators; the grammar matches every glyph of them", () => {
    const operator = legend.tokenTypes.indexOf("operator");
    const text = Object.entries(SYMBOLS).map(([, s]) => s.glyphs[0]).join(" ");
    const a = analyze(text, "file:///t.policy");
    const data = semanticTokens(a, symbolTable(a)).data;
    const coloured: string[] = [];
    for (let i = 0, col = 0; i < data.length; i += 5) {
      col = data[i] === 0 ? col + data[i + 1] : data[i + 1];
      if (data[i + 3] === operator) coloured.push(text.slice(col, col + data[i + 2]));
    }
    expect(new Set(coloured)).toEqual(new Set([...OPERATOR_SYMBOLS].map((t) => SYMBOLS[t as keyof typeof SYMBOLS].glyphs[0])));
    expect(words(grammar.repository.operator.match)).toEqual(new Set([...OPERATOR_SYMBOLS].flatMap((t) => SYMBOLS[t as keyof typeof SYMBOLS].glyphs)));
  });
});

describe("modifier verbs (language/modifiers.ts)", () => {
  const spellings = MODIFIER_VERBS.flatMap((v) => keywordSpellings()[v.keyword as keyof ReturnType<typeof keywordSpellings>].map((s) => [v.verb, s] as const));

  test.each(spellings)("%s written 「%s」 parses to that verb", (verb, s) => {
    const r = parse(`参数 甲：比例 = 5%\n  当 乙：${s} 1个百分点\n`);
    expect(r.parseErrors).toEqual([]);
    expect((r.ast.declarations[0] as ParamDecl).modifiers[0].actions[0].kind).toBe(verb);
  });

  test("the editor grammar colours exactly the verbs as actions", () => {
    const actions = Object.entries(KEYWORD_CATEGORY).filter(([, c]) => c === "action").map(([k]) => k);
    expect(actions.sort()).toEqual(MODIFIER_VERBS.map((v) => v.keyword).sort());
  });

  test("the modifier snippet offers exactly the verbs", () => {
    const snippet = completionAfter("").find((i) => i.label.endsWith("：修正"))!;
    const choice = /\$\{2\|([^|]*)\|\}/.exec((snippet.textEdit as { newText: string }).newText)![1];
    expect(choice.split(",")).toEqual(MODIFIER_VERBS.map((v) => keywordSpellings()[v.keyword as keyof ReturnType<typeof keywordSpellings>][0]));
  });
});

describe("built-in functions (language/builtins.ts)", () => {
  test("completion offers exactly the built-ins; colouring marks exactly them as library functions", () => {
    const text = "计算 算 {\n  输出 甲 = ";
    const offered = completionAfter(text).filter((i) => i.detail?.startsWith("内置函数")).map((i) => i.label);
    expect(offered).toEqual(BUILTINS.map((b) => b.name));
    const names = BUILTINS.map((b) => b.name).join(" ");
    const a = analyze(names, "file:///t.policy");
    const fn = legend.tokenTypes.indexOf("function");
    const data = semanticTokens(a, symbolTable(a)).data;
    const coloured = [];
    for (let i = 0; i < data.length; i += 5) if (data[i + 3] === fn) coloured.push(data[i + 2]);
    expect(coloured).toEqual(BUILTINS.map((b) => b.name.length));
  });

  test("hover on each one shows its signature and what it computes", () => {
    for (const b of BUILTINS) {
      const text = `计算 算 {\n  输出 甲 = ${b.name}（）\n}\n`;
      const a = analyze(text, "file:///t.policy");
      const h = hover(a, symbolTable(a), text.indexOf(b.name) + 1);
      expect((h?.contents as { value: string }).value).toBe(`**内置函数 ${b.name}**${b.signature}\n\n${b.doc}`);
    }
  });

  test("each one's runtime entry is a function of @zhengce/runtime", () => {
    for (const b of BUILTINS) expect(typeof (runtime as Record<string, unknown>)[b.runtime], b.name).toBe("function");
  });

  test("each one checks, lowers and runs: the values worked out by hand", () => {
    const src = [
      "枚举 级别 { 甲、乙 }",
      "参数 额度：金额 按 级别 {",
      "  甲：100元",
      "  乙：300元",
      "}",
      "分段 段（累进）{",
      "  不超过 1万元：50%",
      "  超过 1万元：60%",
      "}",
      "计算 算 {",
      "  输入 {",
      "    费用：金额",
      "    日：日期",
      "    种类：集合（级别）",
      "  }",
      "  输出 较大值 = 较大（费用，100元）",
      "  输出 较小值 = 较小（费用，100元）",
      "  输出 正值值 = 正值（费用 − 100元）",
      "  输出 舍入值 = 舍入（费用 × 1.005）",
      "  输出 最大值 = 最大（额度[种类]）",
      "  输出 最小值 = 最小（额度[种类]）",
      "  输出 合计值 = 合计（额度[种类]）",
      "  输出 个数值 = 个数（种类）",
      "  输出 年份值 = 年份（日）",
      "  输出 月份值 = 月份（日）",
      "  输出 次月首日值 = 次月首日（日）",
      "  输出 加月值 = 加月（日，1个月）",
      "  输出 月数差值 = 月数差（日，2024-03-30）",
      "  输出 月末值 = 月末（日）",
      "  输出 加日值 = 加日（日，30）",
      "  输出 封顶点值 = 封顶点（段，8000元）",
      "}",
      "",
    ].join("\n");
    const a = analyze(src, "t.policy");
    expect(a.diagnostics).toEqual([]);
    // Every built-in of the table is called above, and nothing else is.
    const called = [...a.model.calculators.values()][0].ann.refs;
    expect(new Set([...called.values()].filter((s) => s.kind === "builtin").map((s) => s.kind === "builtin" && s.name))).toEqual(new Set(BUILTINS.map((b) => b.name)));
    const out = findCalculator(compileAnalysis(a), "算")!.run({ 费用: 50.5, 日: "2024-01-31", 种类: ["甲", "乙"] }, { 计算过程: false });
    // 50.5 × 1.005 = 50.7525 → 50.75; 1月31日 + 1个月 = 2月29日 (2024); 1月31日 → 3月30日: 1 whole month;
    // + 30 days = 3月1日; 封顶点: 1万 × 50% = 5000, then 3000 more at 60% = 5000 more: 15000.
    expect(out).toMatchObject({
      较大值: "100.00", 较小值: "50.50", 正值值: "0.00", 舍入值: "50.75", 最大值: "300.00", 最小值: "100.00", 合计值: "400.00",
      个数值: 2, 年份值: 2024, 月份值: 1, 次月首日值: "2024-02-01", 加月值: "2024-02-29", 月数差值: 1, 月末值: "2024-01-31",
      加日值: "2024-03-01", 封顶点值: "15000.00",
    });
  });
});

describe("keywords (keyword-list.json, language/keywords.ts)", () => {
  test("every keyword has a category, and the editor grammar colours every spelling of it by that category", () => {
    const spellings = keywordSpellings();
    expect(Object.keys(KEYWORD_CATEGORY).sort()).toEqual(Object.keys(spellings).sort());
    const patterns = (grammar.repository.keyword.patterns as { match: string }[]).map((p) => p.match).join("\n");
    for (const [name, list] of Object.entries(spellings)) {
      if (name === "Citation") continue; // its own begin/end rule
      for (const s of list) expect(patterns).toContain(escape(s));
    }
  });

  test("completion in an expression offers exactly the keywords of the grammar's expression rules, in the file's script", () => {
    const keywords = (text: string) => completionAfter(text).filter((i) => i.kind === 14 /* Keyword */).map((i) => i.label);
    const simplified = keywords("参数 甲 = 1\n参数 乙 = ");
    expect(new Set(simplified)).toEqual(new Set(expressionKeywords().map((n) => spell(n, "simplified"))));
    expect(simplified).toEqual(expect.arrayContaining(["如果", "则", "否则", "且", "或", "非", "是", "否", "无", "剩余"]));
    expect(simplified).not.toContain("参数");
    expect(keywords("參數 甲 = 1\n參數 乙 = ")).toContain("剩餘");
  });
});
