// zhengce docs: the handbook's parts that are not the 附件2 table (standard-2018.test.ts).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildHandbook } from "../../packages/compiler/src/report/handbook/build.js";
import type { Block, Handbook, Section } from "../../packages/compiler/src/report/handbook/document.js";
import { legalRange, loadBaseView, loadView } from "../../packages/compiler/src/report/view.js";
import { policy, tempDir, writeTemp, zhengce } from "./helpers.js";

const sections = (list: Section[]): Section[] => list.flatMap((s) => [s, ...sections(s.children)]);
const blocks = (h: Handbook, kind: Block["k"]) => sections(h.sections).flatMap((s) => s.blocks.filter((b) => b.k === kind));

describe("the 江门 base handbook", () => {
  let h: Handbook;
  beforeAll(() => {
    h = buildHandbook(loadView(policy("jiangmen/base.policy")));
  });

  it("marks where each fund payment reaches its cap, found on the calculator itself", () => {
    const charts = blocks(h, "charts").flatMap((b) => (b.k === "charts" ? b.charts : []));
    const chart = (title: string) => charts.find((c) => c.title === title)!;
    // 城乡居民 一级：起付 500，85%，一档年度最高支付限额 20 万：500 + 200000 ÷ 85% = 235794.12 元。
    expect(chart("城乡居民 · 一级及以下").notes).toEqual(["统筹支付在费用约 23.58万 元时达到上限 20万 元"]);
    // 职工在职 一级：统筹封顶后，自付 s = 费用 − 500 − 200000；二档 5000 × 50% + 195000 × 85% = 168250，
    // 其后 90%：(200000 − 168250) ÷ 90% = 35277.78 → s = 235277.78 → 费用 435777.78 元。
    expect(chart("职工在职 · 一级及以下").notes).toEqual([
      "统筹支付在费用约 23.58万 元时达到上限 20万 元",
      "二档支付在费用约 43.58万 元时达到上限 20万 元",
    ]);
    // 城乡居民 × 4 levels, 职工在职 × 4, 职工退休 × 4 for 住院结算.
    expect(charts.filter((c) => c.file.startsWith("1-"))).toHaveLength(12);
    expect(chart("城乡居民 · 一级及以下").svg).toMatch(/^<svg [^>]*role="img"[^>]*><title>城乡居民 · 一级及以下<\/title><desc>/);
  });

  it("states bracket slices in the words of the law", () => {
    const t = sections(h.sections).find((s) => s.title === "住院结算" && s.id.startsWith("standards"))!.blocks.find((b) => b.k === "table" && b.caption?.startsWith("二档住院比例"));
    expect(t?.k === "table" && t.rows.map((r) => r[0].text)).toEqual(["5000元以下（含5000元）", "超过5000元至20万元（含20万元）", "超过20万元"]);
    expect(legalRange({ lower: { text: "100元", inclusive: false }, upper: { text: "5000元", inclusive: true } })).toBe("超过100元至5000元（含5000元）");
    expect(legalRange({ lower: { text: "1万元", inclusive: true }, upper: { text: "12万元", inclusive: false } })).toBe("1万元以上（含1万元）、不满12万元");
    expect(legalRange({ upper: { text: "12个月", inclusive: false } })).toBe("不满12个月");
  });

  it("lists every worked example with the calculator's result and its 计算过程", () => {
    const examples = sections(h.sections).filter((s) => s.id.startsWith("examples-"));
    const titles = examples.flatMap((s) => s.blocks.filter((b) => b.k === "para" && b.strong).map((b) => (b.k === "para" ? b.text : "")));
    expect(titles).toHaveLength(152);
    expect(titles.every((t) => t.includes("（通过，base.policy 第"))).toBe(true);
    const trace = blocks(h, "trace")[0];
    expect(trace.k === "trace" && trace.steps[0]).toEqual({ 说明: "起付标准：起付标准表[医院级别] = 起付标准表[一级及以下] = 500.00元", 依据: "江府办〔2017〕20号 二、（四）1.（1）" });
  });
});

describe("the 2018 handbook: the merged policy, the amended cells marked", () => {
  it("links every marked cell to its entry in 本次修订, and cites the amending clause there", () => {
    const view = loadView(policy("jiangmen/2018.policy"));
    const h = buildHandbook(view, loadBaseView(view));
    const amendment = sections(h.sections).find((s) => s.id === "amendment")!;
    const list = amendment.blocks.find((b) => b.k === "list")!;
    const ids = new Set(list.k === "list" ? list.items.map((i) => i.id) : []);
    const limit = list.k === "list" ? list.items.find((i) => i.text.includes("一档二类月支付限额"))! : undefined;
    expect(limit?.text).toMatch(/^※\d+ \[修改\] 参数「一档二类月支付限额」：1500元 → 2500元；原依据 江府办〔2017〕20号 附表 序号6–8/);
    expect(limit?.cites?.[0]).toEqual({ clause: "鹤人社〔2017〕209号 三、（一）", quote: "其中，二类特定病种一档基金累计支付限额为2500元/月" });
    const marked = blocks(h, "table").flatMap((b) => (b.k === "table" ? b.rows.flat().filter((c) => c.mark) : []));
    expect(marked.map((c) => c.text).sort()).toEqual(["0元", "10个百分点", "10个百分点", "1万元", "2018-01-01 至 2018-12-31", "2500元"].sort());
    for (const c of marked) expect(ids.has(c.mark!.id)).toBe(true);
    // Only this notice's examples (the base's are the base handbook's).
    const titles = sections(h.sections).filter((s) => s.id.startsWith("examples-")).flatMap((s) => s.blocks.filter((b) => b.k === "para" && b.strong));
    expect(titles.every((b) => b.k === "para" && b.text.includes("2018.policy"))).toBe(true);
  });
});

describe("zhengce docs", () => {
  it("writes index.html, index.md and the charts they show", async () => {
    const dir = tempDir();
    const r = await zhengce(["docs", "policies/tonghua/base.policy", "-o", dir]);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toBe(`${join(dir, "index.html")}\n${join(dir, "index.md")}\n`);
    const md = readFileSync(join(dir, "index.md"), "utf8");
    const linked = [...md.matchAll(/!\[[^\]]*\]\(charts\/([^)]+)\)/g)].map((m) => m[1]);
    expect(linked.length).toBeGreaterThan(0);
    expect(readdirSync(join(dir, "charts")).sort()).toEqual([...linked].sort());
    const html = readFileSync(join(dir, "index.html"), "utf8");
    expect(html).not.toMatch(/<script|<link|src="http/);
    expect(html.match(/<svg /g)).toHaveLength(linked.length);
  });

  it("refuses a policy with errors (exit 1) and writes nothing; needs -o (exit 2)", async () => {
    const dir = tempDir();
    const bad = writeTemp(dir, "bad.policy", "参数 甲 = 乙\n");
    const r = await zhengce(["docs", bad, "-o", join(dir, "out")]);
    expect(r.code).toBe(1);
    expect(existsSync(join(dir, "out"))).toBe(false);
    expect(await zhengce(["docs", "policies/tonghua/base.policy"])).toMatchObject({ code: 2, err: "错误[C002]：docs 需要 -o <目录>\n" });
  });
});
