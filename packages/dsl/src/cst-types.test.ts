import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { cstTypes } from "./cst-types.js";

test("cst.generated.ts is the grammar's current CST types (run `node packages/dsl/scripts/gen-cst.mjs`)", () => {
  expect(readFileSync(new URL("./cst.generated.ts", import.meta.url), "utf8")).toBe(cstTypes());
});
