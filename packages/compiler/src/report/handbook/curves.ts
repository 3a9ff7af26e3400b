// How a cost is shared as it grows: the compiled calculator run over a range of costs, one
// chart per hospital level × insured status (the calculator's required enum inputs), with the
// fund's payments stacked under the person's burden and each cap marked where it bites.
// A calculator gets charts only when its varying money outputs add up to the cost (the fund's
// shares and the person's); the other inputs keep the values of its first worked example.
import { foldName } from "@zhengce/dsl";
import type { CompiledCalculator } from "../../api.js";
import { exampleJson } from "../../load.js";
import { centsOf, shortYuan } from "../format.js";
import { COLORS, LAYER_COLORS, stackedAreaSvg, type Layer, type Marker } from "../svg.js";
import type { PolicyView } from "../view.js";
import type { Chart } from "./document.js";

const POINTS = 100;
/** Inpatient-sized calculators are drawn from 0 to 50万元, as the notices' caps are set in that range. */
const LARGEST = 500_000;

export interface CostCharts {
  charts: Chart[];
  caption: string;
}

export function costCharts(view: PolicyView, calc: CompiledCalculator, fileStem: string): CostCharts | undefined {
  const info = view.analysis.model.calculators.get(foldName(calc.name));
  if (!info) return undefined;
  const cost = calc.inputFields.find((f) => f.required && f.type.kind === "money");
  if (!cost) return undefined;
  const example = firstExample(view, calc);
  if (!example) return undefined;
  const dims = calc.inputFields.filter((f) => f.required && f.type.kind === "enum").slice(0, 2);
  const outputs = info.outputs.filter((o) => o.type.k === "money" && !o.type.nullable).map((o) => o.name);
  const range = costRange(view, calc.name, cost.name);
  const xs = Array.from({ length: POINTS + 1 }, (_, i) => Math.round((range * i) / POINTS));

  const combos: Record<string, string>[] = [{}];
  for (const d of dims) {
    const members = d.type.kind === "enum" ? d.type.members : [];
    const next: Record<string, string>[] = [];
    for (const c of combos) for (const m of members) next.push({ ...c, [d.name]: m });
    combos.splice(0, combos.length, ...next);
  }

  const charts: Chart[] = [];
  let stacked: string[] = [];
  for (const combo of combos) {
    const run = (x: number): Record<string, unknown> | undefined => {
      try {
        return calc.run({ ...example.input, ...combo, [cost.name]: String(x) }, { 计算过程: false });
      } catch {
        return undefined;
      }
    };
    const results = xs.map(run);
    if (results.some((r) => !r)) continue; // refused for this combination (e.g. a 职工-only option)
    const series = outputs.map((name) => results.map((r) => centsOf(r![name]) ?? 0));
    const varying = decomposition(
      outputs.map((name, i) => ({ name, cents: series[i] })).filter((s) => s.cents.some((c) => c !== s.cents[0])),
      xs,
    );
    if (!varying) continue;
    const layers: Layer[] = varying.map((s, i) => ({
      name: s.name,
      ys: s.cents.map((c) => c / 100),
      color: i === varying.length - 1 ? COLORS.person : LAYER_COLORS[i % LAYER_COLORS.length],
    }));
    const markers = caps(varying.slice(0, -1), xs, (x, name) => centsOf(run(x)?.[name]) ?? 0);
    const title = dims.length ? dims.map((d) => combo[d.name]).join(" · ") : calc.name;
    if (!charts.length) stacked = layers.map((l) => l.name);
    charts.push({
      title,
      svg: stackedAreaSvg({ title, xLabel: cost.name, xs, layers, markers }),
      file: `${fileStem}-${charts.length + 1}.svg`,
      notes: markers.map((m) => m.label),
    });
  }
  if (!charts.length) return undefined;
  const fixed = Object.entries(example.input)
    .filter(([k]) => k !== cost.name && !dims.some((d) => d.name === k))
    .map(([k, v]) => `${k} ${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
    .join("，");
  const caption =
    `横轴为${cost.name}（0 至 ${shortYuan(range)} 元）；色块自下而上依次为各项基金支付（${stacked.slice(0, -1).join("、")}等，见图例），最上面的灰色为${stacked[stacked.length - 1]}，` +
    `堆叠的高度即费用本身；虚线处某项基金支付达到年度或单次上限（封顶）。其他输入取示例「${example.title}」的值${fixed ? `：${fixed}` : ""}。`;
  return { charts, caption };
}

/**
 * The outputs that share the cost: the varying outputs if they add up to it at every point, or
 * all but one of them (a subtotal such as 统筹支付 = 一档 + 二档, or a base such as 纳入支付范围费用).
 */
function decomposition<T extends { cents: number[] }>(varying: T[], xs: number[]): T[] | undefined {
  const adds = (set: T[]) => set.length > 0 && xs.every((x, i) => set.reduce((sum, s) => sum + s.cents[i], 0) === x * 100);
  if (adds(varying)) return varying;
  for (let skip = 0; skip < varying.length; skip++) {
    const rest = varying.filter((_, i) => i !== skip);
    if (rest.length > 1 && adds(rest)) return rest;
  }
  return undefined;
}

/** The first worked example of the calculator that runs (one case, no expected refusal). */
function firstExample(view: PolicyView, calc: CompiledCalculator): { title: string; input: Record<string, unknown> } | undefined {
  const key = foldName(calc.name);
  for (const ex of view.analysis.model.examples) {
    if (ex.calculator.key !== key || ex.cases.length !== 1) continue;
    const input = exampleJson(ex.cases[0].input) as Record<string, unknown>;
    try {
      calc.run(input, { 计算过程: false });
      return { title: ex.title, input };
    } catch {
      continue;
    }
  }
  return undefined;
}

/** 0 to 50万 for costs the examples put in the tens of thousands; else a round number above twice the largest example. */
function costRange(view: PolicyView, calculator: string, field: string): number {
  const key = foldName(calculator);
  let largest = 0;
  for (const ex of view.analysis.model.examples) {
    if (ex.calculator.key !== key) continue;
    for (const c of ex.cases) {
      const v = Number((exampleJson(c.input) as Record<string, unknown>)[field]);
      if (Number.isFinite(v)) largest = Math.max(largest, v);
    }
  }
  if (largest >= 50_000 || largest === 0) return LARGEST;
  const target = largest * 2;
  const mag = 10 ** Math.floor(Math.log10(target));
  return ([1, 2, 5, 10].map((m) => m * mag).find((s) => s >= target) ?? 10 * mag);
}

/**
 * Where each payment stops growing for good: the first point after which it stays flat to the
 * end of the range, refined to the yuan by bisection on the calculator itself.
 */
function caps(layers: { name: string; cents: number[] }[], xs: number[], valueAt: (x: number, name: string) => number): Marker[] {
  const out: Marker[] = [];
  for (const l of layers) {
    const last = l.cents[l.cents.length - 1];
    if (last <= 0) continue;
    let i = l.cents.length - 1;
    while (i > 0 && l.cents[i - 1] === last) i--;
    if (i === 0 || i === l.cents.length - 1) continue; // never grows, or still growing at the end
    let lo = xs[i - 1], hi = xs[i];
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (valueAt(mid, l.name) >= last) hi = mid;
      else lo = mid;
    }
    out.push({ x: hi, label: `${l.name}在费用约 ${shortYuan(hi)} 元时达到上限 ${shortYuan(last / 100)} 元` });
  }
  return out;
}
