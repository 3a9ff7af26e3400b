// Generated modules formatted by Prettier one top-level chunk at a time, each chunk's format kept
// by the caller (`zhengce compile` keeps them in its cache store per policy). Editing one
// parameter of 江门 base.policy changes one or two of its ~380 top-level statements; formatting
// the whole module again took ~2 s of a ~3 s `compile`, formatting the chunks they are in a
// fraction of that.
//
// Prettier prints top-level statements independently of one another (printWidth is per line)
// and keeps one blank line where the source had at least one, so formatting the chunks and
// joining them as the source separated them gives the whole module's format; compile.test's
// goldens and format.test.ts hold every seed policy to that.
export type ModuleParser = "babel" | "babel-ts";

/** Formats already made (printWidth 100), by parser and chunk: what a caller keeps between runs. */
export interface FormatMemory {
  get(parser: ModuleParser, chunk: string): string | undefined;
  set(parser: ModuleParser, chunk: string, formatted: string): void;
}

export const PRINT_WIDTH = 100;

/**
 * A line that can only begin a statement: a keyword no expression can continue with, so the
 * statement above it has ended (ASI). Other lines (`addFoldTable(…)`, `};`) stay with the chunk above.
 */
const STATEMENT = /^(?:export|import|const|let|var|function|async function|class|interface|type|declare|enum)\b/;
/** A comment line at the left edge (`//`, `/**`, and a doc comment's ` * …` / ` *\/`): it goes with the statement below. */
const COMMENT = /^(?:\/\/|\/\*|\s\*)/;

/** A chunk ends after a statement whose hash is 0 modulo GROUP, or once it holds MAX_CHARS. */
const GROUP = 16;
const MAX_CHARS = 64 * 1024;

/**
 * The module's text cut into chunks of whole top-level statements (each with the comment lines
 * directly above it), about sixteen statements to a chunk: a call to Prettier costs a few ms
 * beyond its text, so one per statement made a cold compile of every seed policy 1.6× slower, one
 * per eight 1.2×. Where a chunk ends depends on the statements' own text, not on their offsets,
 * so an edit changes its own chunk and at most the next. A cut inside a string, template or
 * comment leaves a chunk Prettier cannot parse, and then the module is formatted whole
 * (formatModule).
 */
export function topLevelChunks(code: string): { text: string; blankAfter: boolean }[] {
  const lines = code.split("\n");
  const starts = [0];
  for (let i = 1; i < lines.length; i++) {
    if (!STATEMENT.test(lines[i]!)) continue;
    let start = i;
    while (start > starts[starts.length - 1]! + 1 && COMMENT.test(lines[start - 1]!)) start--;
    if (start > starts[starts.length - 1]!) starts.push(start);
  }
  starts.push(lines.length);
  const chunks: { text: string; blankAfter: boolean }[] = [];
  let group: string[] = [];
  let size = 0;
  for (let c = 0; c + 1 < starts.length; c++) {
    const own = lines.slice(starts[c], starts[c + 1]);
    group.push(...own);
    const text = own.join("\n");
    size += text.length;
    if (c + 2 < starts.length && hash(text) % GROUP !== 0 && size < MAX_CHARS) continue;
    const joined = group.join("\n").trim();
    if (joined !== "") chunks.push({ text: joined, blankAfter: group[group.length - 1]!.trim() === "" });
    group = [];
    size = 0;
  }
  return chunks;
}

/** FNV-1a over the UTF-16 code units: cheap, and the same for the same text. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Loaded on the first chunk not in memory: a module whose chunks are all known never loads Prettier. */
let prettier: Promise<typeof import("prettier")> | undefined;

/** Prettier's format of a generated module (printWidth 100), from `memory` where it has a chunk's. */
export async function formatModule(code: string, parser: ModuleParser, memory?: FormatMemory): Promise<string> {
  const options = { parser, printWidth: PRINT_WIDTH };
  const chunks = topLevelChunks(code);
  let out = "";
  try {
    for (let i = 0; i < chunks.length; i++) {
      const { text, blankAfter } = chunks[i]!;
      let formatted = memory?.get(parser, text);
      if (formatted === undefined) {
        formatted = await (await (prettier ??= import("prettier"))).format(text, options);
        memory?.set(parser, text, formatted);
      }
      out += formatted;
      if (blankAfter && i + 1 < chunks.length) out += "\n";
    }
  } catch {
    // A chunk cut where it should not be: the module whole (a syntax error in it throws from here).
    return (await (prettier ??= import("prettier"))).format(code, options);
  }
  return out;
}
