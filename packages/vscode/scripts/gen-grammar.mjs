// Writes syntaxes/policy.tmLanguage.json from the built @zhengce/dsl's keyword list, name
// characters and number units.
import { writeFileSync } from "node:fs";
import { keywordSpellings, nameCharacterClass, numberUnits } from "@zhengce/dsl";
import { buildGrammar } from "./grammar.mjs";

const out = new URL("../syntaxes/policy.tmLanguage.json", import.meta.url);
writeFileSync(out, JSON.stringify(buildGrammar(keywordSpellings(), { name: nameCharacterClass(), units: numberUnits() }), null, 2) + "\n");
console.log(`wrote ${out.pathname}`);
