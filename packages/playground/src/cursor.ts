// The calculator under the cursor, read from the checked model alone: the runner answers it with
// the calculators, and the language server's worker for a text with errors, which it does not
// send the runner (the runner runs the last version that checked).
import { LineIndex, type Analysis } from "@zhengce/dsl";

/** The calculator whose declaration, or one of whose worked examples, holds the position. */
export function calculatorAt(analysis: Analysis, position: { line: number; character: number }): string | undefined {
  const offset = new LineIndex(analysis.text).offset(position);
  const within = (s: { start: number; end: number }) => s.start <= offset && offset <= s.end;
  for (const c of analysis.model.calculators.values()) if (c.uri === analysis.uri && within(c.decl.span)) return c.name;
  const ex = analysis.model.examples.find((e) => e.uri === analysis.uri && within(e.span));
  return ex ? analysis.model.calculators.get(ex.calculator.key)?.name : undefined;
}
