// A 依据 against the notice: which lines its clause reference names, and whether its quote
// occurs there. Quotes compare folded (document.ts foldText); `……` elides, so the parts of a
// quote must occur in order.
import { foldText, isInside, type Clause, type NoticeDocument } from "./document.js";
import { parseReference, type RefSegment } from "./numbering.js";

export interface Scope {
  /** The deepest clauses the reference names (several for a range). */
  clauses: Clause[];
  /** Line ranges [start, end) the reference covers, narrowed by table rows and inline items. */
  lines: [number, number][];
}

export type Resolution =
  | ({ ok: true } & Scope)
  | {
      ok: false;
      /** The step that names nothing, as written. */
      missing: string;
      /** The reference up to that step, when the step is a numbered clause (二、（九）). */
      clause?: string;
      /** The clause reached before it. */
      within?: Clause;
    };

export function resolveReference(doc: NoticeDocument, ref: string): Resolution {
  let clauses: Clause[] = [];
  let lines: [number, number][] = [[0, doc.lines.length]];
  for (const seg of parseReference(ref)) {
    const current = clauses.length === 1 ? clauses[0] : undefined;
    const within = current ?? clauses[0];
    if (seg.kind === "label") {
      // A column heading may sit outside the rows named so far, and span two heading rows (一档 / 基金累计支付限额).
      const around = within ? foldedIn(doc, [[within.startLine, within.endLine]]) : foldedIn(doc, lines);
      const key = foldText(seg.text);
      if (!inPieces(around, key)) return { ok: false, missing: seg.text, within };
      // A heading written out in the scope (大病医疗保险, 基金支付相关规定) narrows it to what follows.
      lines = fromFirst(doc, lines, key);
      continue;
    }
    if (seg.kind === "rows") {
      const rows = tableRows(doc, lines, seg.n, seg.to);
      if (!rows.length) return { ok: false, missing: seg.text, within };
      lines = rows;
      continue;
    }
    const pool = clauses.length ? clauses.flatMap((c) => c.children) : doc.roots;
    const hit = pool.filter((c) => matches(c, seg));
    if (hit.length) {
      clauses = hit;
      lines = hit.map((c) => [c.startLine, c.endLine]);
      continue;
    }
    // An item numbered inside a line (`基金支付相关规定 <p>1. …</p>`): the text from it to the next item.
    const inline = clauses.length ? inlineItem(doc, lines, seg) : undefined;
    if (!inline) return { ok: false, missing: seg.text, clause: `${within ? within.ref : ""}${seg.text}`, within };
    lines = [inline];
  }
  if (!clauses.length && lines.length === 1 && lines[0][0] === 0) return { ok: false, missing: ref, clause: ref };
  return { ok: true, clauses, lines };
}

function matches(c: Clause, seg: Extract<RefSegment, { n: number }>): boolean {
  if (c.kind !== seg.kind) return false;
  if (seg.kind === "attachment" && "name" in seg && seg.name !== c.name && !(seg.name === "附件" && c.name === "附表")) return false;
  const to = "to" in seg && seg.to !== undefined ? seg.to : seg.n;
  return c.n >= seg.n && c.n <= to;
}

function foldedIn(doc: NoticeDocument, lines: [number, number][]): string {
  let out = "";
  for (const [a, b] of lines) for (let i = a; i < b; i++) out += doc.folded[i];
  return out;
}

function fromFirst(doc: NoticeDocument, lines: [number, number][], key: string): [number, number][] {
  for (let k = 0; k < lines.length; k++) {
    const [a, b] = lines[k];
    for (let i = a; i < b; i++) if (doc.folded[i].includes(key)) return [[i, b], ...lines.slice(k + 1)];
  }
  return lines;
}

/** Whether `label` is made of at most three pieces that each occur in `text` (headings over two rows). */
function inPieces(text: string, label: string): boolean {
  let rest = label;
  for (let pieces = 0; rest && pieces < 3; pieces++) {
    let n = rest.length;
    while (n > 0 && !text.includes(rest.slice(0, n))) n--;
    if (n < Math.min(2, rest.length)) return false;
    rest = rest.slice(n);
  }
  return !rest;
}

/**
 * Lines of a table whose first cell is a row number within [from, to], with the table's
 * heading rows (the tab-separated lines just above its first row), which name the columns.
 */
function tableRows(doc: NoticeDocument, lines: [number, number][], from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  for (const [a, b] of lines) {
    for (let i = a; i < b; i++) {
      const m = /^\s*(\d+)\t/.exec(doc.lines[i]);
      if (m && Number(m[1]) >= from && Number(m[1]) <= to) out.push([i, i + 1]);
    }
  }
  if (!out.length) return out;
  const isRow = (i: number) => /^\s*\d+\t/.test(doc.lines[i]);
  let top = out[0][0];
  while (top > 0 && doc.lines[top - 1].includes("\t")) top--;
  let head = top;
  while (head < out[0][0] && !isRow(head)) head++;
  return head > top ? [[top, head], ...out] : out;
}

function inlineItem(doc: NoticeDocument, lines: [number, number][], seg: RefSegment): [number, number] | undefined {
  if (seg.kind !== "arabic" && seg.kind !== "parenAr" && seg.kind !== "circled") return undefined;
  for (const [a, b] of lines) {
    for (let i = a; i < b; i++) {
      const re = seg.kind === "arabic" ? new RegExp(`(^|[\\s>；;。])${seg.n}\\s*[.．、](?!\\d)`) : new RegExp(`(^|[\\s>；;。])[（(]${seg.n}[）)]`);
      if (re.test(doc.lines[i])) return [i, i + 1];
    }
  }
  return undefined;
}

/** The parts of a quote between its ellipses, folded; empty parts dropped. */
export function quoteParts(quote: string): string[] {
  return rawParts(quote).map(foldText);
}

function rawParts(quote: string): string[] {
  return quote.split(/…+|\.{3,}|⋯+/).filter((p) => foldText(p).length > 0);
}

/** Whether every part occurs in `haystack`, in order. */
export function occursInOrder(haystack: string, parts: string[]): boolean {
  let from = 0;
  for (const p of parts) {
    const at = haystack.indexOf(p, from);
    if (at < 0) return false;
    from = at + p.length;
  }
  return true;
}

export function quoteInScope(doc: NoticeDocument, scope: Scope, quote: string): boolean {
  const parts = quoteParts(quote);
  // Each named clause (or row) on its own first, then all together for a quote across a range.
  return scope.lines.some((r) => occursInOrder(foldedIn(doc, [r]), parts)) || occursInOrder(foldedIn(doc, scope.lines), parts);
}

/** The deepest clauses whose text holds the quote: where a misplaced quote really is. */
export function clausesQuoting(doc: NoticeDocument, quote: string): Clause[] {
  const parts = quoteParts(quote);
  if (!parts.length) return [];
  const holding = doc.clauses.filter((c) => occursInOrder(foldedIn(doc, [[c.startLine, c.endLine]]), parts));
  return holding.filter((c) => !holding.some((d) => d !== c && isInside(d, c)));
}

/**
 * Where a misquote departs from the scope: the first part (between ellipses) not found after the
 * ones before it, and how much of its start agrees with the text.
 */
export function departure(doc: NoticeDocument, lines: [number, number][], quote: string): { part: string; agreeing: string } {
  const text = foldedIn(doc, lines);
  let from = 0;
  const raw = rawParts(quote);
  for (const [k, part] of quoteParts(quote).entries()) {
    const at = text.indexOf(part, from);
    if (at >= 0) {
      from = at + part.length;
      continue;
    }
    let lo = 0;
    let hi = part.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (text.includes(part.slice(0, mid), from)) lo = mid;
      else hi = mid - 1;
    }
    return { part: raw[k].trim(), agreeing: part.slice(0, lo) };
  }
  return { part: "", agreeing: "" };
}
