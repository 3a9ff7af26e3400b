// A notice's own text read as a tree of numbered clauses. Line-based: a clause starts at a line
// that begins with a numbering (numbering.ts) and runs up to the next clause of its level or
// above. Nesting follows the order the styles appear in: a style already open closes back to its
// level (the next sibling), a new one opens a child. An attachment (附件N, 附表, or a line that
// repeats a title the notice lists under 附件：) starts again at the top.
import { fold, foldLines } from "@zhengce/runtime/fold-names";
import { label, lineNumbering, type NumberingKind } from "./numbering.js";

export interface Clause {
  kind: NumberingKind;
  n: number;
  /** 附件 or 附表 for an attachment. */
  name?: string;
  /** This clause's own label: 二、 （四） 1. 附件2 说明. */
  label: string;
  /** The full reference as a 依据 writes it: 二、（四）1.（1）, 附表 说明 8., 附件2 三、4. */
  ref: string;
  /** Lines [startLine, endLine) of the document, the clause's heading line first. */
  startLine: number;
  endLine: number;
  /** UTF-16 offsets of those lines in the document text. */
  start: number;
  end: number;
  /** The heading line after the numbering (一档待遇。, 工作目标). */
  heading: string;
  parent?: Clause;
  children: Clause[];
}

export interface NoticeMeta {
  /** The plan's own title (the line before the body), else the notice's. */
  title?: string;
  docNumber?: string;
  issuer?: string;
  /** ISO date of the first 2017年5月11日 line in the front matter. */
  date?: string;
}

export interface NoticeDocument {
  text: string;
  lines: string[];
  lineStarts: number[];
  /** Each line folded for comparison (quote.ts). */
  folded: string[];
  /** Every clause in document order. */
  clauses: Clause[];
  roots: Clause[];
  meta: NoticeMeta;
}

/** Notice text without markup and bullets, its quotes and dashes made one of each. */
const plainText = (s: string) =>
  s
    .replace(/<[^>]*>/g, "")
    .replace(/^\s*[-*•]\s+/gm, "")
    .replace(/[“”„‟"＂]/g, '"')
    .replace(/[‘’']/g, "'")
    .replace(/[—–－~～]/g, "-");

/** The comparison form of notice text: script, width and whitespace folded, markup and bullets dropped. */
export function foldText(s: string): string {
  return fold(plainText(s)).replace(/\s+/g, "");
}

export function parseNotice(text: string): NoticeDocument {
  const lines = text.split(/\r?\n/);
  const lineStarts: number[] = [];
  let at = 0;
  for (const l of lines) {
    lineStarts.push(at);
    at += l.length + (text[at + l.length] === "\r" ? 2 : 1);
  }
  // foldText of each line, folded as one text.
  const folded = foldLines(lines.map(plainText)).map((l) => l.replace(/\s+/g, ""));
  const clauses: Clause[] = [];
  const roots: Clause[] = [];
  const stack: Clause[] = [];
  const listed = listedAttachments(lines);
  let listing = false;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    // The `附件：1. … 2. …` list names attachments; its lines are text, not clauses.
    if (/^[\s\u3000]*(?:[-*•]\s+)?附件\s*[:：]/.test(line)) listing = true;
    else if (!line.trim()) listing = false;
    if (listing) continue;
    let num = lineNumbering(line);
    const title = listed.get(folded[i]);
    if (!num && title !== undefined && clauses.length) num = { kind: "attachment", name: "附件", n: title, length: 0, offset: 0 };
    if (!num) continue;
    const open = stack.length ? stack[stack.length - 1] : undefined;
    // `附表：标题` followed by `附表`: the same attachment.
    if (num.kind === "attachment" && open && stack[0].kind === "attachment" && stack[0].name === num.name && stack[0].n === num.n) continue;
    if (num.kind === "attachment") stack.length = 0;
    else {
      const same = stack.findIndex((c) => c.kind === num!.kind);
      if (same >= 0) stack.length = same;
    }
    const parent = stack[stack.length - 1];
    const own = label(num.kind, num.n, num.name);
    const clause: Clause = {
      kind: num.kind,
      n: num.n,
      name: num.name,
      label: own,
      ref: parent ? joinRef(parent.ref, parent.kind, own) : own,
      startLine: i,
      endLine: lines.length,
      start: lineStarts[i],
      end: text.length,
      heading: line.slice(num.offset + num.length).trim(),
      parent,
      children: [],
    };
    (parent ? parent.children : roots).push(clause);
    clauses.push(clause);
    stack.push(clause);
  }
  // A clause ends where the next clause that is not inside it begins.
  for (let k = 0; k < clauses.length; k++) {
    const c = clauses[k];
    const next = clauses.slice(k + 1).find((d) => !isInside(d, c));
    if (next) {
      c.endLine = next.startLine;
      c.end = next.start;
    }
  }
  return { text, lines, lineStarts, folded, clauses, roots, meta: frontMatter(lines, clauses[0]?.startLine ?? lines.length) };
}

function joinRef(parent: string, parentKind: NumberingKind, own: string): string {
  // 附表 说明8: the notes under a table are cited by their number alone.
  if (parentKind === "notes") return parent + own.replace(/\.$/, "");
  return parentKind === "attachment" ? `${parent} ${own}` : parent + own;
}

export function isInside(c: Clause, ancestor: Clause): boolean {
  for (let p = c.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

/** `附件：1. 标题 2. 标题`: folded title → attachment number. */
function listedAttachments(lines: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) {
    if (!/^[\s\u3000]*(?:[-*•]\s+)?附件\s*[:：]/.test(lines[i])) continue;
    for (let j = i; j < lines.length && lines[j].trim(); j++) {
      const body = lines[j].replace(/^[\s\u3000]*(?:[-*•]\s+)?(?:附件\s*[:：])?/, "");
      for (const m of body.matchAll(/(\d{1,2})\s*[.．、]\s*([^\n]+?)(?=\s+\d{1,2}\s*[.．、]|$)/g)) {
        out.set(foldText(m[2]), Number(m[1]));
      }
    }
  }
  return out;
}

function frontMatter(lines: string[], bodyStart: number): NoticeMeta {
  const front = lines.slice(0, bodyStart).map((l) => l.trim());
  const meta: NoticeMeta = {};
  const docLine = front.findIndex((l) => /〔\d{4}〕\s*\d+\s*号/.test(l));
  if (docLine >= 0) meta.docNumber = /[^\s，,]*〔\d{4}〕\s*\d+\s*号/.exec(front[docLine])![0].replace(/\s+/g, "");
  // The signing date (a line of its own), else the printing date (…日印发).
  const dates = front
    .map((l, i) => ({ i, m: /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(印发)?$/.exec(l) }))
    .filter((x) => x.m);
  const date = dates.find((x) => !x.m![4]) ?? dates[0];
  if (date) {
    const [, y, m, d] = date.m!;
    meta.date = `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
  }
  // The issuer: the masthead above the 文号 (…文件), else who writes 关于…, else who signs above the date.
  const mast = front.slice(0, Math.max(docLine, 0)).filter(Boolean);
  if (mast.length && /文件$/.test(mast[mast.length - 1])) {
    meta.issuer = mast.map((l) => l.replace(/\s*文件$/, "")).filter(Boolean).join("、");
  } else {
    const about = front.find((l) => /^\S+?关于/.test(l));
    if (about) meta.issuer = /^(\S+?)关于/.exec(about)![1];
    else if (date) meta.issuer = front.slice(0, date.i).filter(Boolean).pop();
  }
  // The plan's own title: the nearest short line without sentence punctuation above the body.
  for (let i = front.length - 1; i >= 0; i--) {
    const l = front[i];
    if (!l || /[。；：:]$/.test(l) || /[。，]/.test(l)) continue;
    if (l.length <= 60 && !/^公开方式|印发$|^\d{4}\s*年/.test(l)) {
      meta.title = l.replace(/\s+/g, "");
      break;
    }
  }
  return meta;
}

/** The clause's text: its lines, headings of children included. */
export function clauseText(doc: NoticeDocument, c: Clause): string {
  return doc.lines.slice(c.startLine, c.endLine).join("\n").trimEnd();
}

export { label };
