// A policy diff as text (terminal), JSON (programs) and HTML (a page to circulate).
import { AREA_NAMES, KIND_NAMES, type DiffEntry, type DiffSide, type PolicyDiff, type PolicySummary } from "./diff.js";
import { citeHtml, esc, htmlTable, page } from "./html.js";
import type { Cite } from "./view.js";

interface Group {
  title: string;
  entries: DiffEntry[];
}

/** Entries grouped by declaration, value changes first, restatements (same values, new clause) after. */
function groups(diff: PolicyDiff): { changes: Group[]; restated: Group[] } {
  const make = (entries: DiffEntry[]) => {
    const out = new Map<string, Group>();
    for (const e of entries) {
      const title = e.area === "header" ? "政策" : `${AREA_NAMES[e.area]}「${e.subject}」`;
      let g = out.get(title);
      if (!g) out.set(title, (g = { title, entries: [] }));
      g.entries.push(e);
    }
    return [...out.values()];
  };
  return { changes: make(diff.entries.filter((e) => e.kind !== "restated")), restated: make(diff.entries.filter((e) => e.kind === "restated")) };
}

/** The same clauses as the entry above (the header's fields all cite the header): said once. */
function sameSide(a: DiffSide | undefined, b: DiffSide | undefined): boolean {
  return !!a && !!b && a.cites.length === b.cites.length && a.cites.every((c, i) => c.clause === b.cites[i].clause && c.quote === b.cites[i].quote);
}

function counts(diff: PolicyDiff): Record<DiffEntry["kind"], number> {
  const c = { changed: 0, added: 0, removed: 0, restated: 0 };
  for (const e of diff.entries) c[e.kind]++;
  return c;
}

function policyLine(p: PolicySummary): string {
  return `${p.name}（${[p.docNumber, p.file].filter(Boolean).join("，")}）`;
}

/** 共 N 处不同：修改 …, or that the two are the same. */
export function summaryLine(diff: PolicyDiff): string {
  const c = counts(diff);
  if (diff.entries.length === 0) return "两份政策的参数、分段、修正、计算和有效期完全相同。";
  return `共 ${diff.entries.length} 处不同：修改 ${c.changed} 处，新增 ${c.added} 处，删除 ${c.removed} 处，重述 ${c.restated} 处（数值不变、依据更新）。`;
}

// ───────────── text ─────────────

export function diffText(diff: PolicyDiff): string {
  const lines: string[] = [`政策对比`, `  旧：${policyLine(diff.old)}`, `  新：${policyLine(diff.new)}`, "", summaryLine(diff)];
  const { changes, restated } = groups(diff);
  const sideLines = (label: string, s: DiffSide | undefined, same: boolean) => {
    if (!s) return [`    ${label}  （无）`];
    const out = [`    ${label}  ${s.value}    ${s.where}`];
    if (same && s.cites.length) out.push("          依据同上");
    else for (const c of s.cites) out.push(`          依据 ${c.clause}${c.quote ? `「${c.quote}」` : ""}`);
    return out;
  };
  const emit = (gs: Group[]) => {
    for (const g of gs) {
      lines.push("", g.title);
      g.entries.forEach((e, i) => {
        const before = g.entries[i - 1];
        lines.push(`  [${KIND_NAMES[e.kind]}] ${e.item}`);
        if (e.kind !== "added") lines.push(...sideLines("旧", e.old, sameSide(before?.old, e.old)));
        if (e.kind !== "removed") lines.push(...sideLines("新", e.new, sameSide(before?.new, e.new)));
      });
    }
  };
  emit(changes);
  if (restated.length) {
    lines.push("", "── 重述：数值不变，改用新的依据 ──");
    emit(restated);
  }
  return lines.join("\n") + "\n";
}

// ───────────── JSON ─────────────

interface DiffSideJson {
  值: string;
  依据: { 条款: string; 原文?: string }[];
  /** `base.policy:591`. */
  位置: string;
}

/** `zhengce diff --format json`. */
export interface DiffJson {
  旧: { 名称: string; 文号: string | null; 文件: string };
  新: { 名称: string; 文号: string | null; 文件: string };
  统计: { 修改: number; 新增: number; 删除: number; 重述: number };
  条目: { 类别: string; 对象: string; 项目: string; 变化: string; 旧: DiffSideJson | null; 新: DiffSideJson | null }[];
}

const citeJson = (c: Cite) => (c.quote ? { 条款: c.clause, 原文: c.quote } : { 条款: c.clause });
const sideJson = (s: DiffSide | undefined): DiffSideJson | null => (s ? { 值: s.value, 依据: s.cites.map(citeJson), 位置: s.where } : null);

export function diffJson(diff: PolicyDiff): DiffJson {
  const c = counts(diff);
  const policy = (p: PolicySummary) => ({ 名称: p.name, 文号: p.docNumber ?? null, 文件: p.file });
  return {
    旧: policy(diff.old),
    新: policy(diff.new),
    统计: { 修改: c.changed, 新增: c.added, 删除: c.removed, 重述: c.restated },
    条目: diff.entries.map((e) => ({
      类别: AREA_NAMES[e.area],
      对象: e.subject,
      项目: e.item,
      变化: KIND_NAMES[e.kind],
      旧: sideJson(e.old),
      新: sideJson(e.new),
    })),
  };
}

// ───────────── HTML ─────────────

function sideHtml(s: DiffSide | undefined, same: boolean): string {
  if (!s) return `<span class="note">（无）</span>`;
  const cites = same && s.cites.length ? `<div class="cite">依据同上</div>` : s.cites.map((c) => `<div>${citeHtml(c)}</div>`).join("");
  return `<div>${esc(s.value)}</div><div class="note">${esc(s.where)}</div>${cites}`;
}

export function diffHtml(diff: PolicyDiff): string {
  const { changes, restated } = groups(diff);
  const section = (gs: Group[]) =>
    gs
      .map((g) =>
        htmlTable({
          caption: g.title,
          head: [["项目", "变化", "旧", "新"]],
          rows: g.entries.map((e, i) => [
            e.item,
            { html: `<span class="kind ${e.kind}">${KIND_NAMES[e.kind]}</span>` },
            { html: e.kind === "added" ? "" : sideHtml(e.old, sameSide(g.entries[i - 1]?.old, e.old)) },
            { html: e.kind === "removed" ? "" : sideHtml(e.new, sameSide(g.entries[i - 1]?.new, e.new)) },
          ]),
        }),
      )
      .join("");
  const body = [
    `<p>旧：${esc(policyLine(diff.old))}<br>新：${esc(policyLine(diff.new))}</p>`,
    `<p>${esc(summaryLine(diff))}</p>`,
    changes.length ? `<h2>修改、新增与删除</h2>${section(changes)}` : "",
    restated.length ? `<h2>重述：数值不变，改用新的依据</h2>${section(restated)}` : "",
  ].join("\n");
  return page({ title: "政策对比", subtitle: esc(`${diff.old.name} → ${diff.new.name}`), body });
}
