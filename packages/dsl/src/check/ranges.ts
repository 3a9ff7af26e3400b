// Slice ranges of a bracket: each slice's bounds with their inclusion by the Chinese legal
// convention. The checker's gap and overlap checks, the lowering and the language server's
// quick fixes read the same ranges.
import { Decimal } from "decimal.js";
import type * as A from "../ast.js";

export function literalValue(e: A.Expr | undefined): Decimal | undefined {
  if (e?.kind === "Number") return new Decimal(e.value);
  return undefined;
}

export const fmt = (d: Decimal) => d.toString();

export interface SliceRange {
  lower?: A.Bound;
  upper?: A.Bound;
  lowerInclusive: boolean;
  upperInclusive: boolean;
  /** The slice states its own lower bound (rather than continuing from the one above). */
  lowerExplicit: boolean;
  ambiguous?: { span: A.Span; message: string };
  span: A.Span;
}

/**
 * Boundary inclusion by the Chinese legal convention, overridden by （含）/（不含）:
 * 以上、以下、以内、不超过 include the number; 超过、不满 exclude it.
 * A bare `N 至 M` lower bound is read as exclusive and flagged as ambiguous.
 */
export function bracketRanges(d: A.BracketDecl): SliceRange[] {
  const out: SliceRange[] = [];
  for (const s of d.slices) {
    const prev = out[out.length - 1];
    let ambiguous: SliceRange["ambiguous"];
    let lowerInclusive = false;
    if (s.lower) {
      if (s.lower.mark) lowerInclusive = s.lower.mark.inclusive;
      else if (s.lower.word === "以上") lowerInclusive = true;
      else if (s.lower.word === "超过" || s.lower.word === "以外") lowerInclusive = false;
      // A range the notices write bare (`0—1万元`, `5000—20万元（含）` after `5000元（含5000元）以内`) is read
      // unambiguously when it starts at 0, or where the slice above ends with an explicit （含）/（不含）:
      // it takes what the one above leaves.
      else if (!prev && isZero(s.lower.value)) lowerInclusive = true;
      else if (prev?.upper?.mark && sameValue(prev.upper.value, s.lower.value)) lowerInclusive = !prev.upperInclusive;
      else {
        lowerInclusive = false;
        ambiguous = { span: s.lower.span, message: `下限「${s.lower.value.kind === "Number" ? s.lower.value.raw : "…"}」没有写明是否含本数（按不含理解）；请写「超过」或加（含）/（不含）` };
      }
      if ((s.lower as A.Bound & { redundantAbove?: boolean }).redundantAbove && !s.lower.mark) {
        ambiguous = { span: s.lower.span, message: `「超过…以上」同时出现，含义不明确（按「超过」即不含本数理解）；请删去其一或加（含）/（不含）` };
      }
    }
    let upperInclusive = true;
    if (s.upper) {
      if (s.upper.mark) upperInclusive = s.upper.mark.inclusive;
      else if (s.upper.word === "不满") upperInclusive = false;
      else upperInclusive = true;
    }
    out.push({ lower: s.lower, upper: s.upper, lowerInclusive, upperInclusive, lowerExplicit: !!s.lower, ambiguous, span: s.span });
  }
  return out;
}

const isZero = (e: A.Expr) => e.kind === "Number" && Number(e.value) === 0;
/** Two bounds written as the same number (in base units) or the same name. */
function sameValue(a: A.Expr, b: A.Expr): boolean {
  if (a.kind === "Number" && b.kind === "Number") return a.value === b.value && (a.unit === b.unit || !a.unit || !b.unit);
  return a.kind === "Ref" && b.kind === "Ref" && a.name.key === b.name.key;
}
