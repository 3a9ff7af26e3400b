// Input folding without the dictionary: each compiled policy's table (foldTable, at compile time)
// lets foldKey match every name of the policy in the spellings OpenCC gives it — traditional,
// Hong Kong, Taiwan, full-width — and never makes two names match that fold() keeps apart.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze } from "@zhengce/dsl";
import { addFoldTable, foldKey } from "@zhengce/runtime";
import { fold, foldTable, toHongKong, toTaiwanVariants, toTraditional } from "@zhengce/runtime/fold";
import { fileHost, lower } from "@zhengce/compiler";
import { policyNames } from "../../packages/compiler/src/schema.js";
import { fullWidth } from "./cases.js";

const POLICIES = ["jiangmen/base", "jiangmen/poverty", "heshan/base", "tonghua/base"];

describe.each(POLICIES)("%s.policy", (name) => {
  const uri = resolve("policies", `${name}.policy`);
  const names = policyNames(lower(analyze(readFileSync(uri, "utf8"), uri, fileHost)));
  const table = foldTable(names);
  addFoldTable(table);

  it("is small: a few characters per name, not a dictionary", () => {
    expect(table.pairs.length).toBeLessThan(40 * names.length);
  });

  it("matches each name in its traditional, Hong Kong, Taiwan and full-width spellings", () => {
    const misses: string[] = [];
    for (const n of names) {
      for (const v of [toTraditional(n), toHongKong(n), toTaiwanVariants(n), fullWidth(n), ` ${n} `]) {
        if (fold(v) === fold(n) && foldKey(v) !== foldKey(n)) misses.push(`${v} ≠ ${n}`);
      }
    }
    expect(misses).toEqual([]);
  });

  it("keeps apart the names fold() keeps apart", () => {
    // Each name folded once, the pairs compared in one expect (one expect per pair, folding both names each time, was this file's test time).
    const folded = names.map((n) => [n, fold(n), foldKey(n)] as const);
    const wrong = folded.flatMap(([a, fa, ka]) => folded.filter(([, fb, kb]) => (ka === kb) !== (fa === fb)).map(([b]) => `${a} / ${b}`));
    expect(wrong).toEqual([]);
  });
});
