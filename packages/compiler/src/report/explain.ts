// `zhengce explain`: a calculation's 计算过程 for people — in a terminal (aligned columns,
// colour only on a terminal), as Markdown, or as a self-contained web page a citizen could be
// handed. It renders the typed steps the runtime's trace produced; it computes nothing itself.
import { stepLabel, type TraceStep } from "@zhengce/runtime";
import { esc, page } from "./html.js";

export interface ExplainedCase {
  input: Record<string, unknown>;
  outputs: [string, unknown][];
  steps: TraceStep[];
}

export interface Explanation {
  policy: string;
  docNumber?: string;
  calculator: string;
  /** One case, or one person's claims in date order. */
  cases: ExplainedCase[];
}

/** A calculator's result (or a sequence's results) and its input, taken apart for rendering. */
export function explanation(policy: string, docNumber: string | undefined, calculator: string, input: unknown, result: unknown): Explanation {
  const inputs = (Array.isArray(input) ? input : [input]) as Record<string, unknown>[];
  const results = (Array.isArray(result) ? result : [result]) as Record<string, unknown>[];
  return {
    policy,
    docNumber,
    calculator,
    cases: results.map((r, i) => {
      const { 计算过程, ...outputs } = r;
      return { input: inputs[i] ?? {}, outputs: Object.entries(outputs), steps: 计算过程 as TraceStep[] };
    }),
  };
}

interface Row {
  n: number;
  item: string;
  detail: boolean;
  value: string;
  text: string;
  cite: string;
  quote?: string;
  /** A cap or floor decided the value. */
  limited: boolean;
}

function rows(steps: readonly TraceStep[]): Row[] {
  return steps.map((s, i) => ({
    n: i + 1,
    item: stepLabel(s).label,
    detail: stepLabel(s).detail,
    value: s.值 ?? "",
    text: s.说明,
    cite: s.依据,
    quote: s.原文,
    limited: (s.kind === "min" || s.kind === "max") && s.限额生效,
  }));
}

const shown = (v: unknown, name?: string): string => {
  if (v === null || v === undefined) return "无";
  if (typeof v === "boolean") return v ? "是" : "否";
  if (Array.isArray(v)) return v.length ? v.map((x) => shown(x)).join("、") : "（无）";
  if (typeof v === "object") return Object.entries(v).map(([k, x]) => `${k} ${shown(x, k)}`).join("，");
  const s = String(v);
  return name !== undefined && /^-?\d+\.\d{2}$/.test(s) ? `${s}元` : s;
};

const heading = (e: Explanation) => `${e.calculator}——${e.policy}${e.docNumber ? `（${e.docNumber}）` : ""}`;
const caseTitle = (e: Explanation, i: number) => (e.cases.length > 1 ? `第${i + 1}项` : "");

// ───────────── terminal ─────────────

/** Columns a string takes in a terminal: East Asian wide and full-width characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += c >= 0x1100 && (c <= 0x115f || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000) ? 2 : 1;
  }
  return w;
}

const padEnd = (s: string, w: number) => s + " ".repeat(Math.max(0, w - displayWidth(s)));
const padStart = (s: string, w: number) => " ".repeat(Math.max(0, w - displayWidth(s))) + s;

export function explanationText(e: Explanation, colour: boolean): string {
  const paint = (code: string) => (s: string) => (colour && s ? `\x1b[${code}m${s}\x1b[0m` : s);
  const bold = paint("1");
  const dim = paint("2");
  const value = paint("36");
  const warn = paint("33");
  const out: string[] = [bold(heading(e)), ""];
  e.cases.forEach((c, i) => {
    if (caseTitle(e, i)) out.push(bold(`【${caseTitle(e, i)}】`), "");
    const fields = Object.entries(c.input);
    const nameW = Math.max(4, ...fields.map(([k]) => displayWidth(k)), ...c.outputs.map(([k]) => displayWidth(k)));
    out.push(bold("输入"));
    for (const [k, v] of fields) out.push(`  ${padEnd(k, nameW)}  ${shown(v, k)}`);
    out.push("", bold("计算过程"));
    const rs = rows(c.steps);
    const numW = String(rs.length).length;
    const itemW = Math.min(18, Math.max(...rs.map((r) => displayWidth(r.item) + (r.detail ? 2 : 0))));
    const valueW = Math.min(16, Math.max(...rs.map((r) => displayWidth(r.value))));
    const indent = " ".repeat(2 + numW + 2 + itemW + 2 + valueW + 2);
    let previous = "";
    for (const r of rs) {
      const item = r.detail ? `  ${r.item}` : r.item;
      const head = `  ${padStart(String(r.n), numW)}  ${padEnd(item, itemW)}  ${value(padStart(r.value, valueW))}  `;
      out.push(`${r.detail ? dim(head) : head}${r.limited ? warn(r.text) : r.text}`);
      // A bracket's slices share one clause: its quote is printed once.
      const source = `依据 ${r.cite}${r.quote ? `「${r.quote}」` : ""}`;
      out.push(`${indent}${dim(source === previous && r.quote ? `依据 ${r.cite}（原文同上）` : source)}`);
      previous = source;
    }
    out.push("", bold("结果"));
    for (const [k, v] of c.outputs) out.push(`  ${padEnd(k, nameW)}  ${value(shown(v, k))}`);
    out.push("");
  });
  return out.join("\n");
}

// ───────────── Markdown ─────────────

const cell = (s: string) => s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\n/g, " ");

export function explanationMarkdown(e: Explanation): string {
  const out: string[] = [`# ${heading(e)}`, ""];
  e.cases.forEach((c, i) => {
    const h = caseTitle(e, i) ? `## ${caseTitle(e, i)}\n\n###` : "##";
    out.push(`${h} 输入`, "", "| 项目 | 值 |", "| --- | --- |");
    for (const [k, v] of Object.entries(c.input)) out.push(`| ${cell(k)} | ${cell(shown(v, k))} |`);
    out.push("", `${h} 计算过程`, "", "| # | 项目 | 说明 | 值 | 依据 |", "| --: | --- | --- | --: | --- |");
    for (const r of rows(c.steps)) {
      const item = r.detail ? `└ ${r.item}` : `**${r.item}**`;
      const text = r.limited ? `**${r.text}**` : r.text;
      out.push(`| ${r.n} | ${cell(item)} | ${cell(text)} | ${cell(r.value)} | ${cell(r.cite)}${r.quote ? `「${cell(r.quote)}」` : ""} |`);
    }
    out.push("", `${h} 结果`, "", "| 项目 | 值 |", "| --- | --: |");
    for (const [k, v] of c.outputs) out.push(`| ${cell(k)} | ${cell(shown(v, k))} |`);
    out.push("");
  });
  return out.join("\n");
}

// ───────────── HTML ─────────────

const EXTRA_STYLE = `<style>
table.steps td.item { white-space: nowrap; }
tr.detail td { color: var(--muted); font-size: 13px; } tr.detail td.item { padding-left: 22px; }
tr.limited td { background: var(--mark); }
td.value { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.steps { width: 100%; } table.steps td.cite { font-size: 13px; color: var(--muted); min-width: 12em; }
</style>`;

export function explanationHtml(e: Explanation): string {
  const body: string[] = [EXTRA_STYLE, `<p class="note">本页逐步列出这次计算的每一步：所用的数、算式、结果，以及所依据的政策条款和原文。黄色底色的一行表示该步的结果由封顶（最高限额）或保底决定。</p>`];
  e.cases.forEach((c, i) => {
    if (caseTitle(e, i)) body.push(`<h2>${esc(caseTitle(e, i))}</h2>`);
    const h = caseTitle(e, i) ? "h3" : "h2";
    body.push(`<${h}>输入</${h}>`, `<table class="inputs"><tbody>`);
    for (const [k, v] of Object.entries(c.input)) body.push(`<tr><th>${esc(k)}</th><td>${esc(shown(v, k))}</td></tr>`);
    body.push(`</tbody></table>`, `<${h}>结果</${h}>`, `<table class="outputs"><tbody>`);
    for (const [k, v] of c.outputs) body.push(`<tr><th>${esc(k)}</th><td class="value">${esc(shown(v, k))}</td></tr>`);
    body.push(`</tbody></table>`, `<${h}>计算过程</${h}>`, `<table class="steps"><thead><tr><th>序号</th><th>项目</th><th>说明</th><th>值</th><th>依据</th></tr></thead><tbody>`);
    for (const r of rows(c.steps)) {
      const cls = [r.detail ? "detail" : "", r.limited ? "limited" : ""].filter(Boolean).join(" ");
      body.push(
        `<tr${cls ? ` class="${cls}"` : ""}><td class="num">${r.n}</td><td class="item">${esc(r.item)}</td><td>${esc(r.text)}</td><td class="value">${esc(r.value)}</td><td class="cite">${esc(r.cite)}${r.quote ? `<br><q>${esc(r.quote)}</q>` : ""}</td></tr>`,
      );
    }
    body.push(`</tbody></table>`);
  });
  return page({ title: `${e.calculator} 计算说明`, subtitle: esc(`${e.policy}${e.docNumber ? `（${e.docNumber}）` : ""}`), body: body.join("\n") });
}
