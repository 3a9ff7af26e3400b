// The numbering of a notice's clauses, one table: how each style is written at the start of a
// line, and how a 依据 names it. 一、 （一） 1. （1） ① 第N条 附件N 附表 说明.
export type NumberingKind = "chapter" | "article" | "dun" | "parenCn" | "arabic" | "parenAr" | "circled" | "attachment" | "notes";

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 → 1, 十二 → 12, 二十三 → 23, 一百零五 → 105; undefined when not a Chinese numeral. */
export function chineseNumber(s: string): number | undefined {
  if (!/^[零〇一二两三四五六七八九十百]+$/.test(s)) return undefined;
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch === "百") {
      total += (digit || 1) * 100;
      digit = 0;
    } else if (ch === "十") {
      total += (digit || 1) * 10;
      digit = 0;
    } else digit = CN_DIGITS[ch];
  }
  return total + digit;
}

const CN_NAMES = "零一二三四五六七八九";
export function chineseNumeral(n: number): string {
  if (n < 10) return CN_NAMES[n];
  if (n < 20) return "十" + (n % 10 ? CN_NAMES[n % 10] : "");
  if (n < 100) return CN_NAMES[Math.floor(n / 10)] + "十" + (n % 10 ? CN_NAMES[n % 10] : "");
  return String(n);
}

const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";

export interface Numbering {
  kind: NumberingKind;
  n: number;
  /** For attachments: 附件 or 附表. */
  name?: string;
  /** Length of the numbering at the start of the matched text. */
  length: number;
}

const CN = "[零〇一二两三四五六七八九十百]+";
// Each style once: the pattern at the start of a line (after a stray list bullet) and its number.
const STYLES: { kind: NumberingKind; re: RegExp; n: (m: RegExpExecArray) => number | undefined; name?: (m: RegExpExecArray) => string }[] = [
  { kind: "chapter", re: new RegExp(`^第(${CN}|\\d+)章`), n: (m) => num(m[1]) },
  { kind: "article", re: new RegExp(`^第(${CN}|\\d+)条`), n: (m) => num(m[1]) },
  { kind: "dun", re: new RegExp(`^(${CN})[、，,]`), n: (m) => chineseNumber(m[1]) },
  { kind: "parenCn", re: new RegExp(`^[（(]\\s*(${CN})\\s*[）)]`), n: (m) => chineseNumber(m[1]) },
  { kind: "parenAr", re: /^[（(]\s*(\d{1,3})\s*[）)]/, n: (m) => Number(m[1]) },
  // `1.` `1．` `1、` but not a decimal (`1.5万元`) nor a date (`2018.1`).
  { kind: "arabic", re: /^(\d{1,2})\s*[.．、](?!\d)/, n: (m) => Number(m[1]) },
  { kind: "circled", re: new RegExp(`^([${CIRCLED}])`), n: (m) => CIRCLED.indexOf(m[1]) + 1 },
];

function num(s: string): number | undefined {
  return /^\d+$/.test(s) ? Number(s) : chineseNumber(s);
}

/** The numbering a line of the notice starts with (leading spaces and a list bullet skipped). */
export function lineNumbering(line: string): (Numbering & { offset: number }) | undefined {
  const lead = /^[\s\u3000]*(?:[-*•]\s+)?/.exec(line)![0].length;
  const rest = line.slice(lead);
  const att = /^(附件|附表)\s*(\d*)\s*[:：]?/.exec(rest);
  if (att) {
    const after = rest.slice(att[0].length).trim();
    // `附件：1. …` lists the attachments; `附件1` / `附表：标题` starts one.
    if (att[2] === "" && att[1] === "附件") return undefined;
    if (/^\d/.test(after)) return undefined;
    return { kind: "attachment", name: att[1], n: att[2] ? Number(att[2]) : 0, length: att[0].length, offset: lead };
  }
  const notes = /^(说明|備註|备注|註|注)\s*[:：]/.exec(rest);
  if (notes) return { kind: "notes", n: 0, length: notes[0].length, offset: lead };
  for (const s of STYLES) {
    const m = s.re.exec(rest);
    if (!m) continue;
    const n = s.n(m);
    if (n !== undefined) return { kind: s.kind, n, length: m[0].length, offset: lead };
  }
  return undefined;
}

/** The canonical label of a numbering, as policies cite it: 二、 （四） 1. （1） ① 第三条 附件2 附表 说明. */
export function label(kind: NumberingKind, n: number, name?: string): string {
  switch (kind) {
    case "chapter":
      return `第${chineseNumeral(n)}章`;
    case "article":
      return `第${chineseNumeral(n)}条`;
    case "dun":
      return `${chineseNumeral(n)}、`;
    case "parenCn":
      return `（${chineseNumeral(n)}）`;
    case "parenAr":
      return `（${n}）`;
    case "arabic":
      return `${n}.`;
    case "circled":
      return CIRCLED[n - 1] ?? `(${n})`;
    case "attachment":
      return `${name ?? "附件"}${n || ""}`;
    case "notes":
      return "说明";
  }
}

/** One step of a clause reference as a 依据 writes it. */
export type RefSegment =
  | { kind: NumberingKind; n: number; to?: number; name?: string; text: string }
  | { kind: "rows"; n: number; to: number; text: string }
  | { kind: "label"; text: string };

const REF_STYLES: { re: RegExp; seg: (m: RegExpExecArray) => RefSegment | undefined }[] = [
  { re: new RegExp(`^第(${CN}|\\d+)章`), seg: (m) => numbered("chapter", num(m[1]), m[0]) },
  { re: new RegExp(`^第(${CN}|\\d+)条`), seg: (m) => numbered("article", num(m[1]), m[0]) },
  { re: new RegExp(`^(${CN})、`), seg: (m) => numbered("dun", chineseNumber(m[1]), m[0]) },
  { re: new RegExp(`^[（(](${CN})[）)]`), seg: (m) => numbered("parenCn", chineseNumber(m[1]), m[0]) },
  { re: /^[（(](\d{1,3})[）)]/, seg: (m) => numbered("parenAr", Number(m[1]), m[0]) },
  { re: /^(\d{1,2})[.．、]/, seg: (m) => numbered("arabic", Number(m[1]), m[0]) },
  { re: new RegExp(`^[${CIRCLED}]+`), seg: (m) => circled(m[0]) },
  { re: /^(附件|附表)(\d*)/, seg: (m) => ({ kind: "attachment", name: m[1], n: m[2] ? Number(m[2]) : 0, text: m[0] }) },
  { re: /^(?:说明|备注)(\d*)/, seg: (m) => ({ kind: "notes", n: m[1] ? Number(m[1]) : 0, text: m[0] }) },
  { re: /^序号(\d+)(?:\s*[–—－~～-]\s*(\d+))?/, seg: (m) => ({ kind: "rows", n: Number(m[1]), to: Number(m[2] ?? m[1]), text: m[0] }) },
];

function numbered(kind: NumberingKind, n: number | undefined, text: string): RefSegment | undefined {
  return n === undefined ? undefined : { kind, n, text };
}

function circled(s: string): RefSegment {
  const ns = [...s].map((c) => CIRCLED.indexOf(c) + 1);
  return { kind: "circled", n: ns[0], to: ns[ns.length - 1], text: s };
}

/**
 * A clause reference split into steps: `附表 序号9–12 一档基金累计支付限额` →
 * attachment 附表, rows 9–12, label 一档基金累计支付限额. A range `（1）—（3）` is one step with `to`.
 */
export function parseReference(ref: string): RefSegment[] {
  const out: RefSegment[] = [];
  // NFKC would turn ② into 2: circled numbers are kept as written.
  let rest = [...ref].map((ch) => (CIRCLED.includes(ch) ? ch : ch.normalize("NFKC"))).join("").replace(/\(/g, "（").replace(/\)/g, "）").trim();
  while (rest) {
    rest = rest.replace(/^\s+/, "");
    if (!rest) break;
    let hit: RefSegment | undefined;
    for (const s of REF_STYLES) {
      const m = s.re.exec(rest);
      if (m && (hit = s.seg(m))) {
        rest = rest.slice(m[0].length);
        break;
      }
    }
    if (hit) {
      // `（1）—（3）`, `1.—7.`: a range of siblings.
      const range = /^\s*[–—－~～-]+\s*/.exec(rest);
      if (range && hit.kind !== "label" && hit.kind !== "rows") {
        const next = REF_STYLES.map((s) => ({ s, m: s.re.exec(rest.slice(range[0].length)) })).find((x) => x.m);
        const seg = next?.m && next.s.seg(next.m);
        if (seg && seg.kind === hit.kind && "n" in seg) {
          hit = { ...hit, to: seg.n, text: hit.text + range[0] + seg.text } as RefSegment;
          rest = rest.slice(range[0].length + next!.m![0].length);
        }
      }
      if (hit.kind === "notes" && hit.n) {
        out.push({ kind: "notes", n: 0, text: "说明" }, { kind: "arabic", n: hit.n, text: `${hit.n}.` });
      } else out.push(hit);
      continue;
    }
    // Anything else (a column heading, a category, `首句`) up to the next numbering or space.
    const m = /^[^\s]+?(?=\s|$|(?:\d{1,2}[.．、])|[（(][\d一二三四五六七八九十]+[）)])/.exec(rest) ?? /^\S+/.exec(rest)!;
    out.push({ kind: "label", text: m[0] });
    rest = rest.slice(m[0].length);
  }
  return out;
}
