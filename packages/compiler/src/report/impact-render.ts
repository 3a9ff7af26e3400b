// An impact result as text (terminal), JSON (programs) and an HTML report with SVG charts.
import type { PolicySummary } from "./diff.js";
import { count, percent, plainYuan, shortYuan, signedYuan, yuan } from "./format.js";
import { esc, htmlTable, page, type HtmlCell } from "./html.js";
import type { Bin, Extreme, GroupImpact, ImpactResult, OutputImpact } from "./impact.js";
import { histogramSvg, pairedBarsSvg, signedBarsSvg } from "./svg.js";

export interface ImpactContext {
  old: PolicySummary;
  new: PolicySummary;
  /** The population file as the user named it. */
  population: string;
}

const policyLine = (p: PolicySummary) => `${p.name}（${[p.docNumber, p.file].filter(Boolean).join("，")}）`;

export function binLabel(b: Bin): string {
  if (b.hi === Infinity) return `+${shortYuan(b.lo / 100)}以上`;
  if (b.lo === -Infinity) return `−${shortYuan(-b.hi / 100)}以上`;
  const low = (cents: number) => shortYuan(Math.max(cents, 1) / 100);
  if (b.lo >= 0) return `+${low(b.lo)}~${shortYuan(b.hi / 100)}`;
  return `−${shortYuan(-b.lo / 100)}~−${low(-b.hi)}`;
}

function anyChange(r: ImpactResult): boolean {
  return r.outputs.some((o) => o.changed > 0);
}

// ───────────── text ─────────────

/** Display width on a terminal: CJK and full-width characters take two columns. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return w;
}

function columns(rows: string[][], right: boolean[]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => width(r[i] ?? ""))));
  return rows.map((r) =>
    r
      .map((c, i) => {
        const pad = " ".repeat(widths[i] - width(c));
        return right[i] ? pad + c : c + pad;
      })
      .join("  ")
      .trimEnd(),
  );
}

export function impactText(r: ImpactResult, ctx: ImpactContext): string {
  const lines = [
    `政策变化影响：${r.calculator}`,
    `  旧：${policyLine(ctx.old)}`,
    `  新：${policyLine(ctx.new)}`,
    `  案例：${ctx.population}，共 ${count(r.cases)} 例，两份政策都能计算的 ${count(r.compared)} 例`,
  ];
  if (r.oldOnly || r.newOnly || r.neither) {
    lines.push(`  只有旧政策能计算 ${count(r.oldOnly)} 例，只有新政策能计算 ${count(r.newOnly)} 例，都不能计算 ${count(r.neither)} 例`);
    for (const x of r.reasons.slice(0, 5)) lines.push(`    ${x.side === "两者" ? "两份都" : `${x.side}政策`}不能计算 ${count(x.count)} 例（首见第 ${x.firstLine} 行）：${x.reason}`);
  }
  lines.push("");
  const head = ["输出", "变化案例", "增加", "减少", "变化前合计", "变化后合计", "差额"];
  const rows = r.outputs.map((o) => [o.name, count(o.changed), count(o.increased), count(o.decreased), yuan(o.sumOld), yuan(o.sumNew), signedYuan(o.sumNew - o.sumOld)]);
  lines.push(...columns([head, ...rows], [false, true, true, true, true, true, true]));
  if (!anyChange(r)) lines.push("", "没有任何案例的金额发生变化。");
  for (const o of r.outputs) {
    if (o.changed === 0) continue;
    lines.push("", `── ${o.name}：${count(o.changed)} 例变化（占 ${percent(o.changed, r.compared)}），差额 ${signedYuan(o.sumNew - o.sumOld)} 元 ──`);
    lines.push("  差额分布：" + o.bins.map((b) => `${binLabel(b)} ${count(b.count)} 例`).join("，"));
    const extremes = (title: string, list: Extreme[]) => {
      if (!list.length) return;
      lines.push(`  ${title}：`);
      for (const x of list) lines.push(`    第 ${x.line} 行  ${signedYuan(x.diff)}（${yuan(x.old)} → ${yuan(x.new)}）  ${JSON.stringify(x.input)}`);
    };
    extremes("增加最多", o.gains);
    extremes("减少最多", o.losses);
    const i = r.outputs.indexOf(o);
    for (const g of r.groups) {
      const changed = g.members.some((m) => m.outputs[i].changed > 0);
      if (!changed) continue;
      lines.push(`  按「${g.field}」：`);
      const grows = g.members.map((m) => ["    " + m.label, `${count(m.count)} 例`, `变化 ${count(m.outputs[i].changed)}`, signedYuan(m.outputs[i].sumNew - m.outputs[i].sumOld)]);
      lines.push(...columns(grows, [false, true, true, true]));
    }
  }
  return lines.join("\n") + "\n";
}

// ───────────── JSON ─────────────

interface PolicyJson {
  名称: string;
  文号: string | null;
  文件: string;
}

interface ExtremeJson {
  行: number;
  差额: string;
  变化前: string;
  变化后: string;
  输入: unknown;
}

/** `zhengce impact --format json`: money as plain decimal strings ("-180.00"). */
export interface ImpactJson {
  计算: string;
  旧: PolicyJson;
  新: PolicyJson;
  案例文件: string;
  案例数: number;
  都能计算: number;
  仅旧政策能计算: number;
  仅新政策能计算: number;
  都不能计算: number;
  不能计算的原因: { 政策: string; 原因: string; 案例数: number; 首见行: number }[];
  输出: {
    名称: string;
    变化案例数: number;
    增加: number;
    减少: number;
    变化前合计: string;
    变化后合计: string;
    差额: string;
    差额分布: { 区间: string; 案例数: number }[];
    增加最多: ExtremeJson[];
    减少最多: ExtremeJson[];
  }[];
  分组: { 字段: string; 成员: { 值: string; 案例数: number; 输出: Record<string, { 变化案例数: number; 变化前合计: string; 变化后合计: string; 差额: string }> }[] }[];
}

export function impactJson(r: ImpactResult, ctx: ImpactContext): ImpactJson {
  const policy = (p: PolicySummary): PolicyJson => ({ 名称: p.name, 文号: p.docNumber ?? null, 文件: p.file });
  const money = plainYuan;
  const extreme = (x: Extreme): ExtremeJson => ({ 行: x.line, 差额: money(x.diff), 变化前: money(x.old), 变化后: money(x.new), 输入: x.input });
  return {
    计算: r.calculator,
    旧: policy(ctx.old),
    新: policy(ctx.new),
    案例文件: ctx.population,
    案例数: r.cases,
    都能计算: r.compared,
    仅旧政策能计算: r.oldOnly,
    仅新政策能计算: r.newOnly,
    都不能计算: r.neither,
    不能计算的原因: r.reasons.map((x) => ({ 政策: x.side, 原因: x.reason, 案例数: x.count, 首见行: x.firstLine })),
    输出: r.outputs.map((o) => ({
      名称: o.name,
      变化案例数: o.changed,
      增加: o.increased,
      减少: o.decreased,
      变化前合计: money(o.sumOld),
      变化后合计: money(o.sumNew),
      差额: money(o.sumNew - o.sumOld),
      差额分布: o.bins.map((b) => ({ 区间: binLabel(b), 案例数: b.count })),
      增加最多: o.gains.map(extreme),
      减少最多: o.losses.map(extreme),
    })),
    分组: r.groups.map((g) => ({
      字段: g.field,
      成员: g.members.map((m) => ({
        值: m.label,
        案例数: m.count,
        输出: Object.fromEntries(
          r.outputs.map((o, i) => [
            o.name,
            { 变化案例数: m.outputs[i].changed, 变化前合计: money(m.outputs[i].sumOld), 变化后合计: money(m.outputs[i].sumNew), 差额: money(m.outputs[i].sumNew - m.outputs[i].sumOld) },
          ]),
        ),
      })),
    })),
  };
}

// ───────────── charts (the HTML report's, and the playground's) ─────────────

/** Each output's total before and after. */
export function totalsSvg(r: ImpactResult): string {
  const totals = r.outputs.map((o) => ({ label: o.name, before: Number(o.sumOld) / 100, after: Number(o.sumNew) / 100 }));
  return pairedBarsSvg(totals, { title: "各项金额的合计：变化前与变化后", before: "变化前（旧政策）", after: "变化后（新政策）" });
}

/** One output's difference case by case, in the fixed bins. */
export function differencesSvg(r: ImpactResult, o: OutputImpact): string {
  return histogramSvg(o.bins.map((b) => ({ label: binLabel(b), count: b.count, sign: b.lo >= 0 ? 1 : -1 })), { title: `${o.name}：每个案例的差额分布`, unchanged: r.compared - o.changed });
}

// ───────────── HTML ─────────────

const num = (text: string, cls = ""): HtmlCell => ({ text, className: `num${cls ? ` ${cls}` : ""}` });
const diffCell = (c: bigint | number): HtmlCell => num(signedYuan(c), c > 0 ? "up" : c < 0 ? "down" : "");

function outputSection(r: ImpactResult, o: OutputImpact, index: number): string {
  const parts: string[] = [`<h2 id="out-${index}">${esc(o.name)}</h2>`];
  const diff = o.sumNew - o.sumOld;
  parts.push(
    `<div class="summary"><div>变化的案例<b>${count(o.changed)}</b>${percent(o.changed, r.compared)}</div><div>增加 / 减少<b>${count(o.increased)} / ${count(o.decreased)}</b>例</div><div>合计差额<b>${esc(signedYuan(diff))}</b>元</div><div>变化前 → 变化后<b style="font-size:15px">${esc(yuan(o.sumOld))} → ${esc(yuan(o.sumNew))}</b>元</div></div>`,
  );
  if (o.changed === 0) {
    parts.push(`<p>这一输出在所有案例上都没有变化。</p>`);
    return parts.join("\n");
  }
  parts.push(`<figure class="wide">${differencesSvg(r, o)}<figcaption>横轴为新政策减旧政策的差额（元），纵轴为案例数；没有变化的案例不画。</figcaption></figure>`);
  for (const g of r.groups) parts.push(groupTable(g, o, index));
  const extremeRows = (list: Extreme[]) => list.map((x) => [num(String(x.line)), diffCell(x.diff), num(yuan(x.old)), num(yuan(x.new)), { html: `<code>${esc(JSON.stringify(x.input))}</code>` }]);
  const head = [["行", "差额", "变化前", "变化后", "输入"]];
  if (o.gains.length) parts.push(htmlTable({ caption: `${o.name}：增加最多的案例`, head, rows: extremeRows(o.gains) }));
  if (o.losses.length) parts.push(htmlTable({ caption: `${o.name}：减少最多的案例`, head, rows: extremeRows(o.losses) }));
  return parts.join("\n");
}

function groupTable(g: GroupImpact, o: OutputImpact, i: number): string {
  const rows = g.members.map((m) => {
    const s = m.outputs[i];
    return [m.label, num(count(m.count)), num(count(s.changed)), num(yuan(s.sumOld)), num(yuan(s.sumNew)), diffCell(s.sumNew - s.sumOld)];
  });
  const changed = g.members.some((m) => m.outputs[i].changed > 0);
  const table = htmlTable({ caption: `${o.name}：按「${g.field}」${g.kind === "set" ? "（一个案例可属于多项）" : ""}`, head: [["值", "案例数", "变化", "变化前合计", "变化后合计", "差额"]], rows });
  if (!changed) return table;
  const bars = g.members.map((m) => ({ label: m.label, value: Number(m.outputs[i].sumNew - m.outputs[i].sumOld) / 100 }));
  return `${table}<figure class="wide">${signedBarsSvg(bars, { title: `${o.name}：按「${g.field}」的合计差额` })}</figure>`;
}

export function impactHtml(r: ImpactResult, ctx: ImpactContext): string {
  const parts: string[] = [];
  parts.push(`<p>旧：${esc(policyLine(ctx.old))}<br>新：${esc(policyLine(ctx.new))}<br>案例：${esc(ctx.population)}，共 ${count(r.cases)} 例，两份政策都能计算的 ${count(r.compared)} 例。</p>`);
  if (r.oldOnly || r.newOnly || r.neither) {
    parts.push(`<h2>只有一份政策能计算的案例</h2>`);
    parts.push(`<p>只有旧政策能计算 ${count(r.oldOnly)} 例，只有新政策能计算 ${count(r.newOnly)} 例，都不能计算 ${count(r.neither)} 例。这些案例不计入下面的合计。</p>`);
    parts.push(htmlTable({ head: [["不能计算的政策", "原因", "案例数", "首见行"]], rows: r.reasons.map((x) => [x.side === "两者" ? "两份都" : `${x.side}政策`, x.reason, num(count(x.count)), num(String(x.firstLine))]) }));
  }
  parts.push(`<h2>总览</h2>`);
  parts.push(
    htmlTable({
      head: [["输出", "变化案例", "增加", "减少", "变化前合计（元）", "变化后合计（元）", "差额（元）"]],
      rows: r.outputs.map((o, i) => [{ html: `<a href="#out-${i}">${esc(o.name)}</a>` }, num(count(o.changed)), num(count(o.increased)), num(count(o.decreased)), num(yuan(o.sumOld)), num(yuan(o.sumNew)), diffCell(o.sumNew - o.sumOld)]),
    }),
  );
  parts.push(`<figure class="wide">${totalsSvg(r)}</figure>`);
  if (!anyChange(r)) parts.push(`<p>没有任何案例的金额发生变化。</p>`);
  r.outputs.forEach((o, i) => parts.push(outputSection(r, o, i)));
  return page({ title: `政策变化影响：${r.calculator}`, subtitle: esc(`${ctx.old.name} → ${ctx.new.name}`), body: parts.join("\n") });
}
