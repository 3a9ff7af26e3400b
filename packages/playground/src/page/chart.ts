// The burden chart: as the cost grows, the fund's share (top) and the person's burden (bottom),
// one curve per member of the series input (hospital level), caps marked where a payment stops
// growing, and the current case as a dashed line. Plain SVG: nothing to download.
import type { BurdenResult } from "../protocol.js";
import { niceScale } from "../scale.js";
import { h } from "./dom.js";

const SVG = "http://www.w3.org/2000/svg";
const COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#e377c2"];

function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** 150000 → 15万; 8000 → 8000; 12.5 → 12.5. */
export function yuan(x: number): string {
  if (x >= 10000) {
    const w = x / 10000;
    return `${Number.isInteger(w) ? w : w.toFixed(2).replace(/\.?0+$/, "")}万`;
  }
  return Number.isInteger(x) ? String(x) : x.toFixed(2).replace(/\.?0+$/, "");
}

export interface ChartOptions {
  xLabel: string;
  max: number;
  /** The current case's cost, drawn as a dashed line. */
  current?: number;
}

export function renderChart(result: BurdenResult, o: ChartOptions): HTMLElement {
  const W = 560;
  const left = 52;
  const right = 12;
  const panelH = 150;
  const gap = 44;
  const top = 18;
  const H = top + panelH * 2 + gap + 40;
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "burden-chart", role: "img", "aria-label": `${o.xLabel}增加时的基金支付占比与个人负担` });
  const x = (v: number) => left + ((W - left - right) * v) / o.max;
  const burden = niceScale(Math.max(0, ...result.curves.flatMap((c) => c.points.map((p) => p[2]))));
  const panels = [
    { y0: top, title: "基金支付占比", y: (p: [number, number, number]) => p[1], max: 1, step: 0.25, tick: (v: number) => `${Math.round(v * 100)}%` },
    { y0: top + panelH + gap, title: `${result.burden ?? "个人负担"}（元）`, y: (p: [number, number, number]) => p[2], max: burden.max, step: burden.step, tick: yuan },
  ];
  const xScale = niceScale(o.max);
  for (const [pi, panel] of panels.entries()) {
    const y = (v: number) => panel.y0 + panelH - (panelH * v) / panel.max;
    const g = s("g", { class: `panel panel-${pi}` });
    g.append(s("text", { x: left, y: panel.y0 - 6, class: "panel-title" }, panel.title));
    for (let v = 0; v <= panel.max + 1e-9; v += panel.step) {
      g.append(s("line", { x1: left, x2: W - right, y1: y(v), y2: y(v), class: "grid" }));
      g.append(s("text", { x: left - 6, y: y(v) + 4, class: "tick", "text-anchor": "end" }, panel.tick(v)));
    }
    for (let v = 0; v <= o.max + 1e-9; v += xScale.step) {
      const last = v + xScale.step > o.max + 1e-9;
      g.append(s("text", { x: x(v), y: panel.y0 + panelH + 14, class: "tick", "text-anchor": last ? "end" : "middle" }, yuan(v)));
    }
    if (o.current !== undefined && o.current > 0 && o.current <= o.max) {
      g.append(s("line", { x1: x(o.current), x2: x(o.current), y1: panel.y0, y2: panel.y0 + panelH, class: "current" }));
    }
    result.curves.forEach((c, ci) => {
      if (!c.points.length) return;
      const colour = COLOURS[ci % COLOURS.length];
      const d = c.points.map((p, i) => `${i ? "L" : "M"}${x(p[0]).toFixed(1)},${y(panel.y(p)).toFixed(1)}`).join("");
      g.append(s("path", { d, stroke: colour, class: "curve", "data-member": c.member ?? "" }));
      for (const cap of c.caps) {
        const cost = Number(cap.cost);
        const at = interpolate(c.points, cost);
        if (!at) continue;
        const dot = s("circle", { cx: x(cost), cy: y(panel.y(at)), r: 4, fill: colour, class: "cap", "data-member": c.member ?? "", "data-output": cap.output });
        dot.append(s("title", {}, `${c.member ? `${c.member}：` : ""}「${cap.output}」在${o.xLabel} ${cap.cost} 元时达到上限 ${cap.amount} 元`));
        g.append(dot);
      }
    });
    svg.append(g);
  }
  svg.append(s("text", { x: W - right, y: H - 6, class: "axis-title", "text-anchor": "end" }, `${o.xLabel}（元）`));
  const legend = h(
    "div",
    { class: "legend" },
    result.curves.map((c, i) => h("span", { class: "legend-item" }, h("span", { class: "swatch", style: `background:${COLOURS[i % COLOURS.length]}` }), c.member ?? "本案例")),
    h("span", { class: "legend-item" }, h("span", { class: "swatch cap-swatch" }), "封顶"),
  );
  const caps = result.curves.flatMap((c) => c.caps.map((cap) => h("li", {}, `${c.member ? `${c.member}：` : ""}「${cap.output}」在${o.xLabel} ${cap.cost} 元时达到上限 ${cap.amount} 元`)));
  const errors = result.curves.filter((c) => c.error && !c.points.length).map((c) => h("li", { class: "curve-error" }, `${c.member ?? ""} 无法计算：${c.error}`));
  const figure = h("figure", { class: "chart" }, legend);
  figure.append(svg);
  if (caps.length || errors.length) figure.append(h("ul", { class: "caps" }, caps, errors));
  return figure;
}

function interpolate(points: [number, number, number][], cost: number): [number, number, number] | undefined {
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1], points[i]];
    if (a[0] <= cost && cost <= b[0]) {
      const t = b[0] === a[0] ? 0 : (cost - a[0]) / (b[0] - a[0]);
      return [cost, a[1] + t * (b[1] - a[1]), a[2] + t * (b[2] - a[2])];
    }
  }
  return undefined;
}
