// docs/errors.md lists every error code, and nothing else: the runtime's INPUT_ERROR_CODES,
// the CLI's CLI_ERROR_CODES and every code written in the sources must all appear there.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI_ERROR_CODES } from "../../packages/compiler/src/cli/codes.js";
import { INPUT_ERROR_CODES } from "../../packages/runtime/src/errors.js";
import { ROOT } from "../cli/helpers.js";

const registry: Record<string, string> = { ...INPUT_ERROR_CODES, ...CLI_ERROR_CODES };

function documented(): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of readFileSync(join(ROOT, "docs/errors.md"), "utf8").split("\n")) {
    const m = /^\| ([RC]\d{3}) \|(.*)\|$/.exec(line);
    if (!m) continue;
    expect(rows.has(m[1]), `${m[1]} listed twice`).toBe(false);
    rows.set(m[1], m[2].split(/(?<!\\)\|/).map((c) => c.trim()));
  }
  return rows;
}

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== "__golden__" && name !== "node_modules") out.push(...sources(path));
    } else if (name.endsWith(".ts") && !name.endsWith(".test.ts")) out.push(path);
  }
  return out;
}

describe("error codes", () => {
  it("docs/errors.md lists exactly the registered codes, each with its meaning, an example and a message", () => {
    const rows = documented();
    expect([...rows.keys()].sort()).toEqual(Object.keys(registry).sort());
    for (const [code, [meaning, example, message]] of rows) {
      expect(meaning.startsWith(registry[code].split("（")[0]), `${code}: ${meaning} ≠ ${registry[code]}`).toBe(true);
      expect(example, code).not.toBe("");
      expect(message, code).not.toBe("");
    }
  });

  it("every code written in the sources is registered", () => {
    const used = new Set<string>();
    for (const pkg of ["runtime", "compiler", "dsl", "lsp"]) {
      for (const file of sources(join(ROOT, "packages", pkg, "src"))) {
        for (const m of readFileSync(file, "utf8").matchAll(/["'`]([RC]\d{3})["'`]/g)) used.add(m[1]);
      }
    }
    expect(used.size).toBeGreaterThan(20);
    for (const code of used) expect(Object.keys(registry), code).toContain(code);
  });
});
