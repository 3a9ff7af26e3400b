// Every ```policy block of docs/language.md must mean what the text says about it.
//
// The words after `policy` on the fence line say how to read the block:
//   (none)          top-level declarations; must parse without syntax errors
//   计算内           lines of a calculator body; wrapped in `计算 示例 { … }` first
//   表达式           one expression; wrapped in `计算 示例 { 令 值 = … }` first
//   完整             a whole policy; must analyze with no errors (and its examples pass, once compiled)
//   文件=名字        also serves as file 名字 for later blocks' 基于
//   基于=名字        analyzed as an amendment of the block registered as 名字
//   ```text 文件=名字 (not a policy block) a notice's text, read for `原文 「名字」`
//   诊断=CODE        analyze must report CODE; no syntax errors unless CODE is E001/E002;
//                    for E181 the compiled policy's examples must fail
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { analyze, type AnalyzeHost } from "../packages/dsl/src/analyze.js";
import { parse } from "../packages/dsl/src/parse.js";
import { CODES } from "../packages/dsl/src/diagnostics.js";

const DOC = fileURLToPath(new URL("../docs/language.md", import.meta.url));
const LOAD = fileURLToPath(new URL("../packages/compiler/src/load.ts", import.meta.url));
const markdown = readFileSync(DOC, "utf8");

interface Block {
  line: number;
  tags: Map<string, string>;
  source: string;
  /** The text actually analyzed (wrapped when the block is a fragment). */
  text: string;
}

function blocks(md: string): Block[] {
  const out: Block[] = [];
  const lines = md.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = lines[i].match(/^```policy(?:\s+(.*))?$/);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i].startsWith("```"); i++) body.push(lines[i]);
    const tags = new Map<string, string>();
    for (const word of (open[1] ?? "").split(/\s+/).filter(Boolean)) {
      const [k, v = ""] = word.split("=");
      tags.set(k, v);
    }
    const source = body.join("\n");
    const text = tags.has("计算内")
      ? `计算 示例 {\n${source}\n}\n`
      : tags.has("表达式")
        ? `计算 示例 {\n  令 值 = ${source}\n}\n`
        : `${source}\n`;
    out.push({ line: start + 1, tags, source, text });
  }
  return out;
}

const all = blocks(markdown);
const files = new Map(all.filter((b) => b.tags.get("文件")).map((b) => [b.tags.get("文件")!, b.text]));
// ```text 文件=名字 blocks: a notice's text, for `原文 「名字」`.
for (const m of markdown.matchAll(/^```text 文件=(\S+)\n([\s\S]*?)^```/gm)) files.set(m[1], m[2]);
const host: AnalyzeHost = {
  readFile: (uri) => files.get(uri),
  resolve: (_from, relative) => relative,
};
const uriOf = (b: Block) => `docs/language.md:${b.line}`;
const analyzeBlock = (b: Block) => analyze(b.text, uriOf(b), b.tags.has("基于") || b.text.includes("原文") ? host : undefined);
const show = (ds: { code: string; message: string; range: { start: { line: number } } }[]) =>
  ds.map((d) => `${d.range.start.line + 1}: ${d.code} ${d.message}`);

describe("docs/language.md", () => {
  it("has policy examples, and a 诊断 example for every diagnostic code", () => {
    expect(all.length).toBeGreaterThan(40);
    const shown = new Set(all.map((b) => b.tags.get("诊断")).filter(Boolean));
    expect([...Object.keys(CODES)].filter((c) => !shown.has(c))).toEqual([]);
    for (const code of Object.keys(CODES)) expect(markdown, code).toContain(`### ${code} `);
  });

  describe.each(all.map((b) => [`line ${b.line}${b.tags.size ? ` (${[...b.tags].map(([k, v]) => (v ? `${k}=${v}` : k)).join(" ")})` : ""}`, b] as const))(
    "block at %s",
    (_name, b) => {
      const code = b.tags.get("诊断");
      const syntaxExpected = code === "E001" || code === "E002";

      it(syntaxExpected ? "has the syntax error it illustrates" : "parses without syntax errors", () => {
        const r = parse(b.text);
        const errors = [...r.lexErrors.map((e) => `E001 ${e.message}`), ...r.parseErrors.map((e) => `E002 ${e.message}`)];
        if (syntaxExpected) expect(errors.some((e) => e.startsWith(code!))).toBe(true);
        else expect(errors).toEqual([]);
      });

      if (b.tags.has("完整") || (b.tags.has("基于") && !code)) {
        it("analyzes without errors", () => {
          const errors = analyzeBlock(b).diagnostics.filter((d) => d.severity === "error");
          expect(show(errors)).toEqual([]);
        });
      }

      if (code && code !== "E181") {
        it(`reports ${code}`, () => {
          const codes = analyzeBlock(b).diagnostics.map((d) => d.code);
          expect(codes, show(analyzeBlock(b).diagnostics).join("\n")).toContain(code);
        });
      }

      if (code === "E181" || b.tags.has("完整")) {
        it.skipIf(!existsSync(LOAD))(code === "E181" ? "fails its example when run" : "passes its examples when run", async () => {
          const { compileAnalysis } = await import("../packages/compiler/src/load.js");
          const outcomes = compileAnalysis(analyzeBlock(b)).runExamples();
          expect(outcomes.length).toBeGreaterThan(0);
          if (code === "E181") expect(outcomes.some((o) => !o.passed)).toBe(true);
          else expect(outcomes.filter((o) => !o.passed)).toEqual([]);
        });
      }
    },
  );
});
