// Name folding with OpenCC's traditional → simplified dictionaries (`@zhengce/runtime/fold-names`):
// the language front end compares names with `fold`, and the compiler makes each policy's table
// for `foldKey` with `foldTable`. A calculator never imports this module. OpenCC's `t2cn` build
// holds only the dictionaries these conversions read (0.1 MB against 1.2 MB for the whole
// package, which also converts to traditional): a profile of the language server's start put
// 130–200 ms into loading the whole one. Its conversions are the same: every CJK character
// (Extension B included), every dictionary entry and every policy text convert alike.
import { Locale, Trie as OpenCCTrie } from "opencc-js/t2cn";
import type { FoldTable } from "./fold-key.js";
import { FOLD_INVERSE } from "./fold-inverse.generated.js";

type Convert = (text: string) => string;

let toCn: Convert[] | null = null;
// opencc-js's own declarations import "./core" without an extension, which this build's module
// resolution does not follow: the shapes used here, as its core.d.ts declares them.
type DictLike = string | readonly (readonly [string, string])[];
type DictGroup = readonly DictLike[];
interface Trie {
  loadDictGroup(group: DictGroup): void;
  segment(text: string): string[];
  convert(text: string): string;
}
const Trie = OpenCCTrie as new () => Trie;

interface Config {
  normalizationChain?: readonly DictGroup[];
  segmentation?: DictLike | DictGroup;
  conversionChain: readonly DictGroup[];
}

/**
 * OpenCC's t2s, hk2s and tw2s as its Converter runs them (normalise, cut into phrases, convert
 * each phrase through each group of dictionaries), with one trie per distinct group shared by the
 * three: the Converter builds its own for each, and the traditional → simplified group
 * (TSPhrases, TSCharacters) is in all three — building the tries was most of the first fold.
 */
function converters(names: readonly string[]): Convert[] {
  const configs = Locale.configs as Record<string, Config>;
  const ids = new Map<DictLike, number>();
  const tries = new Map<string, Trie>();
  const trie = (group: DictGroup): Trie => {
    const key = group.map((d) => ids.get(d) ?? ids.set(d, ids.size).size - 1).join(",");
    let t = tries.get(key);
    if (!t) {
      t = new Trie();
      t.loadDictGroup(group);
      tries.set(key, t);
    }
    return t;
  };
  return names.map((name) => {
    const config = configs[name]!;
    const normalise = (config.normalizationChain ?? []).map(trie);
    const s = config.segmentation;
    const segmentation = s === undefined ? undefined : trie(Array.isArray(s) && s.every((d) => typeof d === "string") ? (s as DictGroup) : [s as DictLike]);
    const chain = config.conversionChain.map(trie);
    return (text: string) => {
      for (const t of normalise) text = t.convert(text);
      let parts = segmentation ? segmentation.segment(text) : [text];
      for (const t of chain) parts = parts.map((p) => t.convert(p));
      return parts.join("");
    };
  });
}

/**
 * Order matters: 't' first, then 'hk', then 'tw'. The 'tw' converter also rewrites some
 * simplified words (显著 → 显着), so running it last makes 顯著 and 显著 fold alike.
 */
function simplifiers(): Convert[] {
  return (toCn ??= converters(["t2s", "hk2s", "tw2s"]));
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

// OpenCC converts a long text far faster than many short ones, so everything below converts
// one text of lines (a newline never belongs to a phrase) and splits the result.
const convertLines = (convert: (s: string) => string, lines: readonly string[]) => convert(lines.join("\n")).split("\n");

let inverse: Map<string, string[]> | null = null;

/**
 * Folded character → the characters that fold to it (BMP CJK blocks), from the table made from
 * OpenCC's dictionaries ahead of time (fold-inverse.generated.ts; its test remakes it with `fold`).
 * Computing it at compile time meant matching the 28 000 characters against every dictionary and
 * converting the tenth that matched: a profile of a cold `calc` put 120–290 ms into it.
 */
function inverseIndex(): Map<string, string[]> {
  if (inverse !== null) return inverse;
  inverse = new Map();
  const chars = [...FOLD_INVERSE.join("")];
  for (let i = 0; i + 1 < chars.length; i += 2) {
    const [ch, f] = [chars[i]!, chars[i + 1]!];
    const list = inverse.get(f);
    if (list) list.push(ch);
    else inverse.set(f, [ch]);
  }
  return inverse;
}

const tables = new Map<string, FoldTable>();

/**
 * The table for a policy's names (compile time: it reads the whole OpenCC dictionary). Every
 * character whose single-character fold is a character of a folded name maps to it. Remembered by
 * names: an editor compiles the same names on every edit.
 */
export function foldTable(names: Iterable<string>): FoldTable {
  const list = [...new Set(names)];
  const memoKey = list.join("\n");
  const known = tables.get(memoKey);
  if (known) return known;
  const index = inverseIndex();
  const chars = [...new Set([...list.join("").normalize("NFKC")])];
  const single = convertLines(simplify, chars);
  const wanted = new Set<string>();
  const pairs = new Map<string, string>();
  chars.forEach((ch, i) => {
    const f = [...single[i]!].length === 1 ? single[i]! : ch;
    wanted.add(f);
    if (f !== ch) pairs.set(ch, f);
  });
  for (const f of wanted) for (const ch of index.get(f) ?? []) pairs.set(ch, f);
  let encoded = "";
  for (const [ch, f] of [...pairs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) encoded += ch + f;
  const table = { pairs: encoded };
  if (tables.size >= 100) tables.clear();
  tables.set(memoKey, table);
  return table;
}
