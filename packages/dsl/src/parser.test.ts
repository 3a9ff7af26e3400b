// Parser: the AST shape of every construct, error recovery, robustness on truncated input,
// and the traditional-script twin of a simplified policy.
import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { toTraditional } from "@zhengce/runtime/fold";
import type * as A from "./ast.js";
import { analyze, parse, syntaxDiagnostics, tokenize } from "./index.js";
import { validateLexer } from "./lexer.js";
import { validateGrammar } from "./parser.js";

// The shapes below are checked on a frozen copy of policies/jiangmen/base.policy, so that work
// on the policy itself does not move these tests; the live file is checked for properties only.
const BASE = readFileSync(new URL("./__fixtures__/jiangmen-base.policy", import.meta.url), "utf8");
const LIVE_BASE = readFileSync(new URL("../../../policies/jiangmen/base.policy", import.meta.url), "utf8");

// Tools build the lexer and the parser without Chevrotain's validations (they cost much of their
// start): the token patterns and the grammar are validated here.
describe("the grammar", () => {
  it("passes Chevrotain's validations (no ambiguity, no left recursion, every rule resolved)", () => {
    expect(() => validateGrammar()).not.toThrow();
  });
  it("has token patterns that pass Chevrotain's checks, without a warning", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      expect(() => validateLexer()).not.toThrow();
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});

/** Parse text that must be free of syntax errors. */
function clean(text: string): A.PolicyFile {
  const r = parse(text);
  expect(r.lexErrors, "lexing errors").toEqual([]);
  expect(r.parseErrors.map((e) => `${e.message} @${e.token.startOffset}`), "parse errors").toEqual([]);
  return r.ast;
}
function only<K extends A.Declaration["kind"]>(text: string, kind: K): Extract<A.Declaration, { kind: K }> {
  const ds = clean(text).declarations;
  expect(ds.map((d) => d.kind)).toEqual([kind]);
  return ds[0] as Extract<A.Declaration, { kind: K }>;
}
function named<K extends A.Declaration["kind"]>(ast: A.PolicyFile, kind: K, name: string): Extract<A.Declaration, { kind: K }> {
  const d = ast.declarations.find((x) => x.kind === kind && "name" in x && x.name.text === name);
  expect(d, `${kind} ${name}`).toBeDefined();
  return d as Extract<A.Declaration, { kind: K }>;
}

/** A compact, readable rendering of an expression: `(× 剩余 统筹比例)`. */
function show(e: A.Expr | undefined): string {
  if (!e) return "∅";
  switch (e.kind) {
    case "Number":
      return e.raw;
    case "Date":
      return e.value;
    case "Bool":
      return e.value ? "是" : "否";
    case "None":
      return "无";
    case "Text":
      return JSON.stringify(e.value);
    case "Ref":
      return e.name.text;
    case "Remaining":
      return "剩余";
    case "Field":
      return `${show(e.target)}.${e.field.text}`;
    case "Index":
      return `${show(e.target)}[${show(e.key)}]`;
    case "Call":
      return `${e.callee.text}(${e.args.map(show).join(", ")}${e.accumulated ? `; 已累计 ${show(e.accumulated)}` : ""})`;
    case "Binary":
      return `(${e.op} ${show(e.left)} ${show(e.right)})`;
    case "Unary":
      return `(${e.op} ${show(e.operand)})`;
    case "If":
      return `(如果 ${show(e.cond)} 则 ${show(e.then)} 否则 ${show(e.else)})`;
    case "List":
      return `[${e.items.map(show).join("、")}]`;
    case "Record":
      return `{${e.fields.map((f) => `${f.name.text}：${show(f.value)}`).join("，")}}`;
    case "Error":
      return "⚠";
  }
}
const showMods = (ms: A.Modifier[]) =>
  ms.map((m) => `${m.branch}${m.cond ? ` ${show(m.cond)}` : ""}：${m.actions.map((a) => `${a.kind} ${show(a.value)}`).join("，")}`);
const showBound = (b: A.Bound | undefined) =>
  b ? `${b.word}${b.word ? " " : ""}${show(b.value)}${b.mark ? (b.mark.inclusive ? "（含）" : "（不含）") : ""}` : "∅";
/** The value of `输出 x = …` inside a calculator, as an expression string. */
function exprOf(text: string): string {
  const c = only(`计算 C {\n  输出 x = ${text}\n}`, "CalculatorDecl");
  const s = c.body[0];
  expect(s.kind).toBe("StepDecl");
  return show((s as A.StepDecl).value);
}

describe("declarations", () => {
  const ast = clean(BASE);

  it("base.policy parses without errors into its declarations, in order", () => {
    expect(ast.declarations.map((d) => `${d.kind} ${"name" in d ? d.name.text : d.calculator.text}`).slice(0, 16)).toEqual([
      "PolicyHeader 江门市基本医疗保险城乡一体化改革方案",
      "EnumDecl 参保身份",
      "EnumDecl 医院级别",
      "EnumDecl 特殊人群",
      "ParamDecl 起付标准表",
      "ParamDecl 住院支付比例表",
      "ParamDecl 一档年度最高支付限额",
      "ParamDecl 分娩保底支付",
      "BracketDecl 连续缴费系数",
      "ParamDecl 二档年度最高支付限额",
      "BracketDecl 二档住院比例",
      "ParamDecl 大病起赔标准",
      "ParamDecl 大病年度最高赔付限额",
      "BracketDecl 大病赔付比例",
      "CalculatorDecl 住院结算",
      "ExampleDecl 住院结算",
    ]);
    expect(ast.declarations.filter((d) => d.kind === "ExampleDecl")).toHaveLength(35);
  });

  it("policy header: 文号, 机关, 发布 and, for an amendment, 有效期 and 基于", () => {
    const h = named(ast, "PolicyHeader", "江门市基本医疗保险城乡一体化改革方案");
    expect(h).toMatchObject({ docNumber: { text: "江府办〔2017〕20号" }, issuer: { text: "江门市人民政府办公室" }, published: { value: "2017-05-11" } });
    expect(h.basedOn).toBeUndefined();

    const a = only(
      "政策 某市调整 {\n  文号：「江府办〔2018〕1号」\n  机关：「江门市人民政府」\n  发布：2018年1月2日\n  有效期：自 2018-01-01 至 2020-12-31\n  基于：「./base.policy」\n  依据 一、\n}",
      "PolicyHeader",
    );
    expect(a).toMatchObject({
      name: { text: "某市调整" },
      docNumber: { text: "江府办〔2018〕1号" },
      issuer: { text: "江门市人民政府" },
      published: { value: "2018-01-02" },
      validity: { from: { value: "2018-01-01" }, to: { value: "2020-12-31" } },
      basedOn: { path: "./base.policy" },
      citations: [{ clause: "一、" }],
    });
  });

  it("validity forms: 自 D 起, D 起, D 至 D", () => {
    const v = (s: string) => only(`政策 甲 { 有效期 ${s} }`, "PolicyHeader").validity;
    expect(v("自 2018-01-01 起")).toMatchObject({ from: { value: "2018-01-01" }, to: undefined });
    expect(v("2018-01-01 起")).toMatchObject({ from: { value: "2018-01-01" }, to: undefined });
    expect(v("2017-07-01 至 2017-12-31")).toMatchObject({ from: { value: "2017-07-01" }, to: { value: "2017-12-31" } });
    expect(v("自 2017-07-01 到 2017-12-31")).toMatchObject({ from: { value: "2017-07-01" }, to: { value: "2017-12-31" } });
  });

  it("enum: members separated by 、 ， or white space, quoted members, citations after it", () => {
    const e = named(ast, "EnumDecl", "参保身份");
    expect(e.members.map((m) => m.text)).toEqual(["城乡居民", "职工在职", "职工退休"]);
    expect(e.citations.map((c) => c.clause)).toEqual(["二、（二）"]);
    expect(e.citations[0].quote).toMatch(/^上述以城乡居民身份参加一档的人员/);
    for (const body of ["甲、乙、丙", "甲，乙，丙", "甲 乙\n丙", "「甲」、乙、「丙」"]) {
      expect(only(`枚举 X { ${body} }`, "EnumDecl").members.map((m) => m.text), body).toEqual(["甲", "乙", "丙"]);
    }
    expect(only("枚举 X：{ 甲 }\n  依据 一、\n  依据 二、「引」\n", "EnumDecl").citations.map((c) => [c.clause, c.quote])).toEqual([
      ["一、", undefined],
      ["二、", "引"],
    ]);
  });

  it("parameter, scalar: type, value, citations and a 当 / 否则当 chain of modifiers", () => {
    const p = named(ast, "ParamDecl", "大病起赔标准");
    expect(p.type?.name.text).toBe("金额");
    expect(show(p.value)).toBe("1万元");
    expect(p.value).toMatchObject({ value: "10000", unit: "元" });
    expect(p.table).toBeUndefined();
    expect(p.citations.map((c) => c.clause)).toEqual(["二、（四）1.（4）"]);
    expect(showMods(p.modifiers)).toEqual([
      "当 (包含 特殊人群 特困供养)：乘以 20%",
      "否则当 (或 (包含 特殊人群 低保) (包含 特殊人群 建档立卡))：乘以 30%",
    ]);
    expect(p.modifiers.map((m) => m.citations.length)).toEqual([1, 1]);
  });

  it("parameter, table by enum: rows, several keys per row, 其他", () => {
    const p = named(ast, "ParamDecl", "起付标准表");
    expect(p.by?.text).toBe("医院级别");
    expect(p.table?.map((t) => `${t.keys.map((k) => k.text).join("、")}：${show(t.value)}`)).toEqual([
      "一级及以下：500元",
      "二级：600元",
      "三级：900元",
      "非定点：1500元",
    ]);

    const q = only("参数 比例表：比例 按 级别 {\n  一级、二级：85%\n  其他：40%\n}", "ParamDecl");
    expect(q.table?.map((t) => [t.keys.map((k) => k.text), !!t.other, show(t.value)])).toEqual([
      [["一级", "二级"], false, "85%"],
      [[], true, "40%"],
    ]);
  });

  it("parameter, time versions: scalar values and tables, each with its validity", () => {
    const p = only(
      "参数 限额：金额 {\n  自 2017-01-01 起：1万元\n    依据 一、\n  2018-01-01 至 2018-12-31：2万元\n  2019-01-01 起：3万元\n}",
      "ParamDecl",
    );
    expect(p.value).toBeUndefined();
    expect(p.table).toBeUndefined();
    expect(p.versions?.map((v) => [v.validity.from?.value, v.validity.to?.value, show(v.value), v.citations.length])).toEqual([
      ["2017-01-01", undefined, "1万元", 1],
      ["2018-01-01", "2018-12-31", "2万元", 0],
      ["2019-01-01", undefined, "3万元", 0],
    ]);
    const t = only("参数 比例表：比例 按 级别 {\n  2017-01-01 起：{ 一级：50%  二级：40% }\n  2018-01-01 起：{ 一级、二级：60% }\n}", "ParamDecl");
    expect(t.by?.text).toBe("级别");
    expect(t.versions?.map((v) => [v.validity.from?.value, v.table?.map((e) => `${e.keys.map((k) => k.text).join("、")}：${show(e.value)}`)])).toEqual([
      ["2017-01-01", ["一级：50%", "二级：40%"]],
      ["2018-01-01", ["一级、二级：60%"]],
    ]);
  });

  it("bracket 累进: bounds with words and marks, modifiers in order", () => {
    const b = named(ast, "BracketDecl", "二档住院比例");
    expect(b.mode).toBe("累进");
    expect(b.type).toBeUndefined();
    expect(b.slices.map((s) => `${showBound(s.lower)} | ${showBound(s.upper)} → ${show(s.value)}`)).toEqual([
      "∅ | 以内 5000元（含） → 50%",
      "超过 5000元 | 20万元（含） → 85%",
      "超过 20万元 | ∅ → 90%",
    ]);
    expect(showMods(b.modifiers)).toEqual(["当 (= 医院级别 非定点)：降低 10个百分点", "当 (非 按规定备案)：乘以 50%"]);
  });

  // A 依据 on a line of its own after the last row cites the declaration, not that row.
  it("a 依据 line of its own inside a table or bracket cites the whole declaration", () => {
    const table = named(ast, "ParamDecl", "起付标准表");
    const bracket = named(ast, "BracketDecl", "二档住院比例");
    expect(table.citations.map((c) => c.clause)).toEqual(["二、（四）1.（1）"]);
    expect(table.table?.map((t) => t.citations.length)).toEqual([0, 0, 0, 0]);
    expect(bracket.citations.map((c) => c.clause)).toEqual(["二、（四）2.（1）"]);
    expect(bracket.slices.map((s) => s.citations.length)).toEqual([0, 0, 0]);
  });

  it("a 依据 on a row's own line cites that row", () => {
    const p = only("参数 表：金额 按 级别 {\n  一级：1元 依据 一、\n  二级：2元\n}", "ParamDecl");
    expect(p.table?.map((t) => t.citations.map((c) => c.clause))).toEqual([["一、"], []]);
  });

  it("bracket 全额 with a result type", () => {
    const b = named(ast, "BracketDecl", "连续缴费系数");
    expect(b.mode).toBe("全额");
    expect(b.type?.name.text).toBe("比例");
    expect(b.slices.map((s) => `${showBound(s.lower)} | ${showBound(s.upper)} → ${show(s.value)}`)).toEqual([
      "∅ | 不超过 12个月 → 50%",
      "超过 12个月 | 24个月（含） → 70%",
      "超过 24个月 | ∅ → 100%",
    ]);
  });

  it("bracket with a name as boundary", () => {
    const b = named(ast, "BracketDecl", "大病赔付比例");
    expect(b.slices.map((s) => `${showBound(s.lower)} | ${showBound(s.upper)}`)).toEqual(["超过 大病起赔标准 | 12万元（含）", "超过 12万元 | ∅"]);
    expect(b.modifiers.map((m) => m.branch)).toEqual(["当", "否则当", "当", "当"]);
  });

  it("every slice form: 不超过, 不满, 以上, 以内, 以下, 至, marks before and after the word", () => {
    const b = only(
      "分段 段（全额）{\n  不满 1万元：1%\n  1万元（含）以上 至 2万元：2%\n  超过 2万元 至 不超过 3万元：3%\n  3万元 至 4万元（不含）：4%\n  4万元以下：5%\n  5万元以内（含）：6%\n  超过 5万元（含） 以上：7%\n}",
      "BracketDecl",
    );
    expect(b.slices.map((s) => `${showBound(s.lower)} | ${showBound(s.upper)}`)).toEqual([
      "∅ | 不满 1万元",
      "以上 1万元（含） | 2万元",
      "超过 2万元 | 不超过 3万元",
      " 3万元 | 4万元（不含）".trim(),
      "∅ | 以下 4万元",
      "∅ | 以内 5万元（含）",
      "超过 5万元（含） | ∅",
    ]);
  });

  it("bracket 按 enum: one value per member in each row", () => {
    const b = only("分段 比例（累进）按 级别 {\n  不超过 5000元：一级 50%、二级 40%\n  超过 5000元：一级 85%，二级 80%\n}", "BracketDecl");
    expect(b.by?.text).toBe("级别");
    expect(b.slices.map((s) => s.keyed?.map((k) => `${k.key.text} ${show(k.value)}`))).toEqual([
      ["一级 50%", "二级 40%"],
      ["一级 85%", "二级 80%"],
    ]);
    expect(b.slices.every((s) => s.value === undefined)).toBe(true);
  });

  it("bracket with a stepped slice: 每增加 … 提高 …", () => {
    const b = only("分段 阶梯（累进）{\n  不超过 1万元：50%\n  超过 1万元 至 5万元：每增加 1万元 提高 1个百分点\n  超过 5万元：60%\n}", "BracketDecl");
    expect(b.slices[1].step && [show(b.slices[1].step.width), show(b.slices[1].step.increment)]).toEqual(["1万元", "1个百分点"]);
    expect(b.slices[1].value).toBeUndefined();
  });

  it("calculator: validity, citations, inputs with defaults, accumulators, body in source order", () => {
    const c = named(ast, "CalculatorDecl", "住院结算");
    expect(c.validity?.from?.value).toBe("2018-01-01");
    expect(c.citations.map((x) => x.clause)).toEqual(["二、（四）"]);
    expect(c.inputs.map((i) => `${i.name.text}：${i.type.name.text}${i.type.arg ? `（${i.type.arg.text}）` : ""}${i.default ? `，默认 ${show(i.default)}` : ""}`)).toEqual([
      "参保身份：参保身份",
      "医院级别：医院级别",
      "政策范围内费用：金额",
      "连续缴费月数：月数",
      "特殊人群：集合（特殊人群），默认 []",
      "家庭病床转诊：布尔，默认 否",
      "住院分娩：布尔，默认 否",
      "按规定备案：布尔，默认 是",
    ]);
    expect(c.accumulators).toHaveLength(1);
    expect(c.accumulators[0]).toMatchObject({ name: { text: "年度累计" }, period: "年", scalar: false });
    expect(c.accumulators[0].fields.map((f) => `${f.name.text}：${show(f.add)}`)).toEqual([
      "统筹支付：统筹支付",
      "二档支付：二档支付",
      "大病支付：大病支付",
      "二档自付基数：自付",
      "大病自付基数：大病基数",
    ]);
    expect(c.body.map((b) => (b.kind === "StepDecl" ? `${b.output ? "输出" : "令"} ${b.name.text}` : b.kind))).toEqual([
      "输出 起付标准",
      "令 统筹比例",
      "令 缴费系数",
      "令 大病赔付余额",
      "LayeredBlock",
      "输出 个人负担",
    ]);
  });

  it("calculator steps: values and modifiers (当 with several actions)", () => {
    const c = named(ast, "CalculatorDecl", "住院结算");
    const step = (n: string) => c.body.find((b): b is A.StepDecl => b.kind === "StepDecl" && b.name.text === n)!;
    expect(show(step("起付标准").value)).toBe("起付标准表[医院级别]");
    expect(showMods(step("起付标准").modifiers)).toEqual([
      "当 (= 参保身份 职工退休)：降低 100元，不低于 0元",
      "当 家庭病床转诊：设为 0元",
      "当 (包含 特殊人群 特困供养)：设为 0元",
    ]);
    expect(showMods(step("统筹比例").modifiers)).toEqual([
      "当 (= 参保身份 职工退休)：提高 5个百分点",
      "当 (且 (包含 特殊人群 特困供养) (= 医院级别 一级及以下))：提高 10个百分点",
      "当 (非 按规定备案)：乘以 50%",
    ]);
    expect(show(step("缴费系数").value)).toBe("连续缴费系数(连续缴费月数)");
    expect(show(step("大病赔付余额").value)).toBe(
      "(如果 (或 (或 (包含 特殊人群 特困供养) (包含 特殊人群 低保)) (包含 特殊人群 建档立卡)) 则 无 否则 正值((- (× 大病年度最高赔付限额 缴费系数) 年度累计.大病支付)))",
    );
    expect(show(step("个人负担").value)).toBe("(- (- (- 政策范围内费用 统筹支付) 二档支付) 大病支付)");
  });

  it("分层: its starting amount, citation and steps; 剩余 and 已累计 inside", () => {
    const c = named(ast, "CalculatorDecl", "住院结算");
    const l = c.body.find((b): b is A.LayeredBlock => b.kind === "LayeredBlock")!;
    expect(show(l.initial)).toBe("正值((- 政策范围内费用 起付标准))");
    expect(l.citations.map((x) => x.clause)).toEqual(["二、（四）"]);
    expect(l.steps.map((s) => `${s.output ? "输出" : "令"} ${s.name.text} = ${show(s.value)}`)).toEqual([
      "输出 统筹支付 = 较小((× 剩余 统筹比例), 正值((- (× 一档年度最高支付限额 缴费系数) 年度累计.统筹支付)))",
      "令 自付 = 剩余",
      "输出 二档支付 = (如果 (属于 参保身份 [职工在职、职工退休]) 则 较小(二档住院比例(剩余; 已累计 年度累计.二档自付基数), 正值((- (× 二档年度最高支付限额 缴费系数) 年度累计.二档支付))) 否则 0元)",
      "令 大病基数 = 剩余",
      "输出 大病支付 = 较小(大病赔付比例(剩余; 已累计 年度累计.大病自付基数), 大病赔付余额)",
    ]);
    expect(showMods(l.steps[0].modifiers)).toEqual(["当 住院分娩：不低于 分娩保底支付"]);
  });

  it("calculator: 拒绝, 说明, a typed step, 否则当 / 否则, 按月 scalar accumulator, 不小于 on an input", () => {
    const c = only(
      [
        "计算 门诊 {",
        "  有效期 自 2018-01-01 至 2018-12-31",
        "  输入 {",
        "    费用：金额",
        "    月数：月数，不小于 0，默认 12个月",
        "    人群：集合（人群）",
        "  }",
        "  累计 月度（按月）：累加 支付",
        "    依据 五、",
        "  拒绝 人群 当 人群 包含 甲：「甲类人员不适用本办法」",
        "    依据 四、",
        "  令 比例：比例 = 50% 说明「基本比例」",
        "    依据 三、",
        "    当 人群 包含 甲：提高 5个百分点",
        "    否则当 月数 < 12个月：乘以 50%，不低于 10%",
        "    否则：设为 40%",
        "  输出 支付 = 费用 × 比例",
        "}",
      ].join("\n"),
      "CalculatorDecl",
    );
    expect(c.validity).toMatchObject({ from: { value: "2018-01-01" }, to: { value: "2018-12-31" } });
    expect(c.inputs[1]).toMatchObject({ name: { text: "月数" } });
    expect([show(c.inputs[1].min), show(c.inputs[1].default)]).toEqual(["0", "12个月"]);
    expect(c.accumulators[0]).toMatchObject({ name: { text: "月度" }, period: "月", scalar: true, citations: [{ clause: "五、" }] });
    expect(c.accumulators[0].fields.map((f) => [f.name.text, show(f.add)])).toEqual([["月度", "支付"]]);
    const [refuse, rate, pay] = c.body;
    expect(refuse).toMatchObject({ kind: "Refusal", field: { text: "人群" }, reason: "甲类人员不适用本办法", citations: [{ clause: "四、" }] });
    expect(show((refuse as A.Refusal).cond)).toBe("(包含 人群 甲)");
    expect(rate).toMatchObject({ kind: "StepDecl", output: false, name: { text: "比例" }, type: { name: { text: "比例" } }, explain: "基本比例" });
    expect(showMods((rate as A.StepDecl).modifiers)).toEqual([
      "当 (包含 人群 甲)：提高 5个百分点",
      "否则当 (< 月数 12个月)：乘以 50%，不低于 10%",
      "否则：设为 40%",
    ]);
    expect(pay).toMatchObject({ kind: "StepDecl", output: true, name: { text: "支付" } });
  });

  it("examples: title, one case, a sequence of cases, nested records and lists", () => {
    const examples = ast.declarations.filter((d): d is A.ExampleDecl => d.kind === "ExampleDecl");
    const first = examples[0];
    expect(first.calculator.text).toBe("住院结算");
    expect(first.title).toBe("城乡居民一级医院住院一万元");
    expect(first.cases.map((c) => [show(c.input), show(c.expect)])).toEqual([
      [
        "{参保身份：城乡居民，医院级别：一级及以下，政策范围内费用：10000元，连续缴费月数：36}",
        "{起付标准：500元，统筹支付：8075元，二档支付：0元，大病支付：0元，个人负担：1925元}",
      ],
    ]);
    const nested = examples.find((e) => e.title === "年度统筹支付已达19万元：只付到20万元")!;
    expect(show(nested.cases[0].input)).toBe(
      "{参保身份：城乡居民，医院级别：二级，政策范围内费用：20000元，连续缴费月数：36，年度累计：{统筹支付：190000元，二档支付：0元，大病支付：24000元，二档自付基数：0元，大病自付基数：50000元}}",
    );
    const special = examples.find((e) => e.title.startsWith("特困供养一级医院"))!;
    expect(show(special.cases[0].input)).toContain("特殊人群：[特困供养]");
    const sequence = examples.find((e) => e.title.startsWith("连续缴费12个月，一年三次住院"))!;
    expect(sequence.cases).toHaveLength(3);
    expect(sequence.cases.map((c) => show(c.input.fields.find((f) => f.name.text === "政策范围内费用")!.value))).toEqual(["150000元", "100000元", "80000元"]);
    const dated = examples.find((e) => e.title.startsWith("同一年两次住院"))!;
    expect(dated.cases.map((c) => show(c.input.fields[0].value))).toEqual(["2018-03-01", "2018-09-01"]);
  });

  it("an example without a title is titled by its calculator", () => {
    const e = only("例 住院结算 {\n  输入 { 费用：1元 }\n  期望 { 支付：1元 }\n}", "ExampleDecl");
    expect(e.title).toBe("住院结算");
  });
});

describe("expressions", () => {
  it.each([
    ["1元 + 2元 × 3", "(+ 1元 (× 2元 3))"],
    ["（1元 + 2元）× 3", "(× (+ 1元 2元) 3)"],
    ["1元 − 2元 − 3元", "(- (- 1元 2元) 3元)"],
    ["6元 ÷ 2 × 3", "(× (÷ 6元 2) 3)"],
    ["−1元 + 2元", "(+ (- 1元) 2元)"],
    ["甲 或 乙 且 丙", "(或 甲 (且 乙 丙))"],
    ["非 甲 且 乙", "(且 (非 甲) 乙)"],
    ["非 非 甲", "(非 (非 甲))"],
    ["非 甲 > 乙 或 甲 = 乙", "(或 (非 (> 甲 乙)) (= 甲 乙))"],
    ["甲 且 非 乙 + 1元 ≤ 丙 × 2", "(且 甲 (非 (≤ (+ 乙 1元) (× 丙 2))))"],
    ["非 −甲 × 2 > 1元", "(非 (> (× (- 甲) 2) 1元))"],
    ["−−甲 × 2 + 1 − 乙 ÷ 3 ÷ 4", "(- (+ (× (- (- 甲)) 2) 1) (÷ (÷ 乙 3) 4))"],
    ["甲 或 乙 或 丙 且 丁", "(或 (或 甲 乙) (且 丙 丁))"],
    ["甲 + 1元 > 乙 × 2", "(> (+ 甲 1元) (× 乙 2))"],
    ["甲 ≥ 1元 且 甲 <= 2元", "(且 (≥ 甲 1元) (≤ 甲 2元))"],
    ["甲 不小于 1元", "(≥ 甲 1元)"],
    ["甲 大于 1元 或 甲 小于 0元", "(或 (> 甲 1元) (< 甲 0元))"],
    ["甲 等于 乙 且 甲 不等于 丙 且 甲 ≠ 丁", "(且 (且 (= 甲 乙) (≠ 甲 丙)) (≠ 甲 丁))"],
    ["级别 属于 [一级、二级]", "(属于 级别 [一级、二级])"],
    ["级别 不属于 [一级]", "(不属于 级别 [一级])"],
    ["人群 包含 低保", "(包含 人群 低保)"],
    ["表[级别].字段", "表[级别].字段"],
    ["年度累计．统筹支付", "年度累计.统筹支付"],
    ["（甲 − 乙）⁺", "(⁺ (- 甲 乙))"],
    ["较小（甲，乙，无）", "较小(甲, 乙, 无)"],
    ["较大()", "较大()"],
    ["二档比例（剩余，已累计 年度累计.基数）", "二档比例(剩余; 已累计 年度累计.基数)"],
    ["如果 甲 则 1元 否则 如果 乙 则 2元 否则 3元", "(如果 甲 则 1元 否则 (如果 乙 则 2元 否则 3元))"],
    ["「一级（含）以下」", "一级（含）以下"],
    ["2018-01-01", "2018-01-01"],
    ["是", "是"],
    ["[]", "[]"],
  ])("%s", (text, expected) => {
    expect(exprOf(text)).toBe(expected);
  });

  // The grammar reads a chain of operators flat; what its levels used to refuse, it refuses by name.
  it.each([
    ["甲 < 乙 < 丙", "<", "比较不能连写：「<」之后又有「<」，两个比较请用「且」连接"],
    ["甲 = 非 乙", "非", "「非」只能写在条件开头或「且」「或」之后：请加括号，如「=（非 …）」"],
    ["甲 × 非 乙", "非", "「非」只能写在条件开头或「且」「或」之后：请加括号，如「×（非 …）」"],
  ])("%s is a syntax error on the word that breaks it", (expression, word, message) => {
    const text = `计算 C {\n  输出 x = ${expression}\n}`;
    const found = syntaxDiagnostics(parse(text), "t");
    expect(found.map((d) => [d.code, text.slice(d.span.start, d.span.end), d.message])).toEqual([["E002", word, message]]);
    const at = found[0].span.start;
    expect(at).toBe(text.lastIndexOf(word));
  });

  it.each([
    ["降低 1元 > 2元", ">"],
    ["降低 1元 且 真", "且"],
    ["降低 非 真", "非"],
  ])("a modifier's amount is arithmetic: 「%s」 is refused at 「%s」", (action, word) => {
    const text = `参数 起付：金额 = 100元\n  当 真：${action}\n`;
    const found = syntaxDiagnostics(parse(text), "t");
    expect(found.map((d) => [d.code, text.slice(d.span.start, d.span.end), d.message])).toEqual([["E002", word, `修正的数值只能是算术式，不能含「${word}」`]]);
  });

  it("（非 …） after a comparison is the way to write it", () => {
    expect(exprOf("甲 = （非 乙）")).toBe("(= 甲 (非 乙))");
  });

  it("binary operators carry the span of the operator", () => {
    const text = "计算 C {\n  输出 x = 甲 + 乙\n}";
    const s = clean(text).declarations[0] as A.CalculatorDecl;
    const v = (s.body[0] as A.StepDecl).value;
    expect(v.kind).toBe("Binary");
    if (v.kind !== "Binary") return;
    expect(text.slice(v.opSpan.start, v.opSpan.end)).toBe("+");
    expect(text.slice(v.span.start, v.span.end)).toBe("甲 + 乙");
  });

  // The explanation and hover quote a rule from its span: a span that ended before 「）」 lost it.
  it.each([
    ["甲 × （乙 − 丙）"],
    ["（甲 − 乙）⁺"],
    ["（甲 + 乙）"],
    ["（（甲）） × 2"],
  ])("a parenthesised expression spans its brackets: %s", (rule) => {
    const text = `计算 C {\n  输出 x = ${rule}\n}`;
    const v = ((clean(text).declarations[0] as A.CalculatorDecl).body[0] as A.StepDecl).value;
    expect(text.slice(v.span.start, v.span.end)).toBe(rule);
  });
});

describe("error recovery", () => {
  it("three mistakes in three declarations: three syntax diagnostics, every declaration still built", () => {
    const text = [
      "枚举 级别 { 一级、二级 }",
      "参数 起付：金额 = ", // 1: no value
      "参数 限额：金额 = 20万元",
      "计算 C {",
      "  输入 { 费用：金额 }",
      "  令 基数 = 费用 ×", // 2: no right operand
      "  输出 支付 = 较小（基数，限额）",
      "}",
      "分段 比例（累进）{",
      "  不超过 5000元 50%", // 3: no colon
      "  超过 5000元：85%",
      "}",
      "枚举 人群 { 甲、乙 }",
      "",
    ].join("\n");
    const r = parse(text);
    const diags = syntaxDiagnostics(r, "t.policy");
    // An incomplete line is reported at its own end (an empty range after its last token).
    expect(diags.map((d) => [d.code, text.slice(0, d.span.start).split("\n").pop(), text.slice(d.span.start, d.span.end)])).toEqual([
      ["E002", "参数 起付：金额 =", ""],
      ["E002", "  令 基数 = 费用 ×", ""],
      ["E002", "  不超过 5000元 ", "50%"],
    ]);
    expect(diags[0].message).toBe("应为表达式");
    expect(diags[2].message).toBe("此处应为「：」，却是「50%」");
    expect(r.ast.declarations.map((d) => `${d.kind} ${"name" in d ? d.name.text : ""}`)).toEqual([
      "EnumDecl 级别",
      "ParamDecl 起付",
      "ParamDecl 限额",
      "CalculatorDecl C",
      "BracketDecl 比例",
      "EnumDecl 人群",
    ]);
    const c = r.ast.declarations[3] as A.CalculatorDecl;
    expect(c.body.map((b) => (b as A.StepDecl).name.text)).toEqual(["基数", "支付"]);
    expect(show((c.body[1] as A.StepDecl).value)).toBe("较小(基数, 限额)");
    expect(show((r.ast.declarations[2] as A.ParamDecl).value)).toBe("20万元");
    // The same three, and nothing else, through analyze(): the checker adds no noise.
    expect(analyze(text, "t.policy").diagnostics.filter((d) => d.code === "E002")).toHaveLength(3);
  });

  it("a broken step does not lose the steps after it", () => {
    const r = parse("计算 C {\n  输入 { 费用：金额 }\n  令 基数 = 费用 × （\n  输出 支付 = 基数\n  输出 乙 = 1元\n}\n枚举 人群 { 甲 }\n");
    expect(r.parseErrors).toHaveLength(1);
    const c = r.ast.declarations[0] as A.CalculatorDecl;
    expect(c.body.map((b) => (b as A.StepDecl).name.text)).toEqual(["基数", "支付", "乙"]);
    expect(r.ast.declarations[1].kind).toBe("EnumDecl");
  });

  it("an unclosed block ends at the next declaration keyword", () => {
    const r = parse("枚举 级别 { 一级 二级\n枚举 人群 { 甲 }\n");
    expect(r.parseErrors).toHaveLength(1);
    expect(r.ast.declarations.map((d) => (d as A.EnumDecl).members.map((m) => m.text))).toEqual([["一级", "二级"], ["甲"]]);
  });

  it("text that starts no declaration is one error, and the declarations after it are kept", () => {
    const r = parse("这不是声明\n枚举 人群 { 甲 }\n");
    expect(r.parseErrors).toHaveLength(1);
    expect(syntaxDiagnostics(r, "u")[0].message).toMatch(/声明须以「政策、枚举、参数、分段、计算、例」等关键字开头|此处应为/);
    expect(r.ast.declarations.map((d) => d.kind)).toEqual(["EnumDecl"]);
  });

  // Truncations of base.policy never throw, in the parser or in the whole analysis.
  // Every 8th line end and the middle of every 40th token in the default suite (every other line
  // and every 10th token made this test 10 s of a 220 s suite; test/fuzz cuts every policy at
  // random offsets too); every line end and every token under `pnpm fuzz` or ZHENGCE_EXHAUSTIVE=1.
  it("no truncated prefix of base.policy throws", () => {
    const tokens = tokenize(BASE).tokens;
    const exhaustive = process.env.ZHENGCE_EXHAUSTIVE || process.env.ZHENGCE_FUZZ === "long";
    const step = exhaustive ? 1 : 40;
    const cuts = new Set<number>();
    let line = 0;
    for (let i = 0; i < BASE.length; i++) if (BASE[i] === "\n" && line++ % (exhaustive ? 1 : 8) === 0) cuts.add(i);
    for (let i = 0; i < tokens.length; i += step) {
      const t = tokens[i];
      cuts.add(t.startOffset + Math.max(1, Math.floor((t.endOffset! - t.startOffset + 1) / 2)));
    }
    for (const cut of [...cuts].sort((a, b) => a - b)) {
      const prefix = BASE.slice(0, cut);
      expect(() => analyze(prefix, "prefix.policy"), `prefix of ${cut} characters`).not.toThrow();
    }
  });

  it("deleting any one token of a calculator never throws and never hides the declarations after it", () => {
    const calc = BASE.slice(BASE.indexOf("计算 住院结算"), BASE.indexOf("# ───────────── 示例"));
    const text = `枚举 级别 { 甲 }\n${calc}\n枚举 人群 { 乙 }\n`;
    const end = text.lastIndexOf("枚举 人群");
    const tokens = tokenize(text).tokens.filter((t) => t.startOffset < end);
    for (const t of tokens) {
      const broken = text.slice(0, t.startOffset) + text.slice(t.endOffset! + 1);
      let r: ReturnType<typeof parse> | undefined;
      expect(() => (r = parse(broken)), `without ${t.image}@${t.startOffset}`).not.toThrow();
      const last = r!.ast.declarations[r!.ast.declarations.length - 1];
      expect(last?.kind === "EnumDecl" && last.name.text, `without ${t.image}@${t.startOffset}`).toBe("人群");
    }
  });
});

describe("traditional script", () => {
  /** The AST without what legitimately differs between scripts: spans, the text as written. */
  function normal(ast: A.PolicyFile): unknown {
    return JSON.parse(
      JSON.stringify(ast.declarations, (k, v) =>
        k === "span" || k === "opSpan" || k === "raw" || k === "text" || k === "clause" || k === "quote" || k === "title" || k === "reason" || k === "explain" || k === "other"
          ? undefined
          : v,
      ),
    );
  }

  // Written from the traditional copy of 江府办〔2017〕20号, 二、（四）1.–2., with a
  // full-width digit here and there.
  const traditional = [
    "政策 江門市基本醫療保險城鄉一體化改革方案 {",
    "  文號 「江府辦〔2017〕20號」",
    "  機關 「江門市人民政府辦公室」",
    "  發佈 ２０１７年５月１１日",
    "}",
    "枚舉 參保身份 { 城鄉居民、職工在職、職工退休 }",
    "枚舉 醫院級別 { 一級及以下、二級、三級、非定點 }",
    "參數 起付標準表：金額 按 醫院級別 {",
    "  一級及以下：５００元",
    "  二級：600元",
    "  三級：900元",
    "  非定點：1500元",
    "  依據 二、（四）1.（1）「起付標準分別為一級及以下定點醫療機構500元」",
    "}",
    "參數 一檔年度最高支付限額：金額 = 20萬元",
    "分段 二檔住院比例（累進）{",
    "  5000元（含）以內：50%",
    "  超過 5000元 至 20萬元（含）：８５％",
    "  超過 20萬元：90%",
    "  當 醫院級別 = 非定點：降低 10個百分點",
    "  當 非 按規定備案：乘以 50%",
    "}",
    "計算 住院結算 {",
    "  有效期 2018-01-01 起",
    "  輸入 {",
    "    參保身份：參保身份",
    "    醫院級別：醫院級別",
    "    政策範圍內費用：金額",
    "    按規定備案：布爾，默認 是",
    "  }",
    "  累計 年度累計（按年）{ 統籌支付：累加 統籌支付 }",
    "  輸出 起付標準 = 起付標準表[醫院級別]",
    "    當 參保身份 = 職工退休：降低 100元，不低於 0元",
    "  分層 正值（政策範圍內費用 − 起付標準）{",
    "    輸出 統籌支付 = 較小（剩餘 × 85%，正值（一檔年度最高支付限額 − 年度累計.統籌支付））",
    "    輸出 二檔支付 = 如果 參保身份 屬於 [職工在職、職工退休] 則 二檔住院比例（剩餘） 否則 0元",
    "  }",
    "}",
    "例 住院結算「城鄉居民一級醫院住院一萬元」{",
    "  輸入 { 參保身份：城鄉居民，醫院級別：一級及以下，政策範圍內費用：１００００元 }",
    "  期望 { 統籌支付：8075元 }",
    "}",
  ].join("\n");
  const simplified = [
    "政策 江门市基本医疗保险城乡一体化改革方案 {",
    "  文号 「江府办〔2017〕20号」",
    "  机关 「江门市人民政府办公室」",
    "  发布 2017-05-11",
    "}",
    "枚举 参保身份 { 城乡居民、职工在职、职工退休 }",
    "枚举 医院级别 { 一级及以下、二级、三级、非定点 }",
    "参数 起付标准表：金额 按 医院级别 {",
    "  一级及以下：500元",
    "  二级：600元",
    "  三级：900元",
    "  非定点：1500元",
    "  依据 二、（四）1.（1）「起付标准分别为一级及以下定点医疗机构500元」",
    "}",
    "参数 一档年度最高支付限额：金额 = 20万元",
    "分段 二档住院比例（累进）{",
    "  5000元（含）以内：50%",
    "  超过 5000元 至 20万元（含）：85%",
    "  超过 20万元：90%",
    "  当 医院级别 = 非定点：降低 10个百分点",
    "  当 非 按规定备案：乘以 50%",
    "}",
    "计算 住院结算 {",
    "  有效期 2018-01-01 起",
    "  输入 {",
    "    参保身份：参保身份",
    "    医院级别：医院级别",
    "    政策范围内费用：金额",
    "    按规定备案：布尔，默认 是",
    "  }",
    "  累计 年度累计（按年）{ 统筹支付：累加 统筹支付 }",
    "  输出 起付标准 = 起付标准表[医院级别]",
    "    当 参保身份 = 职工退休：降低 100元，不低于 0元",
    "  分层 正值（政策范围内费用 − 起付标准）{",
    "    输出 统筹支付 = 较小（剩余 × 85%，正值（一档年度最高支付限额 − 年度累计.统筹支付））",
    "    输出 二档支付 = 如果 参保身份 属于 [职工在职、职工退休] 则 二档住院比例（剩余） 否则 0元",
    "  }",
    "}",
    "例 住院结算「城乡居民一级医院住院一万元」{",
    "  输入 { 参保身份：城乡居民，医院级别：一级及以下，政策范围内费用：10000元 }",
    "  期望 { 统筹支付：8075元 }",
    "}",
  ].join("\n");

  it("a traditional fragment parses to the same AST as its simplified twin (spans and text as written aside)", () => {
    const t = clean(traditional);
    const s = clean(simplified);
    expect(t.declarations).toHaveLength(8);
    expect(normal(t)).toEqual(normal(s));
  });

  it("names keep their spelling as written and compare by the same key", () => {
    const t = clean(traditional).declarations[6] as A.CalculatorDecl;
    const s = clean(simplified).declarations[6] as A.CalculatorDecl;
    expect(t.inputs.map((i) => i.name.text)).toEqual(["參保身份", "醫院級別", "政策範圍內費用", "按規定備案"]);
    expect(t.inputs.map((i) => i.name.key)).toEqual(s.inputs.map((i) => i.name.key));
    expect(t.inputs.map((i) => i.name.key)).toEqual(["参保身份", "医院级别", "政策范围内费用", "按规定备案"]);
  });

  it("both analyse cleanly to the same model", () => {
    const t = analyze(traditional, "t.policy");
    const s = analyze(simplified, "s.policy");
    expect(t.diagnostics).toEqual([]);
    expect(s.diagnostics).toEqual([]);
    expect([...t.model.enums.keys()]).toEqual([...s.model.enums.keys()]);
    expect([...t.model.params.keys()]).toEqual([...s.model.params.keys()]);
    expect([...t.model.brackets.keys()]).toEqual([...s.model.brackets.keys()]);
    const tc = t.model.calculators.get("住院结算")!;
    const sc = s.model.calculators.get("住院结算")!;
    // Types by key (an enum type also carries its display name, as written).
    const ty = (x: unknown) => JSON.stringify(x, (k, v) => (k === "name" || k === "of" ? undefined : v));
    expect(tc.inputs.map((i) => [i.key, ty(i.type), i.required])).toEqual(sc.inputs.map((i) => [i.key, ty(i.type), i.required]));
    expect(tc.outputs.map((o) => [o.key, ty(o.type)])).toEqual(sc.outputs.map((o) => [o.key, ty(o.type)]));
  });

  it("the whole of base.policy converted to traditional script (OpenCC) parses to the same AST", () => {
    const t = toTraditional(BASE);
    expect(t).not.toBe(BASE);
    expect(t).toContain("計算 住院結算");
    expect(normal(clean(t))).toEqual(normal(clean(BASE)));
    expect(analyze(t, "t.policy").diagnostics).toEqual([]);
  });

  it("so does the live policies/jiangmen/base.policy, with the same diagnostics", () => {
    const t = toTraditional(LIVE_BASE);
    expect(normal(parse(t).ast)).toEqual(normal(parse(LIVE_BASE).ast));
    const codes = (text: string) => analyze(text, "x.policy").diagnostics.map((d) => `${d.code}@${d.range.start.line}`);
    expect(codes(t)).toEqual(codes(LIVE_BASE));
  });

  it("CRLF line ends parse to the same AST", () => {
    expect(normal(clean(BASE.replace(/\n/g, "\r\n")))).toEqual(normal(clean(BASE)));
  });
});
