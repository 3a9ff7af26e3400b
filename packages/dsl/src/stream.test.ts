import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { IToken } from "chevrotain";
import { describe, expect, test } from "vitest";
import { analyze } from "./analyze.js";
import { dateDiagnostics } from "./language/dates.js";
import { parse } from "./parse.js";
import { parseDeclarations } from "./stream.js";

const ROOT = join(import.meta.dirname, "../../..");
function policies(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? policies(p) : n.endsWith(".policy") ? [p] : [];
  });
}
const seeds = policies(join(ROOT, "policies")).map((p) => [p.slice(ROOT.length + 1), readFileSync(p, "utf8")] as const);
const base = readFileSync(join(ROOT, "policies/jiangmen/base.policy"), "utf8");

/** The streamed parse in windows of `window` characters, with the tokens it was shown. */
function streamed(text: string, window: number) {
  const seen: IToken[] = [];
  const r = parseDeclarations(text, (tokens) => seen.push(...tokens), window);
  return { r, seen };
}

describe("parseDeclarations(): the AST of parse(), a window of declarations at a time", () => {
  // Windows of 1 character hold one declaration each; 2 000 characters, a few.
  test.each(seeds.flatMap(([name, text]) => [1, 2000].map((w) => [name, w, text] as const)))("%s, windows of %i characters", (_name, window, text) => {
    const whole = parse(text);
    const { r, seen } = streamed(text, window);
    expect(r?.ast).toEqual(whole.ast);
    // Every token was shown once, where the whole lexing puts it (dates are checked on them).
    expect(seen.map((t) => [t.image, t.startOffset, t.startLine, t.startColumn])).toEqual(whole.tokens.map((t) => [t.image, t.startOffset, t.startLine, t.startColumn]));
    expect(r?.tokens).toEqual([]);
  });

  test("CRLF and lone CR line ends place tokens on the lines the whole lexing gives", () => {
    for (const eol of ["\r\n", "\r"]) {
      const text = base.replace(/\n/g, eol);
      const { r, seen } = streamed(text, 500);
      expect(r?.ast).toEqual(parse(text).ast);
      expect(seen.map((t) => t.startLine)).toEqual(parse(text).tokens.map((t) => t.startLine));
    }
  });

  test.each([
    ["a syntax error", (t: string) => t.replace("\n参数 ", "\n参数 ：\n参数 ")],
    ["a lexing error", (t: string) => t.replace("\n参数 ", "\n「\n参数 ")],
    ["text before the first declaration", (t: string) => `多余 ${t}`],
  ])("%s: undefined (the caller parses whole)", (_name, edit) => {
    expect(streamed(edit(base), 2000).r).toBeUndefined();
  });

  test("analyze(…, { keepSyntax: false }) reports what analyze() reports, an invalid date included", () => {
    const text = base.replace(/2018-01-01/, "2018-02-30");
    const uri = "file:///b.policy";
    const lean = analyze(text, uri, undefined, { keepSyntax: false });
    const full = analyze(text, uri);
    expect(lean.diagnostics).toEqual(full.diagnostics);
    expect(lean.diagnostics.some((d) => d.code === "E003")).toBe(true);
    expect(lean.ast).toEqual(full.ast);
    expect(lean.tokens).toEqual([]);
    expect(dateDiagnostics(full.tokens, uri).length).toBe(1);
  });
});
