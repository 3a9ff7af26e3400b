// The integer path's one-pass parser gives exactly what the closed-schema parser gives (the same
// record, or the same error) on inputs in canonical form and on everything it hands over:
// folded and full-width keys and members, 是/否, amounts with spaces or three decimals, numbers,
// values of the wrong type, unknown and missing fields, absent fields with defaults.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatError } from "./errors.js";
import { makeInputParser, type FieldSpec } from "./input.js";
import { makeScaledParser } from "./scaled-input.js";

const FIELDS: FieldSpec[] = [
  { name: "日期", type: { kind: "date" }, required: false },
  { name: "参保身份", type: { kind: "enum", members: ["城乡居民", "职工在职", "职工退休"] }, required: true },
  { name: "医院级别", type: { kind: "enum", members: ["一级及以下", "二级", "三级"] }, required: false, default: "二级" },
  { name: "政策范围内费用", type: { kind: "money", max: "500000" }, required: true },
  { name: "月限额", type: { kind: "money", nullable: true }, required: false },
  { name: "连续缴费月数", type: { kind: "integer", min: 0, max: 1200 }, required: false, default: 0 },
  { name: "特殊人群", type: { kind: "set", members: ["特困供养", "低保", "建档立卡"] }, required: false, default: [] },
  { name: "险种", type: { kind: "set", members: ["甲", "乙"], nonEmpty: true }, required: false, default: ["甲"] },
  { name: "住院分娩", type: { kind: "boolean" }, required: false, default: false },
  { name: "备注", type: { kind: "text" }, required: false },
  { name: "比例", type: { kind: "rate" }, required: false, default: "50%" },
  { name: "各项费用", type: { kind: "list", of: { kind: "money" } }, required: false, default: [] },
  { name: "各项比例", type: { kind: "list", of: { kind: "rate" } }, required: false },
  {
    name: "年度累计",
    type: { kind: "record", fields: [{ name: "统筹支付", type: { kind: "money" }, required: false, default: 0 }, { name: "大病支付", type: { kind: "money" }, required: false, default: 0 }] },
    required: false,
  },
];

const general = makeInputParser(FIELDS, { scaled: true });
const fast = makeScaledParser(FIELDS);
const outcome = (parse: (v: unknown) => unknown, v: unknown) => {
  try {
    return { ok: parse(v) };
  } catch (e) {
    return { error: formatError(e) };
  }
};

/** Mostly the canonical form (read in one pass), sometimes a form the closed-schema parser reads or refuses. */
const mix = <T, U>(canonical: fc.Arbitrary<T>, other: fc.Arbitrary<U>) => fc.oneof({ weight: 12, arbitrary: canonical }, { weight: 1, arbitrary: other });
const amount = mix(
  fc.oneof(fc.integer({ min: 0, max: 60_000_000 }).map((c) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, "0")}`), fc.integer({ min: 0, max: 600_000 }).map(String), fc.integer({ min: 0, max: 600_000 })),
  fc.oneof(fc.double({ min: -10, max: 1e6, noNaN: true }), fc.constantFrom("12.5", "12.", ".5", " 12", "１２.５", "12.345", "-0", "1e3", "0012", "500000.01", "500000.00", "", null, true, "12,5")),
);
const rate = mix(
  fc.oneof(fc.integer({ min: 0, max: 100 }).map((p) => `${p}%`), fc.integer({ min: 0, max: 10000 }).map((b) => `${b / 100}%`), fc.integer({ min: 0, max: 10000 }).map((b) => b / 10000), fc.constantFrom("0.85", "1", "1.0", "0", "85.00%", "100.0%", "00085%", "0.0001", "12.345%", "0.00001")),
  fc.oneof(fc.double({ min: -1, max: 2, noNaN: true }), fc.constantFrom("150%", " 85%", "８５%", "-5%", "85 %", "1e-3", "1.0001", -0, ".5", "5.%", "1234567%", "", null, true)),
);
const value = fc.oneof(fc.string({ maxLength: 3 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom("是", "否", "職工退休", "二級", "２０１８-０１-０１"));

const input = fc.record(
  {
    日期: mix(fc.constantFrom("2018-01-01", "2020-02-29", "2018-12-31"), fc.constantFrom("2018-02-29", "2018-13-01", "2018-1-1", " 2018-01-01", null, 20180101)),
    参保身份: mix(fc.constantFrom("城乡居民", "职工在职", "职工退休"), fc.constantFrom("職工退休", "城鄉居民", "其他", 3)),
    医院级别: mix(fc.constantFrom("一级及以下", "二级", "三级", undefined), fc.constant("二級")),
    政策范围内费用: amount,
    月限额: fc.oneof(amount, fc.constant(null)),
    连续缴费月数: mix(fc.integer({ min: 0, max: 1200 }), fc.constantFrom(-1, 1201, 1.5, "12", -0)),
    特殊人群: mix(fc.subarray(["特困供养", "低保", "建档立卡", "低保"]), fc.constantFrom(["五保"], "低保", [1], ["特困供養"])),
    险种: mix(fc.subarray(["甲", "乙"], { minLength: 1 }), fc.constant([])),
    住院分娩: mix(fc.boolean(), fc.constantFrom("是", "否", 1)),
    备注: mix(fc.string({ maxLength: 3 }), value),
    比例: rate,
    各项费用: mix(fc.array(amount, { maxLength: 3 }), fc.constantFrom("1", [[1]], null)),
    各项比例: mix(fc.array(rate, { maxLength: 3 }), fc.constantFrom("85%", [null])),
    年度累计: mix(fc.record({ 统筹支付: amount, 大病支付: amount }, { requiredKeys: [] }), fc.constantFrom({}, { 統籌支付: "1" }, null, [])),
    費用: value,
  },
  { requiredKeys: ["参保身份", "政策范围内费用"] },
);

describe("makeScaledParser", () => {
  it("gives the closed-schema parser's record or error on every generated input", () => {
    fc.assert(
      fc.property(input, (v) => {
        expect(outcome(fast, v)).toEqual(outcome(general, v));
      }),
      { seed: 7, numRuns: 5000 },
    );
  });

  it("reads rates × 10^4 and lists element by element in the same pass", () => {
    const r = fast({ 参保身份: "城乡居民", 政策范围内费用: 1, 比例: "2.5%", 各项费用: ["1.5", 2], 各项比例: ["85%", 0.3, "1"] }) as Record<string, unknown>;
    expect([r["比例"], r["各项费用"], r["各项比例"]]).toEqual([250, [150, 200], [8500, 3000, 10000]]);
  });

  it("reads a canonical input in one pass: amounts in cents, members in declaration order, defaults", () => {
    const r = fast({ 参保身份: "职工退休", 政策范围内费用: "12345.6", 特殊人群: ["低保", "特困供养", "低保"], 年度累计: { 统筹支付: 100 } });
    expect(r).toEqual({
      日期: null,
      参保身份: "职工退休",
      医院级别: "二级",
      政策范围内费用: 1234560,
      月限额: null,
      连续缴费月数: 0,
      特殊人群: ["特困供养", "低保"],
      险种: ["甲"],
      住院分娩: false,
      备注: null,
      比例: 5000,
      各项费用: [],
      各项比例: null,
      年度累计: { 统筹支付: 10000, 大病支付: 0 },
    });
  });

  it("names the field of a bad value as the closed-schema parser does, with a prefix", () => {
    expect(() => fast({ 参保身份: "职工退休", 政策范围内费用: "500000.01" }, "第2项")).toThrow(/第2项.政策范围内费用/);
  });
});
