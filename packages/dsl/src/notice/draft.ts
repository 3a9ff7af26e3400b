// A first draft of a policy from its notice: the header found in the text, and for every
// sentence with a computable number a candidate declaration — a table over the items a sentence
// enumerates, a bracket from its 以内/以上/超过/至 phrases, else one parameter per number — each
// with its 依据 clause and quote. Candidates are comments: the analyst checks and uncomments them.
import type { Clause, NoticeDocument } from "./document.js";

export interface DraftNumber {
  /** As written: `20 万元`, `85%`. */
  text: string;
  /** In the language's base units, as a decimal: 20万元 → 200000, 85% → 0.85, 10个百分点 → 0.1. */
  value: number;
  unit: "元" | "%" | "个百分点" | "个月" | "岁" | "人" | "日";
}

export interface DraftCandidate {
  kind: "param" | "table" | "bracket";
  clause: Clause;
  sentence: string;
  numbers: DraftNumber[];
  /** The candidate declaration, one line an element, without the comment marks. */
  lines: string[];
}

const AMOUNT = /(\d+(?:\.\d+)?)\s*(万元|元|%|％|个百分点|个月|周岁|岁|年|万人|万|人|折|日|天)/g;
/** `按规定全额享受`: the whole standard, 100%. */
const WHOLE = /全额(?:享受|支付|报销|补助)/g;
const TYPE: Record<DraftNumber["unit"], string> = { 元: "金额", "%": "比例", 个百分点: "百分点", 个月: "月数", 岁: "年龄", 人: "整数", 日: "整数" };

/** The computable numbers of a sentence (not years, dates or counts of people). */
export function sentenceNumbers(sentence: string): DraftNumber[] {
  const out: DraftNumber[] = [];
  const text = sentence.normalize("NFKC");
  out.push(...[...text.matchAll(WHOLE)].map((): DraftNumber => ({ text: "100%", value: 1, unit: "%" })));
  for (const m of text.matchAll(AMOUNT)) {
    const n = Number(m[1]);
    const at = m.index!;
    const after = text.slice(at + m[0].length, at + m[0].length + 1);
    const before = text.slice(Math.max(0, at - 1), at);
    const unit = m[2];
    // 2018年 is a year and 2017年1月1日 a date; 2年 is a duration, 30日 a number of days.
    if (unit === "年" && (n >= 100 || /[\d度底内起]/.test(after))) continue;
    if ((unit === "日" || unit === "天") && (/[月\d]/.test(before) || /[前起止]/.test(after))) continue;
    const written = m[0].replace(/\s+/g, "");
    switch (unit) {
      // 「最高支付限额25万」: 万 alone is 万元.
      case "万元":
      case "万":
        out.push({ text: `${n}万元`, value: round(n * 10000), unit: "元" });
        break;
      case "%":
      case "％":
      case "个百分点":
        // 「起赔标准下降70%」 leaves 30% of it: the language writes 乘以 30%.
        if (unit !== "个百分点" && /(?:下降|降低|减少)\s*$/.test(text.slice(Math.max(0, at - 3), at))) {
          out.push({ text: `${round(100 - n)}%`, value: round(1 - n / 100), unit: "%" });
          break;
        }
        out.push({ text: written.replace("％", "%"), value: round(n / 100), unit: unit === "个百分点" ? "个百分点" : "%" });
        break;
      case "折":
        out.push({ text: `${round(n * 10)}%`, value: round(n / 10), unit: "%" });
        break;
      // The language counts periods in months: 满10年 is 120个月.
      case "年":
        out.push({ text: `${n * 12}个月`, value: n * 12, unit: "个月" });
        break;
      case "周岁":
      case "岁":
        out.push({ text: `${n}岁`, value: n, unit: "岁" });
        break;
      case "万人":
      case "人":
        out.push({ text: String(unit === "万人" ? round(n * 10000) : n), value: unit === "万人" ? round(n * 10000) : n, unit: "人" });
        break;
      case "日":
      case "天":
        out.push({ text: String(n), value: n, unit: "日" });
        break;
      default:
        out.push({ text: written, value: n, unit: unit as DraftNumber["unit"] });
    }
  }
  return out;
}

const round = (x: number) => Math.round(x * 1e8) / 1e8;

const literal = (n: DraftNumber) => n.text.replace(/％/g, "%");

/**
 * Sentences of a clause's own text (its sub-clauses have their own): paragraphs (lines the notice
 * wraps joined) split at 。 (a bracket's slices are one sentence, split at ；), and a table row each, its bare numeric cells read as counts.
 */
function sentences(doc: NoticeDocument, c: Clause): { text: string; cells: DraftNumber[] }[] {
  const end = c.children.length ? c.children[0].startLine : c.endLine;
  const out: { text: string; cells: DraftNumber[] }[] = [];
  let paragraph = "";
  const flush = () => {
    out.push(...paragraph.split(/(?<=。)/).map((s) => ({ text: s.trim(), cells: [] })).filter((s) => s.text));
    paragraph = "";
  };
  for (let i = c.startLine; i < end; i++) {
    // The first line without its numbering: a quote is of the clause's words.
    const line = (i === c.startLine ? c.heading : doc.lines[i]).replace(/<[^>]*>/g, " ").replace(/^\s*[-*•]\s+/, "").trim();
    if (!line) flush();
    else if (line.includes("\t")) {
      flush();
      const cells = line.split(/\t+/).slice(1).filter((x) => /^\d+$/.test(x.trim()));
      out.push({ text: line.replace(/\t+/g, " "), cells: cells.map((x) => ({ text: x.trim(), value: Number(x), unit: "人" as const })) });
    } else paragraph += line;
  }
  flush();
  return out;
}

/** A name for a candidate: the short lead-in before the sentence (起付标准。), else the clause's heading. */
function nameFor(lead: string | undefined, c: Clause, k: number): string {
  const base = (lead ?? c.heading.split(/[。，,：:；]/)[0])
    .replace(/[。；;：:，,、（）()“”"\s\d.%]/g, "")
    .replace(/待遇$/, "")
    .slice(0, 12);
  return (base || `第${k}项`) + (k > 1 ? k : "");
}

function quoteOf(sentence: string): string {
  const s = sentence.replace(/[「」]/g, "");
  return s.length > 120 ? s.slice(0, 60) + "……" + s.slice(-50) : s;
}

/** The items a sentence enumerates, one number each: 一级及以下定点医疗机构500元，二级… */
function tableRows(sentence: string, unit: DraftNumber["unit"]): { key: string; n: DraftNumber }[] | undefined {
  const parts = splitOutsideBrackets(sentence);
  const rows: { key: string; n: DraftNumber }[] = [];
  for (const p of parts) {
    const ns = sentenceNumbers(p).filter((n) => n.unit === unit);
    if (ns.length !== 1) continue;
    const key = p
      .slice(0, p.normalize("NFKC").indexOf(ns[0].text[0]))
      .replace(/^.*?(分别为|分别是|为|是)/, "")
      .replace(/[为是的按：:\s]+$/g, "")
      .replace(/[「」\s]/g, "")
      .slice(-12);
    if (key) rows.push({ key, n: ns[0] });
  }
  // Items are distinct: the same words before each number are not an enumeration.
  return rows.length >= 2 && new Set(rows.map((r) => r.key)).size === rows.length ? rows : undefined;
}

/** The sentence split at ，、； that are not inside brackets (`（含…，下同）`). */
function splitOutsideBrackets(sentence: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of sentence) {
    if (ch === "（" || ch === "(") depth++;
    if ((ch === "）" || ch === ")") && depth > 0) depth--;
    if (depth === 0 && /[，,、；;]/.test(ch)) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** `……5000元（含5000元）以内的……50%；……5000元以上、20万元以内的……85%`: one slice each. */
function bracketSlices(sentence: string): string[] | undefined {
  if (!/以内|以上|以下|超过|不满|至/.test(sentence)) return undefined;
  const out: string[] = [];
  for (const part of sentence.normalize("NFKC").split(/[；;]/)) {
    let rate: DraftNumber | undefined;
    let lower: DraftNumber | undefined;
    let upper: DraftNumber | undefined;
    for (const m of part.matchAll(AMOUNT)) {
      const [n] = sentenceNumbers(m[0]);
      if (!n) continue;
      // The payment is the slice's last rate (30% before it may be a share of another bound).
      if (n.unit === "%") rate = n;
      if (n.unit !== "元") continue;
      const before = part.slice(0, m.index);
      const after = part.slice(m.index! + m[0].length);
      // The number repeated in `（含5000元）` is the bound before it.
      if (/[(（]\s*含\s*$/.test(before)) continue;
      if (/^\s*(?:[(（]\s*含[^)）]*[)）])?\s*(以内|以下)/.test(after) || /(不超过|不满|低于)\s*$/.test(before)) upper ??= n;
      else if (/^\s*(以上|至)/.test(after) || /(超过|高于)\s*$/.test(before)) lower ??= n;
    }
    if (!rate || (!lower && !upper)) continue;
    const from = lower ? `超过 ${literal(lower)}` : "";
    const to = upper ? `${from ? " 至 " : "不超过 "}${literal(upper)}` : "";
    out.push(`${from}${to}：${literal(rate)}`);
  }
  return out.length >= 2 ? out : undefined;
}

export function draftCandidates(doc: NoticeDocument): DraftCandidate[] {
  const out: DraftCandidate[] = [];
  for (const c of doc.clauses) {
    const list = sentences(doc, c);
    let lead: string | undefined;
    let k = 0;
    for (const { text: s, cells } of list) {
      const numbers = [...cells, ...sentenceNumbers(s)];
      if (!numbers.length) {
        // `起付标准。` introduces the sentence after it.
        if (s.length <= 14) {
          lead = s;
          k = 0;
        }
        continue;
      }
      k++;
      const name = nameFor(lead, c, k);
      const cite = `  依据 ${c.ref}「${quoteOf(s)}」`;
      const slices = bracketSlices(s);
      const unit = numbers[0].unit;
      const rows = !slices && numbers.every((n) => n.unit === unit) ? tableRows(s, unit) : undefined;
      if (slices) {
        out.push({ kind: "bracket", clause: c, sentence: s, numbers, lines: [`分段 ${name}（累进）{`, ...slices.map((x) => `  ${x}`), cite, "}"] });
      } else if (rows) {
        out.push({
          kind: "table",
          clause: c,
          sentence: s,
          numbers,
          lines: [`参数 ${name}：${TYPE[unit]} 按 待定枚举 {`, ...rows.map((r) => `  「${r.key}」：${literal(r.n)}`), cite, "}"],
        });
      } else {
        const lines: string[] = [];
        // `5000 元（含 5000 元）` states one number.
        const seen = new Set<string>();
        const distinct = numbers.filter((n) => !seen.has(`${n.value}${n.unit}`) && seen.add(`${n.value}${n.unit}`));
        distinct.forEach((n, i) => lines.push(`参数 ${name}${distinct.length > 1 ? `（${i + 1}）` : ""}：${TYPE[n.unit]} = ${literal(n)}`));
        lines.push(cite.replace(/^ {2}/, ""));
        out.push({ kind: "param", clause: c, sentence: s, numbers, lines });
      }
      lead = undefined;
    }
  }
  return out;
}

/** The draft policy: header from the notice's front matter, candidates as comments under their clause. */
export function draftPolicy(doc: NoticeDocument, sourcePath: string): string {
  const m = doc.meta;
  const out: string[] = [
    `# 由 zhengce draft 从「${sourcePath}」生成的草稿。`,
    "# 每个候选声明都是注释：对照原文核对名称、类型和数值，补上枚举，再去掉行首的 # 。",
    "",
    `政策 「${m.title ?? "（标题）"}」 {`,
  ];
  if (m.docNumber) out.push(`  文号 「${m.docNumber}」`);
  if (m.issuer) out.push(`  机关 「${m.issuer}」`);
  if (m.date) out.push(`  发布 ${m.date}`);
  out.push(`  原文 「${sourcePath}」`, "}", "");
  let last: Clause | undefined;
  for (const cand of draftCandidates(doc)) {
    if (cand.clause !== last) {
      out.push(`# ───── ${cand.clause.ref} ${cand.clause.heading.slice(0, 30)}`.trimEnd(), "");
      last = cand.clause;
    }
    out.push(...cand.lines.map((l) => `# ${l}`), "");
  }
  return out.join("\n");
}
