import * as OpenCC from "opencc-js";

type Convert = (text: string) => string;

let toCn: Convert[] | null = null;
let cnToT: Convert | null = null;
let cnToTwp: Convert | null = null;
let cnToHk: Convert | null = null;
let cnToTw: Convert | null = null;

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

/** NFKC, then traditional (standard, Hong Kong, Taiwan) to simplified. */
function simplify(s: string): string {
  let out = s.normalize("NFKC");
  const cs = simplifiers();
  for (let i = 0; i < cs.length; i++) out = cs[i](out);
  return out;
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
  const out = simplify(s).trim().replace(WHITESPACE, " ");
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

/** Simplified → Hong Kong standard characters (character variants only). */
export function toHongKong(s: string): string {
  return (cnToHk ??= OpenCC.Converter({ from: "cn", to: "hk" }))(s);
}

/** Simplified → Taiwan standard characters (character variants only, no vocabulary: 软件 stays 軟件). */
export function toTaiwanVariants(s: string): string {
  return (cnToTw ??= OpenCC.Converter({ from: "cn", to: "tw" }))(s);
}

// ───────────── per-policy tables: folding without the dictionary ─────────────
//
// Input keys and enum members are matched with `foldKey`, which needs no dictionary at run time:
// each compiled policy registers a table (`addFoldTable`) generated at compile time by `foldTable`
// for its own names — every character whose fold is a character of one of those names, and the
// policy's names in OpenCC's traditional, Hong Kong and Taiwan spellings where a phrase, not a
// character, makes the difference. A calculator module thus weighs a few kilobytes of table instead
// of the whole OpenCC dictionary, and works the same in Node, a bundle and a browser.

const tableChars = new Map<string, string>();
const aliases = new Map<string, string>();
const keyMemo = new Map<string, string>();

/** Characters folded one by one through the registered tables, after NFKC; trimmed, inner spaces collapsed. */
function foldChars(s: string): string {
  let out = "";
  for (const ch of s.normalize("NFKC")) out += tableChars.get(ch) ?? ch;
  return out.trim().replace(WHITESPACE, " ");
}

/**
 * The key under which input keys and enum members are matched against a policy's names:
 * `fold` restricted to the names of the policies whose tables are registered. Tables of several
 * policies agree wherever they overlap (each entry is what `fold` gives), so registering more
 * never changes how one policy's names match.
 */
export function foldKey(s: string): string {
  const hit = keyMemo.get(s);
  if (hit !== undefined) return hit;
  const chars = foldChars(s);
  const out = aliases.get(chars) ?? chars;
  if (keyMemo.size >= MEMO_LIMIT) keyMemo.clear();
  keyMemo.set(s, out);
  return out;
}

/** A compiled policy's table: `pairs` is a string of (character, folded character) pairs; `names` maps spellings to their key. */
export interface FoldTable {
  pairs: string;
  names?: Readonly<Record<string, string>>;
}

/** Registers a compiled policy's table (generated code calls this once, when it is imported). */
export function addFoldTable(table: FoldTable): void {
  const chars = [...table.pairs];
  for (let i = 0; i + 1 < chars.length; i += 2) tableChars.set(chars[i], chars[i + 1]);
  for (const [spelling, key] of Object.entries(table.names ?? {})) aliases.set(spelling, key);
  keyMemo.clear();
}

/**
 * A name in OpenCC's traditional, Hong Kong and Taiwan spellings. A browser build that carries
 * only the traditional → simplified half of OpenCC (the playground's) has none; the character
 * table still matches those spellings character by character.
 */
function spellingsOf(n: string): string[] {
  try {
    return [toTraditional(n), toHongKong(n), toTaiwanVariants(n)];
  } catch {
    return [];
  }
}

let inverse: Map<string, string[]> | null = null;

/** Folded character → the characters that fold to it (BMP CJK blocks); built once, at compile time. */
function inverseIndex(): Map<string, string[]> {
  if (inverse !== null) return inverse;
  inverse = new Map();
  const blocks: [number, number][] = [[0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff]];
  for (const [lo, hi] of blocks) {
    for (let cp = lo; cp <= hi; cp++) {
      const ch = String.fromCharCode(cp);
      if (ch.normalize("NFKC") !== ch) continue; // NFKC runs first at run time
      const f = simplify(ch);
      if (f === ch || [...f].length !== 1) continue;
      const list = inverse.get(f);
      if (list) list.push(ch);
      else inverse.set(f, [ch]);
    }
  }
  return inverse;
}

/**
 * The table for a policy's names (compile time: it reads the whole OpenCC dictionary). Every
 * character whose single-character fold is a character of a folded name maps to it; where OpenCC
 * folds a name's traditional spelling differently as a phrase than character by character, that
 * spelling is listed whole.
 */
export function foldTable(names: Iterable<string>): FoldTable {
  const index = inverseIndex();
  const charFold = (ch: string) => {
    const f = simplify(ch);
    return [...f].length === 1 ? f : ch;
  };
  const wanted = new Set<string>();
  const pairs = new Map<string, string>();
  const list = [...new Set(names)];
  for (const n of list) {
    for (const ch of n.normalize("NFKC")) {
      const f = charFold(ch);
      wanted.add(f);
      if (f !== ch) pairs.set(ch, f);
    }
  }
  for (const f of wanted) for (const ch of index.get(f) ?? []) pairs.set(ch, f);
  const charwise = (s: string) => {
    let out = "";
    for (const ch of s.normalize("NFKC")) out += pairs.get(ch) ?? ch;
    return out.trim().replace(WHITESPACE, " ");
  };
  const spellings: Record<string, string> = {};
  for (const n of list) {
    const key = charwise(n);
    for (const variant of spellingsOf(n)) {
      const v = charwise(variant);
      if (v !== key && fold(variant) === fold(n)) spellings[v] = key;
    }
  }
  let encoded = "";
  for (const [ch, f] of [...pairs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) encoded += ch + f;
  return Object.keys(spellings).length > 0 ? { pairs: encoded, names: spellings } : { pairs: encoded };
}
