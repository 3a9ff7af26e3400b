// Generates src/lookahead.generated.ts: the rules Chevrotain records for the grammar, and the
// lookahead paths and recovery follows it computes (src/lookahead.ts says why). Run after
// changing parser.ts: `node packages/dsl/scripts/gen-lookahead.mjs` (after a build); a test
// checks the file is current.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { tablesSource } from "../dist/lookahead.js";
import { grammarTables } from "../dist/parser.js";

const target = fileURLToPath(new URL("../src/lookahead.generated.ts", import.meta.url));
writeFileSync(target, tablesSource(grammarTables()));
console.log(`wrote ${target}`);
