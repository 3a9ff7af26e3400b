// Find references and the occurrences rename edits: every occurrence of the symbol under the
// cursor in the file, its base, and the open or workspace amendments based on either.
import type { Analysis, Occurrence, SymbolTable } from "@zhengce/dsl";
import type { Location } from "./protocol.js";
import { location } from "./definition.js";
import { canonicalUri } from "./util.js";

export interface SymbolSource {
  symbols(uri: string): { analysis: Analysis; table: SymbolTable } | undefined;
  /** Files whose analysis reads `uri` (amendments based on it). */
  amendmentsOf(uri: string): string[];
}

export interface FoundOccurrence {
  occurrence: Occurrence;
  /** The analysis in which the occurrence was found (its sources hold the file's text). */
  analysis: Analysis;
}

/** Every occurrence of the symbol at `offset`, across the related files, without duplicates. */
export function allOccurrences(src: SymbolSource, uri: string, offset: number): { target: Occurrence; found: FoundOccurrence[] } | undefined {
  const here = src.symbols(uri);
  if (!here) return undefined;
  const target = here.table.at(here.analysis.uri, offset);
  if (!target) return undefined;
  const found: FoundOccurrence[] = [];
  const seen = new Set<string>();
  const collect = (analysis: Analysis, table: SymbolTable, onlyUri?: string) => {
    for (const o of table.occurrencesOf(target.id)) {
      if (onlyUri && canonicalUri(o.uri) !== onlyUri) continue;
      const place = `${canonicalUri(o.uri)}#${o.span.start}`;
      if (seen.has(place)) continue;
      seen.add(place);
      found.push({ occurrence: o, analysis });
    }
  };
  collect(here.analysis, here.table);
  for (const f of here.table.files) {
    for (const amendment of src.amendmentsOf(f.uri)) {
      const other = src.symbols(amendment);
      // Only the amendment's own file: its view of the base is already collected.
      if (other) collect(other.analysis, other.table, canonicalUri(other.analysis.uri));
    }
  }
  return { target, found };
}

export function references(src: SymbolSource, uri: string, offset: number, includeDeclaration: boolean): Location[] {
  const all = allOccurrences(src, uri, offset);
  if (!all) return [];
  return all.found
    .filter((f) => includeDeclaration || !f.occurrence.definition)
    .map((f) => location(f.analysis, f.occurrence.uri, f.occurrence.span));
}
