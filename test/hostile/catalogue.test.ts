// Hostile input, catalogued: what other systems send at 2 a.m. Every entry must end in
// exit 2 with one `错误[code]：…` line naming the field (or the line), nothing on stdout
// (calc), or an inline `{"错误","行","代码"}` line (batch), or an InputError with code and
// field (the generated function) — never a stack trace, never a silent wrong answer.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../packages/compiler/src/cli/cli.js";
import type { CompiledCalculator } from "../../packages/compiler/src/api.js";
import { Decimal, InputError } from "../../packages/runtime/src/index.js";
import { memoryIo, ROOT, tempDir, writeTemp } from "../cli/helpers.js";
import { loadPolicy } from "./compiler.js";

const deps = { compilerModule: new URL("./compiler.ts", import.meta.url).href };
const BASE = "policies/jiangmen/base.policy";
const dir = tempDir();
let files = 0;

async function zhengce(args: string[]) {
  const io = memoryIo({ cwd: ROOT });
  const code = await runCli(args, io, deps);
  return { code, out: io.out, err: io.err };
}

const CASE = { 参保身份: "城乡居民", 医院级别: "二级", 政策范围内费用: 10000, 连续缴费月数: 30 };
/** The valid case as JSON text, with `field` replaced by the raw JSON text `value` (or added). */
const withRaw = (field: string, value: string) =>
  "{" + Object.entries({ ...CASE, [field]: 0 }).map(([k, v]) => `${JSON.stringify(k)}: ${k === field ? value : JSON.stringify(v)}`).join(", ") + "}";

// ─────────────── calc: one JSON file each ───────────────

interface CalcEntry {
  what: string;
  input: string | Buffer;
  code: string;
  /** Text the message must contain: the field, or where (行 N). */
  names: string[];
}

const calcCatalogue: CalcEntry[] = [
  { what: "a misspelt field", input: withRaw("政策范围内费", "1"), code: "R103", names: ["政策范围内费", "政策范围内费用"] },
  { what: "a field written in both scripts", input: withRaw("參保身份", '"城乡居民"'), code: "R104", names: ["参保身份"] },
  { what: "a nested unknown field", input: withRaw("年度累计", '{"统筹支付x": 1}'), code: "R103", names: ["年度累计.统筹支付x"] },
  { what: "a prototype key", input: withRaw("__proto__", '{"政策范围内费用": 1}'), code: "R103", names: ["__proto__"] },
  { what: "a constructor key", input: withRaw("constructor", "1"), code: "R103", names: ["constructor"] },
  { what: "a key with a NUL", input: withRaw("参保\u0000身份", "1"), code: "R103", names: ["参保"] },
  { what: "a missing required field", input: JSON.stringify({ 参保身份: "城乡居民", 医院级别: "二级", 连续缴费月数: 30 }), code: "R102", names: ["政策范围内费用"] },
  { what: "an unknown enum value", input: withRaw("医院级别", '"四级"'), code: "R105", names: ["医院级别", "四级"] },
  { what: "a 1 MB enum value", input: withRaw("医院级别", JSON.stringify("级".repeat(1 << 20))), code: "R105", names: ["医院级别"] },
  { what: "a string where an integer goes", input: withRaw("连续缴费月数", '"30"'), code: "R109", names: ["连续缴费月数"] },
  { what: "a fraction where an integer goes (exponent)", input: withRaw("连续缴费月数", "2.5e0"), code: "R109", names: ["连续缴费月数"] },
  { what: "a negative integer", input: withRaw("连续缴费月数", "-1"), code: "R109", names: ["连续缴费月数"] },
  { what: "an integer a double cannot hold", input: withRaw("连续缴费月数", "9007199254740993"), code: "R109", names: ["连续缴费月数", "9007199254740993"] },
  { what: "-0 months", input: withRaw("连续缴费月数", "-0"), code: "R109", names: ["连续缴费月数", "-0"] },
  { what: "a word where a boolean goes", input: withRaw("按规定备案", '"对"'), code: "R106", names: ["按规定备案"] },
  { what: "a string where a set goes", input: withRaw("特殊人群", '"低保"'), code: "R106", names: ["特殊人群"] },
  { what: "a number inside a set", input: withRaw("特殊人群", '["低保", 1]'), code: "R105", names: ["特殊人群"] },
  { what: "deeply nested arrays inside a set", input: withRaw("特殊人群", "[".repeat(200) + "]".repeat(200)), code: "R105", names: ["特殊人群"] },
  { what: "a string where a record goes", input: withRaw("年度累计", '"0"'), code: "R106", names: ["年度累计"] },
  { what: "thousands separators", input: withRaw("政策范围内费用", '"10,000"'), code: "R107", names: ["政策范围内费用"] },
  { what: "full-width thousands separators", input: withRaw("政策范围内费用", '"１０，０００"'), code: "R107", names: ["政策范围内费用"] },
  { what: "a currency sign", input: withRaw("政策范围内费用", '"￥100"'), code: "R107", names: ["政策范围内费用"] },
  { what: "negative money", input: withRaw("政策范围内费用", "-1"), code: "R107", names: ["政策范围内费用"] },
  { what: "-0 yuan as a number", input: withRaw("政策范围内费用", "-0"), code: "R107", names: ["政策范围内费用", "-0"] },
  { what: "-0 yuan as a string", input: withRaw("政策范围内费用", '"-0"'), code: "R107", names: ["政策范围内费用"] },
  { what: "-0.00 yuan", input: withRaw("政策范围内费用", "-0.00"), code: "R107", names: ["政策范围内费用"] },
  { what: "three decimals", input: withRaw("政策范围内费用", "100.001"), code: "R107", names: ["政策范围内费用"] },
  { what: "34 decimals a double rounds to 0.1", input: withRaw("政策范围内费用", "0.1000000000000000055511151231257827"), code: "R107", names: ["政策范围内费用"] },
  { what: "a tiny number a double rounds to 0", input: withRaw("政策范围内费用", "1e-400"), code: "R107", names: ["政策范围内费用"] },
  { what: "1e308", input: withRaw("政策范围内费用", "1e308"), code: "R113", names: ["政策范围内费用", "1000000000000 元", "共 309 个字符"] },
  { what: "1e400 (Infinity as a double)", input: withRaw("政策范围内费用", "1e400"), code: "R113", names: ["政策范围内费用"] },
  { what: "18 significant digits a double rounds", input: withRaw("政策范围内费用", "1234567890123456.78"), code: "R113", names: ["政策范围内费用"] },
  { what: "a 39-digit amount as a string", input: withRaw("政策范围内费用", '"123456789012345678901234567890123456789.12"'), code: "R113", names: ["政策范围内费用"] },
  { what: "true as money", input: withRaw("政策范围内费用", "true"), code: "R107", names: ["政策范围内费用"] },
  { what: "null as money", input: withRaw("政策范围内费用", "null"), code: "R107", names: ["政策范围内费用"] },
  { what: "an object as money", input: withRaw("政策范围内费用", "{}"), code: "R107", names: ["政策范围内费用"] },
  { what: "an impossible date", input: withRaw("日期", '"2018-02-30"'), code: "R111", names: ["日期", "2018-02-30"] },
  { what: "a slash date", input: withRaw("日期", '"2018/01/01"'), code: "R110", names: ["日期"] },
  { what: "a date as a number", input: withRaw("日期", "20180101"), code: "R110", names: ["日期"] },
  { what: "a key written twice", input: '{"参保身份": "城乡居民",\n "参保身份": "职工在职"}', code: "C021", names: ["参保身份", "行 2"] },
  { what: "an empty file", input: "", code: "C020", names: ["内容是空的"] },
  { what: "a BOM and nothing else", input: "\ufeff", code: "C020", names: ["内容是空的"] },
  { what: "a trailing comma (CRLF lines)", input: '{\r\n"参保身份": "城乡居民",\r\n}', code: "C020", names: ["行 3"] },
  { what: "a syntax error after lone CRs", input: '{\r"参保身份": \r"城乡居民"\r"医院级别": "二级"}', code: "C020", names: ["行 4"] },
  { what: "single quotes", input: "{'参保身份': '城乡居民'}", code: "C020", names: ["双引号"] },
  { what: "NaN", input: withRaw("政策范围内费用", "NaN"), code: "C020", names: ["行 1"] },
  { what: "a comment", input: "// 住院\n" + JSON.stringify(CASE), code: "C020", names: ["行 1 列 1"] },
  { what: "two JSON values", input: JSON.stringify(CASE) + JSON.stringify(CASE), code: "C020", names: ["多余的内容"] },
  { what: "100 000 nested arrays", input: "[".repeat(100_000) + "]".repeat(100_000), code: "C022", names: ["嵌套过深"] },
  { what: "a number", input: "42", code: "C023", names: ["JSON 对象"] },
  { what: "null", input: "null", code: "C023", names: ["JSON 对象"] },
  { what: "an array of numbers", input: "[1]", code: "R101", names: ["第1项"] },
  { what: "an invalid UTF-8 byte on line 3", input: Buffer.concat([Buffer.from('{\n"参保身份": "城乡居民",\n"医院级别": "二'), Buffer.from([0xff]), Buffer.from('级"}')]), code: "C014", names: ["第 3 行", "UTF-8"] },
  { what: "GB18030 text", input: Buffer.from([0x7b, 0x22, 0xb2, 0xce, 0x22, 0x3a, 0x31, 0x7d]), code: "C014", names: ["第 1 行"] },
  { what: "10 001 claims in one year", input: JSON.stringify(new Array(10_001).fill(CASE)), code: "C013", names: ["10001", "batch"] },
];

describe("hostile input to zhengce calc", () => {
  it("the catalogue has at least 40 entries", () => {
    expect(calcCatalogue.length + batchCatalogue.length + functionCatalogue.length).toBeGreaterThanOrEqual(40);
    expect(calcCatalogue.length).toBeGreaterThanOrEqual(40);
  });

  it.each(calcCatalogue.map((e) => [e.what, e] as const))("%s → exit 2, one coded line naming it, empty stdout", async (_, e) => {
    const file = writeTemp(dir, `c${files++}.json`, e.input);
    const r = await zhengce(["calc", BASE, "住院结算", "--input", file]);
    expect([r.code, r.out]).toEqual([2, ""]);
    expect(r.err).toMatch(new RegExp(`^错误\\[${e.code}\\]：[^\\n]+\\n$`));
    for (const name of e.names) expect(r.err).toContain(name);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it("a directory as input, and a missing file", async () => {
    const folder = join(dir, "folder.json");
    mkdirSync(folder);
    const d = await zhengce(["calc", BASE, "住院结算", "--input", folder]);
    expect([d.code, d.out, d.err]).toEqual([2, "", `错误[C011]：输入文件「${folder}」是一个目录，应为文件\n`]);
    const m = await zhengce(["calc", BASE, "住院结算", "--input", join(dir, "none.json")]);
    expect([m.code, m.err]).toEqual([2, `错误[C010]：找不到输入文件「${join(dir, "none.json")}」\n`]);
  });

  it("accepts a BOM, CRLF and lone-CR line ends, and exact amounts beyond a double's digits", async () => {
    const texts = ["\ufeff" + JSON.stringify(CASE), JSON.stringify(CASE, null, 2).replace(/\n/g, "\r\n"), JSON.stringify(CASE, null, 2).replace(/\n/g, "\r")];
    for (const text of texts) {
      const r = await zhengce(["calc", BASE, "住院结算", "--input", writeTemp(dir, `ok${files++}.json`, text)]);
      expect([r.code, r.err]).toEqual([0, ""]);
      // 城乡居民 二级: (10000 − 600) × 80% = 7520.00
      expect(JSON.parse(r.out).统筹支付).toBe("7520.00");
    }
    // 15 significant digits, just under the limit: 统筹 capped at 200000, 大病 at 240000, so
    // 个人负担 = 123456789012.34 − 200000 − 240000, to the cent.
    const r = await zhengce(["calc", BASE, "住院结算", "--input", writeTemp(dir, `ok${files++}.json`, withRaw("政策范围内费用", "123456789012.34"))]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ 统筹支付: "200000.00", 大病支付: "240000.00", 个人负担: "123456349012.34" });
  });
});

// ─────────────── batch: a bad line among good ones ───────────────

interface BatchEntry {
  what: string;
  name: string;
  input: string | Buffer;
  /** The failing line, its code and field; every other line computes. */
  line: number;
  code: string;
  field?: string;
  cases: number;
}

const good = JSON.stringify(CASE);
const CSV_HEAD = "参保身份,医院级别,政策范围内费用,连续缴费月数";

const batchCatalogue: BatchEntry[] = [
  { what: "an invalid UTF-8 byte on one line", name: "u.jsonl", input: Buffer.concat([Buffer.from(`${good}\n{"参保身份": "城`), Buffer.from([0xc3, 0x28]), Buffer.from(`"}\n${good}\n`)]), line: 2, code: "C014", cases: 3 },
  { what: "lines separated by lone CRs", name: "cr.jsonl", input: `${good}\r${withRaw("医院级别", '"四级"')}\r${good}`, line: 2, code: "R105", field: "医院级别", cases: 3 },
  { what: "CRLF lines", name: "crlf.jsonl", input: `${good}\r\n${good}\r\n${withRaw("政策范围内费用", "1e308")}\r\n`, line: 3, code: "R113", field: "政策范围内费用", cases: 3 },
  { what: "a BOM then a key written twice", name: "bom.jsonl", input: `\ufeff${good}\n{"参保身份": "城乡居民", "参保身份": "城乡居民"}\n`, line: 2, code: "C021", cases: 2 },
  { what: "a JSON null line", name: "null.jsonl", input: `${good}\n\nnull\n`, line: 3, code: "C023", cases: 2 },
  { what: "a CSV row with a missing column", name: "m.csv", input: `${CSV_HEAD}\n城乡居民,二级,10000,30\n城乡居民,二级,10000\n`, line: 3, code: "C031", cases: 2 },
  { what: "a CSV cell with a quoted line break", name: "q.csv", input: `${CSV_HEAD}\n"城乡\n居民",二级,10000,30\n城乡居民,二级,10000,30\n`, line: 2, code: "R105", field: "参保身份", cases: 2 },
  { what: "a CSV thousands separator", name: "t.csv", input: `${CSV_HEAD}\n城乡居民,二级,"10,000",30\n`, line: 2, code: "R107", field: "政策范围内费用", cases: 1 },
  { what: "an unclosed CSV quote", name: "o.csv", input: `${CSV_HEAD}\n城乡居民,二级,10000,30\n城乡居民,"二级,10000,30\n`, line: 3, code: "C030", cases: 2 },
  { what: "an invalid UTF-8 byte in a CSV row", name: "u.csv", input: Buffer.concat([Buffer.from(`${CSV_HEAD}\n城乡居民,二级,10000,30\n城乡居民,二级,1000`), Buffer.from([0xff]), Buffer.from(",30\n")]), line: 3, code: "C014", cases: 2 },
  { what: "a CSV column 年度累计.__proto__", name: "p.csv", input: `${CSV_HEAD},年度累计.__proto__\n城乡居民,二级,10000,30,1\n`, line: 2, code: "R103", field: "年度累计.__proto__", cases: 1 },
];

describe("hostile input to zhengce batch", () => {
  it.each(batchCatalogue.map((e) => [e.what, e] as const))("%s → exit 1, the bad case inline with its line and code", async (_, e) => {
    const r = await zhengce(["batch", BASE, "住院结算", "--input", writeTemp(dir, `${files++}${e.name}`, e.input)]);
    expect(r.code).toBe(1);
    const out = r.out.trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(e.cases);
    const bad = out.filter((o) => "错误" in o);
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ 行: e.line, 代码: e.code, ...(e.field ? { 字段: e.field } : {}) });
    if (e.field) expect(bad[0].错误).toContain(e.field);
    for (const o of out) if (!("错误" in o)) expect(o.统筹支付).toBe("7520.00");
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it("a CSV header __proto__.日期 pollutes nothing: the next row is settled at the newest rates", async () => {
    const csv = "参保类别,月工资,最低缴费基数,__proto__.日期\n职工,5000,5000,2017-08-01\n职工,5000,5000,\n";
    const r = await zhengce(["batch", BASE, "职工缴费", "--input", writeTemp(dir, "proto.csv", csv)]);
    expect(r.code).toBe(1);
    const [first, second] = r.out.trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(first).toMatchObject({ 行: 2, 代码: "R103", 字段: "__proto__" });
    // from 2019: 二档单位 2.5% × 5000 = 125.00; 合计 150 + 25 + 125 + 75 = 375.00
    expect(second).toMatchObject({ 二档单位缴费: "125.00", 合计: "375.00" });
    expect(({} as Record<string, unknown>).日期).toBeUndefined();
  });

  it("file-level problems exit 2 with nothing on stdout: a directory, an empty CSV", async () => {
    const folder = join(dir, "folder.jsonl");
    mkdirSync(folder, { recursive: true });
    const d = await zhengce(["batch", BASE, "住院结算", "--input", folder]);
    expect([d.code, d.out]).toEqual([2, ""]);
    expect(d.err).toMatch(/^错误\[C011\]：输入文件「.*folder\.jsonl」是一个目录，应为文件\n$/);
    const empty = await zhengce(["batch", BASE, "住院结算", "--input", writeTemp(dir, "empty.csv", "\r\n\r\n")]);
    expect([empty.code, empty.out]).toEqual([2, ""]);
    expect(empty.err).toMatch(/^错误\[C032\]：CSV 文件是空的/);
  });

  it("a line holding one large array (3 MB) is one case", async () => {
    const claims = new Array(60_000).fill(CASE);
    const text = JSON.stringify(claims);
    expect(text.length).toBeGreaterThan(3_000_000);
    const r = await zhengce(["batch", BASE, "住院结算", "--input", writeTemp(dir, "big.jsonl", `${good}\n${text}\n`)]);
    expect(r.code).toBe(1); // 60 000 claims is more than one person's year
    const [, big] = r.out.trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(big).toMatchObject({ 行: 2, 代码: "C013" });
  });
});

// ─────────────── the generated function, called from JavaScript ───────────────

let calculator: CompiledCalculator;
beforeAll(async () => {
  const policy = await loadPolicy(join(ROOT, BASE));
  calculator = policy.calculators.find((c) => c.name === "住院结算")!;
});

const functionCatalogue: [string, () => unknown, string, string][] = [
  ["NaN", () => ({ ...CASE, 政策范围内费用: NaN }), "R107", "政策范围内费用"],
  ["Infinity", () => ({ ...CASE, 政策范围内费用: Infinity }), "R107", "政策范围内费用"],
  ["-0", () => ({ ...CASE, 政策范围内费用: -0 }), "R107", "政策范围内费用"],
  ["a BigInt", () => ({ ...CASE, 政策范围内费用: 10n }), "R107", "政策范围内费用"],
  ["a negative Decimal", () => ({ ...CASE, 政策范围内费用: new Decimal("-0.01") }), "R107", "政策范围内费用"],
  ["a Date object as 日期", () => ({ ...CASE, 日期: new Date(2018, 0, 1) }), "R110", "日期"],
  ["fields only on a prototype", () => Object.create(CASE) as object, "R101", ""],
  ["a missing field hidden by undefined", () => ({ ...CASE, 政策范围内费用: undefined }), "R102", "政策范围内费用"],
  ["an array", () => [CASE], "R101", ""],
  ["a class instance", () => new (class 病例 {})(), "R101", ""],
  ["a string", () => JSON.stringify(CASE), "R101", ""],
];

describe("hostile input to the generated function", () => {
  it.each(functionCatalogue)("%s → InputError with code and field", (_, make, code, field) => {
    let error: unknown;
    try {
      calculator.run(make() as Record<string, unknown>);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect([(error as InputError).code, (error as InputError).field]).toEqual([code, field]);
  });

  it("accepts an object without a prototype", () => {
    const input = Object.assign(Object.create(null) as object, CASE);
    expect(calculator.run(input as Record<string, unknown>).统筹支付).toBe("7520.00");
  });
});
