// The script (simplified or traditional) new keywords are written in: the one most of the
// file's keywords already use. The spellings and their scripts are the dsl's (language/scripts.ts).
import { scriptOf, textScript, type Analysis, type Script } from "@zhengce/dsl";

export { keywordForms, spell, spellingScript, type Script } from "@zhengce/dsl";

const scripts = new WeakMap<Analysis, Script>();

/** The script of an analysed file (from its tokens), or of a text. */
export function fileScript(source: Analysis | string): Script {
  if (typeof source === "string") return textScript(source);
  let s = scripts.get(source);
  if (!s) scripts.set(source, (s = scriptOf(source.tokens)));
  return s;
}
