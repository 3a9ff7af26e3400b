// Folding ranges: every {…} block, runs of # comment lines, and declarations or steps that
// span several lines without braces (a parameter with its 依据 and 当 lines).
import type { Analysis, Declaration } from "@zhengce/dsl";
import { FoldingRangeKind, type FoldingRange } from "./protocol.js";
import { lineIndex } from "./util.js";

export function foldingRanges(analysis: Analysis): FoldingRange[] {
  const text = analysis.text;
  const ix = lineIndex(text);
  const out: FoldingRange[] = [];
  const starts = new Set<number>();
  const add = (startLine: number, endLine: number, kind?: FoldingRangeKind) => {
    if (endLine <= startLine || starts.has(startLine)) return;
    starts.add(startLine);
    out.push({ startLine, endLine, ...(kind ? { kind } : {}) });
  };

  const open: number[] = [];
  for (const t of analysis.tokens) {
    const n = t.tokenType.name;
    if (n === "LBrace") open.push(t.startOffset);
    else if ((n === "RBrace" || n === "CitationRBrace") && open.length) {
      const from = ix.position(open.pop()!);
      const to = ix.position(t.startOffset);
      // Keep the closing brace visible when it starts its line.
      const closeFirst = text.slice(ix.lineStart(t.startOffset), t.startOffset).trim() === "";
      add(from.line, closeFirst ? to.line - 1 : to.line);
    }
  }

  let runStart = -1;
  let runEnd = -1;
  for (const c of analysis.comments) {
    const line = ix.position(c.startOffset).line;
    const lineStart = ix.lineStart(c.startOffset);
    if (text.slice(lineStart, c.startOffset).trim() !== "") continue;
    if (line === runEnd + 1 && runStart >= 0) runEnd = line;
    else {
      if (runStart >= 0) add(runStart, runEnd, FoldingRangeKind.Comment);
      runStart = runEnd = line;
    }
  }
  if (runStart >= 0) add(runStart, runEnd, FoldingRangeKind.Comment);

  const span = (s: { start: number; end: number }) => add(ix.position(s.start).line, ix.position(Math.max(s.start, s.end - 1)).line);
  for (const d of analysis.ast.declarations as Declaration[]) {
    span(d.span);
    if (d.kind === "CalculatorDecl") {
      for (const item of d.body) {
        span(item.span);
        if (item.kind === "LayeredBlock") item.steps.forEach((s) => span(s.span));
      }
    }
  }
  return out.sort((a, b) => a.startLine - b.startLine);
}
