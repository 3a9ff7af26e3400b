// Name folding with OpenCC's traditional → simplified dictionaries (`@zhengce/runtime/fold-names`):
// the language front end compares names with `fold`, and the compiler makes each policy's table
// for `foldKey` with `foldTable`. A calculator never imports this module. OpenCC's `t2cn` build
// holds only the dictionaries these conversions read (0.1 MB against 1.2 MB for the whole
// package, which also converts to traditional): a profile of the language server's start put
// 130–200 ms into loading the whole one. Its conversions are the same: every CJK character
// (Extension B included), every dictionary entry and every policy text convert alike.
import { Locale } from "opencc-js/t2cn";
import type { FoldTable } from "./fold-key.js";
import { FOLD_INVERSE } from "./fold-inverse.generated.js";

type Convert = (text: string) => string;

let toCn: { chain: Convert[]; changes: ChangeFilter } | null = null;
// opencc-js's own declarations import "./core" without an extension, which this build's module
// resolution does not follow: the shapes used here, as its core.d.ts declares them.
type DictLike = string | readonly (readonly [string, string])[];
type DictGroup = readonly DictLike[];

/** Code units of the code point at `i`. */
const unitsAt = (s: string, i: number) => (s.codePointAt(i)! > 0xffff ? 2 : 1);

/** Operands an ideographic description character takes (⿰ … ⿻: 2, ⿲ ⿳: 3), 0 for any other. */
function idsArity(cp: number): number {
  return cp >= 0x2ff0 && cp <= 0x2ff1 ? 2 : cp >= 0x2ff2 && cp <= 0x2ff3 ? 3 : cp >= 0x2ff4 && cp <= 0x2fff ? 2 : 0;
}

/**
 * Where the ideographic description sequence starting at `i` ends, 0 when none starts there or it
 * is cut short — by the end of the text or of its line: texts of lines convert as one
 * (convertLines), and a sequence cut short at a line's end must not take in the next line.
 */
function idsEnd(s: string, i: number): number {
  const arity = idsArity(s.codePointAt(i)!);
  if (arity === 0) return 0;
  let end = i + unitsAt(s, i);
  for (let k = 0; k < arity; k++) {
    if (end >= s.length || s.charCodeAt(end) === 10) return 0;
    end = idsEnd(s, end) || end + unitsAt(s, end);
  }
  return end;
}

/** Code units to step over where no word matches: a whole description sequence, else one code point. */
function advance(s: string, i: number): number {
  const end = idsEnd(s, i);
  return end > i ? end - i : unitsAt(s, i);
}

/**
 * Where a text may change in any of the conversions: where a dictionary word with a
 * replacement other than itself occurs in it. Where none does, every table's `convert` returns
 * the text as it was — OpenCC replaces only the words it finds, and a word found that maps to
 * itself changes nothing, wherever the segmentation cuts — so `simplify` is NFKC alone. A word
 * occurs only where its first two code points do: one lookup or two per code point, against the
 * ~4 300 characters and ~420 pairs that start a changing word. A profile of the language server's
 * first check of 江门 base.policy put 40 ms into folding its 1 100 names and its notice's lines
 * through all three conversions; 56 of its 2 357 words and a tenth of its notice's lines change.
 */
class ChangeFilter {
  private readonly singles = new Set<number>();
  private readonly pairs = new Set<number>();
  /** Every code point of every word, changing or not: no word spans one that is not. */
  private readonly inWords = new Set<number>();

  add(word: string, changes: boolean): void {
    for (let i = 0; i < word.length; i += unitsAt(word, i)) this.inWords.add(word.codePointAt(i)!);
    if (!changes) return;
    const first = word.codePointAt(0)!;
    const second = word.codePointAt(unitsAt(word, 0));
    if (second === undefined) this.singles.add(first);
    else this.pairs.add(pairKey(first, second));
  }

  /**
   * The stretches of `text` that may change, such that converting them alone converts the text:
   * the runs of code points that occur in some word, cut at every other one — no word spans it,
   * so each table's scan reaches the next run's start as it does in the whole text — keeping the
   * runs in which a changing word may occur. A line of a notice that changes mostly changes in a
   * word or two. Undefined where the text has an ideographic description character: OpenCC steps
   * over a whole description, whatever it holds.
   */
  changingRuns(text: string): [start: number, end: number][] | undefined {
    const runs: [number, number][] = [];
    let start = -1;
    let changes = false;
    let previous = -1;
    for (let i = 0; i <= text.length; ) {
      const cp = i < text.length ? text.codePointAt(i)! : -1;
      if (cp >= 0x2ff0 && cp <= 0x2fff) return undefined;
      if (cp >= 0 && this.inWords.has(cp)) {
        if (start < 0) [start, changes, previous] = [i, false, -1];
        if (this.singles.has(cp) || (previous >= 0 && this.pairs.has(pairKey(previous, cp)))) changes = true;
        previous = cp;
      } else if (start >= 0) {
        if (changes) runs.push([start, i]);
        start = -1;
      }
      i += cp > 0xffff ? 2 : 1;
    }
    return runs;
  }
}

const pairKey = (first: number, second: number) => first * 0x110000 + second;

/**
 * OpenCC's Trie (opencc-js 1.4: longest match, then `segment` and `convert` stepping over
 * unmatched text as it does) over a map of whole words instead of a tree of maps, one per
 * character of every word: a profile of a cold `calc` put building those trees (loadDict,
 * addWord) at most of the first fold, on every start of the CLI and the language server.
 * A word is looked up at a position only for the lengths the dictionaries have for its first
 * character, so most positions of a text cost one lookup, as in the tree.
 */
class WordTable {
  private readonly words = new Map<string, string>();
  /** First code point → the longest word (in code units) starting with it. */
  private readonly longest = new Map<number, number>();

  constructor(private readonly changes: ChangeFilter) {}

  /** Earlier dictionaries of a group win, as in OpenCC's `loadDictGroup`. */
  loadDictGroup(group: DictGroup): void {
    for (let d = group.length - 1; d >= 0; d--) {
      const dict = group[d]!;
      if (typeof dict === "string") {
        for (const entry of dict.split("|")) {
          const space = entry.indexOf(" ");
          if (space < 0) throw new TypeError(`OpenCC 词典条目无效：${entry}`);
          const rest = entry.slice(space + 1);
          // OpenCC splits on every space and keeps the second part.
          this.add(entry.slice(0, space), rest.includes(" ") ? rest.slice(0, rest.indexOf(" ")) : rest);
        }
      } else for (const [from, to] of dict) this.add(from, to);
    }
  }

  private add(word: string, value: string): void {
    if (word === "") return;
    this.words.set(word, value);
    // A word overridden by an earlier dictionary stays in the filter: it only lets more texts through.
    this.changes.add(word, value !== word);
    const first = word.codePointAt(0)!;
    if ((this.longest.get(first) ?? 0) < word.length) this.longest.set(first, word.length);
  }

  /** The longest word at `offset`: its end and its replacement. */
  private match(text: string, offset: number): { end: number; value: string } | null {
    const max = this.longest.get(text.codePointAt(offset)!);
    if (max === undefined) return null;
    for (let len = Math.min(max, text.length - offset); len > 0; len--) {
      const value = this.words.get(text.slice(offset, offset + len));
      if (value !== undefined) return { end: offset + len, value };
    }
    return null;
  }

  /**
   * Calls `step` at each position where OpenCC's trie finds a word or may — a word's first
   * character, an ideographic description character (stepped over whole): past a word found, the
   * next try is at its end; else as `advance` steps.
   */
  private scan(text: string, step: (at: number, word: { end: number; value: string } | null) => void): void {
    for (let at = 0; at < text.length; ) {
      const cp = text.codePointAt(at)!;
      if (!this.longest.has(cp) && !(cp >= 0x2ff0 && cp <= 0x2fff)) {
        at += cp > 0xffff ? 2 : 1;
        continue;
      }
      const word = this.match(text, at);
      step(at, word);
      at = word ? word.end : at + advance(text, at);
    }
  }

  segment(text: string): string[] {
    const parts: string[] = [];
    let done = 0;
    this.scan(text, (at, word) => {
      if (!word) return;
      if (at > done) parts.push(text.slice(done, at));
      parts.push(text.slice(at, word.end));
      done = word.end;
    });
    if (done < text.length) parts.push(text.slice(done));
    return parts;
  }

  convert(text: string): string {
    let out = "";
    let done = 0;
    this.scan(text, (at, word) => {
      if (!word) return;
      out += text.slice(done, at) + word.value;
      done = word.end;
    });
    return done === 0 ? text : out + text.slice(done);
  }
}

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
function converters(names: readonly string[], changes: ChangeFilter): Convert[] {
  const configs = Locale.configs as Record<string, Config>;
  const ids = new Map<DictLike, number>();
  const tries = new Map<string, WordTable>();
  const trie = (group: DictGroup): WordTable => {
    const key = group.map((d) => ids.get(d) ?? ids.set(d, ids.size).size - 1).join(",");
    let t = tries.get(key);
    if (!t) {
      t = new WordTable(changes);
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
function simplifiers(): { chain: Convert[]; changes: ChangeFilter } {
  if (!toCn) {
    const changes = new ChangeFilter();
    toCn = { chain: converters(["t2s", "hk2s", "tw2s"], changes), changes };
  }
  return toCn;
}

/** Traditional (standard, Hong Kong, Taiwan) to simplified, of a text already in NFKC. */
function toSimplified(s: string): string {
  const { chain, changes } = simplifiers();
  const convert = (t: string) => chain.reduce((out, c) => c(out), t);
  const runs = changes.changingRuns(s);
  if (runs === undefined) return convert(s);
  if (runs.length === 0) return s;
  // The runs as one text, a newline apart: no word spans a newline either.
  const converted = convert(runs.map(([start, end]) => s.slice(start, end)).join("\n")).split("\n");
  let out = "";
  let done = 0;
  runs.forEach(([start, end], k) => {
    out += s.slice(done, start) + converted[k];
    done = end;
  });
  return out + s.slice(done);
}

/** NFKC, then traditional (standard, Hong Kong, Taiwan) to simplified. */
function simplify(s: string): string {
  return toSimplified(s.normalize("NFKC"));
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

/**
 * `fold` of each of many lines (a notice's, to compare quotes with): the same keys, converted as
 * one text. Folding a notice's 336 lines one by one took 35–50 ms of a cold `check`; as one, 8–12.
 */
export function foldLines(lines: readonly string[]): string[] {
  if (lines.some((l) => l.includes("\n"))) return lines.map(fold);
  // NFKC never joins across a newline, nor does a dictionary word.
  return toSimplified(lines.map((l) => l.normalize("NFKC")).join("\n"))
    .split("\n")
    .map((l) => l.trim().replace(WHITESPACE, " "));
}

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
  for (const pairs of FOLD_INVERSE) {
    for (let i = 0; i < pairs.length; ) {
      const ch = String.fromCodePoint(pairs.codePointAt(i)!);
      i += ch.length;
      const f = String.fromCodePoint(pairs.codePointAt(i)!);
      i += f.length;
      const list = inverse.get(f);
      if (list) list.push(ch);
      else inverse.set(f, [ch]);
    }
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
