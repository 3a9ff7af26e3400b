// Coverage of a notice by the policies that encode it: every numbered clause with the
// declarations that cite it, the analyst's 行政性 marks, and the clauses whose own text has
// numbers (元, %, 个百分点, 万元, 月, 年, dates) that nothing cites nor marks.
import type { Citation, PolicyFile } from "../ast.js";
import type { Clause, NoticeDocument } from "./document.js";
import { resolveReference } from "./resolve.js";
import { citationsIn, ownClause } from "./verify.js";
import { headerOf } from "./source.js";

export interface ClauseCoverage {
  ref: string;
  /** The clause's heading, as the notice words it (first line, shortened). */
  heading: string;
  /** 1-based line of the notice. */
  line: number;
  /** `参数 起付标准表`, `计算 住院结算.统筹支付`, prefixed with the policy when several encode the notice. */
  citedBy: string[];
  /** The reason of the 行政性 mark on this clause. */
  administrative?: string;
  /** Numbers written in the clause's own text (not its sub-clauses'). */
  numbers: string[];
  /** Numbers, cited by nothing and not marked 行政性. */
  flagged: boolean;
}

export interface PolicyCitations {
  /** How the policy is named in the output (a path). */
  name: string;
  ast: PolicyFile;
}

const NUMBER = /\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|\d+(?:\.\d+)?\s*(?:万元|元|%|％|个百分点|个月|月|年|周岁|岁|日|天|倍)/g;

/** The numbers a text states: amounts, rates, points, periods and dates. */
export function numbersIn(text: string): string[] {
  return [...text.normalize("NFKC").matchAll(NUMBER)].map((m) => m[0].replace(/\s+/g, ""));
}

/** Every citation of a file with the declaration (and step) it belongs to. */
export function citingDeclarations(ast: PolicyFile): { label: string; citation: Citation }[] {
  const out: { label: string; citation: Citation }[] = [];
  const add = (label: string, node: unknown) => {
    for (const c of citationsIn(node)) out.push({ label, citation: c });
  };
  for (const d of ast.declarations) {
    switch (d.kind) {
      case "PolicyHeader":
        add("政策 文件头", { ...d, administrative: [] });
        break;
      case "EnumDecl":
        add(`枚举 ${d.name.text}`, d);
        break;
      case "ParamDecl":
        add(`参数 ${d.name.text}`, d);
        break;
      case "BracketDecl":
        add(`分段 ${d.name.text}`, d);
        break;
      case "CalculatorDecl": {
        const calc = `计算 ${d.name.text}`;
        for (const c of d.citations) out.push({ label: calc, citation: c });
        for (const f of d.inputs) add(`${calc}.${f.name.text}`, f);
        for (const a of d.accumulators) add(`${calc}.${a.name.text}`, a);
        for (const item of d.body) {
          if (item.kind === "Refusal") add(`${calc}.拒绝 ${item.field.text}`, item);
          else if (item.kind === "StepDecl") add(`${calc}.${item.name.text}`, item);
          else {
            for (const c of item.citations) out.push({ label: calc, citation: c });
            for (const s of item.steps) add(`${calc}.${s.name.text}`, s);
          }
        }
        break;
      }
    }
  }
  return out;
}

/** The clause's own text after its numbering, without its sub-clauses. */
function ownText(doc: NoticeDocument, c: Clause): string {
  const end = c.children.length ? c.children[0].startLine : c.endLine;
  // An attachment's heading is its title (2018 年…待遇标准), not a rule.
  return [c.kind === "attachment" ? "" : c.heading, ...doc.lines.slice(c.startLine + 1, end)].join("\n");
}

export function coverage(doc: NoticeDocument, policies: PolicyCitations[]): ClauseCoverage[] {
  const cited = new Map<Clause, Set<string>>();
  const marked = new Map<Clause, string>();
  const several = policies.length > 1;
  for (const p of policies) {
    const header = headerOf(p.ast);
    const docNumber = header?.docNumber?.text;
    for (const { label, citation } of citingDeclarations(p.ast)) {
      const ref = ownClause(citation.clause, docNumber);
      const r = ref ? resolveReference(doc, ref) : undefined;
      if (!r?.ok) continue;
      for (const c of r.clauses) {
        if (!cited.has(c)) cited.set(c, new Set());
        cited.get(c)!.add(several ? `${p.name}：${label}` : label);
      }
    }
    for (const mark of header?.administrative ?? []) {
      const ref = ownClause(mark.clause, docNumber);
      const r = ref ? resolveReference(doc, ref) : undefined;
      if (!r?.ok) continue;
      for (const c of r.clauses) marked.set(c, mark.reason ?? "");
    }
  }
  return doc.clauses.map((c) => {
    const numbers = numbersIn(ownText(doc, c));
    const by = [...(cited.get(c) ?? [])];
    // A mark speaks for the clause's own text: its sub-clauses are listed, cited or marked, on their own.
    const administrative = marked.get(c);
    return {
      ref: c.ref,
      heading: c.heading.length > 40 ? c.heading.slice(0, 40) + "…" : c.heading,
      line: c.startLine + 1,
      citedBy: by,
      ...(administrative !== undefined && { administrative }),
      numbers: [...new Set(numbers)],
      flagged: numbers.length > 0 && !by.length && administrative === undefined,
    };
  });
}
