// The 对比 tab: an amendment against its base, computed by the compiler's report code exactly as
// `zhengce diff` and `zhengce sample | zhengce impact` compute it — the diff, then both policies
// on a seeded sample drawn from the amendment. The sample runs in slices between which the
// runner takes newer messages (`pause`), and stops when a newer request has come.
import {
  comparedOutputs,
  diffJson,
  diffPolicies,
  differencesSvg,
  ImpactAccumulator,
  impactJson,
  sampler,
  summaryLine,
  totalsSvg,
  type PolicyView,
} from "@zhengce/compiler";
import type { Analysis } from "@zhengce/dsl";
import type * as P from "../protocol.js";
import { compile, runnable } from "./calculators.js";

/** The analysis of a file the server knows (open or in the file set). */
export type AnalysisOf = (uri: string) => Analysis | undefined;

/** Resolves to false when the work should stop (a newer request came). */
export type Pause = () => Promise<boolean>;

/** Cases drawn and run between two pauses. */
const SLICE = 25;

const baseOf = (a: Analysis | undefined) => (a && a.files.length > 1 ? a.files[a.files.length - 2].uri : undefined);

/** The amendment to compare: the active file if it amends another, else an open file that amends it. */
export function amendmentFor(uri: string, open: string[], analysisOf: AnalysisOf): string | undefined {
  if (baseOf(analysisOf(uri))) return uri;
  return open.find((u) => u !== uri && baseOf(analysisOf(u)) === uri);
}

const fileName = (uri: string) => decodeURIComponent(uri.split("/").pop() ?? uri);

function side(a: Analysis): P.CompareSide {
  const meta = a.model.meta;
  return { uri: a.uri, file: fileName(a.uri), name: meta.name, ...(meta.docNumber ? { docNumber: meta.docNumber } : {}) };
}

// The same request on the same analyses (a tab switched back and forth) is answered from memory.
const remembered = new WeakMap<Analysis, { old: Analysis; key: string; result: P.CompareResult }>();

export async function compare(p: P.CompareParams, analysisOf: AnalysisOf, pause: Pause): Promise<P.CompareResult> {
  const amendment = amendmentFor(p.uri, p.open, analysisOf);
  const current = amendment ? analysisOf(amendment) : undefined;
  const baseUri = baseOf(current);
  if (!amendment || !current || !baseUri) return { notice: "这个政策不基于其他政策，打开的文件中也没有基于它的修订：没有可对比的。" };
  const neu = runnable(amendment, current);
  const old = runnable(baseUri, analysisOf(baseUri));
  const errors = [current, analysisOf(baseUri)].reduce((n, a) => n + (a ? a.diagnostics.filter((d) => d.severity === "error").length : 0), 0);
  if (!neu.analysis || !old.analysis) return { notice: `政策有 ${errors} 个错误，改正后即可对比。`, stale: true, errors };
  const stale = neu.stale || old.stale;

  const key = JSON.stringify([p.calculator ?? "", p.seed, p.count]);
  const known = remembered.get(neu.analysis);
  if (known && known.old === old.analysis && known.key === key) return { ...known.result, stale, errors };

  const oldView: PolicyView = { analysis: old.analysis, compiled: compile(old.analysis), uri: baseUri };
  const newView: PolicyView = { analysis: neu.analysis, compiled: compile(neu.analysis), uri: amendment };
  const diff = diffPolicies(oldView, newView);
  const result: P.CompareResult = {
    old: side(old.analysis),
    new: side(neu.analysis),
    stale,
    errors,
    diff: diffJson(diff),
    summary: summaryLine(diff),
    calculators: newView.compiled.calculators
      .filter((c) => oldView.compiled.calculators.some((o) => o.name === c.name) && comparedOutputs(oldView, newView, c.name).length > 0)
      .map((c) => c.name),
  };
  if (!(await pause())) return { cancelled: true };

  const name = result.calculators!.includes(p.calculator ?? "") ? p.calculator! : result.calculators![0];
  if (!name) result.impactError = "两份政策没有共同的、有金额输出的计算，无法估算影响。";
  else {
    const impact = await impactOf(oldView, newView, name, p, pause);
    if (!impact) return { cancelled: true };
    if ("error" in impact) result.impactError = impact.error;
    else result.impact = impact;
  }
  remembered.set(neu.analysis, { old: old.analysis, key, result });
  return result;
}

/** `zhengce sample <new> <calculator> -n count --seed seed | zhengce impact <old> <new> <calculator>`. */
async function impactOf(oldView: PolicyView, newView: PolicyView, name: string, p: P.CompareParams, pause: Pause): Promise<P.CompareImpact | { error: string } | undefined> {
  const newCalc = newView.compiled.calculators.find((c) => c.name === name)!;
  const oldCalc = oldView.compiled.calculators.find((c) => c.name === name)!;
  const count = Math.max(1, Math.min(Math.floor(p.count), 100_000));
  let draw;
  try {
    draw = sampler(newView, newCalc, { seed: p.seed });
  } catch (e) {
    return { error: (e as Error).message };
  }
  const acc = new ImpactAccumulator(oldCalc, newCalc, comparedOutputs(oldView, newView, name));
  for (let i = 0; i < count; i++) {
    try {
      acc.add(draw.next(), i + 1);
    } catch (e) {
      return { error: (e as Error).message };
    }
    if (i % SLICE === SLICE - 1 && !(await pause())) return undefined;
  }
  const r = acc.result();
  const population = `抽样 ${count} 例（种子 ${p.seed}）`;
  const json = impactJson(r, { old: side(oldView.analysis), new: side(newView.analysis), population });
  const outputs: Record<string, string> = {};
  for (const o of r.outputs) if (o.changed > 0) outputs[o.name] = differencesSvg(r, o);
  return { calculator: name, seed: p.seed, count, window: draw.window, json, charts: { totals: totalsSvg(r), outputs } };
}
