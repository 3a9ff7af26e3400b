// `zhengce diff`: what differs between two policies — a base and its amendment, or two years'
// notices. Each declaration is taken apart into facets (a value, a table cell, a time version,
// a bracket's bounds and rates, a modifier, a calculator's input or step), the facets are
// matched by name, and every facet that differs is one entry with both values and both
// citations. A declaration restated with the same values under a new clause is one entry too.
import { show, type BracketDecl, type CalculatorDecl, type EnumDecl, type Expr, type Modifier, type ParamDecl, type Validity } from "@zhengce/dsl";
import {
  cites,
  fileName,
  legalRange,
  lineOf,
  sliceBounds,
  sourceText,
  tableCells,
  valueKey,
  type Cite,
  type PolicyView,
} from "./view.js";

export type ChangeKind = "changed" | "added" | "removed" | "restated";
export type Area = "header" | "enum" | "param" | "bracket" | "calculator";

export interface DiffSide {
  /** The value as the policy writes it. */
  value: string;
  cites: Cite[];
  /** `base.policy:591`. */
  where: string;
}

export interface DiffEntry {
  area: Area;
  /** The declaration: 一档二类月支付限额, 住院结算; the policy itself for the header. */
  subject: string;
  /** What in it: 值, 二级, 2018-01-01 至 2018-12-31, 第2段 比例, 修正「当 医院级别 = 非定点」, 输入「日期」. */
  item: string;
  kind: ChangeKind;
  old?: DiffSide;
  new?: DiffSide;
}

export interface PolicySummary {
  name: string;
  docNumber?: string;
  file: string;
}

export interface PolicyDiff {
  old: PolicySummary;
  new: PolicySummary;
  entries: DiffEntry[];
}

export const AREA_NAMES: Record<Area, string> = { header: "政策", enum: "枚举", param: "参数", bracket: "分段", calculator: "计算" };
export const KIND_NAMES: Record<ChangeKind, string> = { changed: "修改", added: "新增", removed: "删除", restated: "重述" };

/** One comparable part of a declaration. */
interface Facet {
  item: string;
  value: string;
  /** Equal keys mean equal values. */
  key: string;
  cites: Cite[];
  where: string;
}

interface Decl {
  facets: Facet[];
  /** The declaration's own citations and place, for a restatement. */
  cites: Cite[];
  where: string;
  /** The whole value on one line, for a restatement. */
  summary: string;
}

export function diffPolicies(oldView: PolicyView, newView: PolicyView): PolicyDiff {
  const entries: DiffEntry[] = [];
  entries.push(...compareFacets("header", newView.analysis.model.meta.name, headerFacets(oldView), headerFacets(newView), false));

  const om = oldView.analysis.model;
  const nm = newView.analysis.model;
  const each = <T>(area: Area, oldMap: Map<string, T>, newMap: Map<string, T>, name: (x: T) => string, decl: (v: PolicyView, x: T) => Decl) => {
    for (const [key, n] of newMap) {
      const o = oldMap.get(key);
      entries.push(...compareDecl(area, name(n), o === undefined ? undefined : decl(oldView, o), decl(newView, n)));
    }
    for (const [key, o] of oldMap) if (!newMap.has(key)) entries.push(...compareDecl(area, name(o), decl(oldView, o), undefined));
  };
  each("enum", om.enums, nm.enums, (e) => e.name.text, (v, e) => enumDecl(v, e));
  each("param", om.params, nm.params, (p) => p.decl.name.text, (v, p) => paramDecl(v, p.uri, p.decl, show(p.type)));
  each("bracket", om.brackets, nm.brackets, (b) => b.decl.name.text, (v, b) => bracketDecl(v, b.uri, b.decl));
  each("calculator", om.calculators, nm.calculators, (c) => c.name, (v, c) => calculatorDecl(v, c.uri, c.decl));
  return { old: summary(oldView), new: summary(newView), entries };
}

function summary(view: PolicyView): PolicySummary {
  const meta = view.analysis.model.meta;
  return { name: meta.name, docNumber: meta.docNumber, file: fileName(view.uri) };
}

// ───────────── comparing ─────────────

function compareDecl(area: Area, subject: string, o: Decl | undefined, n: Decl | undefined): DiffEntry[] {
  if (!o && n) return [{ area, subject, item: "全部", kind: "added", new: { value: n.summary, cites: n.cites, where: n.where } }];
  if (o && !n) return [{ area, subject, item: "全部", kind: "removed", old: { value: o.summary, cites: o.cites, where: o.where } }];
  if (!o || !n) return [];
  const changes = compareFacets(area, subject, o.facets, n.facets, true);
  const valueChanges = changes.filter((c) => c.kind !== "restated");
  // Same values, another clause (an amendment restating a number under its own wording).
  if (valueChanges.length === 0 && !sameCites(o.cites, n.cites) && !changes.some((c) => c.item === "值")) {
    const own = n.facets.filter((f) => !f.item.startsWith("修正"));
    if (own.length) changes.unshift({ area, subject, item: "值", kind: "restated", old: side(o.summary, o.cites, o.where), new: side(n.summary, n.cites, n.where) });
  }
  return changes;
}

function compareFacets(area: Area, subject: string, oldFacets: Facet[], newFacets: Facet[], restatements: boolean): DiffEntry[] {
  const out: DiffEntry[] = [];
  const olds = new Map(oldFacets.map((f) => [f.item, f]));
  const news = new Set(newFacets.map((f) => f.item));
  for (const n of newFacets) {
    const o = olds.get(n.item);
    const newSide = side(n.value, n.cites, n.where);
    if (!o) out.push({ area, subject, item: n.item, kind: "added", new: newSide });
    else if (o.key !== n.key) out.push({ area, subject, item: n.item, kind: "changed", old: side(o.value, o.cites, o.where), new: newSide });
    // A facet with its own clause (a modifier, a table row with its own 依据) restated under a new one.
    else if (restatements && n.item.startsWith("修正") && !sameCites(o.cites, n.cites)) {
      out.push({ area, subject, item: n.item, kind: "restated", old: side(o.value, o.cites, o.where), new: newSide });
    }
  }
  for (const o of oldFacets) if (!news.has(o.item)) out.push({ area, subject, item: o.item, kind: "removed", old: side(o.value, o.cites, o.where) });
  return out;
}

function side(value: string, c: Cite[], where: string): DiffSide {
  return { value, cites: c, where };
}

function sameCites(a: Cite[], b: Cite[]): boolean {
  return a.length === b.length && a.every((c, i) => c.clause === b[i].clause && (c.quote ?? "") === (b[i].quote ?? ""));
}

// ───────────── facets of each declaration ─────────────

function where(view: PolicyView, uri: string, offset: number): string {
  return `${fileName(uri)}:${lineOf(view, uri, offset)}`;
}

function validityText(v: Validity | { from?: string; to?: string } | undefined): string {
  if (!v) return "未规定";
  const from = typeof v.from === "object" ? v.from?.value : v.from;
  const to = typeof v.to === "object" ? v.to?.value : v.to;
  if (from && to) return `${from} 至 ${to}`;
  if (from) return `${from} 起`;
  if (to) return `至 ${to}`;
  return "未规定";
}

function headerFacets(view: PolicyView): Facet[] {
  const main = view.analysis.ast;
  const header = main.declarations.find((d) => d.kind === "PolicyHeader");
  const c = header?.kind === "PolicyHeader" ? cites(view, view.uri, header.citations) : [];
  const at = header ? where(view, view.uri, header.span.start) : fileName(view.uri);
  const meta = view.analysis.model.meta;
  const facet = (item: string, value: string | undefined): Facet => ({ item, value: value ?? "未规定", key: value ?? "", cites: c, where: at });
  return [
    facet("名称", meta.name),
    facet("文号", meta.docNumber),
    facet("机关", meta.issuer),
    facet("发布", meta.published),
    facet("有效期", validityText(meta.validity)),
    facet("基于", meta.basedOn),
  ];
}

function enumDecl(view: PolicyView, e: EnumDecl & { uri: string }): Decl {
  const at = where(view, e.uri, e.span.start);
  const c = cites(view, e.uri, e.citations);
  return {
    facets: e.members.map((m) => ({ item: `成员「${m.text}」`, value: m.text, key: m.key, cites: c, where: at })),
    cites: c,
    where: at,
    summary: e.members.map((m) => m.text).join("、"),
  };
}

function modifierFacets(view: PolicyView, uri: string, mods: Modifier[], fallback: Cite[]): Facet[] {
  return mods.map((m) => {
    const cond = m.cond ? ` ${sourceText(view, uri, m.cond.span)}` : "";
    const actions = m.actions.map((a) => sourceText(view, uri, a.span)).join("，");
    const c = m.citations.length ? cites(view, uri, m.citations) : fallback;
    return {
      item: `修正「${m.branch}${cond}」`,
      value: actions,
      key: m.actions.map((a) => `${a.kind}:${valueKey(view, uri, a.value)}`).join(","),
      cites: c,
      where: where(view, uri, m.span.start),
    };
  });
}

function paramDecl(view: PolicyView, uri: string, d: ParamDecl, typeName: string): Decl {
  const at = where(view, uri, d.span.start);
  const own = cites(view, uri, d.citations);
  const facets: Facet[] = [{ item: "类型", value: typeName, key: typeName, cites: own, where: at }];
  const parts: string[] = [];
  const cell = (item: string, e: Expr, rowCites: Cite[], offset: number) => {
    const value = sourceText(view, uri, e.span);
    facets.push({ item, value, key: valueKey(view, uri, e), cites: rowCites.length ? rowCites : own, where: where(view, uri, offset) });
    parts.push(item === "值" ? value : `${item} ${value}`);
  };
  if (d.value) cell("值", d.value, [], d.value.span.start);
  if (d.table) for (const { member, entry } of tableCells(view, d, d.table)) cell(member, entry.value, cites(view, uri, entry.citations), entry.span.start);
  for (const v of d.versions ?? []) {
    const when = validityText(v.validity);
    const vc = cites(view, uri, v.citations);
    if (v.value) cell(when, v.value, vc, v.span.start);
    if (v.table) for (const { member, entry } of tableCells(view, d, v.table)) cell(`${when} · ${member}`, entry.value, entry.citations.length ? cites(view, uri, entry.citations) : vc, entry.span.start);
  }
  facets.push(...modifierFacets(view, uri, d.modifiers, own));
  return { facets, cites: own, where: at, summary: parts.join("；") };
}

function bracketDecl(view: PolicyView, uri: string, d: BracketDecl): Decl {
  const at = where(view, uri, d.span.start);
  const own = cites(view, uri, d.citations);
  const facets: Facet[] = [{ item: "方式", value: d.mode, key: d.mode, cites: own, where: at }];
  if (d.by) facets.push({ item: "按", value: d.by.text, key: d.by.key, cites: own, where: at });
  const bounds = sliceBounds(view, uri, d);
  const parts: string[] = [];
  d.slices.forEach((s, i) => {
    const n = `第${i + 1}段`;
    const sc = s.citations.length ? cites(view, uri, s.citations) : own;
    const sw = where(view, uri, s.span.start);
    const range = legalRange(bounds[i]);
    facets.push({ item: `${n} 范围`, value: range, key: range.replace(/\s+/g, "").normalize("NFKC"), cites: sc, where: sw });
    const values: string[] = [];
    if (s.value) {
      const text = sourceText(view, uri, s.value.span);
      facets.push({ item: `${n} 比例`, value: text, key: valueKey(view, uri, s.value), cites: sc, where: sw });
      values.push(text);
    }
    for (const k of s.keyed ?? []) {
      const text = sourceText(view, uri, k.value.span);
      facets.push({ item: `${n} · ${k.key.text}`, value: text, key: valueKey(view, uri, k.value), cites: sc, where: sw });
      values.push(`${k.key.text} ${text}`);
    }
    if (s.step) {
      const text = `每增加 ${sourceText(view, uri, s.step.width.span)} 提高 ${sourceText(view, uri, s.step.increment.span)}`;
      facets.push({ item: `${n} 递增`, value: text, key: `${valueKey(view, uri, s.step.width)}/${valueKey(view, uri, s.step.increment)}`, cites: sc, where: sw });
      values.push(text);
    }
    parts.push(`${range}：${values.join("，")}`);
  });
  facets.push(...modifierFacets(view, uri, d.modifiers, own));
  return { facets, cites: own, where: at, summary: parts.join("；") };
}

function calculatorDecl(view: PolicyView, uri: string, d: CalculatorDecl): Decl {
  const at = where(view, uri, d.span.start);
  const own = cites(view, uri, d.citations);
  const facets: Facet[] = [{ item: "有效期", value: validityText(d.validity), key: validityText(d.validity), cites: own, where: at }];
  for (const f of d.inputs) {
    const parts = [sourceText(view, uri, f.type.span)];
    if (f.default) parts.push(`默认 ${sourceText(view, uri, f.default.span)}`);
    if (f.min) parts.push(`不小于 ${sourceText(view, uri, f.min.span)}`);
    const value = parts.join("，");
    facets.push({ item: `输入「${f.name.text}」`, value, key: value.replace(/\s+/g, "").normalize("NFKC"), cites: own, where: where(view, uri, f.span.start) });
  }
  for (const a of d.accumulators) {
    const value = `${a.period === "年" ? "按年" : "按月"}：${a.fields.map((f) => `${f.name.text} 累加 ${sourceText(view, uri, f.add.span)}`).join("，")}`;
    facets.push({ item: `累计「${a.name.text}」`, value, key: value.replace(/\s+/g, ""), cites: cites(view, uri, a.citations), where: where(view, uri, a.span.start) });
  }
  const refusalCount = new Map<string, number>();
  for (const item of d.body) {
    const steps = item.kind === "LayeredBlock" ? item.steps : item.kind === "StepDecl" ? [item] : [];
    if (item.kind === "LayeredBlock") {
      const value = sourceText(view, uri, item.initial.span);
      facets.push({ item: "分层起点", value, key: value.replace(/\s+/g, ""), cites: cites(view, uri, item.citations), where: where(view, uri, item.span.start) });
    }
    for (const s of steps) {
      const value = sourceText(view, uri, s.value.span);
      const sc = s.citations.length ? cites(view, uri, s.citations) : own;
      facets.push({ item: `${s.output ? "输出" : "步骤"}「${s.name.text}」`, value, key: value.replace(/\s+/g, "").normalize("NFKC"), cites: sc, where: where(view, uri, s.span.start) });
      for (const m of modifierFacets(view, uri, s.modifiers, sc)) facets.push({ ...m, item: `「${s.name.text}」的${m.item}` });
    }
    if (item.kind === "Refusal") {
      const n = (refusalCount.get(item.field.key) ?? 0) + 1;
      refusalCount.set(item.field.key, n);
      const value = `当 ${sourceText(view, uri, item.cond.span)}：「${item.reason}」`;
      facets.push({ item: `拒绝「${item.field.text}」${n > 1 ? `（${n}）` : ""}`, value, key: value.replace(/\s+/g, "").normalize("NFKC"), cites: cites(view, uri, item.citations), where: where(view, uri, item.span.start) });
    }
  }
  return { facets, cites: own, where: at, summary: `${d.inputs.length} 个输入` };
}
