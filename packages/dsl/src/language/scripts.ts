// Simplified and traditional script of keywords. The lexer accepts every spelling in
// keywords.generated.ts; editors write new keywords in the script a file already uses.
import { foldName } from "../fold.js";
import { KEYWORD_SPELLINGS } from "./keywords.js";

export type Script = "simplified" | "traditional";

export interface KeywordForms {
  simplified: string;
  traditional: string;
}

let forms: Map<string, KeywordForms> | undefined;
let bySpelling: Map<string, { keyword: string; script: Script | "both" }> | undefined;

/** For each keyword (token name), its simplified spelling and the traditional one. */
export function keywordForms(): Map<string, KeywordForms> {
  if (forms) return forms;
  forms = new Map();
  bySpelling = new Map();
  for (const [name, spellings] of Object.entries(KEYWORD_SPELLINGS) as [string, readonly string[]][]) {
    const simplified = spellings[0];
    // The traditional form is the spelling that folds back to the simplified one (計算 → 计算);
    // regional vocabulary such as 引數 or 列舉 is accepted but never proposed.
    const traditional = spellings.find((s) => s !== simplified && foldName(s) === simplified) ?? simplified;
    forms.set(name, { simplified, traditional });
    for (const s of spellings) {
      const script: Script | "both" =
        foldName(s) !== s ? "traditional" : spellings.some((t) => t !== s && foldName(t) === s) ? "simplified" : "both";
      bySpelling.set(s, { keyword: name, script });
    }
  }
  return forms;
}

/** Which script a keyword spelling belongs to ("both" when the two scripts write it alike). */
export function spellingScript(spelling: string): { keyword: string; script: Script | "both" } | undefined {
  keywordForms();
  return bySpelling!.get(spelling);
}

/** The spelling of keyword `name` (a token name such as "Calculator") in a script. */
export function spell(name: string, script: Script): string {
  const f = keywordForms().get(name);
  if (!f) return name;
  return script === "traditional" ? f.traditional : f.simplified;
}

/** The script most of the keywords among `tokens` are written in; simplified when undecided. */
export function scriptOf(tokens: readonly { image: string; tokenType: { name: string } }[]): Script {
  let simplified = 0;
  let traditional = 0;
  for (const t of tokens) {
    const s = spellingScript(t.image);
    if (!s || s.keyword !== t.tokenType.name) continue;
    if (s.script === "simplified") simplified++;
    else if (s.script === "traditional") traditional++;
  }
  return traditional > simplified ? "traditional" : "simplified";
}
