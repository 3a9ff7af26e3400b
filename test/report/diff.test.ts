// zhengce diff: what a notice changed, with both values and both citations.
import { describe, expect, it } from "vitest";
import { policy, tempDir, writeTemp, zhengce } from "./helpers.js";

type Entry = { 类别: string; 对象: string; 项目: string; 变化: string; 旧: { 值: string; 依据: { 条款: string; 原文?: string }[]; 位置: string } | null; 新: Entry["旧"] };
const rows = (entries: Entry[]) => entries.map((e) => [e.类别, e.对象, e.项目, e.变化, e.旧?.值 ?? null, e.新?.值 ?? null]);

describe("zhengce diff base.policy 2018.policy", () => {
  it("lists exactly what 鹤人社〔2017〕209号 changed: the 二类 limit, the year it covers, and the clauses it restates", async () => {
    const r = await zhengce(["diff", "policies/jiangmen/base.policy", "policies/jiangmen/2018.policy", "--format", "json"]);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out) as { 条目: Entry[]; 统计: Record<string, number> };
    // From the notice: 三、（一）「二类特定病种一档基金累计支付限额为2500元/月」(江府办〔2017〕20号 附表: 1500 元/月);
    // 「在2018年1月1日至12月31日社保年度内」; 附件2 restates 起赔标准 1万元 (the base set it for 2017 only), its
    // 下降70% / 下降80% for 低保、建档立卡 / 特困供养, and the 特困供养人员 rules (零起付, 一级 +10, 特定病种 +10).
    expect(rows(d.条目)).toEqual([
      ["政策", "2018年江门市城乡居民基本医疗保险一档待遇标准", "名称", "修改", "江门市基本医疗保险城乡一体化改革方案", "2018年江门市城乡居民基本医疗保险一档待遇标准"],
      ["政策", "2018年江门市城乡居民基本医疗保险一档待遇标准", "文号", "修改", "江府办〔2017〕20号", "鹤人社〔2017〕209号"],
      ["政策", "2018年江门市城乡居民基本医疗保险一档待遇标准", "机关", "修改", "江门市人民政府办公室", "鹤山市人力资源和社会保障局"],
      ["政策", "2018年江门市城乡居民基本医疗保险一档待遇标准", "发布", "修改", "2017-05-11", "2017-11-13"],
      ["政策", "2018年江门市城乡居民基本医疗保险一档待遇标准", "有效期", "修改", "未规定", "2018-01-01 至 2018-12-31"],
      ["政策", "2018年江门市城乡居民基本医疗保险一档待遇标准", "基于", "修改", "未规定", "base.policy"],
      ["参数", "特困供养起付标准", "值", "重述", "0元", "0元"],
      ["参数", "特困供养住院加点", "值", "重述", "10个百分点", "10个百分点"],
      ["参数", "大病起赔标准", "值", "重述", "1万元", "1万元"],
      ["参数", "大病起赔标准", "修正「当 特殊人群 包含 特困供养」", "重述", "乘以 20%", "乘以 20%"],
      ["参数", "大病起赔标准", "修正「否则当 特殊人群 包含 低保 或 特殊人群 包含 建档立卡」", "重述", "乘以 30%", "乘以 30%"],
      ["参数", "一档二类月支付限额", "值", "修改", "1500元", "2500元"],
      ["参数", "特困供养特定病种加点", "值", "重述", "10个百分点", "10个百分点"],
    ]);
    expect(d.统计).toEqual({ 修改: 7, 新增: 0, 删除: 0, 重述: 6 });
    const limit = d.条目.find((e) => e.对象 === "一档二类月支付限额")!;
    expect(limit.旧!.依据.map((c) => c.条款)).toEqual(["江府办〔2017〕20号 附表 序号6–8 一档基金累计支付限额"]);
    expect(limit.新!.依据).toEqual([
      { 条款: "鹤人社〔2017〕209号 三、（一）", 原文: "其中，二类特定病种一档基金累计支付限额为2500元/月" },
      { 条款: "鹤人社〔2017〕209号 附件2 三、序号6–8", 原文: "二类……2500元/月" },
    ]);
    expect(limit.旧!.位置).toMatch(/^base\.policy:\d+$/);
    expect(limit.新!.位置).toMatch(/^2018\.policy:\d+$/);
  });

  it("prints the same as text, value changes before restatements", async () => {
    const r = await zhengce(["diff", "policies/jiangmen/base.policy", "policies/jiangmen/2018.policy"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("共 13 处不同：修改 7 处，新增 0 处，删除 0 处，重述 6 处（数值不变、依据更新）。");
    expect(r.out).toMatch(/参数「一档二类月支付限额」\n {2}\[修改\] 值\n {4}旧 {2}1500元 {4}base\.policy:\d+\n {10}依据 江府办〔2017〕20号 附表 序号6–8/);
    expect(r.out.indexOf("一档二类月支付限额")).toBeLessThan(r.out.indexOf("── 重述"));
    expect(r.out.indexOf("── 重述")).toBeLessThan(r.out.indexOf("参数「大病起赔标准」"));
  });

  it("writes an HTML page with one table per declaration", async () => {
    const dir = tempDir();
    const r = await zhengce(["diff", "policies/jiangmen/base.policy", "policies/jiangmen/2018.policy", "-o", `${dir}/diff.html`]);
    expect(r.code).toBe(0);
    const { readFileSync } = await import("node:fs");
    const html = readFileSync(`${dir}/diff.html`, "utf8");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("<caption>参数「一档二类月支付限额」</caption>");
    expect(html).toContain("<q>其中，二类特定病种一档基金累计支付限额为2500元/月</q>");
    expect(html).not.toMatch(/<script|https?:\/\//);
  });
});

describe("zhengce diff on every kind of change", () => {
  // An amendment written for this test: one table cell, a bracket's bounds and rate, a time
  // version, a modifier's action and the validity change; everything else is restated as is.
  const amendment = (base: string) => `政策 「测试修订」{
  文号 「测试〔2099〕1号」
  基于 「${base}」
  有效期 2019-01-01 至 2019-12-31
}

参数 起付标准表：金额 按 医院级别 {
  一级及以下：500元
  二级：700元
  三级：900元
  非定点：1500元
  依据 一、
}

分段 二档住院比例（累进）{
  5000元（含）以内：50%
  超过 5000元 至 30万元（含）：85%
  超过 30万元：95%
  依据 二、
  当 医院级别 = 非定点：降低 10个百分点
    依据 二、
  当 非 按规定备案：乘以 50%
    依据 二、
}

参数 二档单位费率：比例 {
  2017-07-01 至 2017-12-31：3.0%
  2018-01-01 至 2018-12-31：2.8%
  2019-01-01 起：2.4%
  依据 三、
}

参数 住院统筹比例：比例 = 住院支付比例表[医院级别]
  依据 四、
  当 参保身份 = 职工退休：提高 6个百分点
    依据 四、
  当 特殊人群 包含 特困供养 且 医院级别 = 一级及以下：提高 特困供养住院加点
    依据 四、
  当 非 按规定备案：乘以 50%
    依据 四、
`;

  it("names the table cell, the bracket's slices, the time version and the modifier that changed", async () => {
    const file = writeTemp(tempDir(), "amend.policy", amendment(policy("jiangmen/base.policy")));
    const r = await zhengce(["diff", "policies/jiangmen/base.policy", file, "--format", "json"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out) as { 条目: Entry[] };
    expect(rows(d.条目.filter((e) => e.变化 !== "重述"))).toEqual([
      ["政策", "测试修订", "名称", "修改", "江门市基本医疗保险城乡一体化改革方案", "测试修订"],
      ["政策", "测试修订", "文号", "修改", "江府办〔2017〕20号", "测试〔2099〕1号"],
      ["政策", "测试修订", "有效期", "修改", "未规定", "2019-01-01 至 2019-12-31"],
      ["政策", "测试修订", "基于", "修改", "未规定", policy("jiangmen/base.policy")],
      ["参数", "起付标准表", "二级", "修改", "600元", "700元"],
      ["参数", "住院统筹比例", "修正「当 参保身份 = 职工退休」", "修改", "提高 5个百分点", "提高 6个百分点"],
      ["参数", "二档单位费率", "2019-01-01 起", "修改", "2.5%", "2.4%"],
      ["分段", "二档住院比例", "第2段 范围", "修改", "超过5000元至20万元（含20万元）", "超过5000元至30万元（含30万元）"],
      ["分段", "二档住院比例", "第3段 范围", "修改", "超过20万元", "超过30万元"],
      ["分段", "二档住院比例", "第3段 比例", "修改", "90%", "95%"],
    ]);
    // The unchanged modifiers restated under the amendment's own clauses.
    expect(rows(d.条目.filter((e) => e.变化 === "重述")).map((r) => `${r[1]} ${r[2]}`)).toEqual([
      "住院统筹比例 修正「当 特殊人群 包含 特困供养 且 医院级别 = 一级及以下」",
      "住院统筹比例 修正「当 非 按规定备案」",
      "二档住院比例 修正「当 医院级别 = 非定点」",
      "二档住院比例 修正「当 非 按规定备案」",
    ]);
  });

  it("reports nothing between a policy and itself", async () => {
    const r = await zhengce(["diff", "policies/tonghua/base.policy", "policies/tonghua/base.policy"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("两份政策的参数、分段、修正、计算和有效期完全相同。");
  });

  it("lists declarations one policy has and the other lacks as 新增 and 删除", async () => {
    const r = await zhengce(["diff", "policies/tonghua/base.policy", "policies/jiangmen/poverty.policy", "--format", "json"]);
    const d = JSON.parse(r.out) as { 条目: Entry[] };
    expect(d.条目.some((e) => e.变化 === "新增" && e.类别 === "计算" && e.对象 === "精准扶贫结算" && e.项目 === "全部")).toBe(true);
    expect(d.条目.some((e) => e.变化 === "删除" && e.类别 === "计算" && e.对象 === "居民住院结算")).toBe(true);
  });

  it("fails with the policy's errors (exit 1), a missing file or bad usage (exit 2)", async () => {
    const bad = writeTemp(tempDir(), "bad.policy", "参数 甲 = 乙\n");
    const r = await zhengce(["diff", "policies/tonghua/base.policy", bad]);
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/bad\.policy:1:\d+: 错误 E\d+/);
    expect(r.err).toContain("有 1 个错误");
    const missing = await zhengce(["diff", "policies/tonghua/base.policy", "nope.policy"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe("错误[C010]：找不到政策文件「nope.policy」\n");
    const usage = await zhengce(["diff", "policies/tonghua/base.policy"]);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain("diff 需要参数 <旧政策文件> <新政策文件>");
    const format = await zhengce(["diff", "policies/tonghua/base.policy", "policies/tonghua/base.policy", "--format", "xml"]);
    expect(format.code).toBe(2);
    expect(format.err).toBe("错误[C002]：不支持的格式「xml」，可用：text、json、html\n");
  });
});
