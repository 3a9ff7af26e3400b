// Issue 9, item 1: the explanations shown in docs/explain.md, with every number worked out by
// hand from the seed notices (江府办〔2017〕20号 二、（四）; 鹤人社〔2017〕209号 附件2) and the
// contract's reading (/work/shared/contracts/README.md §1, §4) — never copied from the program.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { TraceStep } from "@zhengce/runtime";
import { loadView } from "../../packages/compiler/src/report/view.js";
import { ROOT } from "../fuzz/support.js";
import { audit } from "./audit.js";

const run = (policy: string, calculator: string, input: Record<string, unknown>) => {
  const calc = loadView(join(ROOT, policy)).compiled.calculators.find((c) => c.name === calculator)!;
  const result = calc.run(input, { 计算过程: true }) as Record<string, unknown> & { 计算过程: TraceStep[] };
  audit(result, input);
  return result;
};
// An intersection, not Extract: the min and max steps are one member, of kind "min" | "max".
const kind = <K extends TraceStep["kind"]>(steps: TraceStep[], k: K, item?: string) =>
  steps.filter((s): s is TraceStep & { kind: K } => s.kind === k && (item === undefined || s.项目 === item));
const doc = readFileSync(join(ROOT, "docs/explain.md"), "utf8");

describe("二档: 职工退休, 三级, 80 000 元 (docs/explain.md example 1)", () => {
  const input = { 日期: "2018-06-01", 参保身份: "职工退休", 医院级别: "三级", 政策范围内费用: 80000, 连续缴费月数: 36 };
  const r = run("policies/jiangmen/base.policy", "住院结算", input);
  const steps = r.计算过程;

  it("outputs", () => {
    // 起付 900 − 100 = 800; 比例 55% + 5 = 60%; 统筹 79 200 × 60% = 47 520; 自付 31 680;
    // 二档 5 000 × 50% + 26 680 × 85% = 2 500 + 22 678 = 25 178; 大病基数 6 502 < 1 万 → 0;
    // 个人 80 000 − 47 520 − 25 178 = 7 302.
    const { 计算过程, ...outputs } = r;
    expect(outputs).toEqual({ 起付标准: "800.00", 统筹支付: "47520.00", 二档支付: "25178.00", 大病支付: "0.00", 个人负担: "7302.00" });
  });

  it("each modifier with its effect", () => {
    expect(kind(steps, "modifier").map((s) => [s.项目, s.修正前, s.修正后])).toEqual([
      ["起付标准", "900", "800"],
      ["住院统筹比例", "0.55", "0.6"],
    ]);
    expect(kind(steps, "modifier", "住院统筹比例")[0].原文).toBe("在上述住院基金支付比例基础上提高5个百分点。");
  });

  it("each 二档 slice: bounds, base in the slice, rate, amount; the base before and after", () => {
    expect(kind(steps, "slice", "二档支付").map((s) => [s.下限, s.上限, s.基数, s.比例, s.金额])).toEqual([
      [null, "5000", "5000", "0.5", "2500"],
      ["5000", "200000", "26680", "0.85", "22678"],
    ]);
    expect(kind(steps, "bracket", "二档支付").map((s) => [s.累计前, s.本次, s.累计后, s.金额])).toEqual([["0", "31680", "31680", "25178"]]);
    expect(kind(steps, "slice", "二档支付")[0].依据).toBe("江府办〔2017〕20号 二、（四）2.（1）");
  });

  it("较小: the bracket's amount won, the 20 万 cap did not bite", () => {
    const m = kind(steps, "min", "二档支付")[0];
    expect([m.取, m.限额生效, m.结果, m.各项[1].值]).toEqual([0, false, "25178", "200000"]);
  });

  it("is the one docs/explain.md shows", () => {
    expect(doc).toContain("二档住院比例 0元 至 5000元：5000.00 × 50% = 2500.00");
    expect(doc).toContain("二档住院比例 5000元 至 20万元（本次 5000.00 至 31680.00）：26680.00 × 85% = 22678.00");
    expect(doc).toContain("当 参保身份 = 职工退休：提高 5个百分点：55% → 60%");
  });
});

describe("大病: 城乡居民, 三级, 100 000 元 with 10 万 already accumulated, 2018 (docs/explain.md example 2)", () => {
  const input = {
    日期: "2018-08-01", 参保身份: "城乡居民", 医院级别: "三级", 政策范围内费用: 100000, 连续缴费月数: 36,
    年度累计: { 统筹支付: 60000, 二档支付: 0, 大病支付: 20000, 二档自付基数: 0, 大病自付基数: 100000 },
  };
  const r = run("policies/jiangmen/2018.policy", "住院结算", input);
  const steps = r.计算过程;

  it("outputs", () => {
    // 起付 900; 统筹 99 100 × 55% = 54 505 (cap 200 000 − 60 000 = 140 000 not reached); 自付 44 595;
    // 大病 100 000 → 144 595: (120 000 − 100 000) × 60% = 12 000, (144 595 − 120 000) × 70% = 17 216.50,
    // 29 216.50 (cap 240 000 − 20 000 = 220 000 not reached); 个人 100 000 − 54 505 − 29 216.50 = 16 278.50.
    const { 计算过程, ...outputs } = r;
    expect(outputs).toEqual({ 起付标准: "900.00", 统筹支付: "54505.00", 二档支付: "0.00", 大病支付: "29216.50", 个人负担: "16278.50" });
  });

  it("each 大病 slice and the accumulated base before and after", () => {
    expect(kind(steps, "slice", "大病支付").map((s) => [s.下限, s.上限, s.从, s.到, s.基数, s.比例, s.金额])).toEqual([
      ["10000", "120000", "100000", "120000", "20000", "0.6", "12000"],
      ["120000", null, "120000", "144595", "24595", "0.7", "17216.5"],
    ]);
    expect(kind(steps, "bracket", "大病支付").map((s) => [s.累计前, s.本次, s.累计后, s.金额])).toEqual([["100000", "44595", "144595", "29216.5"]]);
  });

  it("the 2018 notice's 起赔标准 cites the 2018 notice", () => {
    const t = kind(steps, "value", "大病起赔标准")[0];
    expect([t.结果, t.依据, t.原文]).toEqual(["10000", "鹤人社〔2017〕209号 三、（一）", "大病保险起赔标准继续维持1万元不变"]);
  });

  it("is the one docs/explain.md shows", () => {
    expect(doc).toContain("大病赔付比例 1万元 至 12万元（本次 100000.00 至 120000.00）：20000.00 × 60% = 12000.00");
    expect(doc).toContain("大病赔付比例 12万元以上：24595.00 × 70% = 17216.50");
    expect(doc).toContain("大病赔付比例：累计 100000.00元 → 144595.00元（本次 44595.00元），各段合计 29216.50元");
  });
});

describe("caps and versions", () => {
  it("a cap that bites: 职工退休 三级 50 万 — 统筹 and 二档 both stop at 20 万", () => {
    // 统筹 499 200 × 60% = 299 520 > 200 000; 二档 2 500 + 195 000 × 85% + 99 200 × 90% = 257 530 > 200 000.
    const r = run("policies/jiangmen/base.policy", "住院结算", { 日期: "2018-06-01", 参保身份: "职工退休", 医院级别: "三级", 政策范围内费用: 500000, 连续缴费月数: 36 });
    const mins = kind(r.计算过程, "min");
    expect(mins.filter((m) => m.项目 === "统筹支付").map((m) => [m.各项[0].值, m.取, m.限额生效, m.结果])).toEqual([["299520", 1, true, "200000"]]);
    expect(mins.filter((m) => m.项目 === "二档支付").map((m) => [m.各项[0].值, m.取, m.限额生效, m.结果])).toEqual([["257530", 1, true, "200000"]]);
  });

  it("the version in force on the claim's date, with its citation (职工缴费, 2018: 二档单位 2.8%)", () => {
    // 缴费基数 5 000 within [3 000, 9 000]; 二档单位 5 000 × 2.8% = 140 (江府办〔2017〕20号 二、（三）2.（2）).
    const r = run("policies/jiangmen/base.policy", "职工缴费", { 日期: "2018-06-01", 参保类别: "职工", 月工资: 5000, 最低缴费基数: 3000 });
    const v = kind(r.计算过程, "version");
    expect(v.map((s) => [s.参数, s.起, s.止, s.结果, s.依据])).toEqual([["二档单位费率", "2018-01-01", "2018-12-31", "0.028", "江府办〔2017〕20号 二、（三）2.（2）"]]);
    expect(v[0].原文).toContain("2018年为2.8%");
    expect(r.二档单位缴费).toBe("140.00");
  });
});
