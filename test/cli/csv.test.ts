import { describe, expect, it } from "vitest";
import { addFoldTable } from "@zhengce/runtime";
import { foldTable } from "@zhengce/runtime/fold";
import { CsvParser, parseCsv } from "../../packages/compiler/src/cli/csv.js";
import { csvColumns, rowToObject } from "../../packages/compiler/src/cli/cases.js";
import type { ColumnType } from "../../packages/compiler/src/cli/cases.js";

const rows = (text: string) => parseCsv(text).map((r) => (r.error ? { line: r.line, cells: r.cells, error: r.error } : [r.line, r.cells]));

describe("CSV reader", () => {
  it("splits plain fields and keeps empty ones", () => {
    expect(rows("a,b,c\n1,,3\n,,\n")).toEqual([
      [1, ["a", "b", "c"]],
      [2, ["1", "", "3"]],
      [3, ["", "", ""]],
    ]);
  });

  it("handles RFC 4180 quoting: commas, doubled quotes, line breaks", () => {
    expect(rows('名称,备注\n"甲,乙","他说""好"""\n"多\n行",x\n')).toEqual([
      [1, ["名称", "备注"]],
      [2, ["甲,乙", '他说"好"']],
      [3, ["多\n行", "x"]],
    ]);
  });

  it("numbers each record by the physical line it starts on", () => {
    const text = 'h1,h2\n\n"a\nb\nc",1\n\n   \nlast,2';
    expect(parseCsv(text).map((r) => r.line)).toEqual([1, 3, 8]);
  });

  it("accepts CRLF, LF and lone CR line ends, and no final line break", () => {
    expect(rows("a,b\r\n1,2\r3,4\n5,6")).toEqual([
      [1, ["a", "b"]],
      [2, ["1", "2"]],
      [3, ["3", "4"]],
      [4, ["5", "6"]],
    ]);
    expect(rows('"x\r\ny",1\r\n2,3\r\n')).toEqual([
      [1, ["x\r\ny", "1"]],
      [3, ["2", "3"]],
    ]);
  });

  it("keeps a quoted empty field and an empty last field", () => {
    expect(rows('"",a,\n')).toEqual([[1, ["", "a", ""]]]);
  });

  it("reports text after a closing quote on that record only", () => {
    const parsed = parseCsv('a,b\n"x"y,1\n2,3\n');
    expect(parsed[1]).toMatchObject({ line: 2, error: expect.stringContaining("右引号后还有字符") });
    expect(parsed[2]).toEqual({ line: 3, cells: ["2", "3"] });
  });

  it("reports an unclosed quote at the end of the file", () => {
    const parsed = parseCsv('a,b\n1,"open\n2,3\n');
    expect(parsed).toHaveLength(2);
    expect(parsed[1]).toMatchObject({ line: 2, error: "引号没有闭合" });
  });

  it("gives the same records however the text is split into chunks", () => {
    const text = 'h1,h2\r\n"a,""b""\r\nc",2\r\n\r\nx,"y"\r\n"",\rlast,"q"';
    const whole = parseCsv(text);
    for (let cut = 0; cut <= text.length; cut++) {
      for (const step of [1, 3]) {
        const parser = new CsvParser();
        const records = [...parser.push(text.slice(0, cut))];
        for (let i = cut; i < text.length; i += step) records.push(...parser.push(text.slice(i, i + step)));
        records.push(...parser.end());
        expect(records, `cut ${cut} step ${step}`).toEqual(whole);
      }
    }
  });
});

describe("CSV rows to inputs", () => {
  const money: ColumnType = { kind: "value" };
  const type: ColumnType = {
    kind: "record",
    fields: new Map<string, ColumnType>([
      ["参保身份", { kind: "value" }],
      ["政策范围内费用", money],
      ["连续缴费月数", { kind: "integer" }],
      ["特殊人群", { kind: "list" }],
      ["家庭病床转诊", { kind: "boolean" }],
      ["年度累计", { kind: "record", fields: new Map([["统筹支付", money], ["大病支付", money]]) }],
    ]),
  };
  const header = ["参保身份", "政策范围内费用", "连续缴费月数", "特殊人群", "家庭病床转诊", "年度累计.统筹支付", "年度累计.大病支付"];
  // Headers fold through the tables of the loaded policies, as the calculators' input keys do.
  addFoldTable(foldTable(["参保身份", "政策范围内费用", "连续缴费月数", "特殊人群", "家庭病床转诊", "年度累计", "统筹支付", "大病支付"]));
  const columns = csvColumns(header, type);

  it("builds nested objects from dotted headers and converts by field type", () => {
    expect(rowToObject(columns, ["职工在职", "30000.50", "36", "低保、建档立卡", "是", "1200", ""])).toEqual({
      参保身份: "职工在职",
      政策范围内费用: "30000.50",
      连续缴费月数: 36,
      特殊人群: ["低保", "建档立卡"],
      家庭病床转诊: true,
      年度累计: { 统筹支付: "1200" },
    });
  });

  it("leaves empty cells out, so the field's default applies", () => {
    expect(rowToObject(columns, ["城乡居民", "100", "", "", "", "", ""])).toEqual({ 参保身份: "城乡居民", 政策范围内费用: "100" });
  });

  it.each([
    ["是", true],
    ["否", false],
    ["true", true],
    ["FALSE", false],
    [" 是 ", true],
    ["也许", "也许"],
  ])("boolean cell %j → %j", (cell, value) => {
    expect(rowToObject(columns, ["a", "1", "1", "", cell, "", ""]).家庭病床转诊).toEqual(value);
  });

  it.each([
    ["特困供养", ["特困供养"]],
    ["低保,建档立卡", ["低保", "建档立卡"]],
    ["低保; 建档立卡", ["低保", "建档立卡"]],
    ["低保|建档立卡|", ["低保", "建档立卡"]],
    ['["低保"]', ["低保"]],
  ])("set cell %j → %j", (cell, value) => {
    expect(rowToObject(columns, ["a", "1", "1", cell, "", "", ""]).特殊人群).toEqual(value);
  });

  it("keeps an integer cell that is not an integer as text, for the calculator to reject", () => {
    expect(rowToObject(columns, ["a", "1", "1.5", "", "", "", ""]).连续缴费月数).toBe("1.5");
  });

  it("passes unknown columns through (the closed schema rejects them) and folds header spelling", () => {
    const cols = csvColumns(["參保身份", "年度累計．統籌支付", "未知列"], type);
    expect(rowToObject(cols, ["城乡居民", "5", "x"])).toEqual({ 参保身份: "城乡居民", 年度累计: { 统筹支付: "5" }, 未知列: "x" });
  });

  it("rejects a row with the wrong number of cells", () => {
    expect(() => rowToObject(columns, ["a"])).toThrow("这一行有 1 个单元格，表头有 7 列");
  });

  it("rejects a header naming one field twice, or a nameless column", () => {
    expect(() => csvColumns(["参保身份", "參保身份"], type)).toThrow("是同一个字段");
    expect(() => csvColumns(["参保身份", ""], type)).toThrow("第 2 列没有名称");
  });
});
