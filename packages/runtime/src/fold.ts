import * as OpenCC from "opencc-js";

type Convert = (text: string) => string;

let toCn: Convert[] | null = null;
let cnToT: Convert | null = null;
let cnToTwp: Convert | null = null;

/**
 * Order matters: 't' first, then 'hk', then 'tw'. The 'tw' converter also rewrites some
 * simplified words (显著 → 显着), so running it last makes 顯著 and 显著 fold alike.
 */
function simplifiers(): Convert[] {
  if (toCn === null) {
    toCn = [
      OpenCC.Converter({ from: "t", to: "cn" }),
      OpenCC.Converter({ from: "hk", to: "cn" }),
      OpenCC.Converter({ from: "tw", to: "cn" }),
    ];
  }
  return toCn;
}

const MEMO_LIMIT = 10_000;
const memo = new Map<string, string>();
const WHITESPACE = /\s+/g;

/**
 * The key under which names are compared: NFKC (full-width punctuation, digits and
 * letters to half-width), traditional (tw/hk/OpenCC standard) to simplified, trimmed,
 * inner whitespace collapsed to one space. It is a comparison key, not display text:
 * a few simplified words come out altered (显著 → 显着), identically on both sides.
 */
export function fold(s: string): string {
  const hit = memo.get(s);
  if (hit !== undefined) return hit;
  let out = s.normalize("NFKC");
  const cs = simplifiers();
  for (let i = 0; i < cs.length; i++) out = cs[i](out);
  out = out.trim().replace(WHITESPACE, " ");
  // Names come from a small closed vocabulary; an unbounded stream of distinct strings
  // can only come from bad input, so starting over is cheaper than tracking recency.
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(s, out);
  return out;
}

/** Simplified → traditional, OpenCC standard characters (默认 → 默認, 计算 → 計算). */
export function toTraditional(s: string): string {
  const convert = (cnToT ??= OpenCC.Converter({ from: "cn", to: "t" }));
  return convert(s);
}

/**
 * Simplified → Taiwan usage at phrase level (默认 → 預設). Phrase substitution follows
 * computing vocabulary (对象 → 物件, 参数 → 引數, 发布 → 釋出, 枚举 → 列舉), so use it only
 * for keyword spellings chosen deliberately, never for policy names or text.
 */
export function toTaiwan(s: string): string {
  const convert = (cnToTwp ??= OpenCC.Converter({ from: "cn", to: "twp" }));
  return convert(s);
}
