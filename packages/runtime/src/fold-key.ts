// Folding at run time, without a dictionary: what a calculator module imports.
//
// Input keys and enum members are matched with `foldKey`, which needs no dictionary at run time:
// each compiled policy registers a table (`addFoldTable`) generated at compile time by `foldTable`
// for its own names: every character whose fold is a character of one of those names. Characters
// fold one at a time, so a traditional spelling that only OpenCC's phrase dictionary resolves would
// not match (no name of the seed policies has one; test/adopt/fold-table.test.ts checks each
// name's traditional, Hong Kong and Taiwan spellings). A calculator module thus carries a few
// kilobytes of table instead of the whole OpenCC dictionary, and works the same in Node, a bundle
// and a browser.

const MEMO_LIMIT = 10_000;
const WHITESPACE = /\s+/g;

const tableChars = new Map<string, string>();
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
  const out = foldChars(s);
  if (keyMemo.size >= MEMO_LIMIT) keyMemo.clear();
  keyMemo.set(s, out);
  return out;
}

/** A compiled policy's table: `pairs` is a string of (character, folded character) pairs. */
export interface FoldTable {
  pairs: string;
}

/** Registers a compiled policy's table (generated code calls this once, when it is imported). */
export function addFoldTable(table: FoldTable): void {
  const chars = [...table.pairs];
  for (let i = 0; i + 1 < chars.length; i += 2) tableChars.set(chars[i], chars[i + 1]);
  keyMemo.clear();
}
