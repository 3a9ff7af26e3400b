// `zhengce draft` on each seed document: the draft checks without errors, proposes what the
// notice's sentences say, and proposes most numbers of the final policy under the right clause.
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  analyze,
  draftCandidates,
  draftPolicy,
  parseNotice,
  resolveReference,
  type AnalyzeHost,
  type Citation,
  type Clause,
  type NoticeDocument,
} from "@zhengce/dsl";

const root = fileURLToPath(new URL("../../", import.meta.url));
const path = (p: string) => resolve(root, p);
const host: AnalyzeHost = {
  readFile: (u) => (existsSync(u) ? readFileSync(u, "utf8") : undefined),
  resolve: (from, rel) => resolve(dirname(from), rel),
};

const SEEDS: [policy: string, notice: string][] = [
  ["policies/jiangmen/base.policy", "policies/jiangmen/jiangmen-2017-20-urban-rural-integration.txt"],
  ["policies/jiangmen/poverty.policy", "policies/jiangmen/jiangmen-2018-567-poverty-alleviation.txt"],
  ["policies/jiangmen/2018.policy", "policies/heshan/heshan-2017-209-enrollment-2018-benefits.txt"],
  ["policies/heshan/base.policy", "policies/heshan/heshan-2017-209-enrollment-2018-benefits.txt"],
  ["policies/tonghua/base.policy", "policies/tonghua/tonghua-2020-3-city-level-pooling.txt"],
];

/** Every number literal of a policy outside its examples, with the citations in force where it stands. */
function policyNumbers(ast: { declarations: unknown[] }): { value: number; raw: string; unit: string; cites: Citation[] }[] {
  const out: { value: number; raw: string; unit: string; cites: Citation[] }[] = [];
  const walk = (x: unknown, cites: Citation[]): void => {
    if (Array.isArray(x)) return x.forEach((y) => walk(y, cites));
    if (!x || typeof x !== "object") return;
    const node = x as { kind?: string; citations?: Citation[]; value?: string; raw?: string; unit?: string };
    if (node.kind === "ExampleDecl") return;
    if (node.kind === "Number") out.push({ value: Number(node.value), raw: node.raw ?? "", unit: node.unit ?? "", cites });
    const here = node.citations?.length ? node.citations : cites;
    for (const [k, v] of Object.entries(node)) if (k !== "citations" && v && typeof v === "object") walk(v, here);
  };
  walk(ast.declarations, []);
  return out;
}

const within = (c: Clause, target: Clause) => {
  for (let x: Clause | undefined = c; x; x = x.parent) if (x === target) return true;
  return false;
};

/**
 * The share of the policy's cited numbers that the draft proposes, same value, in the cited clause
 * (or a clause inside it), in the same unit when the policy writes one (a 100% is not the 1个月 beside it;
 * % and 个百分点 count as one).
 * Zeros are left out: 0元 floors and defaults are the arithmetic's, not the notice's.
 */
export function measure(policy: string, doc: NoticeDocument): { proposed: number; cited: number; uncited: number } {
  const a = analyze(readFileSync(path(policy), "utf8"), path(policy), host);
  const candidates = draftCandidates(doc).flatMap((c) => c.numbers.map((n) => ({ value: n.value, unit: n.unit as string, clause: c.clause })));
  let proposed = 0;
  let cited = 0;
  let uncited = 0;
  for (const n of policyNumbers(a.ast)) {
    if (n.value === 0) continue;
    const clauses = n.cites.flatMap((c) => {
      const r = resolveReference(doc, c.clause);
      return r.ok ? r.clauses : [];
    });
    if (!clauses.length) {
      uncited++;
      continue;
    }
    cited++;
    // Percent and percentage points are one family: notices write `提高1%` and `划转0.2个百分点` of a base.
    const family = (u: string) => (u === "个百分点" ? "%" : u);
    const sameUnit = (u: string) => n.unit === "" || family(u) === family(n.unit);
    if (candidates.some((k) => Math.abs(k.value - n.value) < 1e-9 && sameUnit(k.unit) && clauses.some((c) => within(k.clause, c)))) proposed++;
  }
  return { proposed, cited, uncited };
}

describe("zhengce draft", () => {
  for (const [policy, notice] of SEEDS) {
    it(`the draft of ${notice.split("/").pop()} checks without errors`, () => {
      const doc = parseNotice(readFileSync(path(notice), "utf8"));
      const at = path(notice.replace(/[^/]+$/, "draft.policy"));
      const draft = draftPolicy(doc, notice.split("/").pop()!);
      const a = analyze(draft, at, host);
      expect(a.diagnostics.filter((d) => d.severity !== "info").map((d) => `${d.code} ${d.message}`)).toEqual([]);
      expect(a.source?.doc.clauses.length).toBe(doc.clauses.length);
      const m = measure(policy, doc);
      // For the README's table (pnpm vitest run test/notice/draft.test.ts).
      console.log(`${policy}: ${m.proposed}/${m.cited} cited numbers proposed under the right clause (${m.uncited} numbers cite nothing)`);
      expect(m.proposed / m.cited).toBeGreaterThan(0.8);
    });
  }

  const jiangmen = parseNotice(readFileSync(path(SEEDS[0][1]), "utf8"));
  const draft = draftPolicy(jiangmen, "jiangmen-2017-20-urban-rural-integration.txt");

  it("the header is the notice's: title, 文号, issuer, date", () => {
    expect(draft).toContain(
      "政策 「江门市基本医疗保险城乡一体化改革方案」 {\n  文号 「江府办〔2017〕20号」\n  机关 「江门市人民政府办公室」\n  发布 2017-05-11\n  原文 「jiangmen-2017-20-urban-rural-integration.txt」\n}",
    );
  });

  it("a table by the items a sentence enumerates: the 起付标准 of 二、（四）1.（1）", () => {
    const t = draftCandidates(jiangmen).find((c) => c.kind === "table" && c.clause.ref === "二、（四）1.（1）" && c.sentence.startsWith("起付标准分别为"))!;
    expect(t.lines.slice(1, 5)).toEqual([
      "  「一级及以下定点医疗机构」：500元",
      "  「二级定点医疗机构」：600元",
      "  「三级定点医疗机构」：900元",
      "  「非定点医疗机构」：1500元",
    ]);
  });

  it("a bracket from 以内/以上/超过 phrases: the 二档 rates of 二、（四）2.（1）", () => {
    const b = draftCandidates(jiangmen).find((c) => c.kind === "bracket" && c.clause.ref === "二、（四）2.（1）")!;
    expect(b.lines.slice(1, 4)).toEqual(["  不超过 5000元：50%", "  超过 5000元 至 20万元：85%", "  超过 20万元：90%"]);
  });
});
