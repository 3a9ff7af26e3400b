import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { analyze } from "./analyze.js";
import { parse } from "./parse.js";
import { reparse } from "./reparse.js";

const ROOT = join(import.meta.dirname, "../../..");
function policies(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? policies(p) : n.endsWith(".policy") ? [p] : [];
  });
}
const base = readFileSync(join(ROOT, "policies/jiangmen/base.policy"), "utf8");

/** What a parse is, without the identity of its objects. */
const plain = (r: ReturnType<typeof parse>) => ({ cst: r.cst, ast: r.ast, tokens: r.tokens, comments: r.comments, errors: [r.lexErrors, r.parseErrors.length, r.nestingCuts] });
/** A value as its JSON would have it: undefined and functions are left out (a token type is its name). */
const absent = (v: unknown) => v === undefined || typeof v === "function";
/**
 * Equal as JSON, in any key order (a token reparse() moved has its fields in another order
 * than the lexer's), walked in place: no text, no copy.
 */
function sameJson(a: unknown, b: unknown, key: string): boolean {
  if (a === b) return true;
  if (key === "tokenType") return (a as { name: string }).name === (b as { name: string }).name;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => sameJson(x, (b as unknown[])[i], ""));
  const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
  const keys = Object.keys(x).filter((k) => !absent(x[k]));
  return keys.length === Object.keys(y).filter((k) => !absent(y[k])).length && keys.every((k) => sameJson(x[k], y[k], k));
}
/**
 * Two parses are the same: their trees are compared as JSON would write them, and only when
 * they differ with vitest's deep comparison, for the diff. That comparison of the trees of
 * base.policy (and earlier their 7 MB JSON texts, which always differed in key order) took most of
 * this file's time and 650 MB of a shared worker's heap.
 */
function expectSame(actual: ReturnType<typeof parse>, expected: ReturnType<typeof parse>, what?: string) {
  const [a, e] = [plain(actual), plain(expected)];
  if (!sameJson(a, e, "")) expect(JSON.parse(JSON.stringify(a, json)), what).toEqual(JSON.parse(JSON.stringify(e, json)));
}
const json = (k: string, v: unknown) => (k === "tokenType" ? (v as { name: string }).name : v);

describe("reparse(): the parse of the new text, reusing the declarations that did not change", () => {
  const edits: [string, (t: string) => string][] = [
    ["a digit changed in the middle (nothing moves)", (t) => { const i = t.indexOf("元", t.length / 2) - 1; return t.slice(0, i) + (t[i] === "1" ? "2" : "1") + t.slice(i + 1); }],
    ["a line inserted at the top (everything moves)", (t) => `# 新的注释\n${t}`],
    ["a character typed into a name in the middle", (t) => { const i = t.indexOf("\n参数 ", t.length / 2) + 4; return t.slice(0, i) + "新" + t.slice(i); }],
    ["a declaration deleted", (t) => { const i = t.indexOf("\n参数 "); const j = t.indexOf("\n参数 ", i + 1); return t.slice(0, i) + t.slice(j); }],
    ["a 「 opened and not closed (a lexing error)", (t) => { const i = t.indexOf("\n", t.length / 2); return t.slice(0, i) + " 「" + t.slice(i); }],
    ["a comment typed at a line end", (t) => { const i = t.indexOf("\n", t.length / 3); return t.slice(0, i) + "  # 新注释 {" + t.slice(i); }],
    ["a citation's clause edited", (t) => { const i = t.indexOf("依据 ", t.length / 2) + 3; return t.slice(0, i) + "九、" + t.slice(i); }],
    ["a line break added inside a declaration", (t) => { const i = t.indexOf("\n", t.length / 2); return t.slice(0, i) + "\n" + t.slice(i); }],
    ["a syntax error typed", (t) => { const i = t.indexOf("\n参数 ", t.length / 2); return t.slice(0, i) + "\n参数 ：" + t.slice(i); }],
  ];
  const before = reparse(base, undefined);
  // Compared with a parse of its own that no reparse() is given, so none can change it.
  const beforeAlone = parse(base);
  test.each(edits)("base.policy, %s: the same as parse()", (_name, edit) => {
    const edited = edit(base);
    const after = reparse(edited, before);
    expectSame(after, parse(edited));
    // And back again, from the edited version's parse.
    expectSame(reparse(base, after), beforeAlone);
  });

  test("every policy, after a line inserted above each declaration in turn", () => {
    for (const p of policies(join(ROOT, "policies"))) {
      const text = readFileSync(p, "utf8");
      let prev = reparse(text, undefined);
      const starts = [...text.matchAll(/^(参数|分段|计算|枚举|例)/gm)].map((m) => m.index!).slice(0, 2);
      for (const at of starts.reverse()) {
        const edited = `${text.slice(0, at)}# 注\n${text.slice(at)}`;
        const again = reparse(edited, prev);
        expectSame(again, parse(edited), p);
        prev = again;
      }
    }
  });

  test("an unchanged declaration keeps its very objects when nothing before it moved; a changed one is new", () => {
    const first = reparse(base, undefined);
    const i = base.lastIndexOf("元") - 1;
    const edited = base.slice(0, i) + (base[i] === "1" ? "2" : "1") + base.slice(i + 1);
    const second = reparse(edited, first);
    const same = second.ast.declarations.filter((d, k) => d === first.ast.declarations[k]).length;
    expect(same).toBe(first.ast.declarations.length - 1);
    expect(second.cst.children.declaration![0]).toBe(first.cst.children.declaration![0]);
  });

  test("analyze(…, { previous }) reports what analyze() of the text alone reports, edit after edit", () => {
    const versions = [base, base.replace("起付标准", "起付标准甲"), base.replace("起付标准", "起付标准甲").replace("\n参数 ", "\n参数 ：\n参数 "), base];
    let previous = analyze(versions[0], "file:///b.policy");
    for (const text of versions.slice(1)) {
      const again = analyze(text, "file:///b.policy", undefined, { previous });
      const alone = analyze(text, "file:///b.policy");
      expect(again.diagnostics).toEqual(alone.diagnostics);
      expect([...again.model.calculators.keys()]).toEqual([...alone.model.calculators.keys()]);
      previous = again;
    }
  });
});
