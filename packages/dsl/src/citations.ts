// Where a 依据 belongs when the grammar cannot tell. A 依据 on its own line after a table's
// last row, a bracket's last slice or the last time version cites the whole declaration when
// it stands at the row's indentation (or further left); indented deeper, it is the row's own.
// The parser puts it in the last row either way; the AST builder moves it to the declaration
// and the formatter prints it at the rows' level, both by this rule.
import type { CstElement, CstNode } from "chevrotain";

const endLine = (e: CstElement) => ("image" in e ? (e.endLine ?? 0) : (e.location?.endLine ?? 0));

/** The citations inside the last of `rows` that cite the declaration, not the row. */
export function declarationCitationsInRows(rows: readonly CstNode[]): CstNode[] {
  const row = rows[rows.length - 1];
  if (!row) return [];
  const cites = (row.children.citation ?? []) as CstNode[];
  const valueEnd = Math.max(
    ...Object.entries(row.children)
      .filter(([k]) => k !== "citation")
      .flatMap(([, v]) => v ?? [])
      .map(endLine),
  );
  const rowColumn = row.location?.startColumn ?? 0;
  return cites.filter((c) => (c.location?.startLine ?? 0) > valueEnd && (c.location?.startColumn ?? 0) <= rowColumn);
}

/** The rows of each declaration whose last row may hold the declaration's 依据. */
function rowLists(declaration: CstNode): CstNode[][] {
  const c = declaration.children;
  const list = (key: string) => (c[key] ?? []) as CstNode[];
  if (declaration.name === "paramDecl") return [list("tableEntry"), list("versionEntry")];
  if (declaration.name === "bracketDecl") return [list("slice")];
  return [];
}

/** Start offsets of every such citation in a file's CST. */
export function declarationCitationOffsets(file: CstNode): Set<number> {
  const out = new Set<number>();
  for (const d of (file.children.declaration ?? []) as CstNode[]) {
    for (const inner of Object.values(d.children).flat() as CstNode[]) {
      for (const rows of rowLists(inner)) for (const c of declarationCitationsInRows(rows)) out.add(c.location!.startOffset);
    }
  }
  return out;
}

