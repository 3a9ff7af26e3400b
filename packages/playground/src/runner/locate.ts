// Where each step of an explanation comes from in the policy text, so the page can link a step
// back to its rule. The trace names the item it computes (项目) and, for a modifier, quotes the
// modifier's source on one line before「：<before> → <after>」; both are looked up in the checked model.
import { foldName, LineIndex, type Analysis, type Modifier, type Span, type StepDecl } from "@zhengce/dsl";
import type { TraceStep } from "@zhengce/runtime";
import type { ExplainedStep } from "../protocol.js";

interface Target {
  uri: string;
  span: Span;
  modifiers: Modifier[];
}

const squeeze = (s: string) => foldName(s).replace(/\s+/g, "");

/** A function that places one trace step of `calculator` in the policy's files. */
export function stepLocator(analysis: Analysis, calculator: string): (step: TraceStep) => ExplainedStep["location"] {
  const model = analysis.model;
  const calc = model.calculators.get(foldName(calculator));
  const steps = new Map<string, StepDecl>();
  for (const item of calc?.decl.body ?? []) {
    for (const s of item.kind === "LayeredBlock" ? item.steps : item.kind === "StepDecl" ? [item] : []) steps.set(s.name.key, s);
  }
  const target = (name: string): Target | undefined => {
    const key = foldName(name);
    const step = calc && steps.get(key);
    if (calc && step) return { uri: calc.uri, span: step.name.span, modifiers: step.modifiers };
    const param = model.params.get(key) ?? model.brackets.get(key);
    if (param) return { uri: param.uri, span: param.decl.name.span, modifiers: param.decl.modifiers };
    const input = calc?.inputs.find((i) => i.key === key);
    if (calc && input) return { uri: calc.uri, span: input.field.name.span, modifiers: [] };
    return undefined;
  };
  const indexes = new Map<string, LineIndex>();
  const range = (uri: string, span: Span) => {
    let ix = indexes.get(uri);
    if (!ix) indexes.set(uri, (ix = new LineIndex(analysis.sources.get(uri) ?? (uri === analysis.uri ? analysis.text : ""))));
    return ix.range(span);
  };

  return (step) => {
    // 「剩余」 steps belong to the layer they are after: 扣除「统筹支付」后剩余 ….
    const named = step.项目 === "剩余" ? /「(.+?)」/.exec(step.说明)?.[1] : step.项目;
    const t = named ? target(named) : undefined;
    if (!t && calc) return { uri: calc.uri, range: range(calc.uri, calc.decl.name.span) };
    if (!t) return undefined;
    // A modifier's step reads 「<modifier>：<before> → <after>」.
    const head = step.kind === "modifier" ? step.说明.lastIndexOf("：", step.说明.lastIndexOf("→")) : -1;
    if (head > 0 && t.modifiers.length) {
      const quoted = squeeze(step.说明.slice(0, head));
      const text = analysis.sources.get(t.uri) ?? analysis.text;
      const m = t.modifiers.find((x) => {
        const source = squeeze(text.slice(x.span.start, x.span.end));
        return source.startsWith(quoted) || quoted.startsWith(source);
      });
      if (m) return { uri: t.uri, range: range(t.uri, m.span) };
    }
    return { uri: t.uri, range: range(t.uri, t.span) };
  };
}
