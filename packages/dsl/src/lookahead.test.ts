import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { tablesSource } from "./lookahead.js";
import { grammarTables } from "./parser.js";

test("lookahead.generated.ts holds the grammar's current lookahead paths and follows (run `node packages/dsl/scripts/gen-lookahead.mjs`)", () => {
  expect(readFileSync(new URL("./lookahead.generated.ts", import.meta.url), "utf8")).toBe(tablesSource(grammarTables()));
});
