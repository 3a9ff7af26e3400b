// Markdown pieces: GitHub-flavoured tables whose cells survive pipes and line breaks.

export function mdCell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

export function mdTable(head: string[], rows: string[][], align?: ("l" | "r")[]): string {
  const line = (cells: string[]) => `| ${cells.map(mdCell).join(" | ")} |`;
  const rule = `| ${head.map((_, i) => (align?.[i] === "r" ? "---:" : "---")).join(" | ")} |`;
  return [line(head), rule, ...rows.map(line)].join("\n") + "\n";
}

export function mdCite(c: { clause: string; quote?: string }): string {
  return c.quote ? `${c.clause}「${c.quote}」` : c.clause;
}
