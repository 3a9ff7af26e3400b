// The burden curves: one case run over a range of costs, per member of an enum input (the
// hospital level), reading the personal burden and the fund's share, and finding where each
// payment stops growing (its cap). Money stays exact in the runs; the points are for drawing.
import { Decimal, formatError, type FieldSpec } from "@zhengce/runtime";
import type { CompiledCalculator } from "@zhengce/compiler";
import type { BurdenCurve, BurdenParams, BurdenResult } from "../protocol.js";
import { niceScale } from "../scale.js";

/** The output read as the person's burden. */
export function burdenOutput(outputs: { name: string; type: string }[]): string | undefined {
  const money = outputs.filter((o) => o.type === "金额");
  return money.find((o) => o.name === "个人负担")?.name ?? money.find((o) => /^个人(负担|支付|自付)/.test(o.name))?.name;
}

/**
 * The curves, one member at a time: between two, `pause` lets newer messages in, and the
 * work stops (undefined) when it says the text has changed — the page asks again after the check.
 */
export async function burdenCurves(calc: CompiledCalculator, outputs: { name: string; type: string }[], p: BurdenParams, pause: () => Promise<boolean> = async () => true): Promise<BurdenResult | undefined> {
  const burden = burdenOutput(outputs);
  if (!burden) return { curves: [], error: `计算「${calc.name}」没有「个人负担」一类的金额输出，无法绘制负担曲线` };
  const x = calc.inputFields.find((f) => f.name === p.x && f.type.kind === "money");
  if (!x) return { curves: [], error: `「${p.x}」不是计算「${calc.name}」的金额输入` };
  const series = p.series ? calc.inputFields.find((f) => f.name === p.series && f.type.kind === "enum") : undefined;
  // Payments: money outputs other than the burden that grow with the cost somewhere.
  const payments = outputs.filter((o) => o.type === "金额" && o.name !== burden).map((o) => o.name);
  const members = series && series.type.kind === "enum" ? series.type.members : [undefined];
  const samples = Math.max(8, Math.min(p.samples ?? 96, 400));
  const draw = async (maxCents: number, bisect: boolean, n = samples) => {
    const curves: BurdenCurve[] = [];
    for (const member of members) {
      if (!(await pause())) return undefined;
      curves.push(curve(calc, p.input, x, series, member, burden, payments, n, maxCents, bisect));
    }
    return curves;
  };
  let max = p.max && p.max > 0 ? p.max : undefined;
  if (!max) {
    const probe = await draw(PROBE_MAX * 100, false, 50);
    if (!probe) return undefined;
    max = autoMax(probe, Number(p.input[x.name]));
  }
  const curves = await draw(Math.round(max * 100), true);
  return curves && { burden, max, curves };
}

/** How far an automatic axis looks for caps (yuan). */
const PROBE_MAX = 2_000_000;

/** An axis that shows every cap a coarse probe found, and twice the current cost. */
function autoMax(probe: BurdenCurve[], current: number): number {
  const caps = probe.flatMap((c) => c.caps.map((cap) => Number(cap.cost)));
  return niceScale(Math.max(10_000, 1.25 * Math.max(0, ...caps), Number.isFinite(current) ? 2 * current : 0)).max;
}

function curve(
  calc: CompiledCalculator,
  input: Record<string, unknown>,
  x: FieldSpec,
  series: FieldSpec | undefined,
  member: string | undefined,
  burden: string,
  payments: string[],
  samples: number,
  maxCents: number,
  bisect: boolean,
): BurdenCurve {
  const out: BurdenCurve = { member, points: [], caps: [] };
  const at = (cents: number): Record<string, unknown> | undefined => {
    const raw: Record<string, unknown> = { ...input, [x.name]: new Decimal(cents).div(100).toFixed(2) };
    if (series && member !== undefined) raw[series.name] = member;
    try {
      return calc.run(raw, { 计算过程: false });
    } catch (e) {
      out.error ??= formatError(e);
      return undefined;
    }
  };
  const money = (r: Record<string, unknown> | undefined, name: string) => (typeof r?.[name] === "string" ? new Decimal(r[name] as string) : undefined);
  const xs: number[] = [];
  for (let i = 0; i <= samples; i++) xs.push(Math.round((maxCents * i) / samples));
  const runs = xs.map(at);
  runs.forEach((r, i) => {
    const b = money(r, burden);
    if (!b) return;
    const cost = new Decimal(xs[i]).div(100);
    const share = cost.isZero() ? 0 : cost.minus(b).div(cost).toNumber();
    out.points.push([cost.toNumber(), share, b.toNumber()]);
  });
  if (out.points.length) delete out.error;
  for (const name of payments) {
    const values = runs.map((r) => money(r, name));
    // The last sample where the payment still grew; a cap holds if it stays flat from there on.
    let last = -1;
    for (let i = 1; i < values.length; i++) if (values[i] && values[i - 1] && values[i]!.gt(values[i - 1]!)) last = i;
    if (last < 0 || last === values.length - 1) continue;
    const final = values[values.length - 1];
    if (!final || !values.slice(last).every((v) => v && v.eq(final))) continue;
    // The payment reached `final` somewhere in (xs[last-1], xs[last]]: bisect to the cent.
    let lo = xs[last - 1];
    let hi = xs[last];
    while (bisect && hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      const v = money(at(mid), name);
      if (v && v.eq(final)) hi = mid;
      else lo = mid;
    }
    out.caps.push({ output: name, cost: new Decimal(hi).div(100).toFixed(2), amount: final.toFixed(2) });
  }
  return out;
}
