// analyze()'s diagnostics and the outcomes of a policy's worked examples, as LSP diagnostics.
import { foldName, type Analysis, type Diagnostic as DslDiagnostic, type ExampleDecl } from "@zhengce/dsl";
import { DiagnosticSeverity, type Diagnostic } from "./protocol.js";
import type { ExampleOutcome } from "./optional.js";
import { canonicalUri, lineIndex, toRange, toPosition } from "./util.js";

export const SOURCE = "zhengce";

const SEVERITY: Record<DslDiagnostic["severity"], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** The diagnostics analyze() reports in the analysed file itself (a base's own are shown in the base). */
export function fileDiagnostics(analysis: Analysis): Diagnostic[] {
  const self = canonicalUri(analysis.uri);
  return analysis.diagnostics
    .filter((d) => d.uri === analysis.uri || canonicalUri(d.uri) === self)
    .map((d) => ({
      range: d.range,
      severity: SEVERITY[d.severity],
      code: d.code,
      source: SOURCE,
      message: d.citation ? `${d.message}（依据 ${d.citation}）` : d.message,
    }));
}

export function hasErrors(analysis: Analysis): boolean {
  return analysis.diagnostics.some((d) => d.severity === "error");
}

/** E181 for each example of this file that did not pass: on the expected value that differs. */
export function exampleDiagnostics(analysis: Analysis, outcomes: ExampleOutcome[]): Diagnostic[] {
  const self = canonicalUri(analysis.uri);
  const text = analysis.text;
  const out: Diagnostic[] = [];
  for (const o of outcomes) {
    if (o.passed || canonicalUri(o.uri) !== self) continue;
    const ex = exampleOf(analysis, o);
    if (!ex) continue;
    const head = { start: ex.span.start, end: Math.min(ex.span.end, lineIndex(text).lineEnd(ex.span.start)) };
    const title = `示例「${o.title}」`;
    if (o.error) {
      out.push(e181(toRange(text, head), `${title}无法运行：${o.error}`));
      continue;
    }
    for (const f of o.failures) {
      // Cases are numbered from 1 (ExampleOutcome.failures[].case).
      const index = Math.min(Math.max(f.case - 1, 0), ex.cases.length - 1);
      const c = ex.cases[index];
      const field = c?.expect.fields.find((x) => x.name.key === foldName(f.field));
      const span = field ? { start: field.name.span.start, end: field.value.span.end } : head;
      const which = ex.cases.length > 1 ? `第 ${index + 1} 步` : "";
      out.push(e181(toRange(text, span), `${title}${which}未通过：「${f.field}」期望 ${f.expected}，实际 ${f.actual}`));
    }
    if (o.failures.length === 0) out.push(e181(toRange(text, head), `${title}未通过`));
  }
  return out;
}

/**
 * The example of `analysis` an outcome is about: the one at its line with its title and
 * calculator, else the first with them (the outcome may be of an earlier version of the text).
 */
export function exampleOf(analysis: Analysis, o: ExampleOutcome): ExampleDecl | undefined {
  const examples = analysis.ast.declarations.filter((d): d is ExampleDecl => d.kind === "ExampleDecl");
  const named = (e: ExampleDecl) => e.title === o.title && foldName(e.calculator.text) === foldName(o.calculator);
  return examples.find((e) => named(e) && toPosition(analysis.text, e.span.start).line + 1 === o.line) ?? examples.find(named);
}

function e181(range: Diagnostic["range"], message: string): Diagnostic {
  return { range, severity: DiagnosticSeverity.Error, code: "E181", source: SOURCE, message };
}
