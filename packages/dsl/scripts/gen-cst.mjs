// Generates src/cst.generated.ts: one interface per grammar rule (its children by label, each
// a token or a node of the rule it names), from the built parser's grammar. Run after changing
// parser.ts: `node packages/dsl/scripts/gen-cst.mjs`; a test checks the file is current.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cstTypes } from "../dist/cst-types.js";

const target = fileURLToPath(new URL("../src/cst.generated.ts", import.meta.url));
writeFileSync(target, cstTypes());
console.log(`wrote ${target}`);
