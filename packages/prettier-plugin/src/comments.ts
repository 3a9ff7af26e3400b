// `#` comments, attached by offset. A comment is *trailing* when code precedes it on its line
// (it stays at the end of that line), otherwise *own-line* (it is printed on its own line before
// the token that follows it, or before the closing brace / end of file it precedes).
import type { ParseWithCstResult } from "@zhengce/dsl";

export type Token = ParseWithCstResult["tokens"][number];

export interface PolicyComment {
  /** The comment text, trailing whitespace removed. */
  text: string;
  start: number;
  end: number;
  trailing: boolean;
  /** Own-line: a blank line separated it from what precedes it in the source. */
  blankBefore: boolean;
  /** Own-line: a blank line separates it from what follows it in the source. */
  blankAfter: boolean;
  /** Index (into the code tokens) of the token before / after it; -1 / tokens.length at the ends. */
  prevToken: number;
  nextToken: number;
  printed: boolean;
}

const newlines = (s: string) => {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
};

export function classifyComments(text: string, tokens: Token[], comments: Token[]): PolicyComment[] {
  const out: PolicyComment[] = [];
  let ti = 0;
  const sorted = [...comments].sort((a, b) => a.startOffset - b.startOffset);
  for (let ci = 0; ci < sorted.length; ci++) {
    const c = sorted[ci];
    while (ti < tokens.length && tokens[ti].startOffset < c.startOffset) ti++;
    const prev = ti - 1;
    const start = c.startOffset;
    const end = (c.endOffset ?? c.startOffset) + 1;
    const prevEnd = Math.max(
      prev >= 0 ? (tokens[prev].endOffset ?? tokens[prev].startOffset) + 1 : 0,
      ci > 0 ? (sorted[ci - 1].endOffset ?? sorted[ci - 1].startOffset) + 1 : 0,
    );
    const before = text.slice(prevEnd, start);
    const trailing = prev >= 0 && newlines(before) === 0;
    const nextStart = Math.min(
      ti < tokens.length ? tokens[ti].startOffset : text.length,
      ci + 1 < sorted.length ? sorted[ci + 1].startOffset : text.length,
    );
    const after = text.slice(end, nextStart);
    out.push({
      text: c.image.replace(/\s+$/, ""),
      start,
      end,
      trailing,
      blankBefore: !trailing && prevEnd > 0 && newlines(before) >= 2,
      blankAfter: !trailing && nextStart < text.length && newlines(after) >= 2,
      prevToken: prev,
      nextToken: ti,
      printed: false,
    });
  }
  return out;
}
