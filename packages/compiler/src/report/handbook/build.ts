// The handbook of a policy, built from its checked model and its compiled calculators:
// 文件信息 → 本次修订 (an amendment) → 待遇标准 (per calculator) → 计算 (inputs, outputs, refusals,
// charts, worked examples with the calculators' own 计算过程).
import { foldName, type CalculatorInfo, type Type } from "@zhengce/dsl";
import type { FieldSpec, FieldType } from "@zhengce/runtime";
import type { CompiledCalculator, ExampleOutcome } from "../../api.js";
import { exampleJson } from "../../load.js";
import { diffPolicies, AREA_NAMES, KIND_NAMES, type DiffEntry } from "../diff.js";
import { cites, fileName, lineOf, sourceText, type PolicyView } from "../view.js";
import { costCharts } from "./curves.js";
import { section, type Block, type Cell, type Handbook, type Mark, type Section, type TraceLine } from "./document.js";
import { standardsBlocks, type Marks, type Standard } from "./standards.js";

export function buildHandbook(view: PolicyView, base?: PolicyView): Handbook {
  const model = view.analysis.model;
  const meta = model.meta;
  const amendments = base ? amendmentEntries(base, view) : [];
  const marks: Marks = new Map();
  for (const a of amendments) if (a.entry.area !== "header" && !marks.has(foldName(a.entry.subject))) marks.set(foldName(a.entry.subject), a.mark);

  const sections: Section[] = [fileSection(view, base, amendments)];
  if (base) sections.push(amendmentSection(base, view, amendments));
  sections.push(standardsSection(view, marks));
  sections.push(calculatorsSection(view));
  const subtitle = [meta.docNumber, meta.issuer, meta.published ? `${meta.published} 发布` : undefined].filter(Boolean).join(" · ");
  return { title: meta.name, subtitle, sections };
}

// ───────────── 文件信息 ─────────────

interface Amendment {
  entry: DiffEntry;
  mark: Mark;
}

function amendmentEntries(base: PolicyView, view: PolicyView): Amendment[] {
  const skip = new Set(["名称", "文号", "机关", "发布", "基于"]);
  return diffPolicies(base, view)
    .entries.filter((e) => !(e.area === "header" && skip.has(e.item)))
    .map((entry, i) => ({ entry, mark: { id: `amend-${i + 1}`, label: `※${i + 1}`, kind: KIND_NAMES[entry.kind] } }));
}

function validityText(v: { from?: string; to?: string } | undefined): string {
  if (!v || (!v.from && !v.to)) return "未规定（按各项计算的有效期）";
  if (v.from && v.to) return `${v.from} 至 ${v.to}`;
  return v.from ? `${v.from} 起` : `至 ${v.to}`;
}

function fileSection(view: PolicyView, base: PolicyView | undefined, amendments: Amendment[]): Section {
  const meta = view.analysis.model.meta;
  const header = view.analysis.ast.declarations.find((d) => d.kind === "PolicyHeader");
  const validityMark = amendments.find((a) => a.entry.area === "header" && a.entry.item === "有效期")?.mark;
  const rows: Cell[][] = [
    [{ text: "名称", header: true }, { text: meta.name }],
    [{ text: "文号", header: true }, { text: meta.docNumber ?? "—" }],
    [{ text: "发布机关", header: true }, { text: meta.issuer ?? "—" }],
    [{ text: "发布日期", header: true }, { text: meta.published ?? "—" }],
    [{ text: "有效期", header: true }, { text: validityText(meta.validity), mark: validityMark }],
  ];
  if (base) {
    const b = base.analysis.model.meta;
    rows.push([{ text: "基于", header: true }, { text: `${b.name}（${[b.docNumber, fileName(base.uri)].filter(Boolean).join("，")}）` }]);
  }
  rows.push([{ text: "政策文件", header: true }, { text: fileName(view.uri) }]);
  const blocks: Block[] = [{ k: "table", head: [], rows }];
  if (header?.kind === "PolicyHeader" && header.citations.length) blocks.push({ k: "cites", cites: cites(view, view.uri, header.citations) });
  if (base) {
    const b = base.analysis.model.meta;
    blocks.push({
      k: "para",
      text: `本文件是对《${b.name}》（${b.docNumber ?? fileName(base.uri)}）的修订，只重述变化之处。本手册列出合并后的完整政策：带底色和 ※ 编号的数值来自本文件（${meta.docNumber ?? fileName(view.uri)}），编号链接到「本次修订」中的修订条款；其余沿用原文件。`,
    });
  }
  return section("file", "文件信息", blocks);
}

// ───────────── 本次修订 ─────────────

function amendmentSection(base: PolicyView, view: PolicyView, amendments: Amendment[]): Section {
  const blocks: Block[] = [];
  if (!amendments.length) blocks.push({ k: "para", text: "本文件与原文件的数值完全相同。" });
  else {
    blocks.push({
      k: "para",
      text: `与《${base.analysis.model.meta.name}》相比共 ${amendments.length} 处：「修改」是数值或规则的变化，「重述」是数值不变、改用本文件的措辞和依据。`,
    });
    blocks.push({
      k: "list",
      items: amendments.map(({ entry: e, mark }) => {
        const what = e.area === "header" ? `文件${e.item}` : `${AREA_NAMES[e.area]}「${e.subject}」${e.item === "值" || e.item === "全部" ? "" : ` ${e.item}`}`;
        const change = e.kind === "restated" ? `${e.new?.value ?? ""}（数值不变）` : `${e.old?.value ?? "（无）"} → ${e.new?.value ?? "（删除）"}`;
        const was = e.old?.cites.length ? `；原依据 ${e.old.cites.map((c) => c.clause).join("；")}` : "";
        return { id: mark.id, mark, text: `${mark.label} [${KIND_NAMES[e.kind]}] ${what}：${change}${was}`, cites: e.new?.cites ?? [] };
      }),
    });
  }
  return section("amendment", "本次修订", blocks);
}

// ───────────── 待遇标准 ─────────────

function standardsSection(view: PolicyView, marks: Marks): Section {
  const model = view.analysis.model;
  const shown = new Set<string>();
  const children: Section[] = [];
  const standardOf = (key: string): Standard | undefined => {
    const p = model.params.get(key);
    if (p) return { kind: "param", name: p.decl.name.text, key, decl: p.decl, type: p.type, uri: p.uri };
    const b = model.brackets.get(key);
    if (b) return { kind: "bracket", name: b.decl.name.text, key, decl: b.decl, type: b.resultType, uri: b.uri };
    return undefined;
  };
  let index = 0;
  for (const c of model.calculators.values()) {
    index++;
    const list: Standard[] = [];
    for (const u of c.uses) {
      if (u.kind !== "param" && u.kind !== "bracket") continue;
      const key = u.decl.name.key;
      if (shown.has(key)) continue;
      const s = standardOf(key);
      if (!s) continue;
      shown.add(key);
      list.push(s);
    }
    if (list.length) children.push(section(`standards-${index}`, `${c.name}`, standardsBlocks(view, list, marks)));
  }
  const rest = [...model.params.keys(), ...model.brackets.keys()].filter((k) => !shown.has(k)).map(standardOf).filter((s): s is Standard => !!s);
  if (rest.length) children.push(section("standards-other", "其他参数", standardsBlocks(view, rest, marks)));
  const blocks: Block[] = [
    {
      k: "para",
      text: "按计算分组，每个参数只在第一个用到它的计算下列出一次。分段的范围按法律用语写出：「以上」「以下」含本数，「超过」「不满」不含本数；分段表中条件列是该修正条件下各段的比例。",
    },
  ];
  return section("standards", "待遇标准", blocks, children);
}

// ───────────── 计算 ─────────────

function calculatorsSection(view: PolicyView): Section {
  const model = view.analysis.model;
  const outcomes = view.compiled.runExamples();
  const children: Section[] = [];
  let index = 0;
  for (const info of model.calculators.values()) {
    index++;
    const calc = view.compiled.calculators.find((c) => foldName(c.name) === info.key);
    if (!calc) continue;
    children.push(calculatorSection(view, info, calc, index, outcomes));
  }
  return section("calculators", "计算", [], children);
}

function calculatorSection(view: PolicyView, info: CalculatorInfo, calc: CompiledCalculator, index: number, outcomes: ExampleOutcome[]): Section {
  const meta = view.analysis.model.meta;
  const blocks: Block[] = [];
  const own = info.decl.validity;
  const from = [own?.from?.value, meta.validity?.from].filter(Boolean).sort().pop();
  const to = [own?.to?.value, meta.validity?.to].filter((x): x is string => !!x).sort()[0];
  blocks.push({ k: "para", text: `适用日期：${validityText({ from, to })}（以输入的「日期」判断；不填日期时按最新的版本计算）。` });
  if (info.decl.citations.length) blocks.push({ k: "cites", cites: cites(view, info.uri, info.decl.citations) });

  blocks.push({
    k: "table",
    caption: "输入",
    head: [[{ text: "字段" }, { text: "类型" }, { text: "必填" }, { text: "不填时" }]],
    rows: calc.inputFields.map((f) => [{ text: f.name, header: true }, { text: fieldTypeText(f.type) }, { text: f.required ? "必填" : "选填" }, { text: f.required ? "—" : defaultText(f) }]),
  });
  blocks.push({
    k: "table",
    caption: "输出",
    head: [[{ text: "字段" }, { text: "类型" }, { text: "依据" }]],
    rows: [
      ...info.outputs.map((o) => [
        { text: o.name, header: true },
        { text: typeText(o.type) },
        { text: cites(view, info.uri, o.decl.citations).map((c) => c.clause).join("\n") },
      ]),
      [{ text: "计算过程", header: true }, { text: "每一步的说明与依据" }, { text: "" }],
    ],
  });
  const refusals = info.decl.body.filter((b) => b.kind === "Refusal");
  if (refusals.length) {
    blocks.push({ k: "para", text: "不予计算的情形（输入这些情形时计算器报错并说明理由）：" });
    blocks.push({
      k: "list",
      items: refusals.map((r) => ({ text: `当 ${sourceText(view, info.uri, r.cond.span)}：「${r.reason}」`, cites: cites(view, info.uri, r.citations) })),
    });
  }
  const children: Section[] = [];
  const charts = costCharts(view, calc, `${index}`);
  if (charts) children.push(section(`chart-${index}`, "基金支付与个人负担", [{ k: "charts", charts: charts.charts, caption: charts.caption }]));
  const examples = exampleBlocks(view, info, calc, outcomes);
  if (examples.length) children.push(section(`examples-${index}`, "示例", examples));
  return section(`calc-${index}`, info.name, blocks, children);
}

function fieldTypeText(t: FieldType): string {
  switch (t.kind) {
    case "money":
      return "金额（元）";
    case "rate":
      return "比例";
    case "integer":
      return t.min !== undefined && t.max !== undefined ? `整数（${t.min}–${t.max}）` : t.min !== undefined ? `整数（不小于 ${t.min}）` : "整数";
    case "date":
      return "日期（YYYY-MM-DD）";
    case "boolean":
      return "是 / 否";
    case "text":
      return "文本";
    case "enum":
      return `其中之一：${t.members.join("、")}`;
    case "set":
      return `可多选${t.nonEmpty ? "（至少一项）" : ""}：${t.members.join("、")}`;
    case "list":
      return "列表";
    case "record":
      return `记录：${t.fields.map((f) => `${f.name}（${fieldTypeText(f.type)}）`).join("、")}`;
  }
}

function defaultText(f: FieldSpec): string {
  const d = f.default;
  if (f.name === "日期" && (d === undefined || d === null)) return "按最新的版本";
  if (d === undefined || d === null) return "无";
  if (typeof d === "boolean") return d ? "是" : "否";
  if (Array.isArray(d)) return d.length ? d.join("、") : "空";
  if (f.type.kind === "money") return `${d}元`;
  if (f.type.kind === "record") return "各项为 0";
  return String(d);
}

function typeText(t: Type): string {
  switch (t.k) {
    case "money":
      return t.nullable ? "金额（元），或「无」（不设限额）" : "金额（元）";
    case "rate":
      return "比例";
    case "bool":
      return "是 / 否";
    case "date":
      return "日期";
    case "int":
      return t.unit === "个月" ? "月数" : t.unit === "岁" ? "年龄" : "整数";
    case "enum":
      return t.name;
    default:
      return "数";
  }
}

// ───────────── worked examples ─────────────

function exampleBlocks(view: PolicyView, info: CalculatorInfo, calc: CompiledCalculator, outcomes: ExampleOutcome[]): Block[] {
  const blocks: Block[] = [];
  const shown = (v: unknown, t?: Type): string => {
    if (v === null || v === undefined) return "无";
    if (typeof v === "boolean") return v ? "是" : "否";
    if (Array.isArray(v)) return v.join("、");
    if (t?.k === "money" && typeof v === "string") return `${v}元`;
    return String(v);
  };
  for (const ex of view.analysis.model.examples) {
    if (ex.uri !== view.uri || ex.calculator.key !== info.key) continue;
    const line = lineOf(view, ex.uri, ex.span.start);
    const outcome = outcomes.find((o) => o.line === line && o.title === ex.title);
    const status = outcome ? (outcome.passed ? "通过" : "未通过") : "";
    blocks.push({ k: "para", strong: true, text: `「${ex.title}」${status ? `（${status}，${fileName(ex.uri)} 第 ${line} 行）` : ""}` });
    const inputs = ex.cases.map((c) => exampleJson(c.input));
    let results: Record<string, unknown>[] | undefined;
    let error: string | undefined;
    try {
      results = inputs.length === 1 ? [calc.run(inputs[0], { 计算过程: true })] : calc.runSequence(inputs, { 计算过程: true });
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    ex.cases.forEach((c, i) => {
      const prefix = ex.cases.length > 1 ? `第 ${i + 1} 次 ` : "";
      blocks.push({ k: "para", text: `${prefix}输入：${c.input.fields.map((f) => `${f.name.text} ${sourceText(view, ex.uri, f.value.span)}`).join("，")}` });
      const rows: Cell[][] = c.expect.fields.map((f) => {
        const out = info.outputs.find((o) => o.key === f.name.key);
        const expected = sourceText(view, ex.uri, f.value.span);
        const actual = out ? shown(results?.[i]?.[out.name], out.type) : error ?? "（无错误）";
        return [{ text: f.name.text, header: true }, { text: expected }, { text: actual }];
      });
      if (rows.length) blocks.push({ k: "table", head: [[{ text: `${prefix}结果` }, { text: "期望（手算）" }, { text: "计算器" }]], rows });
      const steps = (results?.[i]?.["计算过程"] as TraceLine[] | undefined) ?? [];
      if (steps.length) blocks.push({ k: "trace", summary: `${prefix}计算过程（${steps.length} 步）`, steps: steps.map((s) => ({ 说明: s.说明, 依据: s.依据 })) });
    });
  }
  return blocks;
}

