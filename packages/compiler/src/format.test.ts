// Generated modules formatted a chunk at a time (format.ts): the same text as Prettier's format of
// the whole module, and after an edit of the policy only the chunks it changed are formatted
// again. compile.test's goldens hold the seed policies' modules to the whole-module format too.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { analyze } from "@zhengce/dsl";
import { emit } from "./emit.js";
import { formatModule, topLevelChunks, type FormatMemory, type ModuleParser } from "./format.js";
import { fileHost } from "./load.js";
import { lower } from "./lower.js";

const whole = (code: string, parser: ModuleParser) => prettier.format(code, { parser, printWidth: 100 });

/** A memory that counts the chunks it was given, that is, the chunks Prettier formatted. */
function countingMemory(): FormatMemory & { formatted: number } {
  const kept = new Map<string, string>();
  return {
    formatted: 0,
    get: (parser, chunk) => kept.get(`${parser}\0${chunk}`),
    set(parser, chunk, formatted) {
      this.formatted++;
      kept.set(`${parser}\0${chunk}`, formatted);
    },
  };
}

describe("formatModule", () => {
  it("gives the whole module's format: doc comments, blank lines kept or added, a statement over several lines", async () => {
    const code = [
      "// header",
      "import {a,b} from 'x'",
      "",
      "",
      "/**",
      " * doc",
      " */",
      "export const f = (x:number)=>{ return x+1 }",
      "const g = a",
      "  (b)",
      "// about h",
      "function h(){",
      "const inner = 1",
      "return inner}",
      "",
      "export interface I { a: string; b: number }",
      "type T = I",
      "",
    ].join("\n");
    expect(await formatModule(code, "babel-ts")).toBe(await whole(code, "babel-ts"));
  });

  it("formats the module whole where a cut would fall inside a template or a comment", async () => {
    // A first statement past a chunk's size: the cut before `const two` leaves a template Prettier cannot parse.
    const code = [`const t = \`${"x".repeat(70_000)}`, "const two`;", "/*", "export const c = 1", "*/", "export const d = 2", ""].join("\n");
    expect(topLevelChunks(code).length).toBeGreaterThan(1);
    expect(await formatModule(code, "babel")).toBe(await whole(code, "babel"));
  });

  it("a syntax error in the module throws, as Prettier does", async () => {
    await expect(formatModule("const = ;\n", "babel")).rejects.toThrow();
  });

  it("after an edit of one parameter, formats only the chunks that changed, and the text changes only where the module did", async () => {
    const path = fileURLToPath(new URL("../../../policies/jiangmen/base.policy", import.meta.url));
    const text = readFileSync(path, "utf8");
    // 三级's 住院 rate (江府办〔2017〕20号 二、（四）1.（1）) from 55% to 60%.
    const edited = text.replace("  三级：55%\n", "  三级：60%\n");
    expect(edited).not.toBe(text);
    const moduleOf = (source: string) => emit(lower(analyze(source, path, fileHost)), { typed: false, module: "esm", sourceName: "base.policy" });
    const memory = countingMemory();
    const before = (await formatModule(moduleOf(text), "babel", memory)).split("\n");
    const all = memory.formatted;
    expect(all).toBeGreaterThan(10);
    memory.formatted = 0;
    const after = (await formatModule(moduleOf(edited), "babel", memory)).split("\n");
    expect(memory.formatted).toBeGreaterThan(0);
    expect(memory.formatted).toBeLessThanOrEqual(3);
    // New lines: the rate in the doc comment, the table, its scaled integers; 55%'s constant goes.
    const added = after.filter((line) => !before.includes(line));
    const removed = before.filter((line) => !after.includes(line));
    expect(added.length).toBeGreaterThan(0);
    expect(added.length).toBeLessThanOrEqual(4);
    expect(removed.length).toBeLessThanOrEqual(5);
    for (const line of added) expect(line).toMatch(/60|6 \* 10/);
    for (const line of removed) expect(line).toMatch(/55/);
  });
});
