// `zhengce sample`: a plausible population for a calculator when no data exists. Each field is
// drawn from its type and declared range; amounts and unbounded integers take their scale from
// the policy's own worked examples (the cases its author thought typical). Every drawn case is
// run through the policy once and drawn again when refused, so the whole population computes.
// A seeded generator makes the same seed give the same population.
import { foldName, type Expr } from "@zhengce/dsl";
import type { FieldSpec, FieldType } from "@zhengce/runtime";
import type { CompiledCalculator } from "../api.js";
import { exampleJson } from "../load.js";
import type { PolicyView } from "./view.js";

export interface SampleOptions {
  seed: string;
  /** Earliest and latest 日期 (YYYY-MM-DD); default: the calculator's validity. */
  from?: string;
  to?: string;
  /** Draws allowed for one case before giving up (default 200). */
  maxDraws?: number;
}

/** No case the policy accepts after `maxDraws` draws. */
export class SampleError extends Error {}

export interface Sampler {
  /** The next case, accepted by the policy. */
  next(): Record<string, unknown>;
  /** Draws refused by the policy so far. */
  readonly redrawn: number;
  /** The window 日期 is drawn from. */
  readonly window: { from: string; to: string };
}

export function sampler(view: PolicyView, calc: CompiledCalculator, options: SampleOptions): Sampler {
  const random = seededRandom(options.seed);
  const examples = exampleValues(view, calc.name);
  const window = dateWindow(view, calc.name, examples, options);
  const draw = recordDrawer(calc.inputFields, "", random, examples, window, true);
  const maxDraws = options.maxDraws ?? 200;
  let redrawn = 0;
  return {
    get redrawn() {
      return redrawn;
    },
    window,
    next() {
      let last: unknown;
      for (let i = 0; i < maxDraws; i++) {
        const c = draw();
        try {
          calc.run(c, { 计算过程: false });
          return c;
        } catch (e) {
          redrawn++;
          last = e;
        }
      }
      throw new SampleError(`连续抽取 ${maxDraws} 次都得不到本政策能计算的案例，最后一次：${last instanceof Error ? last.message : String(last)}`);
    },
  };
}

// ───────────── randomness ─────────────

export type Random = () => number;

/** sfc32 seeded from the text's cyrb128 hash: fast, well mixed, the same sequence for the same seed on every platform. */
export function seededRandom(seed: string): Random {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  let a = (h1 ^ h2 ^ h3 ^ h4) >>> 0, b = (h2 ^ h1) >>> 0, c = (h3 ^ h1) >>> 0, d = (h4 ^ h1) >>> 0;
  return () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const r = (t + d) | 0;
    c = (c + r) | 0;
    return (r >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];

// ───────────── the policy's worked examples as a scale ─────────────

/** Values each input field (dotted path for nested fields) takes in the calculator's worked examples. */
type ExampleValues = Map<string, unknown[]>;

function exampleValues(view: PolicyView, calculator: string): ExampleValues {
  const key = foldName(calculator);
  const out: ExampleValues = new Map();
  const add = (path: string, v: unknown) => {
    if (v === null || v === undefined) return;
    if (typeof v === "object" && !Array.isArray(v)) {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) add(path ? `${path}.${k}` : k, x);
      return;
    }
    let list = out.get(path);
    if (!list) out.set(path, (list = []));
    list.push(v);
  };
  for (const ex of view.analysis.model.examples) {
    if (ex.calculator.key !== key) continue;
    for (const c of ex.cases) add("", exampleJson(c.input as Expr));
  }
  return out;
}

// ───────────── dates ─────────────

const DAY = 86_400_000;
const toDay = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY;
const fromDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

function dateWindow(view: PolicyView, calculator: string, examples: ExampleValues, options: SampleOptions): { from: string; to: string } {
  const model = view.analysis.model;
  const calc = model.calculators.get(foldName(calculator));
  const later = (a?: string, b?: string) => (!a ? b : !b ? a : a > b ? a : b);
  const earlier = (a?: string, b?: string) => (!a ? b : !b ? a : a < b ? a : b);
  const exampleDates = (examples.get("日期") ?? []).filter((d): d is string => typeof d === "string").sort();
  let from = options.from ?? later(calc?.decl.validity?.from?.value, model.meta.validity?.from) ?? exampleDates[0] ?? model.meta.published;
  let to = options.to ?? earlier(calc?.decl.validity?.to?.value, model.meta.validity?.to);
  from ??= to ? fromDay(toDay(to) - 364) : "2018-01-01";
  // An open-ended validity: one year from its start.
  to ??= fromDay(toDay(`${+from.slice(0, 4) + 1}${from.slice(4)}`) - 1);
  if (from > to) throw new SampleError(`日期范围 ${from} 至 ${to} 是空的`);
  return { from, to };
}

// ───────────── fields ─────────────

type Drawer = () => unknown;
const ABSENT = Symbol("absent");

function recordDrawer(fields: readonly FieldSpec[], prefix: string, random: Random, examples: ExampleValues, window: { from: string; to: string }, top: boolean): () => Record<string, unknown> {
  const drawers = fields.map((f) => ({ name: f.name, draw: fieldDrawer(f, prefix ? `${prefix}.${f.name}` : f.name, random, examples, window, top) }));
  return () => {
    const out: Record<string, unknown> = {};
    for (const { name, draw } of drawers) {
      const v = draw();
      if (v !== ABSENT) out[name] = v;
    }
    return out;
  };
}

function fieldDrawer(f: FieldSpec, path: string, random: Random, examples: ExampleValues, window: { from: string; to: string }, top: boolean): Drawer {
  const hasDefault = f.default !== undefined && f.default !== null;
  const seen = examples.get(path) ?? [];
  // The claim's date selects every time version: always given, within the window.
  if (top && f.name === "日期" && f.type.kind === "date") {
    const a = toDay(window.from), b = toDay(window.to);
    return () => fromDay(a + Math.floor(random() * (b - a + 1)));
  }
  const value = valueDrawer(f.type, random, seen, window, f.required, path, examples);
  if (f.required) return value;
  // Optional fields: a default is kept most of the time (it is what most claims look like).
  switch (f.type.kind) {
    case "boolean":
      return hasDefault ? () => (random() < 0.9 ? ABSENT : !f.default) : value;
    case "set":
      return () => {
        const v = value() as unknown[];
        return v.length === 0 && hasDefault ? ABSENT : v;
      };
    case "list":
    case "text":
      return () => ABSENT;
    case "record":
      return () => {
        if (random() < 0.8) return ABSENT;
        const v = value() as Record<string, unknown>;
        return Object.keys(v).length ? v : ABSENT;
      };
    default: {
      // An amount with a default that no example ever sets (当月已支付 …) has no known scale: kept at its default.
      if (hasDefault && f.type.kind === "money" && !seen.some((v) => Number(v) > 0)) return () => ABSENT;
      const keep = hasDefault ? 0.8 : 0.3;
      return () => (random() < keep ? ABSENT : value());
    }
  }
}

function valueDrawer(t: FieldType, random: Random, seen: unknown[], window: { from: string; to: string }, required: boolean, path: string, examples: ExampleValues): Drawer {
  switch (t.kind) {
    case "enum":
      return () => pick(random, t.members);
    case "set": {
      const empty = required || t.nonEmpty ? 0 : 0.8;
      return () => {
        if (random() < empty) return [];
        const first = pick(random, t.members);
        if (random() < 0.85 || t.members.length < 2) return [first];
        let second = first;
        while (second === first) second = pick(random, t.members);
        return [first, second];
      };
    }
    case "boolean":
      return () => random() < 0.5;
    case "money": {
      const positive = seen.map((v) => Number(v)).filter((v) => Number.isFinite(v) && v > 0);
      let lo = positive.length ? Math.min(...positive) : 100;
      let hi = positive.length ? Math.max(...positive) : 100_000;
      if (hi / lo < 10) {
        lo = Math.max(1, lo / 3);
        hi = hi * 3;
      }
      const a = Math.log(lo), b = Math.log(hi);
      // Some amounts are a fixed set (缴费档次): the examples' own values come up often enough to hit them.
      const listed = positive.map((v) => Math.round(v * 100));
      return () => centsText(listed.length && random() < 0.3 ? pick(random, listed) : Math.round(Math.exp(a + random() * (b - a)) * 100));
    }
    case "integer": {
      const ints = seen.map((v) => Number(v)).filter((v) => Number.isInteger(v));
      const min = t.min ?? (ints.length ? Math.min(0, ...ints) : 0);
      const max = t.max ?? Math.max(min, ints.length ? Math.ceil(Math.max(...ints) * 1.5) : min + 100);
      return () => (ints.length && random() < 0.3 ? pick(random, ints) : min + Math.floor(random() * (max - min + 1)));
    }
    case "date": {
      const dates = seen.filter((d): d is string => typeof d === "string").sort();
      const from = toDay(dates[0] ?? window.from), to = toDay(dates[dates.length - 1] ?? window.to);
      return () => fromDay(from + Math.floor(random() * (to - from + 1)));
    }
    case "rate":
      return () => `${Math.floor(random() * 101)}%`;
    case "record":
      return recordDrawer(t.fields, path, random, examples, window, false);
    case "text":
      return () => (seen.length ? pick(random, seen) : "");
    case "list":
      return () => [];
  }
}

/** Integer cents → "1234.56": the amount is exact text, never a binary fraction. */
function centsText(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
}
