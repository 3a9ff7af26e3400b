// The source notice is part of the policy: each seed policy names its notice (`原文`), a copy of
// the seed document beside it, and every 依据 is checked against the notice's own numbering.
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { analyze, citationsOf, parseNotice, resolveReference, type AnalyzeHost } from "@zhengce/dsl";

const root = fileURLToPath(new URL("../../", import.meta.url));
const path = (p: string) => resolve(root, p);
const host: AnalyzeHost = {
  readFile: (u) => (existsSync(u) ? readFileSync(u, "utf8") : undefined),
  resolve: (from, rel) => resolve(dirname(from), rel),
};

const SEEDS = {
  "policies/jiangmen/base.policy": "policies/jiangmen/jiangmen-2017-20-urban-rural-integration.txt",
  "policies/jiangmen/poverty.policy": "policies/jiangmen/jiangmen-2018-567-poverty-alleviation.txt",
  "policies/jiangmen/2018.policy": "policies/heshan/heshan-2017-209-enrollment-2018-benefits.txt",
  "policies/heshan/base.policy": "policies/heshan/heshan-2017-209-enrollment-2018-benefits.txt",
  "policies/tonghua/base.policy": "policies/tonghua/tonghua-2020-3-city-level-pooling.txt",
};
const NOTICE_CODES = ["W200", "W201", "W202", "W203", "W204"];
const notice = (p: string) => parseNotice(readFileSync(path(p), "utf8"));

describe("every seed policy checks against its seed document", () => {
  for (const [policy, source] of Object.entries(SEEDS)) {
    it(`${policy} ← ${source}`, () => {
      const a = analyze(readFileSync(path(policy), "utf8"), path(policy), host);
      expect(a.source?.uri).toBe(path(source));
      expect(a.diagnostics.filter((d) => NOTICE_CODES.includes(d.code)).map((d) => `${d.range.start.line + 1} ${d.code} ${d.message}`)).toEqual([]);
      // Every citation (of this file) names a clause the notice has.
      const cited = citationsOf(a.ast);
      expect(cited.length).toBeGreaterThan(5);
      for (const c of cited) expect(resolveReference(a.source!.doc, c.clause).ok, c.clause).toBe(true);
    });
  }

  it("the copies beside the policies are the seed documents", () => {
    const seeds = path("../shared/seeds");
    const wt = path("../../shared/seeds");
    const dir = existsSync(seeds) ? seeds : existsSync(wt) ? wt : undefined;
    if (!dir) return;
    for (const copy of [...new Set(Object.values(SEEDS)), "test/fixtures/jiangmen-2017-20-traditional-chinese-copy.txt"]) {
      const name = copy.split("/").pop()!;
      expect(readFileSync(path(copy), "utf8"), name).toBe(readFileSync(resolve(dir, name), "utf8"));
    }
  });
});

describe("the numbering of the seed documents", () => {
  const jiangmen = notice(SEEDS["policies/jiangmen/base.policy"]);
  const heshan = notice(SEEDS["policies/heshan/base.policy"]);
  const tonghua = notice(SEEDS["policies/tonghua/base.policy"]);
  const poverty = notice(SEEDS["policies/jiangmen/poverty.policy"]);
  const line = (doc: typeof jiangmen, ref: string) => {
    const r = resolveReference(doc, ref);
    return r.ok ? r.lines[0][0] + 1 : r;
  };

  it("一、（一）1.（1） with half- and full-width brackets, and 附表 with its 说明", () => {
    expect(line(jiangmen, "二、（四）1.（1）")).toBe(158);
    expect(line(jiangmen, "二、(四)1.(3)")).toBe(174);
    // `(一) 实现城乡一体` is written with half-width brackets in the notice.
    expect(line(jiangmen, "二、（一）")).toBe(37);
    expect(line(jiangmen, "四、（四）7.")).toBe(280);
    expect(line(jiangmen, "附表")).toBe(282);
    expect(line(jiangmen, "附表 说明8")).toBe(329);
    // Table rows 9–12 of 附表 (the 三类 diseases), with the table's two heading rows before them.
    const rows = resolveReference(jiangmen, "附表 序号9–12");
    expect(rows.ok && rows.lines.map(([a]) => a + 1)).toEqual([288, 298, 299, 300, 301]);
  });

  it("鹤山: 1、 items, an attachment named only by the title the notice lists, its tables' notes", () => {
    expect(line(heshan, "四、（四）1.")).toBe(111);
    expect(line(heshan, "附件1")).toBe(175);
    expect(line(heshan, "附件2")).toBe(196);
    expect(line(heshan, "附件2 三、4.")).toBe(253);
    // A heading inside a table cell, then the item numbered inside that cell.
    const r = resolveReference(heshan, "附件2 一、大病医疗保险 基金支付相关规定1.");
    expect(r.ok && r.lines).toEqual([[210, 211]]);
  });

  it("通化: ① under （1）; ②③ names two of them", () => {
    expect(line(tonghua, "二、（三）1.（1）③")).toBe(104);
    const r = resolveReference(tonghua, "二、（三）2.（1）②③");
    expect(r.ok && r.clauses.map((c) => c.ref)).toEqual(["二、（三）2.（1）②", "二、（三）2.（1）③"]);
  });

  it("精准扶贫: 十、 and `附件 1`", () => {
    expect(line(poverty, "十、")).toBe(185);
    expect(line(poverty, "附件1")).toBe(189);
  });

  it("the traditional copy has the same clauses as the simplified notice (without its 附表)", () => {
    const trad = notice("test/fixtures/jiangmen-2017-20-traditional-chinese-copy.txt");
    expect(trad.clauses.map((c) => c.ref)).toEqual(jiangmen.clauses.filter((c) => !c.ref.startsWith("附表")).map((c) => c.ref));
  });

  it("the header of each notice: 文号, issuer, date, title", () => {
    expect(jiangmen.meta).toEqual({ docNumber: "江府办〔2017〕20号", issuer: "江门市人民政府办公室", date: "2017-05-11", title: "江门市基本医疗保险城乡一体化改革方案" });
    expect(poverty.meta.issuer).toBe("江门市人力资源和社会保障局、江门市扶贫开发领导小组办公室、江门市财政局、江门市民政局、江门市卫生和计划生育局");
    expect(poverty.meta.date).toBe("2018-12-29");
    expect(tonghua.meta).toEqual({ docNumber: "通市政发〔2020〕3号", issuer: "通化市人民政府", date: "2020-05-29", title: "通化市全面推进医疗保障市级统筹实施方案" });
  });
});

describe("misquotes and wrong clauses", () => {
  const NOTICE = path(SEEDS["policies/jiangmen/base.policy"]);
  const policy = (body: string, header = `原文 「${NOTICE}」`) => `政策 甲 {\n  文号 「江府办〔2017〕20号」\n  ${header}\n}\n${body}`;
  const check = (text: string) =>
    analyze(text, path("policies/jiangmen/misquote.policy"), host)
      .diagnostics.filter((d) => NOTICE_CODES.includes(d.code))
      .map((d) => `${d.range.start.line + 1} ${d.code} ${d.message}`);

  it("quotes compare across script, width and whitespace, and …… elides", () => {
    const text = policy(
      [
        "参数 起付：金额 = 500元",
        // Traditional script, full-width digits, no spaces where the notice has them.
        "  依据 二、（四）1.（1）「起付標準分別為一級及以下定點醫療機構５００元」",
        "参数 限额：金额 = 20万元",
        "  依据 二、(四)1.(1)「基金对一档参保人……累计最高支付限额为 20 万元。」",
        "参数 乙：金额 = 180元",
        "  依据 江府办〔2017〕20号 二、（四）1.（3）「基金支付比例为70%」",
      ].join("\n"),
    );
    expect(check(text)).toEqual([]);
  });

  it("a wrong clause, a quote from another clause, a misquote, a missing row, an unreadable notice", () => {
    const text = policy(
      [
        "参数 甲一：金额 = 500元",
        "  依据 二、（九）「起付标准分别为一级及以下定点医疗机构 500 元」",
        "参数 甲二：金额 = 500元",
        "  依据 二、（四）1.（3）「起付标准分别为一级及以下定点医疗机构 500 元」",
        "参数 甲三：金额 = 20万元",
        "  依据 二、（四）1.（1）「基金对一档参保人在基本医疗保险年度内累计最高支付限额为 30 万元」",
        "参数 甲四：金额 = 240元",
        "  依据 附表 序号29「240 元/月」",
        "参数 甲五：金额 = 240元",
        "  依据 二、（四）9.",
      ].join("\n"),
    );
    expect(check(text)).toEqual([
      "6 W201 原文中没有条款「二、（九）」；引文出现在「二、（四）1.（1）」",
      "8 W202 引文不在「二、（四）1.（3）」中，而在「二、（四）1.（1）」",
      "10 W203 引文在原文「二、（四）1.（1）」中找不到：「基金对一档参保人在基本医疗保险年…」，从「计最高支付限额为」之后与原文不同",
      "12 W204 原文「附表」中没有「序号29」；引文出现在「附表」",
      "14 W201 原文中没有条款「二、（四）9.」",
    ]);
    expect(check(policy("", "原文 「没有这个文件.txt」"))).toEqual(["3 W200 读不到原文「没有这个文件.txt」，依据未核对"]);
  });

  it("行政性 marks name clauses the notice has", () => {
    expect(check(policy("", `原文 「${NOTICE}」\n  行政性 二、（六）「经办管理」\n  行政性 二、（七）「没有这一条」`))).toEqual([
      "5 W201 原文中没有条款「二、（七）」",
    ]);
  });
});
