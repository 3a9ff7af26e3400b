import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { grammarEntries, tablesSource } from "./lookahead.js";
import { grammarTables, parser } from "./parser.js";

test("lookahead.generated.ts holds the grammar's current lookahead paths, follows and rules (run `node packages/dsl/scripts/gen-lookahead.mjs`)", () => {
  expect(readFileSync(new URL("./lookahead.generated.ts", import.meta.url), "utf8")).toBe(tablesSource(grammarTables()));
});

test("the parser takes its grammar from the table, the same as Chevrotain records it", () => {
  expect((parser as unknown as { fromTable?: unknown }).fromTable).toBeDefined();
  expect(grammarEntries(Object.values(parser.getGAstProductions()))).toEqual(grammarTables().grammar);
});
