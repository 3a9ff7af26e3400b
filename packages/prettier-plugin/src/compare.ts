// Meaning check: the formatted text must parse to the same AST as the input, spans aside.
import type { PolicyFile } from "@zhengce/dsl";

const isSpan = (v: unknown): boolean =>
  !!v && typeof v === "object" && Object.keys(v).length === 2 && "start" in v && "end" in v;

/** The AST without source positions; comments by their text (a comment may move, never change or vanish). */
export function stripSpans(file: PolicyFile): unknown {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (x === undefined) continue;
        out[k] = isSpan(x) ? "·" : strip(x);
      }
      return out;
    }
    return v;
  };
  return strip({ ...file, span: undefined, comments: file.comments.map((c) => c.text.replace(/\s+$/, "")).sort() });
}

/** Path to the first difference, or undefined when equal. */
export function firstDifference(a: unknown, b: unknown, path = "$"): string | undefined {
  if (a === b) return undefined;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") {
    return `${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: 类型不同`;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  for (const k of new Set([...ka, ...kb])) {
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    if (d) return d;
  }
  return undefined;
}
