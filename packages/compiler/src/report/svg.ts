// The charts of the reports, drawn as plain SVG text (no library, no script): a histogram of
// differences, bars centred on zero for groups, and stacked areas for how a cost is shared.
// Every chart carries a <title> and <desc> so that it reads without the picture too.
import { esc } from "./html.js";
import { shortYuan } from "./format.js";

const FONT = `font-family="Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Zen Hei, PingFang SC, Microsoft YaHei, sans-serif"`;
export const COLORS = { up: "#0b6bcb", down: "#c2410c", grid: "#e5e7eb", axis: "#6b7280", ink: "#1f2328", person: "#9ca3af" };
/** Fund layers, bottom to top. */
export const LAYER_COLORS = ["#1d4ed8", "#0d9488", "#7c3aed", "#d97706", "#be185d", "#4d7c0f"];

function svgOpen(width: number, height: number, title: string, desc: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" ${FONT} font-size="12"><title>${esc(title)}</title><desc>${esc(desc)}</desc><rect width="${width}" height="${height}" fill="#fff"/>`;
}

/** Round tick values from 0 to at least `max`: 0, 1万, 2万, … */
export function niceTicks(max: number, target = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let v = 0; v < max + step * 0.999; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

const f1 = (n: number) => Number(n.toFixed(1));

/** About how wide a label is drawn: a Han character or full-width form a whole em, the rest 0.6 em. */
function textWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? size : size * 0.6;
  return w;
}

// ───────────── histogram of differences ─────────────

export interface HistogramBar {
  label: string;
  count: number;
  /** Gains are drawn in one colour, losses in another. */
  sign: 1 | -1;
}

export function histogramSvg(bars: HistogramBar[], options: { title: string; unchanged: number }): string {
  const width = 760, height = 300, left = 56, right = 12, top = 28, bottom = 78;
  const plotW = width - left - right, plotH = height - top - bottom;
  const max = Math.max(1, ...bars.map((b) => b.count));
  const ticks = niceTicks(max, 4);
  const yMax = ticks[ticks.length - 1];
  const y = (v: number) => top + plotH - (v / yMax) * plotH;
  const bw = plotW / Math.max(1, bars.length);
  const desc = bars.map((b) => `${b.label}：${b.count} 例`).join("；") + `；不变 ${options.unchanged} 例`;
  const parts = [svgOpen(width, height, options.title, desc)];
  parts.push(`<text x="${left}" y="16" font-weight="600" fill="${COLORS.ink}">${esc(options.title)}</text>`);
  for (const t of ticks) {
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${f1(y(t))}" y2="${f1(y(t))}" stroke="${COLORS.grid}"/>`);
    parts.push(`<text x="${left - 6}" y="${f1(y(t) + 4)}" text-anchor="end" fill="${COLORS.axis}">${t.toLocaleString("en-US")}</text>`);
  }
  bars.forEach((b, i) => {
    const x = left + i * bw;
    const h = (b.count / yMax) * plotH;
    const color = b.sign > 0 ? COLORS.up : COLORS.down;
    parts.push(`<rect x="${f1(x + 2)}" y="${f1(top + plotH - h)}" width="${f1(Math.max(1, bw - 4))}" height="${f1(h)}" fill="${color}"><title>${esc(`${b.label}：${b.count} 例`)}</title></rect>`);
    if (b.count > 0) parts.push(`<text x="${f1(x + bw / 2)}" y="${f1(top + plotH - h - 4)}" text-anchor="middle" fill="${COLORS.ink}" font-size="11">${b.count.toLocaleString("en-US")}</text>`);
    const lx = f1(x + bw / 2), ly = top + plotH + 10;
    parts.push(`<text x="${lx}" y="${ly}" text-anchor="end" fill="${COLORS.axis}" font-size="11" transform="rotate(-40 ${lx} ${ly})">${esc(b.label)}</text>`);
  });
  parts.push(`<line x1="${left}" x2="${width - right}" y1="${top + plotH}" y2="${top + plotH}" stroke="${COLORS.axis}"/>`);
  parts.push(`<text x="${width - right}" y="16" text-anchor="end" fill="${COLORS.axis}">差额（元）· 不变 ${options.unchanged.toLocaleString("en-US")} 例未画出</text>`);
  parts.push("</svg>");
  return parts.join("");
}

// ───────────── bars centred on zero ─────────────

export interface SignedBar {
  label: string;
  /** Yuan. */
  value: number;
  note?: string;
}

export function signedBarsSvg(bars: SignedBar[], options: { title: string }): string {
  const rowH = 26, top = 30, labelW = 190, valueW = 120, width = 760;
  const height = top + bars.length * rowH + 12;
  const plotW = width - labelW - valueW - 16;
  const maxAbs = Math.max(1e-9, ...bars.map((b) => Math.abs(b.value)));
  const hasNeg = bars.some((b) => b.value < 0), hasPos = bars.some((b) => b.value > 0);
  const zero = labelW + (hasNeg && hasPos ? plotW / 2 : hasNeg ? plotW : 0);
  const scale = (hasNeg && hasPos ? plotW / 2 : plotW) / maxAbs;
  const desc = bars.map((b) => `${b.label}：${b.value >= 0 ? "+" : "−"}${Math.abs(b.value).toFixed(2)} 元`).join("；");
  const parts = [svgOpen(width, height, options.title, desc)];
  parts.push(`<text x="8" y="18" font-weight="600" fill="${COLORS.ink}">${esc(options.title)}</text>`);
  bars.forEach((b, i) => {
    const yy = top + i * rowH;
    const w = Math.abs(b.value) * scale;
    const x = b.value >= 0 ? zero : zero - w;
    const color = b.value >= 0 ? COLORS.up : COLORS.down;
    parts.push(`<text x="${labelW - 8}" y="${yy + 17}" text-anchor="end" fill="${COLORS.ink}">${esc(b.label.length > 14 ? `${b.label.slice(0, 13)}…` : b.label)}<title>${esc(b.label)}</title></text>`);
    parts.push(`<rect x="${f1(x)}" y="${yy + 5}" width="${f1(Math.max(w, b.value === 0 ? 0 : 1))}" height="${rowH - 10}" fill="${color}"/>`);
    const text = `${b.value > 0 ? "+" : b.value < 0 ? "−" : ""}${shortYuan(Math.abs(b.value))}元${b.note ? ` ${b.note}` : ""}`;
    const tx = b.value >= 0 ? x + w + 6 : x - 6;
    parts.push(`<text x="${f1(tx)}" y="${yy + 17}" text-anchor="${b.value >= 0 ? "start" : "end"}" fill="${COLORS.axis}" font-size="11">${esc(text)}</text>`);
  });
  parts.push(`<line x1="${f1(zero)}" x2="${f1(zero)}" y1="${top}" y2="${height - 8}" stroke="${COLORS.axis}"/>`);
  parts.push("</svg>");
  return parts.join("");
}

// ───────────── a cost shared between the fund and the person ─────────────

export interface Layer {
  name: string;
  /** Yuan at each x. */
  ys: number[];
  color: string;
}

export interface Marker {
  x: number;
  label: string;
}

/**
 * Stacked areas over a cost axis: the fund's payments from the bottom, the person's burden on
 * top, so that the stack's height is the cost itself. Markers (caps) are dashed verticals.
 */
export function stackedAreaSvg(options: { title: string; xLabel: string; xs: number[]; layers: Layer[]; markers: Marker[]; width?: number; height?: number }): string {
  const width = options.width ?? 380, height = options.height ?? 270;
  const left = 48, right = 10, top = 26, bottom = 44 + Math.ceil(options.layers.length / 2) * 16;
  const plotW = width - left - right, plotH = height - top - bottom;
  const xs = options.xs;
  const xMax = xs[xs.length - 1] || 1;
  const totals = xs.map((_, i) => options.layers.reduce((s, l) => s + l.ys[i], 0));
  const yTicks = niceTicks(Math.max(...totals, 1), 4);
  const yMax = yTicks[yTicks.length - 1];
  const xTicks = niceTicks(xMax, 4).filter((t) => t <= xMax * 1.0001);
  const px = (x: number) => left + (x / xMax) * plotW;
  const py = (y: number) => top + plotH - (y / yMax) * plotH;
  const desc = options.layers.map((l) => `${l.name}：费用 ${shortYuan(xMax)} 元时 ${shortYuan(l.ys[l.ys.length - 1])} 元`).join("；") + (options.markers.length ? `；${options.markers.map((m) => m.label).join("；")}` : "");
  const parts = [svgOpen(width, height, options.title, desc)];
  parts.push(`<text x="${left}" y="16" font-weight="600" fill="${COLORS.ink}">${esc(options.title)}</text>`);
  for (const t of yTicks) {
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${f1(py(t))}" y2="${f1(py(t))}" stroke="${COLORS.grid}"/>`);
    parts.push(`<text x="${left - 4}" y="${f1(py(t) + 4)}" text-anchor="end" fill="${COLORS.axis}" font-size="10">${shortYuan(t)}</text>`);
  }
  for (const t of xTicks) parts.push(`<text x="${f1(px(t))}" y="${top + plotH + 14}" text-anchor="middle" fill="${COLORS.axis}" font-size="10">${shortYuan(t)}</text>`);
  const base = xs.map(() => 0);
  for (const l of options.layers) {
    const upper = base.map((b, i) => b + l.ys[i]);
    const points = [...xs.map((x, i) => `${f1(px(x))},${f1(py(upper[i]))}`), ...[...xs].reverse().map((x, j) => `${f1(px(x))},${f1(py(base[xs.length - 1 - j]))}`)];
    parts.push(`<polygon points="${points.join(" ")}" fill="${l.color}" fill-opacity="0.78" stroke="${l.color}" stroke-width="0.8"><title>${esc(l.name)}</title></polygon>`);
    for (let i = 0; i < base.length; i++) base[i] = upper[i];
  }
  for (const m of options.markers) {
    const x = f1(px(m.x));
    parts.push(`<line x1="${x}" x2="${x}" y1="${top}" y2="${top + plotH}" stroke="${COLORS.ink}" stroke-dasharray="3 3"><title>${esc(m.label)}</title></line>`);
  }
  parts.push(`<line x1="${left}" x2="${width - right}" y1="${top + plotH}" y2="${top + plotH}" stroke="${COLORS.axis}"/>`);
  parts.push(`<text x="${width - right}" y="${top + plotH + 28}" text-anchor="end" fill="${COLORS.axis}" font-size="10">${esc(options.xLabel)}（元）</text>`);
  options.layers.forEach((l, i) => {
    const lx = left + (i % 2) * (plotW / 2), ly = top + plotH + 42 + Math.floor(i / 2) * 16;
    parts.push(`<rect x="${lx}" y="${ly - 9}" width="10" height="10" fill="${l.color}"/><text x="${lx + 14}" y="${ly}" fill="${COLORS.ink}" font-size="11">${esc(l.name)}</text>`);
  });
  parts.push("</svg>");
  return parts.join("");
}

// ───────────── totals before and after ─────────────

export interface PairedBar {
  label: string;
  /** Yuan. */
  before: number;
  after: number;
}

/** Two bars per row, the total before and after, on one scale from zero. */
export function pairedBarsSvg(rows: PairedBar[], options: { title: string; before: string; after: string }): string {
  const rowH = 44, top = 44, labelW = 120, valueW = 130, width = 760;
  const height = top + rows.length * rowH + 8;
  const plotW = width - labelW - valueW;
  const max = Math.max(1e-9, ...rows.flatMap((r) => [r.before, r.after]));
  const desc = rows.map((r) => `${r.label}：${options.before} ${r.before.toFixed(2)} 元，${options.after} ${r.after.toFixed(2)} 元`).join("；");
  const parts = [svgOpen(width, height, options.title, desc)];
  parts.push(`<text x="8" y="18" font-weight="600" fill="${COLORS.ink}">${esc(options.title)}</text>`);
  parts.push(`<rect x="${labelW}" y="26" width="10" height="10" fill="${COLORS.person}"/><text x="${labelW + 14}" y="35" font-size="11" fill="${COLORS.ink}">${esc(options.before)}</text>`);
  // The second key starts after the first one's text (变化前（旧政策） is wider than a fixed 90 px).
  const afterX = labelW + 14 + textWidth(options.before, 11) + 16;
  parts.push(`<rect x="${f1(afterX)}" y="26" width="10" height="10" fill="${COLORS.up}"/><text x="${f1(afterX + 14)}" y="35" font-size="11" fill="${COLORS.ink}">${esc(options.after)}</text>`);
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    parts.push(`<text x="${labelW - 8}" y="${y + 22}" text-anchor="end" fill="${COLORS.ink}">${esc(r.label)}</text>`);
    [r.before, r.after].forEach((v, j) => {
      const w = (v / max) * plotW;
      const yy = y + 4 + j * 18;
      parts.push(`<rect x="${labelW}" y="${yy}" width="${f1(Math.max(w, v > 0 ? 1 : 0))}" height="15" fill="${j ? COLORS.up : COLORS.person}"/>`);
      parts.push(`<text x="${f1(labelW + w + 6)}" y="${yy + 12}" fill="${COLORS.axis}" font-size="11">${esc(shortYuan(Number(v.toFixed(2))))}元</text>`);
    });
  });
  parts.push(`<line x1="${labelW}" x2="${labelW}" y1="${top}" y2="${height - 4}" stroke="${COLORS.axis}"/>`);
  parts.push("</svg>");
  return parts.join("");
}
