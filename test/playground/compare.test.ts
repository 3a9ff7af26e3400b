// The playground's 对比 tab as its worker computes it, in Node on the 江门 policies: the 2018
// notice against base.policy — the diff, and the impact on a seeded sample. Expected facts come
// from the documents: 鹤人社〔2017〕209号 附件2 raises the 二类 特定病种 limit from 1500 to 2500
// 元/月 (so no 一档 payment rises by more than 1000 元 and none falls) and restates the
// inpatient rules (so 住院结算 changes for nobody).
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { analyze, type Analysis, type AnalyzeHost } from "@zhengce/dsl";
import { amendmentFor, compare, type AnalysisOf } from "../../packages/playground/src/runner/compare.js";
import type { CompareParams, CompareResult } from "../../packages/playground/src/protocol.js";

const ROOT = new URL("../../", import.meta.url);
const BASE = "file:///policies/jiangmen/base.policy";
const Y2018 = "file:///policies/jiangmen/2018.policy";
const POVERTY = "file:///policies/jiangmen/poverty.policy";

/** The repository's policies under file:///policies/, one text replaceable per test. */
function files(replace: Record<string, string> = {}): AnalysisOf {
  const read = (uri: string) => replace[uri] ?? readFileSync(new URL(uri.replace("file:///", ""), ROOT), "utf8");
  const host: AnalyzeHost = { readFile: read, resolve: (from, rel) => new URL(rel, from).href };
  const cache = new Map<string, Analysis>();
  return (uri) => {
    if (!cache.has(uri)) cache.set(uri, analyze(read(uri), uri, host));
    return cache.get(uri);
  };
}

/** The repository as it is (analyses shared by the tests that change nothing). */
const repo = files();
const go = () => Promise.resolve(true);
const params = (p: Partial<CompareParams>): CompareParams => ({ uri: Y2018, open: [Y2018, BASE], seed: "2018", count: 1000, ...p });
const output = (r: CompareResult, name: string) => r.impact!.json.输出.find((o) => o.名称 === name)!;
const yuan = (s: string) => Number(s);

describe("the 对比 tab's worker: 2018.policy against base.policy", () => {
  test("an amendment is compared with its base; a base with its open amendment; anything else with nothing", async () => {
    const of = repo;
    expect(amendmentFor(Y2018, [Y2018, BASE], of)).toBe(Y2018);
    expect(amendmentFor(BASE, [Y2018, BASE], of)).toBe(Y2018);
    expect(amendmentFor(BASE, [BASE], of)).toBeUndefined();
    const none = await compare(params({ uri: POVERTY, open: [POVERTY] }), of, go);
    expect(none.notice).toContain("不基于其他政策");
    expect(none.diff).toBeUndefined();
  });

  test("the diff: 二类 limit 1500 → 2500 元/月 with both places and clauses, the header's validity 2018", async () => {
    const r = await compare(params({ uri: BASE, calculator: "特定病种门诊" }), repo, go);
    expect([r.old?.file, r.new?.file]).toEqual(["base.policy", "2018.policy"]);
    const limit = r.diff!.条目.find((e) => e.对象 === "一档二类月支付限额" && e.项目 === "值")!;
    expect([limit.变化, limit.旧?.值, limit.新?.值]).toEqual(["修改", "1500元", "2500元"]);
    expect(limit.旧?.位置).toMatch(/^base\.policy:\d+$/);
    expect(limit.新?.位置).toMatch(/^2018\.policy:\d+$/);
    expect(limit.新?.依据.map((c) => c.条款).join(" ")).toContain("鹤人社〔2017〕209号");
    const validity = r.diff!.条目.find((e) => e.类别 === "政策" && e.项目 === "有效期")!;
    expect(validity.新?.值).toBe("2018-01-01 至 2018-12-31");
    expect(r.summary).toMatch(/^共 \d+ 处不同：修改 \d+ 处/);
    expect(r.calculators).toEqual(expect.arrayContaining(["住院结算", "特定病种门诊"]));
  });

  test("impact on 特定病种门诊: the fund pays more (never more than 1000 元 a claim), 二档 and people less", async () => {
    const r = await compare(params({ calculator: "特定病种门诊" }), repo, go);
    const i = r.impact!;
    expect([i.calculator, i.count, i.window]).toEqual(["特定病种门诊", 1000, { from: "2018-01-01", to: "2018-12-31" }]);
    expect(i.json.案例数).toBe(1000);
    const pay = output(r, "统筹支付");
    expect(pay.变化案例数).toBeGreaterThan(0);
    expect([pay.减少, output(r, "二档支付").增加, output(r, "个人负担").增加]).toEqual([0, 0, 0]);
    expect(yuan(pay.增加最多[0].差额)).toBeLessThanOrEqual(1000);
    expect(yuan(pay.差额)).toBeGreaterThan(0);
    // What the fund pays more, the 二档 fund and the person pay less: 个人负担 = 费用 − the payments.
    expect(yuan(pay.差额) + yuan(output(r, "二档支付").差额) + yuan(output(r, "个人负担").差额)).toBeCloseTo(0, 2);
    // The report's charts: the totals, and a histogram for each output that changed.
    expect(i.charts.totals).toMatch(/^<svg [^>]*><title>各项金额的合计：变化前与变化后<\/title>/);
    expect(Object.keys(i.charts.outputs)).toEqual(i.json.输出.filter((o) => o.变化案例数 > 0).map((o) => o.名称));
    expect(i.charts.outputs.统筹支付).toContain("<title>统筹支付：每个案例的差额分布</title>");
  });

  test("impact on 住院结算: no payment changes; the same seed gives the same sample", async () => {
    const r = await compare(params({ calculator: "住院结算", count: 200 }), repo, go);
    expect(r.impact!.json.都能计算).toBe(200);
    for (const o of r.impact!.json.输出) expect([o.名称, o.变化案例数, o.差额]).toEqual([o.名称, 0, "0.00"]);
    const other = await compare(params({ calculator: "住院结算", count: 200, seed: "另一个" }), repo, go);
    const again = await compare(params({ calculator: "住院结算", count: 200 }), files(), go);
    expect(again.impact!.json.输出).toEqual(r.impact!.json.输出);
    expect(other.impact!.json.输出.find((o) => o.名称 === "统筹支付")!.变化前合计).not.toBe(output(r, "统筹支付").变化前合计);
  });

  test("an edit of the amendment changes the comparison; an error compares the last version that checked", async () => {
    const text = readFileSync(new URL("policies/jiangmen/2018.policy", ROOT), "utf8");
    expect(text).toContain("2500元");
    const raised = await compare(params({ calculator: "特定病种门诊", count: 200 }), files({ [Y2018]: text.replace("2500元", "3000元") }), go);
    const limit = raised.diff!.条目.find((e) => e.对象 === "一档二类月支付限额" && e.项目 === "值")!;
    expect(limit.新?.值).toBe("3000元");
    // Now up to 3000 − 1500 = 1500 元 more a claim, still never less.
    expect(yuan(output(raised, "统筹支付").增加最多[0].差额)).toBeLessThanOrEqual(1500);
    expect(output(raised, "统筹支付").减少).toBe(0);

    await compare(params({ count: 50 }), repo, go);
    const broken = files({ [Y2018]: text.replace("2500元", "2500元元") });
    const r = await compare(params({ count: 50 }), (uri) => (uri === Y2018 ? broken(uri) : repo(uri)), go);
    expect(r.stale).toBe(true);
    expect(r.errors).toBeGreaterThan(0);
    expect(r.diff!.条目.find((e) => e.对象 === "一档二类月支付限额")?.新?.值).toBe("2500元");
  });

  test("a newer request stops the sampling", async () => {
    const r = await compare(params({ calculator: "特定病种门诊", count: 500, seed: "stop" }), repo, () => Promise.resolve(false));
    expect(r).toEqual({ cancelled: true });
  });
});
