// Writes syntaxes/policy.tmLanguage.json from the built @zhengce/dsl's keywordSpellings().
import { writeFileSync } from "node:fs";
import { keywordSpellings } from "@zhengce/dsl";
import { buildGrammar } from "./grammar.mjs";

const out = new URL("../syntaxes/policy.tmLanguage.json", import.meta.url);
writeFileSync(out, JSON.stringify(buildGrammar(keywordSpellings()), null, 2) + "\n");
console.log(`wrote ${out.pathname}`);
