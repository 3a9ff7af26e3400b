// Meaning-preserving edits of a policy's whitespace, for the formatter's fuzz tests.
import { parseWithCst } from "@zhengce/dsl";

/** A small deterministic generator (mulberry32), so a failure can be replayed from its seed. */
export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let last: { text: string; toks: ReturnType<typeof scan> } | undefined;
/** The tokens of the text being mutated, parsed once for all its seeds (a fuzz test mutates one text many times). */
function tokensOf(text: string) {
  if (last?.text !== text) last = { text, toks: scan(text) };
  return last.toks;
}

function scan(text: string) {
  const parsed = parseWithCst(text);
  return [...parsed.tokens, ...parsed.comments]
    .map((t) => ({
      start: t.startOffset,
      end: (t.endOffset ?? t.startOffset) + 1,
      comment: t.tokenType.name === "Comment",
      // After 依据 the clause runs to the line end: no line break may be put inside it.
      citation: ["Citation", "Administrative", "ClauseRef"].includes(t.tokenType.name),
      // A 依据 starting a line means one thing or another by its indentation: keep where it stands.
      citationStart: t.tokenType.name === "Citation" || t.tokenType.name === "Administrative",
    }))
    .sort((a, b) => a.start - b.start);
}

const newlines = (s: string) => s.split("\n").length - 1;

/**
 * Rewrites the whitespace between tokens at random. A gap that held a line break keeps at least
 * one (citations and comments end at the line end); next to a comment, a blank line stays a blank
 * line and a trailing comment stays on its line, since those are the author's to choose.
 */
export function mutate(text: string, seed: number): string {
  const r = rng(seed);
  const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const toks = tokensOf(text);
  const horizontal = () => Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick([" ", " ", "\t", "\u3000"])).join("");
  const lines = (n: number) => Array.from({ length: n }, () => "\n" + (r() < 0.5 ? horizontal() : "")).join("");
  let out = "";
  let at = 0;
  for (let i = 0; i <= toks.length; i++) {
    const next = toks[i];
    const gap = text.slice(at, next ? next.start : text.length);
    const prev = toks[i - 1];
    const nearComment = !!next?.comment || !!prev?.comment;
    const nl = newlines(gap);
    let g = gap;
    const sameLine = !!next?.comment || !!prev?.citation || !!next?.citationStart;
    // Indentation carries meaning next to an own-line 依据 (row's or declaration's): line starts keep theirs.
    const indentation = gap.slice(gap.lastIndexOf("\n") + 1);
    if (r() < 0.6) {
      if (nl > 0 && next?.citationStart) g = gap;
      else if (nl > 0) g = (r() < 0.5 && !prev?.comment ? horizontal() : "") + "\n".repeat(nearComment ? (nl >= 2 ? 1 + Math.floor(r() * 2) : 0) : Math.floor(r() * 3)) + "\n" + indentation;
      else if (gap.length > 0) g = sameLine || r() < 0.7 ? horizontal() : lines(1 + Math.floor(r() * 2));
      else if (!next?.comment && prev && next) g = r() < 0.5 ? "" : sameLine || r() < 0.7 ? horizontal() : lines(1);
    }
    out += g + (next ? text.slice(next.start, next.end) : "");
    if (next) at = next.end;
  }
  return out;
}
