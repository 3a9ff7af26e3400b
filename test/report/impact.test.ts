// zhengce sample and zhengce impact on the 江门 policies: what the 2018 notice changes, for whom.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ImpactJson as Impact } from "../../packages/compiler/src/report/impact-render.js";
import { tempDir, writeTemp, zhengce } from "./helpers.js";

const impact = async (args: string[]) => {
  const r = await zhengce(["impact", "policies/jiangmen/base.policy", "policies/jiangmen/2018.policy", ...args, "--format", "json"]);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as Impact;
};
const output = (d: Impact, name: string) => d.输出.find((o) => o.名称 === name)!;
const group = (d: Impact, field: string) => d.分组.find((g) => g.字段 === field)!;

describe("impact on a population computed by hand", () => {
  // Each case worked out from 江府办〔2017〕20号 附表 and 鹤人社〔2017〕209号 附件2 (二类 1500 → 2500 元/月):
  // 1 城乡居民 血友病 三级 6000：50% = 3000 → 1500 | 2500；个人 4500 | 3500.
  // 2 城乡居民 糖尿病 一级 1000：60% = 600 → 180 (四类) both years；个人 820.
  // 3 职工在职 慢性丙型肝炎 二级 6000：1500 | 2500；二档 (6000 − 一档) × 60% = 2700 | 2100 → 900 both；个人 3600 | 2600.
  // 4 职工退休 血友病 一级 3000：60% = 1800 → 1500 | 1800；二档 1500 × 60% = 900 | 1200 × 60% = 720；个人 600 | 480.
  // 5 a 2019 date: the 2018 notice does not cover it (only the base computes it).
  // 6 not JSON at all.
  const cases = [
    { 日期: "2018-06-01", 参保身份: "城乡居民", 病种: ["血友病"], 医院级别: "三级", 当月范围内费用: "6000" },
    { 日期: "2018-06-01", 参保身份: "城乡居民", 病种: ["糖尿病"], 医院级别: "一级及以下", 当月范围内费用: "1000" },
    { 日期: "2018-06-01", 参保身份: "职工在职", 病种: ["慢性丙型肝炎（限聚乙二醇干扰素治疗）"], 医院级别: "二级", 当月范围内费用: "6000" },
    { 日期: "2018-06-01", 参保身份: "职工退休", 病种: ["血友病"], 医院级别: "一级及以下", 当月范围内费用: "3000" },
    { 日期: "2019-03-01", 参保身份: "城乡居民", 病种: ["血友病"], 医院级别: "三级", 当月范围内费用: "6000" },
  ];

  /** `header`: the lines before the first case (a CSV header); lines are the file's own. */
  const check = (d: Impact, header = 0) => {
    expect([d.案例数, d.都能计算, d.仅旧政策能计算, d.仅新政策能计算, d.都不能计算]).toEqual([6, 4, 1, 0, 1]);
    expect(d.不能计算的原因.map((x) => [x.政策, x.首见行, x.案例数])).toEqual([["新", 5 + header, 1], ["两者", 6 + header, 1]]);
    expect(d.不能计算的原因[0].原因).toContain("日期");
    const pay = output(d, "统筹支付");
    expect([pay.变化案例数, pay.增加, pay.减少, pay.变化前合计, pay.变化后合计, pay.差额]).toEqual([3, 3, 0, "4680.00", "6980.00", "2300.00"]);
    expect(pay.差额分布).toEqual([{ 区间: "+200~500", 案例数: 1 }, { 区间: "+500~1000", 案例数: 2 }]);
    expect(pay.增加最多.map((x) => [x.行 - header, x.差额, x.变化前, x.变化后])).toEqual([[1, "1000.00", "1500.00", "2500.00"], [3, "1000.00", "1500.00", "2500.00"], [4, "300.00", "1500.00", "1800.00"]]);
    expect(pay.增加最多[0].输入).toEqual(cases[0]);
    const second = output(d, "二档支付");
    expect([second.变化案例数, second.减少, second.变化前合计, second.变化后合计, second.差额]).toEqual([1, 1, "1800.00", "1620.00", "-180.00"]);
    const person = output(d, "个人负担");
    expect([person.变化案例数, person.变化前合计, person.变化后合计, person.差额]).toEqual([3, "9520.00", "7400.00", "-2120.00"]);
    const status = group(d, "参保身份").成员.map((m) => [m.值, m.案例数, m.输出.统筹支付.变化案例数, m.输出.统筹支付.差额]);
    expect(status).toEqual([["城乡居民", 2, 1, "1000.00"], ["职工在职", 1, 1, "1000.00"], ["职工退休", 1, 1, "300.00"]]);
    const level = group(d, "医院级别").成员.map((m) => [m.值, m.案例数, m.输出.个人负担.差额]);
    expect(level).toEqual([["一级及以下", 2, "-120.00"], ["二级", 1, "-1000.00"], ["三级", 1, "-1000.00"]]);
    // A set input: a case counts under each of its members; 特殊人群 empty everywhere here.
    expect(group(d, "病种").成员.map((m) => [m.值, m.案例数])).toEqual([["慢性丙型肝炎（限聚乙二醇干扰素治疗）", 1], ["血友病", 2], ["糖尿病", 1]]);
    expect(group(d, "特殊人群").成员.map((m) => [m.值, m.案例数])).toEqual([["（无）", 4]]);
  };

  it("JSON Lines: cases changed, totals, largest gains, groups, and the cases only one policy computes", async () => {
    const file = writeTemp(tempDir(), "cases.jsonl", cases.map((c) => JSON.stringify(c)).join("\n") + '\n{"日期": 2018\n');
    check(await impact(["特定病种门诊", "--population", file]));
  });

  it("CSV, read as batch reads it", async () => {
    const rows = cases.map((c) => [c.日期, c.参保身份, c.病种.join("、"), c.医院级别, c.当月范围内费用].join(","));
    const file = writeTemp(tempDir(), "cases.csv", ["日期,参保身份,病种,医院级别,当月范围内费用", ...rows, '"2018-06-01,城乡居民'].join("\n") + "\n");
    check(await impact(["特定病种门诊", "--population", file]), 1);
  });
});

describe("impact on one person's claims of a month (a JSON Lines line holding an array)", () => {
  it("carries 当月已支付 from claim to claim under each policy", async () => {
    // 血友病 三级 50%：2000 → 1000 both years (under 1500); then 3000 → 1500, within what is left of the
    // month's limit: 1500 − 1000 = 500 (base) | 2500 − 1000 = 1500 (2018): +1000 on the second claim only.
    const month = [
      { 日期: "2018-05-03", 参保身份: "城乡居民", 病种: ["血友病"], 医院级别: "三级", 当月范围内费用: "2000" },
      { 日期: "2018-05-20", 参保身份: "城乡居民", 病种: ["血友病"], 医院级别: "三级", 当月范围内费用: "3000" },
    ];
    const file = writeTemp(tempDir(), "month.jsonl", `${JSON.stringify(month)}\n`);
    const d = await impact(["特定病种门诊", "--population", file]);
    expect([d.案例数, d.都能计算]).toEqual([2, 2]);
    const pay = output(d, "统筹支付");
    expect([pay.变化案例数, pay.变化前合计, pay.变化后合计]).toEqual([1, "1500.00", "2500.00"]);
    expect(pay.增加最多[0].输入).toEqual(month[1]);
  });
});

describe("sample, then impact, 2018 against the base", () => {
  let dir = "";
  const n = 2000;
  beforeAll(async () => {
    dir = tempDir();
    for (const calc of ["特定病种门诊", "住院结算"]) {
      const r = await zhengce(["sample", "policies/jiangmen/2018.policy", calc, "-n", String(n), "--seed", "2018", "-o", join(dir, `${calc}.jsonl`)]);
      expect(r.code).toBe(0);
    }
  });

  it("samples the same population for the same seed, within 2018, each case computable", async () => {
    const again = await zhengce(["sample", "policies/jiangmen/2018.policy", "特定病种门诊", "-n", String(n), "--seed", "2018"]);
    expect(again.out).toBe(readFileSync(join(dir, "特定病种门诊.jsonl"), "utf8"));
    const other = await zhengce(["sample", "policies/jiangmen/2018.policy", "特定病种门诊", "-n", "50", "--seed", "另一个种子"]);
    expect(other.out.split("\n").slice(0, 50)).not.toEqual(again.out.split("\n").slice(0, 50));
    const lines = again.out.trimEnd().split("\n").map((l) => JSON.parse(l) as { 日期: string; 病种: string[]; 医院级别: string; 参保身份: string });
    expect(lines).toHaveLength(n);
    for (const c of lines) {
      expect(c.日期 >= "2018-01-01" && c.日期 <= "2018-12-31").toBe(true);
      expect(c.病种.length).toBeGreaterThan(0);
    }
    // Every enum value, and a range of amounts, shows up.
    expect(new Set(lines.map((c) => c.医院级别))).toEqual(new Set(["一级及以下", "二级", "三级", "非定点"]));
    expect(new Set(lines.map((c) => c.参保身份))).toEqual(new Set(["城乡居民", "职工在职", "职工退休"]));
  });

  it("住院结算: the 2018 notice changes no payment (起赔标准 stays 1万元; the rest are restatements)", async () => {
    const d = await impact(["住院结算", "--population", join(dir, "住院结算.jsonl")]);
    expect([d.案例数, d.都能计算]).toEqual([n, n]);
    for (const o of d.输出) expect([o.名称, o.变化案例数, o.差额]).toEqual([o.名称, 0, "0.00"]);
    expect(d.输出.map((o) => o.名称)).toEqual(["起付标准", "统筹支付", "二档支付", "大病支付", "个人负担"]);
  });

  it("特定病种门诊: only cases with a 二类 disease change; the fund pays more, 职工's 二档 less, people less", async () => {
    const d = await impact(["特定病种门诊", "--population", join(dir, "特定病种门诊.jsonl")]);
    expect(d.都能计算).toBe(n);
    const pay = output(d, "统筹支付");
    expect(pay.变化案例数).toBeGreaterThan(0);
    expect([pay.减少, output(d, "二档支付").增加, output(d, "个人负担").增加]).toEqual([0, 0, 0]);
    const diseases = group(d, "病种").成员;
    const classII = ["「慢性丙型肝炎（限聚乙二醇干扰素治疗）」", "重型β地中海贫血", "血友病"].map((x) => x.replace(/[「」]/g, ""));
    const changedWithClassII = diseases.filter((m) => classII.includes(m.值)).reduce((s, m) => s + m.输出.统筹支付.变化案例数, 0);
    expect(changedWithClassII).toBeGreaterThanOrEqual(pay.变化案例数);
    // 一类 settles as inpatient (no monthly limit): never changed, even with a 二类 disease beside it.
    for (const m of diseases.filter((x) => ["重性精神疾病", "器官移植抗排异"].includes(x.值))) expect(m.输出.统筹支付.变化案例数).toBe(0);
    // No 一档 payment ever rises by more than 2500 − 1500 = 1000 元.
    expect(pay.增加最多[0].差额).toBe("1000.00");
    expect(group(d, "参保身份").成员.find((m) => m.值 === "城乡居民")!.输出.二档支付.变化案例数).toBe(0);
  });

  it("writes an HTML report with its charts and tables", async () => {
    const r = await zhengce(["impact", "policies/jiangmen/base.policy", "policies/jiangmen/2018.policy", "特定病种门诊", "--population", join(dir, "特定病种门诊.jsonl"), "-o", join(dir, "report.html")]);
    expect(r.code).toBe(0);
    const html = readFileSync(join(dir, "report.html"), "utf8");
    expect(html).toContain("<title>政策变化影响：特定病种门诊</title>");
    expect(html.match(/<svg /g)!.length).toBeGreaterThan(3);
    expect(html).toContain("<caption>统筹支付：按「医院级别」</caption>");
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });

  it("prints a text summary by default", async () => {
    const r = await zhengce(["impact", "policies/jiangmen/base.policy", "policies/jiangmen/2018.policy", "住院结算", "--population", join(dir, "住院结算.jsonl")]);
    expect(r.out).toContain(`案例：${join(dir, "住院结算.jsonl")}，共 2,000 例，两份政策都能计算的 2,000 例`);
    expect(r.out).toContain("没有任何案例的金额发生变化。");
  });
});

describe("sample and impact: formats and errors", () => {
  it("writes CSV that batch reads back", async () => {
    const dir = tempDir();
    const csv = join(dir, "p.csv");
    expect((await zhengce(["sample", "policies/jiangmen/base.policy", "住院结算", "-n", "40", "--seed", "7", "-o", csv])).code).toBe(0);
    const text = readFileSync(csv, "utf8");
    expect(text.split("\n")[0]).toBe("日期,参保身份,医院级别,政策范围内费用,连续缴费月数,特殊人群,家庭病床转诊,住院分娩,按规定备案,年度累计.统筹支付,年度累计.二档支付,年度累计.大病支付,年度累计.二档自付基数,年度累计.大病自付基数");
    const batch = await zhengce(["batch", "policies/jiangmen/base.policy", "住院结算", "--input", csv, "--workers", "1"]);
    expect(batch.code).toBe(0);
    expect(batch.out.trimEnd().split("\n")).toHaveLength(40);
  });

  it("takes the 日期 window from --from / --to", async () => {
    const r = await zhengce(["sample", "policies/jiangmen/base.policy", "住院结算", "-n", "30", "--from", "2019-03-01", "--to", "2019-03-31"]);
    for (const l of r.out.trimEnd().split("\n")) expect(JSON.parse(l).日期).toMatch(/^2019-03-/);
  });

  it("refuses bad arguments with exit 2 and one Chinese line", async () => {
    expect(await zhengce(["sample", "policies/jiangmen/2018.policy", "住院结算"])).toMatchObject({ code: 2, err: "错误[C002]：sample 需要 -n <个数>\n" });
    expect(await zhengce(["sample", "policies/jiangmen/2018.policy", "住院结算", "-n", "0"])).toMatchObject({ code: 2, err: "错误[C002]：-n 应为正整数，而不是「0」\n" });
    const unknown = await zhengce(["sample", "policies/jiangmen/2018.policy", "住院", "-n", "3"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^错误\[C041\]：政策文件「policies\/jiangmen\/2018\.policy」中没有计算器「住院」；可用的计算器：住院结算、/);
    const none = await zhengce(["impact", "policies/jiangmen/base.policy", "policies/jiangmen/2018.policy", "住院结算"]);
    expect(none).toMatchObject({ code: 2, out: "" });
    expect(none.err).toContain("impact 需要 --population");
    const missing = await zhengce(["impact", "policies/jiangmen/base.policy", "policies/jiangmen/2018.policy", "住院结算", "--population", "nope.jsonl"]);
    expect(missing).toMatchObject({ code: 2, err: "错误[C010]：找不到案例文件「nope.jsonl」\n" });
  });
});
