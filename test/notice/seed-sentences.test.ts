// Issue 10, item 4: every phrase of the seeds' computable sentences (seed-sentences.ts) is accepted as
// written and means what the sentence says, or the first diagnostic shows the accepted form.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze, foldText, parseNotice, type PolicyHeader } from "@zhengce/dsl";
import { compileAnalysis, findCalculator } from "@zhengce/compiler";
import { SEED_SENTENCES, type Paste } from "./seed-sentences.js";

// The copies of the seed documents in the repository (verify.test.ts checks they are the seeds).
const COPIES: Record<string, string> = {
  heshan: "policies/heshan/",
  "jiangmen-2017-20-traditional": "test/fixtures/",
  jiangmen: "policies/jiangmen/",
  tonghua: "policies/tonghua/",
};
const docs = new Map<string, string>();
function docText(name: string): string {
  const dir = Object.entries(COPIES).find(([k]) => name.startsWith(k))![1];
  return docs.get(name) ?? docs.set(name, readFileSync(new URL(`../../${dir}${name}`, import.meta.url), "utf8")).get(name)!;
}

const errors = (src: string) => analyze(src, "t.policy").diagnostics.filter((d) => d.severity === "error");

function source(p: Paste): string {
  if ("param" in p) return `参数 P：${p.type} = ${p.param}\n计算 c {\n  输出 x = P\n}\n`;
  if ("bracket" in p) {
    return [`分段 B${p.type ? `：${p.type}` : ""}（${p.mode}）{`, ...p.bracket.map((s) => `  ${s}`), "}", "计算 c {", `  输入 { v：${p.input} }`, "  输出 x = B（v）", "}", ""].join("\n");
  }
  if ("validity" in p) return `政策 甲 {\n  有效期 ${p.validity}\n}\n`;
  return "";
}

function run(src: string, input: Record<string, unknown>) {
  const a = analyze(src, "t.policy");
  expect(a.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  return findCalculator(compileAnalysis(a), "c")!.run(input, { 计算过程: false }) as Record<string, unknown>;
}

function check(p: Paste) {
  if ("param" in p) {
    expect(run(source(p), {}).x).toBe(p.value);
  } else if ("bracket" in p) {
    for (const [v, out] of p.at) expect(run(source(p), { v }).x, `${v}`).toBe(out);
  } else if ("validity" in p) {
    const a = analyze(source(p), "t.policy");
    expect(a.diagnostics.map((d) => d.message)).toEqual([]);
    const h = a.ast.declarations[0] as PolicyHeader;
    expect([h.validity?.from?.value, h.validity?.to?.value]).toEqual([p.from, p.to]);
  } else {
    const wrap = (lines: string[]) =>
      p.as === "param"
        ? `参数 P：${p.type} = ${lines[0]}\n`
        : p.as === "validity"
          ? `政策 甲 {\n  有效期 ${lines[0]}\n}\n`
          : [`分段 B${p.type ? `：${p.type}` : ""}（${p.as === "bracket" && p.type ? "全额" : "累进"}）{`, ...lines.map((s) => `  ${s}`), "}", ""].join("\n");
    const first = analyze(wrap([...(p.before ?? []), p.hint]), "t.policy").diagnostics[0];
    expect(first?.message).toContain(p.shows);
    if (p.accepted) expect(errors(wrap(p.accepted)).map((d) => d.message)).toEqual([]);
  }
}

describe.each(SEED_SENTENCES.map((s) => [`${s.doc.split("-").slice(0, 3).join("-")} ${s.clause}「${s.sentence.slice(0, 24)}…」`, s] as const))("%s", (_, s) => {
  it("is the document's own text, in that clause", () => {
    const doc = parseNotice(docText(s.doc));
    const clauses = doc.clauses.filter((c) => c.ref === s.clause);
    expect(clauses.length, s.clause).toBeGreaterThan(0);
    expect(foldText(docText(s.doc))).toContain(foldText(s.sentence));
  });
  it.each(s.pastes.map((p) => [("param" in p ? p.param : "bracket" in p ? p.bracket.join(" / ") : "validity" in p ? p.validity : p.hint), p] as const))("%s", (_, p) => check(p));
});
