// The notices' own wording is the language's wording (issue 10, item 4): ranges written with a
// dash, 以下部分 / 以上部分, 自…起执行, a year as a period, per-head amounts. Every value below is
// worked out from the seed sentence quoted above it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { analyze, type PolicyHeader } from "@zhengce/dsl";
import { compileAnalysis, findCalculator } from "@zhengce/compiler";
import { runBatch } from "../../packages/compiler/src/cli/batch.js";
import { runCalc } from "../../packages/compiler/src/cli/calc.js";

const codes = (src: string) => analyze(src, "t.policy").diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}`);

function run(src: string, calculator: string, input: Record<string, unknown>) {
  const a = analyze(src, "t.policy");
  expect(a.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return findCalculator(compileAnalysis(a), calculator)!.run(input, { 计算过程: false }) as Record<string, unknown>;
}

describe("range dashes between amounts (—, ～, ~, -)", () => {
  // 江府办〔2017〕20号 二、（四）2.（1）：「在5000元（含5000元）以内的，基金支付比例为50%；……在5000元以上、
  // 20万元（含20万元）以内的，基金支付比例为85%；……超过20万元以上的，基金支付比例为90%。」
  const 二档 = (dash: string) =>
    [
      "分段 二档住院比例（累进）{",
      "  5000元（含5000元）以内：50%",
      `  5000${dash}20万元（含20万元）：85%`,
      "  超过 20万元：90%",
      "}",
      "计算 二档 {",
      "  输入 { 自付：金额 }",
      "  输出 二档支付 = 二档住院比例（自付）",
      "}",
    ].join("\n");

  it.each(["—", "～", "~", "-", "－", " 至 "])("「5000%s20万元」 is 5000 元 to 20 万元, continuing the slice above (no warning)", (dash) => {
    expect(codes(二档(dash))).toEqual([]);
    // 6000: 5000 × 50% + 1000 × 85% = 3350; 25万: 2500 + 195000 × 85% + 50000 × 90% = 2500 + 165750 + 45000.
    expect(run(二档(dash), "二档", { 自付: 6000 }).二档支付).toBe("3350.00");
    expect(run(二档(dash), "二档", { 自付: 250000 }).二档支付).toBe("213250.00");
  });

  // 通市政发〔2020〕3号 二、（二）2.（3）：「起付标准以上0—1万元（含1万元）报销60%；1—20万元（含20万元）区间
  // 每增加1万元，报销比例提高1%；20万元以上报销80%。」 Amounts above the 起付线, as the sentence counts them.
  const 大病 = [
    "分段 大病补充比例（累进）{",
    "  0—1万元（含1万元）：60%",
    "  1—20万元（含20万元）：每增加 1万元 提高 1个百分点",
    "  超过 20万元：80%",
    "}",
    "计算 大病 {",
    "  输入 { 超出起付线：金额 }",
    "  输出 大病支付 = 大病补充比例（超出起付线）",
    "}",
  ].join("\n");

  it("「1—20万元」 is 1 万元 to 20 万元: a bare number before a range takes the unit of its upper bound", () => {
    expect(codes(大病)).toEqual([]);
    // 3万 over the line: 1万 × 60% + 1万 × 61% + 1万 × 62% = 18300.
    expect(run(大病, "大病", { 超出起付线: 30000 }).大病支付).toBe("18300.00");
    // 25万: 6000 + 1万 × (61% + … + 79%) = 6000 + 133000; then 5万 × 80% = 40000.
    expect(run(大病, "大病", { 超出起付线: 250000 }).大病支付).toBe("179000.00");
  });

  it("the notice's 「20万元以上」 after 「（含20万元）」 names 20 万元 twice: the warning stays", () => {
    expect(codes(大病.replace("超过 20万元：80%", "20万元以上：80%"))).toEqual(["W133 4"]);
  });
});

describe("以下部分 / 以上部分", () => {
  // 二档 again, in the 部分 wording the notices use for slices of one amount.
  const src = [
    "分段 二档住院比例（累进）{",
    "  5000元（含）以下部分：50%",
    "  超过 5000元 至 20万元（含）：85%",
    "  20万元（不含）以上部分：90%",
    "}",
    "计算 二档 {",
    "  输入 { 自付：金额 }",
    "  输出 二档支付 = 二档住院比例（自付）",
    "}",
  ].join("\n");
  it("read as 以下 / 以上", () => {
    expect(codes(src)).toEqual([]);
    expect(run(src, "二档", { 自付: 250000 }).二档支付).toBe("213250.00");
  });
});

describe("validity as the notices write it", () => {
  const header = (validity: string) => {
    const a = analyze(`政策 甲 {\n  有效期 ${validity}\n}\n`, "t.policy");
    expect(a.diagnostics).toEqual([]);
    const h = a.ast.declarations[0] as PolicyHeader;
    return [h.validity?.from?.value, h.validity?.to?.value];
  };
  // 江人社发〔2018〕567号 五、：「本实施方案从 2019 年 1 月 1 日起实施，有效期二年。」
  it("从 2019 年 1 月 1 日起实施", () => expect(header("从 2019 年 1 月 1 日起实施")).toEqual(["2019-01-01", undefined]));
  it("自2014年7月1日起执行 / 起施行", () => {
    expect(header("自2014年7月1日起执行")).toEqual(["2014-07-01", undefined]);
    expect(header("自2014年7月1日起施行")).toEqual(["2014-07-01", undefined]);
  });
  // 江人社发〔2018〕567号 二、（一）：「从2019年1月1日到2020年12月31日期间」
  it("2019年1月1日到2020年12月31日, and with a dash", () => {
    expect(header("2019年1月1日到2020年12月31日")).toEqual(["2019-01-01", "2020-12-31"]);
    expect(header("2019-01-01—2020-12-31")).toEqual(["2019-01-01", "2020-12-31"]);
  });
  // 鹤人社〔2017〕209号：「2018年度医保一档」; a year is the whole year.
  it("2018年度 is 2018-01-01 to 2018-12-31; 2019年度至2020年度 the two years", () => {
    expect(header("2018年度")).toEqual(["2018-01-01", "2018-12-31"]);
    expect(header("2019年度至2020年度")).toEqual(["2019-01-01", "2020-12-31"]);
  });

  // 江府办〔2017〕20号 二、（三）2.（1）：「缴费费率分三年时间达到1.6%，分别为：2018年1.2%、2019年1.4%，从2020年起为1.6%」
  it("versions by year: 2018年：1.2%、2019年：1.4%、2020年起：1.6%", () => {
    const src = [
      "参数 居民个人缴费费率：比例 {",
      "  2018年：1.2%",
      "  2019年：1.4%",
      "  2020年起：1.6%",
      "}",
      "计算 缴费 {",
      "  有效期 2018年起",
      "  输入 { 收入：金额 }",
      "  输出 个人缴费 = 收入 × 居民个人缴费费率",
      "}",
    ].join("\n");
    expect(codes(src)).toEqual([]);
    // 24417 × 1.2% = 293.004 → 293.00 (鹤人社〔2017〕209号: 2018 年个人缴费标准 293 元); 2019: 24417 × 1.4% = 341.838.
    expect(run(src, "缴费", { 日期: "2018-12-31", 收入: 24417 }).个人缴费).toBe("293.00");
    expect(run(src, "缴费", { 日期: "2019-01-01", 收入: 24417 }).个人缴费).toBe("341.84");
    expect(run(src, "缴费", { 日期: "2025-06-01", 收入: 24417 }).个人缴费).toBe("390.67");
  });
});

describe("per-head and per-period amounts", () => {
  // 鹤人社〔2017〕209号：「补贴标准为每人每年90元」「每人每年120元」「293 元/人」「2500 元/月」；
  // 通市政发〔2020〕3号：「每人290元/年」；江府办〔2017〕20号：「按每人每次500元支付」。
  const src = [
    "参数 低档补贴：金额 = 每人每年90元",
    "参数 高档补贴：金额 = 每人每年120元",
    "参数 个人缴费标准：金额 = 293 元/人",
    "参数 二类限额：金额 = 2500 元/月",
    "参数 通化个人缴费：金额 = 每人290元/年",
    "参数 分娩保底：金额 = 每人每次500元",
    // 鹤人社〔2017〕209号 附件2：「每人每月 2000 元」; the period alone, as 「元/年」 after the amount says it.
    "参数 特药限额：金额 = 每人每月 2000 元",
    "参数 年度限额：金额 = 每年5000元",
    "参数 床位费：金额 = 每日 50元",
    "计算 金额 {",
    "  输入 { 份数：整数 }",
    "  输出 合计 = （低档补贴 + 高档补贴 + 个人缴费标准 + 二类限额 + 通化个人缴费 + 分娩保底 + 特药限额 + 年度限额 + 床位费） × 份数",
    "}",
  ].join("\n");
  it("are amounts in 元", () => {
    expect(codes(src)).toEqual([]);
    // 90 + 120 + 293 + 2500 + 290 + 500 + 2000 + 5000 + 50 = 10843.
    expect(run(src, "金额", { 份数: 1 }).合计).toBe("10843.00");
  });
});

describe("是 / 否 for a boolean in every input path", () => {
  // 江府办〔2017〕20号 二、（四）1.（1）：「基金支付费用低于500元的，按每人每次500元支付」 for 住院分娩.
  const src = [
    "计算 分娩 {",
    "  输入 { 住院分娩：布尔，默认 否 }",
    "  输出 保底 = 如果 住院分娩 则 500元 否则 0元",
    "}",
    "例 分娩「住院分娩：是」{",
    "  输入 { 住院分娩：是 }",
    "  期望 { 保底：500元 }",
    "}",
  ].join("\n");
  const dir = mkdtempSync(join(tmpdir(), "zhengce-bool-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const policy = file("分娩.policy", src);
  const cli = async (run: typeof runCalc, args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const sink = (to: string[]) => new Writable({ write: (chunk, _enc, done) => (to.push(String(chunk)), done()) });
    const code = await run(args, { stdout: sink(out), stderr: sink(err), stdin: Readable.from([]), cwd: dir });
    return { code, out: out.join(""), err: err.join("") };
  };

  it("in the API, as the policy's examples write it", () => {
    expect(run(src, "分娩", { 住院分娩: "是" }).保底).toBe("500.00");
    expect(run(src, "分娩", { 住院分娩: "否" }).保底).toBe("0.00");
    expect(run(src, "分娩", { 住院分娩: true }).保底).toBe("500.00");
  });

  it("in calc's JSON, batch's JSON lines and CSV cells alike; any other word is refused naming the field", async () => {
    const calc = await cli(runCalc, [policy, "分娩", "--input", file("是.json", '{"住院分娩": "是"}')]);
    expect([calc.code, JSON.parse(calc.out).保底]).toEqual([0, "500.00"]);
    const lines = await cli(runBatch, [policy, "分娩", "--input", file("cases.jsonl", '{"住院分娩": "是"}\n{"住院分娩": "否"}\n{"住院分娩": "对"}\n')]);
    const results = lines.out.trim().split("\n").map((l) => JSON.parse(l));
    expect(results.slice(0, 2).map((r) => r.保底)).toEqual(["500.00", "0.00"]);
    expect(results[2].错误).toContain("住院分娩");
    expect(lines.code).toBe(1);
    const csv = await cli(runBatch, [policy, "分娩", "--input", file("cases.csv", "住院分娩\n是\n否\n")]);
    expect([csv.code, csv.out.trim().split("\n").map((l) => JSON.parse(l).保底)]).toEqual([0, ["500.00", "0.00"]]);
  });
});

describe("wording the language writes otherwise: a hint naming the accepted form", () => {
  const first = (src: string) => {
    const d = analyze(src, "t.policy").diagnostics.find((x) => x.severity === "error");
    return d && `${d.code} ${d.range.start.line + 1} ${d.message}`;
  };
  const bracket = (...slices: string[]) => ["分段 二档住院比例（累进）{", ...slices.map((s) => `  ${s}`), "}"].join("\n");

  // Issue 10: 「…以下部分，给付50%」, the notice's own sentence.
  it("「5000元以下部分，给付50%」: the range and the rate are separated by 「：」, and 「给付」 is not written", () => {
    expect(first(bracket("5000元以下部分，给付50%", "超过 5000元：85%"))).toBe("E002 2 此处应为「：」，却是「，」：分段的一段写作「范围：比例」，如「5000元以下部分：50%」");
    expect(first(bracket("5000元以下部分：给付50%", "超过 5000元：85%"))).toBe("E002 2 「给付」不用写：冒号后直接写比例，如「：50%」");
    expect(first(bracket("5000元以下部分：报销比例为50%", "超过 5000元：85%"))).toBe("E002 2 「报销比例为」不用写：冒号后直接写比例，如「：50%」");
    expect(first(bracket("5000元以下部分：50%", "超过 5000元：85%"))).toBeUndefined();
    // In traditional script too, shown as written.
    expect(first(bracket("5000元以下部分：給付50%", "超過 5000元：85%"))).toBe("E002 2 「給付」不用写：冒号后直接写比例，如「：50%」");
    expect(first(bracket("1 萬元以上至 12 萬元部分：60%", "超過 12 萬元：70%"))).toBe("E002 2 「萬元部分」：写作「12萬元」，「部分」只跟在「以上」「以下」后面（如「12萬元以下部分」）");
  });

  // 通市政发〔2020〕3号 二、（三）2.（1）②：「住院起付标准以上至30000元（含）……30001元—60000元（含）……60001元以上」.
  it("「30001元—60000元」 after 「至30000元（含）」: the gap names 「超过 30000元」", () => {
    expect(first(bracket("不超过 30000元：80%", "30001元—60000元（含）：85%", "超过 60000元：90%"))).toBe(
      "E130 3 分段在 30000 与 30001 之间间断：通知按整数写的「30001元」接着上一段的「30000元」，请写「超过 30000元」，两段之间不留空档（金额有角分）",
    );
    expect(first(bracket("不超过 30000元：80%", "超过 30000元 至 60000元（含）：85%", "超过 60000元：90%"))).toBeUndefined();
  });

  // 通市政发〔2020〕3号 二、（三）1.（1）②：「在职职工住院起付标准以上至10000元（含10000元）……10001元以上至最高支付限额以内」；
  // 鹤人社〔2017〕209号 二、（二）2.：「选择360元及以下标准缴费的」；附件2：「1 万元以上至 12 万元部分」.
  it("bound words glued to a name, 「及以下」, and 「部分」 after a bare amount", () => {
    expect(first(bracket("起付标准以上至10000元（含10000元）：75%", "超过 10000元：85%"))).toBe(
      "E002 2 「起付标准以上至」连成了一个名称：若「以上」「至」是关键字，请在前后加空格，写作「起付标准 以上 至」",
    );
    // Bounds between two parameters, as 通市政发〔2020〕3号 writes 「起付标准以上至」「以上至最高支付限额以内」: bound words inside the name too, not only at its end.
    expect(first(bracket("起付标准以上至最高支付限额以下部分：85%"))).toBe(
      "E002 2 「起付标准以上至最高支付限额以下部分」连成了一个名称：若「以上」「至」「以下部分」是关键字，请在前后加空格，写作「起付标准 以上 至 最高支付限额 以下部分」",
    );
    // On the glued name; a table's member that ends in 以下 (一级及以下) is a name, not a glued bound.
    expect(analyze(bracket("起付标准以上至10000元（含10000元）：75%", "超过 10000元：85%"), "t.policy").diagnostics[0]!.range.start).toEqual({ line: 1, character: 2 });
    expect(first("枚举 级别 { 一级及以下、二级 }\n参数 表：金额 按 级别 {\n  一级及以下 500元\n  二级：600元\n}\n")).toBe("E002 3 此处应为「：」，却是「500元」");
    expect(first(bracket("不超过 10000元：75%", "10001元以上至最高支付限额以内：85%"))).toBe("E002 3 无法理解「至最高支付限额以内」：若「至」是关键字，请在它后面加空格");
    // 江府办〔2017〕20号 二、（四）4.：「连续缴费1年（含第12个月）以内的」.
    expect(first(bracket("连续缴费1年（含第12个月）以内：50%", "超过 12个月：70%"))).toBe("E002 2 「连续缴费」不是分段的一部分：一段从数起写，如「1年以内」「超过 1年」，说明的话写进 # 注释");
    expect(first(bracket("360元及以下：50%", "超过 360元：60%"))).toBe("E002 2 「及以下」写作「以下」：「以下」已含本数，如「360元以下」");
    expect(first(bracket("360元以下：50%", "超过 360元：60%"))).toBeUndefined();
    // 「超过起付标准」: the keyword glued to the parameter a slice starts from.
    expect(first(bracket("不超过 500元：0%", "超过起付标准：50%"))).toBe("E002 3 无法理解「超过起付标准」：若「超过」是关键字，请在它后面加空格");
    expect(first(bracket("1 万元以上至 12 万元部分：60%", "超过 12 万元：70%"))).toBe("E002 2 「万元部分」：写作「12万元」，「部分」只跟在「以上」「以下」后面（如「12万元以下部分」）");
    expect(first(bracket("1 万元以上至 12 万元（含）：60%", "超过 12 万元：70%"))).toBeUndefined();
  });

  it("an end date without its year, and 「有效期 2018年」", () => {
    const header = (validity: string) => first(`政策 甲 {\n  有效期 ${validity}\n}\n`);
    expect(header("2018年1月1日至12月31日")).toBe("E002 2 结束日期要写出年份，如「2018年12月31日」或「2018-12-31」");
    expect(header("2018年")).toBe("E002 2 「2018年」：写「2018年度」表示这一年（2018-01-01 至 2018-12-31），或「2018年起」表示从这一年起");
    expect(header("2018年1月1日至2018年12月31日")).toBeUndefined();
    expect(header("2018年度")).toBeUndefined();
  });

  it("「9折」 is the rate 90%, 「8.5折」 85%, wherever a value stands", () => {
    expect(first("参数 折扣：比例 = 9折\n")).toBe("E002 1 「9折」写作比例「90%」");
    expect(first("参数 折扣：比例 = 8.5折\n")).toBe("E002 1 「8.5折」写作比例「85%」");
    // In a versioned table the parser reads 折 as the next row's name, and stops at the line's end.
    expect(first("参数 折扣：比例 {\n  自 2020-01-01 起：9折\n}\n")).toBe("E002 2 「9折」写作比例「90%」");
    expect(first("计算 算 {\n  输入 { 费用：金额 }\n  输出 付 = 费用 × 9折\n}\n")).toBe("E002 3 「9折」写作比例「90%」");
    // On both characters.
    expect(analyze("参数 折扣：比例 = 9折\n", "t.policy").diagnostics[0]!.range).toEqual({ start: { line: 0, character: 11 }, end: { line: 0, character: 13 } });
    expect(first("参数 折扣：比例 = 90%\n")).toBeUndefined();
  });

  it("amounts written with grouped digits, 千, 块, 整, ￥ or in Chinese numerals: the form to write", () => {
    expect(first("参数 上限：金额 = 5,000元\n")).toBe("E002 1 数字不写千位分隔符：「5,000元」写作「5000元」");
    expect(first("参数 上限：金额 = 5千元\n")).toBe("E002 1 「5千元」写作「5000元」");
    expect(first("参数 上限：金额 = 1.5千元\n")).toBe("E002 1 「1.5千元」写作「1500元」");
    expect(first("参数 上限：金额 = 5000块\n")).toBe("E002 1 「5000块」写作「5000元」");
    expect(first("参数 上限：金额 = 5000元整\n")).toBe("E002 1 「整」不用写：「5000元整」写作「5000元」");
    expect(first("参数 上限：金额 = 5000 元整\n")).toBe("E002 1 「整」不用写：「5000元整」写作「5000元」");
    expect(first("参数 上限：金额 = ￥5000\n")).toBe("E001 1 无法识别的字符「￥」：金额写作数字加「元」，如「5000元」");
    expect(first("参数 上限：金额 = 五万元\n")).toBe("E101 1 未知的名称「五万元」：数值用阿拉伯数字写，如「5万元」");
    expect(first("参数 比：比例 = 百分之九十\n")).toBe("E101 1 未知的名称「百分之九十」：数值用阿拉伯数字写，如「90%」");
    expect(first("参数 比：比例 = 千分之五\n")).toBe("E101 1 未知的名称「千分之五」：数值用阿拉伯数字写，如「0.5%」");
    expect(first("参数 比：比例 = 0.5‰\n")).toBe("E001 1 无法识别的字符「‰」：千分比写作百分比，如「5‰」写作「0.5%」");
    expect(first("参数 上限：金额 = 5000元\n")).toBeUndefined();
  });

  it("conditions and values written as sentences: 为 / 是 / 满, x, 的, 四舍五入, a closing 「；」, true", () => {
    const rule = (line: string) =>
      first(`枚举 级别 { 一级、三级 }\n计算 算 {\n  输入 { 费用：金额  年龄：整数  级别：级别  退休：布尔 }\n  令 比 = 90%\n${line}\n  输出 付 = 费用 × 比\n}\n`);
    expect(rule("    当 级别 为 三级：降低 5个百分点")).toBe("E002 5 「为」写作「=」：如「当 级别 = …」");
    expect(rule("    当 级别 是 三级：降低 5个百分点")).toBe("E002 5 「是」写作「=」：如「当 级别 = …」");
    expect(rule("    当 年龄 满 60周岁：提高 5个百分点")).toBe("E002 5 「满」写作「≥」：如「当 年龄 ≥ …」");
    expect(rule("    当 退休 = true：提高 5个百分点")).toBe("E101 5 未知的名称「true」：布尔值写作「是」或「否」");
    expect(rule("    当 年龄 ≥ 60岁：提高 5个百分点")).toBeUndefined();
    expect(rule("    当 年龄 60岁以上：提高 5个百分点")).toBe("E002 5 条件写作比较：如「当 年龄 ≥ 60岁」（「以上」含本数），两端都有时「当 年龄 ≥ 60岁 且 年龄 ≤ 70岁」");
    expect(rule("    当 年龄 在 60岁以上：提高 5个百分点")).toBe("E002 5 「在」不用写：条件写作比较，如「当 年龄 ≥ 60岁」");
    expect(rule("    当 费用 超过 1000元：提高 5个百分点")).toBe("E002 5 「超过」写作「>」：如「当 费用 > …」");
    expect(rule("    当 年龄 大于等于 60：提高 5个百分点")).toBe("E002 5 「大于等于」写作「≥」：如「当 年龄 ≥ …」");
    expect(rule("    当 级别 不是 一级：提高 5个百分点")).toBe("E002 5 「不是」写作「≠」：如「当 级别 ≠ …」");
    expect(rule("    当 级别 <> 一级：提高 5个百分点")).toBe("E002 5 「<>」写作「≠」");
    expect(rule("    当 级别 ！= 一级：提高 5个百分点")).toBe("E001 5 无法识别的字符「！」：不等于写作「≠」");
    expect(rule("    当 年龄 ≥ 60 且 ≤ 70：提高 5个百分点")).toBe("E002 5 「且」后面写完整的比较，如「年龄 ≥ 60 且 年龄 ≤ 70」");
    expect(rule("    当 级别 = 一级 或 三级：提高 5个百分点")).toBe("E112 5 「三级」不是条件：写作「级别 = 一级 或 级别 = 三级」，或「级别 属于 [一级、三级]」");
    expect(rule("    当 级别 属于 [一级、三级]：提高 5个百分点")).toBeUndefined();
    // Traditional spellings are the same words (looked up folded).
    expect(rule("    当 级别 為 三级：降低 5个百分点")).toBe("E002 5 「為」写作「=」：如「当 级别 = …」");
    expect(rule("    当 年龄 大於等於 60：提高 5个百分点")).toBe("E002 5 「大於等於」写作「≥」：如「当 年龄 ≥ …」");
    expect(first("参数 上限：金额 = 五萬元\n")).toBe("E101 1 未知的名称「五萬元」：数值用阿拉伯数字写，如「5万元」");
    // Elsewhere a number after a name is what it was: a table row without its 「：」.
    expect(first("枚举 级别 { 一级、二级 }\n参数 表：金额 按 级别 {\n  一级 500元\n  二级：600元\n}\n")).toBe("E002 3 此处应为「：」，却是「500元」");
    const output = (expr: string) => first(`计算 算 {\n  输入 { 费用：金额 }\n  输出 付 = ${expr}\n}\n`);
    expect(output("费用 x 90%")).toBe("E002 3 「x」写作乘号「×」，如「费用 × 90%」");
    expect(output("费用 的 90%")).toBe("E002 3 「的」写作乘号「×」，如「费用 × 90%」");
    expect(output("费用 × 90% 四舍五入")).toBe("E002 3 金额四舍五入到分写作「舍入（…）」，如「舍入（费用 × 90%）」");
    expect(output("费用 × 90%；")).toBe("E002 3 行末不写「；」");
    expect(output("舍入（费用 × 90%）")).toBeUndefined();
  });

  it("declarations written as sentences: an enum without braces, a table's rows with 「，」, a calculator's inputs in parentheses, a hyphen between dates", () => {
    expect(first("枚举 级别：一级、二级、三级\n")).toBe("E002 1 枚举的成员写在「{ }」里，用「、」分开，如「枚举 级别 { 一级、二级 }」");
    expect(first("枚举 级别 { 一级、二级 }\n参数 起付：金额 按 级别 { 一级：500元，二级：600元 }\n")).toBe("E002 2 表的各行之间不写「，」：一行写一项，如「一级：500元」换行「二级：600元」");
    expect(first("枚举 级别 { 一级、二级 }\n参数 起付：金额 按 级别 { 一级：500元 二级：600元 }\n")).toBeUndefined();
    expect(first("计算 算（费用：金额）{\n  输出 付 = 费用\n}\n")).toBe("E002 1 计算的名称后直接写「{」，输入写在里面，如「计算 结算 { 输入 { 费用：金额 } … }」");
    expect(first("政策 甲 {\n  有效期 2018年1月1日-2018年12月31日\n}\n")).toBe("E002 2 起止日期之间写「至」，如「2018年1月1日 至 2018年12月31日」");
    // A span of years, in a validity or a version: from the first day of the one to the last of the other.
    expect(first("政策 甲 {\n  有效期 2016-2018年\n}\n")).toBe("E002 2 「2016-2018年」写作「2016-01-01 至 2018-12-31」");
    expect(first("政策 甲 {\n  有效期 2016年-2018年\n}\n")).toBe("E002 2 「2016年-2018年」写作「2016-01-01 至 2018-12-31」");
    expect(first("参数 比：比例 {\n  2016-2018年：50%\n  2019年起：60%\n}\n")).toBe("E002 2 「2016-2018年」写作「2016-01-01 至 2018-12-31」");
  });

  it("a notice's range where one value is written: 「60%至70%」「60%~70%」「5000元到1万元」", () => {
    const range = "是一个范围，这里只写一个数：通知写的范围，请按条件分写成表或「当」";
    expect(first("参数 比：比例 = 60%至300%之间\n")).toBe(`E002 1 「60%至300%」${range}`);
    expect(first("参数 比：比例 = 60%~70%\n")).toBe(`E002 1 「60%~70%」${range}`);
    expect(first("参数 比：比例 = 60%—70%\n")).toBe(`E002 1 「60%—70%」${range}`);
    expect(first("参数 上限：金额 = 5000元到1万元\n")).toBe(`E002 1 「5000元到1万元」${range}`);
    expect(first("枚举 级 { 甲、乙 }\n参数 比：比例 按 级 {\n  甲：50%~60%\n  乙：70%\n}\n")).toBe(`E002 3 「50%~60%」${range}`);
    expect(first("计算 算 {\n  输入 { 费用：金额 }\n  输出 付 = 费用 × 50%至70%\n}\n")).toBe(`E002 3 「50%至70%」${range}`);
    // Where the language takes a range, it is one.
    expect(first("分段 段（累进）{\n  5000元 至 2万元：50%\n}\n")).toBeUndefined();
  });

  it("words after a whole declaration, and a line that starts no declaration: never 「EOF」", () => {
    expect(first("参数 折扣：比例 = 90% 左右\n")).toBe("E002 1 无法理解「左右」：前面的声明已经写完，说明的话写进 # 注释");
    expect(first("参数 上限：金额 = 5000元 每年\n")).toBe("E002 1 无法理解「每年」：前面的声明已经写完，说明的话写进 # 注释");
    expect(first("参数 上限：金额 = 5000元\n左右\n")).toBe("E002 2 无法理解「左右」：声明须以「政策、枚举、参数、分段、计算、例」等关键字开头");
  });
});
