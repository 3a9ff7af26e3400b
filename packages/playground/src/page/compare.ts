// The 对比 tab: the open policy against its base — what changed (`zhengce diff`: every value,
// row, slice, modifier and rule that differs, both values, both clauses, each place a link into
// the editor) and what it does (`zhengce impact` on a seeded sample: per output the cases
// changed and the totals before and after, with the report's charts). The worker computes both;
// this draws them, and asks again whenever either policy changes.
import type * as lsp from "vscode-languageserver-protocol";
import * as P from "../protocol.js";
import { debounce, h } from "./dom.js";

export interface CompareDeps {
  request<R>(method: string, params: unknown): Promise<R>;
  reveal(location: { uri: string; range: lsp.Range }): void;
}

/** What a share link keeps of the tab. */
export interface CompareState {
  calculator?: string;
  seed: string;
  count: number;
}

const COUNTS = [200, 1000, 5000];

/** "-3546075.21" → "−3,546,075.21": the worker's exact text, grouped for reading. */
function money(text: string): string {
  const [whole, frac] = text.replace(/^-/, "").split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const sign = text.startsWith("-") ? "−" : "";
  return `${sign}${grouped}${frac === undefined ? "" : `.${frac}`}`;
}

const signed = (text: string) => (/^-/.test(text) || /^0(\.0+)?$/.test(text) ? money(text) : `+${money(text)}`);
const count = (n: number) => n.toLocaleString("en-US");

/** An SVG chart of the report, shown as an image: it is drawn, never run. */
function chart(svg: string, alt: string): HTMLElement {
  return h("img", { class: "report-chart", alt, src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` });
}

export class ComparePanel {
  private settings: CompareState = { seed: "1", count: 1000 };
  private generation = 0;
  private last?: { uri: string; open: string[]; preferred?: string };

  private readonly head = h("div", { class: "compare-head" });
  private readonly notice = h("p", { class: "notice", role: "status" });
  private readonly diff = h("section", { class: "diff", "aria-label": "条文对比" });
  // The impact's controls outlive each answer (a result landing while the user types a seed must
  // not rebuild the box under them); only `impactBody` is replaced.
  private readonly calculatorSelect = h("select", { "aria-label": "影响估算的计算", onchange: () => this.set({ calculator: this.calculatorSelect.value }) });
  private readonly countSelect = h(
    "select",
    { "aria-label": "案例数", onchange: () => this.set({ count: Number(this.countSelect.value) }) },
    COUNTS.map((n) => h("option", { value: String(n) }, count(n))),
  );
  private readonly seedInput = h("input", {
    type: "text",
    "aria-label": "种子",
    size: 8,
    onchange: () => this.set({ seed: this.seedInput.value.trim() || "1" }),
  });
  private readonly impactBody = h("div", { class: "impact-body" });
  private readonly impact = h(
    "section",
    { class: "impact", "aria-label": "影响估算" },
    h("h3", {}, "影响估算"),
    h("div", { class: "chart-controls" }, h("label", {}, "计算 ", this.calculatorSelect), h("label", {}, "案例 ", this.countSelect, " 例"), h("label", {}, "种子 ", this.seedInput)),
    this.impactBody,
  );

  constructor(
    readonly root: HTMLElement,
    private readonly deps: CompareDeps,
  ) {
    root.replaceChildren(this.head, this.notice, this.diff, this.impact);
    this.impact.hidden = true;
    this.showSettings();
  }

  state(): CompareState {
    return { ...this.settings };
  }

  restore(s: CompareState) {
    this.settings = { seed: String(s.seed || "1"), count: Number(s.count) || 1000, ...(s.calculator ? { calculator: s.calculator } : {}) };
    this.showSettings();
  }

  private showSettings() {
    const focused = document.activeElement;
    if (focused !== this.countSelect) this.countSelect.value = String(this.settings.count);
    if (focused !== this.seedInput) this.seedInput.value = this.settings.seed;
  }

  private set(patch: Partial<CompareState>) {
    this.settings = { ...this.settings, ...patch };
    if (this.last) void this.compare(this.last.uri, this.last.open, this.last.preferred);
  }

  /**
   * Either policy changed, or the tab was shown: compare again, a moment after the typing stops.
   * `preferred`: the calculator the 运行 tab shows, until one is picked here.
   */
  readonly refresh = debounce(250, (uri: string, open: string[], preferred?: string) => void this.compare(uri, open, preferred));

  private async compare(uri: string, open: string[], preferred?: string) {
    this.last = { uri, open, preferred };
    const generation = ++this.generation;
    this.root.classList.add("busy");
    this.root.setAttribute("aria-busy", "true");
    const calculator = this.settings.calculator ?? preferred;
    const params: P.CompareParams = { uri, open, seed: this.settings.seed, count: this.settings.count, ...(calculator ? { calculator } : {}) };
    let r: P.CompareResult;
    try {
      r = await this.deps.request<P.CompareResult>(P.COMPARE, params);
    } catch (e) {
      r = { notice: `无法对比：${(e as Error).message}` };
    }
    if (generation !== this.generation || r.cancelled) return;
    this.root.classList.remove("busy");
    this.root.removeAttribute("aria-busy");
    this.render(r);
  }

  private render(r: P.CompareResult) {
    this.notice.textContent = r.notice ?? (r.stale ? `政策有 ${r.errors} 个错误：下面对比的是上一次通过检查的版本。` : "");
    if (!r.old || !r.new || !r.diff) {
      this.head.replaceChildren();
      this.diff.replaceChildren();
      this.impact.hidden = true;
      return;
    }
    const policy = (label: string, s: P.CompareSide) => h("div", {}, h("span", { class: "side-label" }, label), ` ${s.file} — ${s.name}${s.docNumber ? `（${s.docNumber}）` : ""}`);
    this.head.replaceChildren(policy("旧", r.old), policy("新", r.new));
    this.renderDiff(r.diff, r.summary ?? "", [r.old, r.new]);
    this.impact.hidden = false;
    this.calculatorSelect.replaceChildren(...(r.calculators ?? []).map((c) => h("option", { value: c }, c)));
    if (r.impact) this.calculatorSelect.value = r.impact.calculator;
    this.showSettings();
    this.impactBody.replaceChildren(...(r.impact ? this.renderImpact(r.impact) : [h("p", { class: "notice" }, r.impactError ?? "")]));
  }

  // ── the diff ──

  private renderDiff(d: P.DiffJson, summary: string, sides: [P.CompareSide, P.CompareSide]) {
    type Entry = P.DiffJson["条目"][number];
    const groups = (entries: Entry[]) => {
      const out = new Map<string, Entry[]>();
      for (const e of entries) {
        const title = e.类别 === "政策" ? "政策" : `${e.类别}「${e.对象}」`;
        out.set(title, [...(out.get(title) ?? []), e]);
      }
      return [...out];
    };
    const table = ([title, entries]: [string, Entry[]]) =>
      h(
        "table",
        { class: "diff-table" },
        h("caption", {}, title),
        h("thead", {}, h("tr", {}, h("th", {}, "项目"), h("th", {}, "变化"), h("th", {}, "旧"), h("th", {}, "新"))),
        h(
          "tbody",
          {},
          entries.map((e) =>
            h(
              "tr",
              { "data-item": e.项目, "data-kind": e.变化 },
              h("td", {}, e.项目),
              h("td", {}, h("span", { class: `kind kind-${e.变化}` }, e.变化)),
              h("td", { class: "old" }, this.side(e.旧, sides)),
              h("td", { class: "new" }, this.side(e.新, [sides[1], sides[0]])),
            ),
          ),
        ),
      );
    const changes = groups(d.条目.filter((e) => e.变化 !== "重述"));
    const restated = groups(d.条目.filter((e) => e.变化 === "重述"));
    this.diff.replaceChildren(
      h("h3", {}, "条文对比"),
      h("p", { class: "diff-summary" }, summary),
      ...changes.map(table),
      restated.length ? h("details", { class: "restated" }, h("summary", {}, `重述：数值不变，改用新的依据（${d.统计.重述} 处）`), ...restated.map(table)) : "",
    );
  }

  /** One side of an entry: the value, its place (a link into the editor) and its clauses. */
  private side(s: P.DiffJson["条目"][number]["旧"], lookIn: P.CompareSide[]): Node[] {
    if (!s) return [h("span", { class: "notice" }, "（无）")];
    const m = /^(.*):(\d+)$/.exec(s.位置);
    const file = m && lookIn.find((x) => x.file === m[1]);
    const place = file
      ? h(
          "button",
          {
            type: "button",
            class: "place",
            title: "在编辑器中显示",
            onclick: () => {
              const at = { line: Number(m![2]) - 1, character: 0 };
              this.deps.reveal({ uri: file.uri, range: { start: at, end: at } });
            },
          },
          s.位置,
        )
      : h("span", { class: "place" }, s.位置);
    return [
      h("div", { class: "diff-value" }, s.值),
      place,
      ...s.依据.map((c) => h("cite", { class: "step-cite" }, `依据 ${c.条款}${c.原文 ? `「${c.原文}」` : ""}`)),
    ];
  }

  // ── the impact ──

  private renderImpact(i: P.CompareImpact): Node[] {
    const j = i.json;
    const out: Node[] = [];
    out.push(
      h("p", { class: "impact-population" }, `从新政策抽样 ${count(i.count)} 例（种子 ${i.seed}，日期 ${i.window.from} 至 ${i.window.to}），两份政策都能计算的 ${count(j.都能计算)} 例。`),
    );
    if (j.仅旧政策能计算 || j.仅新政策能计算 || j.都不能计算) {
      out.push(
        h(
          "p",
          { class: "notice" },
          `只有旧政策能计算 ${count(j.仅旧政策能计算)} 例，只有新政策能计算 ${count(j.仅新政策能计算)} 例，都不能计算 ${count(j.都不能计算)} 例（不计入合计）`,
          j.不能计算的原因[0] ? `，例如${j.不能计算的原因[0].政策 === "两者" ? "两份都" : `${j.不能计算的原因[0].政策}政策`}：${j.不能计算的原因[0].原因}` : "",
          "。",
        ),
      );
    }
    const num = (text: string, cls = "") => h("td", { class: `num ${cls}`.trim() }, text);
    const diffClass = (text: string) => (/^-/.test(text) ? "down" : /^0(\.0+)?$/.test(text) ? "" : "up");
    out.push(
      h(
        "table",
        { class: "impact-table", "data-calculator": j.计算 },
        h("thead", {}, h("tr", {}, ["输出", "变化案例", "增加", "减少", "变化前合计（元）", "变化后合计（元）", "差额（元）"].map((t) => h("th", {}, t)))),
        h(
          "tbody",
          {},
          j.输出.map((o) =>
            h(
              "tr",
              { "data-output": o.名称 },
              h("th", {}, o.名称),
              num(count(o.变化案例数)),
              num(count(o.增加)),
              num(count(o.减少)),
              num(money(o.变化前合计)),
              num(money(o.变化后合计)),
              h("td", { class: `num diff ${diffClass(o.差额)}`.trim(), "data-value": o.差额 }, signed(o.差额)),
            ),
          ),
        ),
      ),
    );
    if (!j.输出.some((o) => o.变化案例数 > 0)) out.push(h("p", { class: "notice" }, "抽样中没有任何案例的金额发生变化。"));
    out.push(chart(i.charts.totals, "各项金额的合计：变化前与变化后"));
    for (const o of j.输出) {
      const svg = i.charts.outputs[o.名称];
      if (!svg) continue;
      const extremes = (title: string, list: P.ImpactJson["输出"][number]["增加最多"]) =>
        list.length
          ? h(
              "details",
              { class: "extremes" },
              h("summary", {}, title),
              h("ol", {}, list.slice(0, 3).map((x) => h("li", {}, `${signed(x.差额)} 元（${money(x.变化前)} → ${money(x.变化后)}）`, h("code", {}, JSON.stringify(x.输入))))),
            )
          : "";
      out.push(
        h(
          "section",
          { class: "output-impact", "data-output": o.名称 },
          h("h4", {}, `${o.名称}：${count(o.变化案例数)} 例变化，差额 ${signed(o.差额)} 元`),
          chart(svg, `${o.名称}：每个案例的差额分布：${o.差额分布.map((b) => `${b.区间} ${b.案例数} 例`).join("，")}`),
          extremes("增加最多的案例", o.增加最多),
          extremes("减少最多的案例", o.减少最多),
        ),
      );
    }
    return out;
  }
}
