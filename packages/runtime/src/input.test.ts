import { beforeAll, describe, expect, it } from "vitest";
import type { Decimal } from "./decimal.js";
import { InputError } from "./errors.js";
import { foldTable } from "./fold.js";
import { addFoldTable } from "./fold-key.js";
import { makeInputParser, type FieldSpec } from "./input.js";

// Keys and members fold through the tables compiled policies register; these tests register one
// for the names they use, as a generated module does when it is imported.
beforeAll(() => {
  addFoldTable(foldTable(JSON.stringify(fields).match(/[\u4e00-\u9fff]+/g) ?? []));
  addFoldTable(foldTable(["醫療", "医疗", "级别", "級別", "甲类", "乙类", "病种", "月数"]));
});

const fields: FieldSpec[] = [
  { name: "参保身份", type: { kind: "enum", members: ["城乡居民", "职工在职", "职工退休"] }, required: true },
  { name: "医院级别", type: { kind: "enum", members: ["一级及以下", "二级", "三级", "非定点"] }, required: true },
  { name: "政策范围内费用", type: { kind: "money" }, required: true },
  { name: "连续缴费月数", type: { kind: "integer", min: 0 }, required: true },
  { name: "特殊人群", type: { kind: "set", members: ["特困供养", "低保", "建档立卡"] }, required: false, default: [] },
  { name: "按规定备案", type: { kind: "boolean" }, required: false, default: true },
  { name: "自付比例", type: { kind: "rate" }, required: false, default: "10%" },
  { name: "入院日期", type: { kind: "date" }, required: false },
  { name: "备注", type: { kind: "text" }, required: false },
  { name: "年度限额", type: { kind: "money", nullable: true }, required: false },
  {
    name: "年度累计",
    type: {
      kind: "record",
      fields: [
        { name: "统筹支付", type: { kind: "money" }, required: false, default: 0 },
        { name: "大病支付", type: { kind: "money" }, required: false, default: "0" },
      ],
    },
    required: false,
  },
  {
    name: "费用明细",
    type: {
      kind: "list",
      of: {
        kind: "record",
        fields: [
          { name: "类别", type: { kind: "enum", members: ["甲类", "乙类"] }, required: true },
          { name: "金额", type: { kind: "money" }, required: true },
        ],
      },
    },
    required: false,
  },
];

const parse = makeInputParser(fields);

const base = { 参保身份: "职工退休", 医院级别: "三级", 政策范围内费用: 30000, 连续缴费月数: 30 };

function errorOf(raw: unknown, prefix?: string): InputError {
  try {
    parse(raw, prefix);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error("expected an InputError");
}

const str = (d: unknown) => (d as Decimal).toString();

describe("makeInputParser: valid input", () => {
  it("converts values and fills defaults", () => {
    const out = parse(base);
    expect(Object.keys(out)).toEqual(fields.map((f) => f.name));
    expect(out.参保身份).toBe("职工退休");
    expect(str(out.政策范围内费用)).toBe("30000");
    expect(out.连续缴费月数).toBe(30);
    expect(out.特殊人群).toEqual([]);
    expect(out.按规定备案).toBe(true);
    expect(str(out.自付比例)).toBe("0.1");
    expect(out.入院日期).toBeNull();
    expect(out.备注).toBeNull();
    expect(out.年度限额).toBeNull();
    expect(out.费用明细).toBeNull();
    const ytd = out.年度累计 as Record<string, unknown>;
    expect(str(ytd.统筹支付)).toBe("0");
    expect(str(ytd.大病支付)).toBe("0");
  });

  it("accepts traditional-script keys and values and full-width digits", () => {
    const out = parse({
      參保身份: "職工退休",
      醫院級別: "一級及以下",
      政策範圍內費用: "３００００．５０",
      連續繳費月數: 13,
      特殊人群: ["特困供養", "低保"],
      年度累計: { 統籌支付: "1200.5" },
      入院日期: "２０１８－０３－０１",
    });
    expect(out.参保身份).toBe("职工退休");
    expect(out.医院级别).toBe("一级及以下");
    expect(str(out.政策范围内费用)).toBe("30000.5");
    expect(out.连续缴费月数).toBe(13);
    expect(out.特殊人群).toEqual(["特困供养", "低保"]);
    expect(str((out.年度累计 as Record<string, unknown>).统筹支付)).toBe("1200.5");
    expect(out.入院日期).toBe("2018-03-01");
  });

  it("takes 是 / 否 for a boolean, as examples and CSV cells write it", () => {
    expect(parse({ ...base, 按规定备案: "否" }).按规定备案).toBe(false);
    expect(parse({ ...base, 按规定备案: " 是 " }).按规定备案).toBe(true);
    expect(parse({ ...base, 按规定备案: false }).按规定备案).toBe(false);
  });

  it("returns set members once, in declaration order", () => {
    expect(parse({ ...base, 特殊人群: ["低保", "特困供养", "低保", "特困供養"] }).特殊人群).toEqual([
      "特困供养",
      "低保",
    ]);
  });

  it("parses lists of records, nullable money, rates and text", () => {
    const out = parse({
      ...base,
      费用明细: [
        { 类别: "甲類", 金额: 100 },
        { 類別: "乙类", 金額: "20.05" },
      ],
      年度限额: null,
      自付比例: 0.2,
      备注: "  原样保留 ",
    });
    const items = out.费用明细 as Record<string, unknown>[];
    expect(items.map((i) => [i.类别, str(i.金额)])).toEqual([
      ["甲类", "100"],
      ["乙类", "20.05"],
    ]);
    expect(out.年度限额).toBeNull();
    expect(str(out.自付比例)).toBe("0.2");
    expect(out.备注).toBe("  原样保留 ");
    expect(str(parse({ ...base, 年度限额: "5000" }).年度限额)).toBe("5000");
  });

  it("does not share mutable defaults between calls", () => {
    const a = parse(base);
    expect(Object.isFrozen(a.特殊人群)).toBe(true);
  });
});

describe("makeInputParser: errors", () => {
  it("requires a JSON object", () => {
    expect(errorOf([1]).message).toBe("输入应为 JSON 对象，收到 数组");
    expect(errorOf(null).message).toBe("输入应为 JSON 对象，收到 null");
    expect(errorOf("x").field).toBe("");
  });

  it("reports a missing required field, never defaulting it to 0", () => {
    const { 政策范围内费用: _, ...rest } = base;
    const e = errorOf(rest);
    expect(e.field).toBe("政策范围内费用");
    expect(e.message).toBe("缺少必填字段「政策范围内费用」");
  });

  it("reports unknown keys with the accepted names and a suggestion", () => {
    const e = errorOf({ ...base, 住院天數: 3 });
    expect(e.field).toBe("住院天數");
    expect(e.message).toBe(
      "未知字段「住院天數」，可用字段为「参保身份」、「医院级别」、「政策范围内费用」、「连续缴费月数」、「特殊人群」、" +
        "「按规定备案」、「自付比例」、「入院日期」、「备注」、「年度限额」、「年度累计」、「费用明细」",
    );
    const typo = errorOf({ ...base, 医院级别x: "二级" });
    expect(typo.message).toMatch(/，您是否想写「医院级别」$/);
    const swapped = errorOf({ 参保身份: "职工退休", 医院等级: "二级", 政策范围内费用: 1, 连续缴费月数: 1 });
    expect(swapped.message).toMatch(/，您是否想写「医院级别」$/);
    expect(errorOf({ ...base, 年龄: 30 }).message).not.toMatch(/您是否想写/);
  });

  it("reports unknown keys inside records with their path", () => {
    const e = errorOf({ ...base, 年度累计: { 大病: 1 } });
    expect(e.field).toBe("年度累计.大病");
    expect(e.message).toBe("未知字段「年度累计.大病」，可用字段为「统筹支付」、「大病支付」，您是否想写「大病支付」");
  });

  it("reports a key given twice in different scripts", () => {
    const e = errorOf({ ...base, 醫院級別: "二级" });
    expect(e.field).toBe("医院级别");
    expect(e.message).toBe("字段「医院级别」重复出现（写作「医院级别」与「醫院級別」）");
  });

  it("reports unknown enum and set values with the members", () => {
    const e = errorOf({ ...base, 医院级别: "四级" });
    expect(e.field).toBe("医院级别");
    expect(e.message).toBe(
      '字段「医院级别」的取值 "四级" 不在可选值之内，可选值为「一级及以下」、「二级」、「三级」、「非定点」',
    );
    const s = errorOf({ ...base, 特殊人群: ["五保"] });
    expect(s.field).toBe("特殊人群");
    expect(s.message).toBe('字段「特殊人群」的取值 "五保" 不在可选值之内，可选值为「特困供养」、「低保」、「建档立卡」');
    expect(errorOf({ ...base, 参保身份: "职工推休" }).message).toMatch(/您是否想写「职工退休」$/);
  });

  it("reports negative money and more than two decimals", () => {
    expect(errorOf({ ...base, 政策范围内费用: -5 }).message).toBe(
      "字段「政策范围内费用」应为不小于 0 的金额（元，最多两位小数），收到 -5",
    );
    expect(errorOf({ ...base, 政策范围内费用: "30000.505" }).message).toBe(
      '字段「政策范围内费用」应为不小于 0 的金额（元，最多两位小数），收到 "30000.505"',
    );
    expect(errorOf({ ...base, 政策范围内费用: 1.005 }).message).toBe(
      "字段「政策范围内费用」应为不小于 0 的金额（元，最多两位小数），收到 1.005",
    );
    const nested = errorOf({ ...base, 年度累计: { 统筹支付: "x" } });
    expect(nested.field).toBe("年度累计.统筹支付");
  });

  it("reports impossible and malformed dates", () => {
    expect(errorOf({ ...base, 入院日期: "2018-02-30" }).message).toBe(
      '字段「入院日期」应为 YYYY-MM-DD 格式的有效日期，收到 "2018-02-30"，这一天不存在',
    );
    expect(errorOf({ ...base, 入院日期: "2018/02/03" }).message).toBe(
      '字段「入院日期」应为 YYYY-MM-DD 格式的有效日期，收到 "2018/02/03"',
    );
    expect(parse({ ...base, 入院日期: "2020-02-29" }).入院日期).toBe("2020-02-29");
    expect(errorOf({ ...base, 入院日期: "2100-02-29" }).field).toBe("入院日期");
  });

  it("reports wrong types", () => {
    expect(errorOf({ ...base, 连续缴费月数: "30" }).message).toBe('字段「连续缴费月数」应为不小于 0 的整数，收到 "30"');
    expect(errorOf({ ...base, 连续缴费月数: 1.5 }).message).toBe("字段「连续缴费月数」应为不小于 0 的整数，收到 1.5");
    expect(errorOf({ ...base, 连续缴费月数: -1 }).message).toBe("字段「连续缴费月数」应为不小于 0 的整数，收到 -1");
    expect(errorOf({ ...base, 按规定备案: "对" }).message).toBe('字段「按规定备案」应为 true 或 false（或「是」「否」），收到 "对"');
    expect(errorOf({ ...base, 按规定备案: "true" }).field).toBe("按规定备案");
    expect(errorOf({ ...base, 按规定备案: 1 }).field).toBe("按规定备案");
    expect(errorOf({ ...base, 医院级别: 3 }).message).toBe(
      "字段「医院级别」应为以下之一：「一级及以下」、「二级」、「三级」、「非定点」，收到 3",
    );
    expect(errorOf({ ...base, 特殊人群: "低保" }).message).toBe(
      '字段「特殊人群」应为数组（可选值为「特困供养」、「低保」、「建档立卡」），收到 "低保"',
    );
    expect(errorOf({ ...base, 年度累计: 5 }).message).toBe("字段「年度累计」应为 JSON 对象，收到 5");
    expect(errorOf({ ...base, 备注: 5 }).message).toBe("字段「备注」应为文本（字符串），收到 5");
    expect(errorOf({ ...base, 政策范围内费用: null }).field).toBe("政策范围内费用");
    expect(errorOf({ ...base, 自付比例: 85 }).field).toBe("自付比例");
  });

  it("names list elements by position", () => {
    const e = errorOf({ ...base, 费用明细: [{ 类别: "甲类", 金额: 1 }, { 类别: "甲类" }] });
    expect(e.message).toBe("缺少必填字段「费用明细.第2项.金额」");
    const v = errorOf({ ...base, 费用明细: [{ 类别: "丙类", 金额: 1 }] });
    expect(v.field).toBe("费用明细.第1项.类别");
  });

  it("prepends the prefix to every path", () => {
    const e = errorOf({ ...base, 政策范围内费用: -5 }, "第2项");
    expect(e.field).toBe("第2项.政策范围内费用");
    expect(e.message).toBe("字段「第2项.政策范围内费用」应为不小于 0 的金额（元，最多两位小数），收到 -5");
    expect(errorOf({ ...base, 医院级别x: 1 }, "第2项.").field).toBe("第2项.医院级别x");
    expect(errorOf([], "第3项").message).toBe("字段「第3项」应为 JSON 对象，收到 数组");
  });
});

describe("makeInputParser: field specs", () => {
  // A parser compiles its specs when first used (importing a compiled module compiles none).
  it("rejects an invalid default when the parser is first used", () => {
    expect(() =>
      makeInputParser([{ name: "费用", type: { kind: "money" }, required: false, default: -1 }])({}),
    ).toThrow(/^字段「费用」的默认值无效/);
  });

  it("names nested fields in spec errors", () => {
    const nested = (inner: FieldSpec[]): FieldSpec[] => [
      { name: "累计", type: { kind: "record", fields: inner }, required: false },
    ];
    expect(() =>
      makeInputParser(nested([{ name: "已付", type: { kind: "money" }, required: false, default: "1.001" }]))({}),
    ).toThrow(/^字段「累计.已付」的默认值无效：字段「累计.已付」应为/);
    expect(() =>
      makeInputParser(nested([{ name: "类别", type: { kind: "enum", members: ["醫療", "医疗"] }, required: true }]))({}),
    ).toThrow("字段「累计.类别」的可选值「醫療」与「医疗」折叠后相同");
    expect(() =>
      makeInputParser(nested([
        { name: "级别", type: { kind: "text" }, required: true },
        { name: "級別", type: { kind: "text" }, required: true },
      ]))({}),
    ).toThrow("字段「累计.级别」与「累计.級別」折叠后同名");
  });

  it("gives an absent record its defaults, and requires its required fields", () => {
    const p = makeInputParser([
      {
        name: "累计",
        type: { kind: "record", fields: [{ name: "已付", type: { kind: "money" }, required: true }] },
        required: false,
      },
    ]);
    expect(() => p({})).toThrow("缺少必填字段「累计.已付」");
    expect(() => p({ 累计: {} })).toThrow("缺少必填字段「累计.已付」");
  });

  it("requires non-empty sets when asked", () => {
    const p = makeInputParser([
      { name: "病种", type: { kind: "set", members: ["甲", "乙"], nonEmpty: true }, required: true },
    ]);
    expect(() => p({ 病种: [] })).toThrow("字段「病种」至少应选择一项，可选值为「甲」、「乙」");
    expect(p({ 病种: ["乙"] }).病种).toEqual(["乙"]);
  });

  it("checks integer bounds", () => {
    const p = makeInputParser([{ name: "月数", type: { kind: "integer", min: 1, max: 12 }, required: true }]);
    expect(() => p({ 月数: 13 })).toThrow("字段「月数」应为 1 到 12 之间的整数，收到 13");
    expect(p({ 月数: 12 }).月数).toBe(12);
  });
});

describe("makeInputParser: stable codes, exact numbers and limits", () => {
  it("every error carries a code, the field path and what was expected", () => {
    const cases: [unknown, string, string][] = [
      [[1], "R101", ""],
      [{ ...base, 参保身份: undefined }, "R102", "参保身份"],
      [{ ...base, 参保身分: "x" }, "R103", "参保身分"],
      [{ ...base, 參保身份: "职工退休" }, "R104", "参保身份"],
      [{ ...base, 医院级别: "四级" }, "R105", "医院级别"],
      [{ ...base, 按规定备案: "对" }, "R106", "按规定备案"],
      [{ ...base, 政策范围内费用: "1,000" }, "R107", "政策范围内费用"],
      [{ ...base, 自付比例: 85 }, "R108", "自付比例"],
      [{ ...base, 连续缴费月数: 1.5 }, "R109", "连续缴费月数"],
      [{ ...base, 入院日期: "2018/01/01" }, "R110", "入院日期"],
      [{ ...base, 入院日期: "2018-02-30" }, "R111", "入院日期"],
      [{ ...base, 政策范围内费用: 1e308 }, "R113", "政策范围内费用"],
    ];
    for (const [raw, code, field] of cases) {
      const e = errorOf(raw);
      expect([e.code, e.field], e.message).toEqual([code, field]);
      expect(e.expected).not.toBe("");
      expect(JSON.parse(JSON.stringify(e))).toEqual({ 代码: code, 字段: field, 应为: e.expected, 错误: e.message });
    }
  });

  it("refuses negative zero wherever a number is taken", () => {
    expect(errorOf({ ...base, 政策范围内费用: -0 }).message).toBe(
      "字段「政策范围内费用」应为不小于 0 的金额（元，最多两位小数），收到 -0",
    );
    expect(errorOf({ ...base, 连续缴费月数: -0 }).code).toBe("R109");
    expect(errorOf({ ...base, 自付比例: -0 }).code).toBe("R108");
  });

  it("takes exact decimals (as the CLI reads JSON numbers) without losing digits", async () => {
    const { Decimal } = await import("./decimal.js");
    const out = parse({ ...base, 政策范围内费用: new Decimal("1234567890.78"), 连续缴费月数: new Decimal("30") });
    expect(str(out.政策范围内费用)).toBe("1234567890.78");
    expect(out.连续缴费月数).toBe(30);
    expect(errorOf({ ...base, 连续缴费月数: new Decimal("9007199254740993") }).code).toBe("R109");
    expect(errorOf({ ...base, 政策范围内费用: new Decimal("-0") }).code).toBe("R107");
    expect(errorOf({ ...base, 政策范围内费用: new Decimal("1e-400") }).code).toBe("R107");
    const huge = errorOf({ ...base, 政策范围内费用: "123456789012345678901234567890123456789.12" });
    expect([huge.code, huge.message]).toEqual([
      "R113",
      "字段「政策范围内费用」超过金额上限 1 万亿元，收到 约 1.235e+38",
    ]);
  });
});
