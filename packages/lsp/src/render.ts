// Markdown pieces shared by hover and completion documentation. Values are shown as the
// policy writes them (the source text of each expression), so an analyst can check a hover
// against the notice word for word.
import { show, type Analysis, type Citation, type Modifier, type Span, type Type, type Validity } from "@zhengce/dsl";

export function sourceText(analysis: Analysis, uri: string, span: Span | undefined): string {
  if (!span) return "";
  const text = analysis.sources.get(uri) ?? "";
  return text.slice(span.start, span.end).replace(/\s*\n\s*/g, " ").trim();
}

export function typeText(t: Type): string {
  return show(t);
}

export function validityText(v: Validity | undefined): string {
  if (!v) return "";
  if (v.from && v.to) return `${v.from.value} 至 ${v.to.value}`;
  if (v.from) return `${v.from.value} 起`;
  if (v.to) return `至 ${v.to.value}`;
  return "";
}

export function citationMarkdown(citations: Citation[]): string[] {
  const out: string[] = [];
  for (const c of citations) {
    out.push(`依据 ${c.clause}`.trim());
    if (c.quote) out.push(`> 「${c.quote}」`);
  }
  return out;
}

export function modifierLines(analysis: Analysis, uri: string, mods: Modifier[]): string[] {
  return mods.map((m) => {
    const cond = m.cond ? ` ${sourceText(analysis, uri, m.cond.span)}` : "";
    const actions = m.actions.map((a) => sourceText(analysis, uri, a.span)).join("，");
    const cites = m.citations.map((c) => c.clause).filter(Boolean);
    return `- ${m.branch}${cond}：${actions}${cites.length ? `（依据 ${cites.join("；")}）` : ""}`;
  });
}

/** `（江府办〔2017〕20号）` for a declaration in a file other than the one being edited. */
export function documentLabel(analysis: Analysis, uri: string): string {
  const doc = analysis.model.docNumberFor(uri);
  if (uri === analysis.uri) return doc ? `本文件（${doc}）` : "本文件";
  return doc ? `基础政策（${doc}）` : "基础政策";
}

export function join(blocks: (string | string[] | undefined)[]): string {
  return blocks
    .map((b) => (Array.isArray(b) ? b.join("\n") : b))
    .filter((b): b is string => !!b && b.trim().length > 0)
    .join("\n\n");
}
