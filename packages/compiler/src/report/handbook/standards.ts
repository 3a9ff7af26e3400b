// The 待遇标准 tables: the parameters and brackets a calculator uses, laid out as the notices lay
// them out — parameters keyed by the same enum side by side (起付标准 and 基金支付比例 by hospital
// level), one table of single values, one row per time version, each bracket's slices in the
// words of the law with the rate under each of its modifiers (定点 / 非定点 …).
import { Decimal, clampRate } from "@zhengce/runtime";
import type { BracketDecl, Expr, Modifier, ModifierAction, ParamDecl, Type } from "@zhengce/dsl";
import {
  cites,
  legalRange,
  sliceBounds,
  sourceText,
  tableCells,
  withParamValues,
  type Cite,
  type PolicyView,
} from "../view.js";
import type { Block, Cell, Mark } from "./document.js";

export type Standard =
  | { kind: "param"; name: string; key: string; decl: ParamDecl; type: Type; uri: string }
  | { kind: "bracket"; name: string; key: string; decl: BracketDecl; type: Type; uri: string };

/** Marks of the amended declarations, by folded name. */
export type Marks = Map<string, Mark>;

export function standardsBlocks(view: PolicyView, standards: Standard[], marks: Marks): Block[] {
  const blocks: Block[] = [];
  const params = standards.filter((s): s is Extract<Standard, { kind: "param" }> => s.kind === "param");
  const brackets = standards.filter((s): s is Extract<Standard, { kind: "bracket" }> => s.kind === "bracket");

  // Tables keyed by the same enum side by side, as the notices print them.
  const keyed = new Map<string, Extract<Standard, { kind: "param" }>[]>();
  for (const p of params) {
    if (!p.decl.table || !p.decl.by || p.type.k === "bool") continue;
    const list = keyed.get(p.decl.by.key) ?? [];
    list.push(p);
    keyed.set(p.decl.by.key, list);
  }
  for (const list of keyed.values()) blocks.push(...keyedTable(view, list, marks));

  for (const b of brackets) blocks.push(...bracketTable(view, b, marks));

  const scalars = params.filter((p) => p.decl.value !== undefined);
  if (scalars.length) blocks.push(...scalarTable(view, scalars, marks));

  // Single values by time version: those with the same versions side by side, one row a version.
  const versioned = new Map<string, Extract<Standard, { kind: "param" }>[]>();
  for (const p of params.filter((x) => x.decl.versions)) {
    const tabled = p.decl.versions!.some((v) => v.table);
    const key = tabled ? `table:${p.key}` : p.decl.versions!.map((v) => `${v.validity.from?.value}/${v.validity.to?.value}`).join(",");
    versioned.set(key, [...(versioned.get(key) ?? []), p]);
  }
  for (const list of versioned.values()) blocks.push(...versionTable(view, list, marks));

  const flags = params.filter((p) => p.decl.table && p.type.k === "bool");
  if (flags.length) blocks.push(...flagTable(view, flags, marks));
  return blocks;
}

// ───────────── keyed tables ─────────────

function keyedTable(view: PolicyView, list: Extract<Standard, { kind: "param" }>[], marks: Marks): Block[] {
  const enumName = list[0].decl.by!.text;
  const members = view.analysis.model.enums.get(list[0].decl.by!.key)?.members ?? [];
  const columns = list.map((p) => new Map(tableCells(view, p.decl, p.decl.table!).map((c) => [c.member, c.entry])));
  const rows: Cell[][] = members.map((m) => [
    { text: m.text, header: true },
    ...list.map((p, i) => {
      const entry = columns[i].get(m.text);
      return { text: entry ? sourceText(view, p.uri, entry.value.span) : "—", mark: marks.get(p.key), numeric: true };
    }),
  ]);
  const blocks: Block[] = [{ k: "table", caption: list.map((p) => p.name).join("、"), head: [[{ text: enumName }, ...list.map((p) => ({ text: p.name }))]], rows }];
  for (const p of list) {
    const rowCites = p.decl.table!.filter((e) => e.citations.length).flatMap((e) => cites(view, p.uri, e.citations));
    blocks.push({ k: "cites", label: p.name, cites: [...cites(view, p.uri, p.decl.citations), ...rowCites] });
    if (p.decl.modifiers.length) blocks.push(modifierList(view, p, marks));
  }
  return blocks;
}

// ───────────── single values ─────────────

function scalarTable(view: PolicyView, list: Extract<Standard, { kind: "param" }>[], marks: Marks): Block[] {
  const rows: Cell[][] = list.map((p) => [
    { text: p.name, header: true },
    { text: withParamValues(view, p.decl.value!, sourceText(view, p.uri, p.decl.value!.span)), mark: marks.get(p.key), numeric: p.decl.value!.kind === "Number" },
    { text: cites(view, p.uri, p.decl.citations).map(citeLine).join("\n") },
  ]);
  const blocks: Block[] = [{ k: "table", caption: "各项标准", head: [[{ text: "项目" }, { text: "标准" }, { text: "依据" }]], rows }];
  for (const p of list) if (p.decl.modifiers.length) blocks.push(modifierList(view, p, marks));
  return blocks;
}

// ───────────── time versions ─────────────

function versionTable(view: PolicyView, list: Extract<Standard, { kind: "param" }>[], marks: Marks): Block[] {
  const versions = list[0].decl.versions!;
  const tabled = versions.some((v) => v.table);
  const p0 = list[0];
  const members = tabled && p0.decl.by ? view.analysis.model.enums.get(p0.decl.by.key)?.members ?? [] : [];
  const when = (v: (typeof versions)[number]) =>
    v.validity.from && v.validity.to ? `${v.validity.from.value} 至 ${v.validity.to.value}` : v.validity.from ? `${v.validity.from.value} 起` : `至 ${v.validity.to?.value ?? ""}`;
  // A version's own clause gets a column; the declaration's is said once under the table.
  const ownCites = list.some((p) => p.decl.versions!.some((v) => v.citations.length));
  const head: Cell[][] = [[{ text: "有效期" }, ...(tabled ? members.map((m) => ({ text: m.text })) : list.map((p) => ({ text: p.name }))), ...(ownCites ? [{ text: "依据" }] : [])]];
  const rows: Cell[][] = versions.map((v, i) => {
    const row: Cell[] = [{ text: when(v), header: true }];
    if (tabled) {
      const cells = new Map(tableCells(view, p0.decl, v.table ?? []).map((x) => [x.member, x.entry]));
      for (const m of members) row.push({ text: cells.get(m.text) ? sourceText(view, p0.uri, cells.get(m.text)!.value.span) : "—", mark: marks.get(p0.key), numeric: true });
    } else {
      for (const p of list) {
        const pv = p.decl.versions![i];
        row.push({ text: pv?.value ? sourceText(view, p.uri, pv.value.span) : "—", mark: marks.get(p.key), numeric: true });
      }
    }
    if (ownCites) row.push({ text: list.flatMap((p) => cites(view, p.uri, p.decl.versions![i]?.citations ?? [])).map(citeLine).join("\n") });
    return row;
  });
  const blocks: Block[] = [{ k: "table", caption: `${list.map((p) => p.name).join("、")}（按时间）`, head, rows }];
  for (const p of list) {
    blocks.push({ k: "cites", label: p.name, cites: cites(view, p.uri, p.decl.citations) });
    if (p.decl.modifiers.length) blocks.push(modifierList(view, p, marks));
  }
  return blocks;
}

// ───────────── classifications (是/否 tables over an enum) ─────────────

function flagTable(view: PolicyView, list: Extract<Standard, { kind: "param" }>[], marks: Marks): Block[] {
  const rows: Cell[][] = list.map((p) => {
    const yes = tableCells(view, p.decl, p.decl.table!).filter((c) => c.entry.value.kind === "Bool" && c.entry.value.value).map((c) => c.member);
    return [
      { text: p.name, header: true },
      { text: `${yes.join("、")}（${yes.length} 项）`, mark: marks.get(p.key) },
      { text: cites(view, p.uri, p.decl.citations).map(citeLine).join("\n") },
    ];
  });
  return [{ k: "table", caption: "分类", head: [[{ text: "分类" }, { text: `属于该类的${list[0].decl.by?.text ?? "项目"}` }, { text: "依据" }]], rows }];
}

// ───────────── brackets ─────────────

function bracketTable(view: PolicyView, b: Extract<Standard, { kind: "bracket" }>, marks: Marks): Block[] {
  const d = b.decl;
  const bounds = sliceBounds(view, b.uri, d);
  const keys = d.by ? view.analysis.model.enums.get(d.by.key)?.members ?? [] : [];
  // One more column per modifier whose effect on every slice can be stated as a number.
  const effects = d.modifiers
    .map((m) => ({ m, values: d.slices.map((s) => (s.value ? applyModifier(view, b.uri, s.value, b.type, m) : undefined)) }))
    .filter((e) => !d.by && e.values.some((v) => v !== undefined));
  const head: Cell[] = [{ text: "分段" }];
  if (d.by) head.push(...keys.map((k) => ({ text: k.text })));
  else head.push({ text: b.type.k === "rate" ? "比例" : "标准" });
  for (const e of effects) head.push({ text: conditionText(view, b.uri, e.m) });
  const sliceCites = d.slices.some((s) => s.citations.length);
  if (sliceCites) head.push({ text: "依据" });
  const mark = marks.get(b.key);
  const rows: Cell[][] = d.slices.map((s, i) => {
    const row: Cell[] = [{ text: legalRange(bounds[i]), header: true }];
    const stepText = s.step ? `每增加 ${sourceText(view, b.uri, s.step.width.span)} 提高 ${sourceText(view, b.uri, s.step.increment.span)}` : undefined;
    if (d.by) {
      for (const k of keys) {
        const hit = s.keyed?.find((x) => x.key.key === k.key);
        row.push({ text: hit ? sourceText(view, b.uri, hit.value.span) : stepText ?? "—", mark, numeric: true });
      }
    } else row.push({ text: s.value ? sourceText(view, b.uri, s.value.span) : stepText ?? "—", mark, numeric: true });
    for (const e of effects) row.push({ text: e.values[i] ?? "—", numeric: true });
    if (sliceCites) row.push({ text: cites(view, b.uri, s.citations).map(citeLine).join("\n") });
    return row;
  });
  const blocks: Block[] = [{ k: "table", caption: `${b.name}（${d.mode === "累进" ? "累进：每一段按本段比例" : "全额：落在哪一段，全额按该段"}）`, head: [head], rows }];
  blocks.push({ k: "cites", label: b.name, cites: cites(view, b.uri, d.citations) });
  if (d.modifiers.length) blocks.push(modifierList(view, b, marks));
  return blocks;
}

// ───────────── modifiers ─────────────

function conditionText(view: PolicyView, uri: string, m: Modifier): string {
  return m.cond ? sourceText(view, uri, m.cond.span) : "其他情形";
}

function modifierList(view: PolicyView, s: Standard, marks: Marks): Block {
  const literal = s.decl.kind === "ParamDecl" ? s.decl.value : undefined;
  return {
    k: "list",
    items: s.decl.modifiers.map((m) => {
      const actions = m.actions.map((a) => sourceText(view, s.uri, a.span)).join("，");
      const effect = literal ? applyModifier(view, s.uri, literal, s.type, m) : undefined;
      const base = literal?.kind === "Number" ? `${sourceText(view, s.uri, literal.span)} → ${effect}` : undefined;
      return {
        text: `${s.name}：${m.branch} ${conditionText(view, s.uri, m)}：${actions}${effect && base ? `（${base}）` : ""}`,
        mark: marks.get(s.key),
        cites: cites(view, s.uri, m.citations),
      };
    }),
  };
}

/** A literal's value: a number, or a parameter whose value is a number (and that no modifier changes). */
function literalOf(view: PolicyView, e: Expr): Decimal | undefined {
  if (e.kind === "Number") return new Decimal(e.value);
  if (e.kind === "Ref") {
    const p = view.analysis.model.params.get(e.name.key);
    if (p && !p.decl.modifiers.length && p.decl.value?.kind === "Number") return new Decimal(p.decl.value.value);
  }
  return undefined;
}

/**
 * What one modifier makes of a literal value, when every action is a literal: the verbs as the
 * calculators apply them (提高/降低 add and subtract, 乘以 multiplies, 设为 replaces, 不低于/不超过
 * bound), a 比例 kept within 0–100% after each, as the runtime's clampRate keeps it.
 */
function applyModifier(view: PolicyView, uri: string, value: Expr, type: Type, m: Modifier): string | undefined {
  let v = literalOf(view, value);
  if (!v) return undefined;
  for (const a of m.actions) {
    const x = literalOf(view, a.value);
    if (!x) return undefined;
    v = act(a, v, x);
    if (type.k === "rate") v = clampRate(v);
  }
  return showValue(v, type);
}

function act(a: ModifierAction, v: Decimal, x: Decimal): Decimal {
  switch (a.kind) {
    case "提高":
      return v.plus(x);
    case "降低":
      return v.minus(x);
    case "乘以":
      return v.times(x);
    case "设为":
      return x;
    case "不低于":
      return Decimal.max(v, x);
    case "不超过":
      return Decimal.min(v, x);
  }
}

function showValue(v: Decimal, type: Type): string {
  if (type.k === "rate") return `${v.times(100).toDecimalPlaces(4).toString()}%`;
  if (type.k === "points") return `${v.times(100).toDecimalPlaces(4).toString()}个百分点`;
  if (type.k === "money") return `${v.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toString()}元`;
  return v.toString();
}

function citeLine(c: Cite): string {
  return c.quote ? `${c.clause}「${c.quote}」` : c.clause;
}
