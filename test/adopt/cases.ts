// Generated inputs for a calculator, from its field list: valid cases in canonical form, the same
// cases spelt as people type them (traditional script, full-width forms, numbers for money), and
// each field broken in the ways the issue lists (3 decimals, dates outside validity, unknown keys …).
import { D, type FieldSpec, type FieldType } from "@zhengce/runtime";
import { toTraditional } from "@zhengce/runtime/fold";

export interface Case {
  label: string;
  input: Record<string, unknown>;
}

/** A small seeded generator (mulberry32), so every run feeds the same cases. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** Full-width forms of ASCII digits, letters and punctuation (what an IME types). */
export function fullWidth(s: string): string {
  return s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

export interface Validity {
  from?: string;
  to?: string;
}

function dateWithin(r: () => number, v: Validity): string {
  const from = v.from ?? "2015-01-01";
  const to = v.to ?? "2030-12-31";
  const t0 = Date.parse(from);
  const t1 = Date.parse(to);
  return new Date(t0 + Math.floor(r() * ((t1 - t0) / 86_400_000 + 1)) * 86_400_000).toISOString().slice(0, 10);
}

function validValue(r: () => number, t: FieldType, name: string, v: Validity): unknown {
  switch (t.kind) {
    case "money":
      return pick(r, ["0", "0.5", "800", "12000", "30000.50", "86000.07", "250000"]);
    case "rate":
      return pick(r, ["85%", "0.5", 0.3, "100%", "2.5%"]);
    case "integer":
      return (t.min ?? 0) + Math.floor(r() * 40);
    case "date":
      return name === "日期" ? dateWithin(r, v) : dateWithin(r, { from: "2018-01-01", to: "2020-12-31" });
    case "boolean":
      return r() < 0.5;
    case "text":
      return pick(r, ["", "其他情形"]);
    case "enum":
      return pick(r, t.members);
    case "set": {
      const chosen = t.members.filter(() => r() < 0.3);
      return chosen.length === 0 && t.nonEmpty ? [t.members[0]!] : chosen;
    }
    case "list":
      return r() < 0.5 ? [] : [validValue(r, t.of, name, v)];
    case "record":
      return validRecord(r, t.fields, v);
  }
}

function validRecord(r: () => number, fields: readonly FieldSpec[], v: Validity): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (f.required || r() < 0.6) out[f.name] = validValue(r, f.type, f.name, v);
  return out;
}

/** The ways a field's value is written that the runtime normalises. */
function spellings(t: FieldType, x: unknown): unknown[] {
  switch (t.kind) {
    case "money":
      return typeof x === "string" ? [Number(x), fullWidth(x), ` ${x} `] : [];
    case "rate":
    case "date":
      return typeof x === "string" ? [fullWidth(x)] : [];
    case "enum":
      return typeof x === "string" ? [toTraditional(x), fullWidth(x)] : [];
    case "set":
      return Array.isArray(x) && x.length > 0 ? [x.map((m) => toTraditional(String(m))), [...x, x[0]]] : [];
    case "boolean":
      return typeof x === "boolean" ? [x ? "是" : "否", x ? " 是 " : "否"] : [];
    default:
      return [];
  }
}

/** Wrong values for a field of type t: each should be refused by both sides (or accepted by both). */
function breakages(t: FieldType, name: string, v: Validity): unknown[] {
  switch (t.kind) {
    case "money":
      return [
        "30000.505", 30000.505, -1, "-1", "1e3", "", "１２３.４５６", 0.1 + 0.2, "12,000", true,
        ...(t.nullable ? [] : [null]),
        ...(t.max === undefined ? [] : [t.max, D(t.max).plus("0.01").toFixed(), `0${t.max}`]),
      ];
    case "rate":
      return ["150%", 1.5, -0.1, "85", "abc", "85 %"];
    case "integer":
      return [1.5, "12", (t.min ?? 0) - 1, null];
    case "date": {
      const out: unknown[] = ["2019-02-29", "2019-13-01", "20190101", "2019-1-1", 20190101, "0000-01-01"];
      if (name === "日期" && v.from) out.push(dayBefore(v.from));
      if (name === "日期" && v.to) out.push(dayAfter(v.to));
      return out;
    }
    case "boolean":
      return ["true", 1, null, "对", "是的"];
    case "text":
      return [1, null];
    case "enum":
      return [`${t.members[0]}甲`, "", 1, null, [t.members[0]]];
    case "set":
      return [[`${t.members[0]}甲`], t.members[0], [1], ...(t.nonEmpty ? [[]] : [])];
    case "list":
      return ["x", [1]];
    case "record":
      return ["x", [], { 未知字段: "1" }];
  }
}

const shift = (d: string, days: number) => new Date(Date.parse(d) + days * 86_400_000).toISOString().slice(0, 10);
const dayBefore = (d: string) => shift(d, -1);
const dayAfter = (d: string) => shift(d, 1);

/** Valid cases, their other spellings, and one broken field at a time. */
export function generateCases(fields: readonly FieldSpec[], validity: Validity, seed: number, count: number): Case[] {
  const r = random(seed);
  const cases: Case[] = [];
  for (let i = 0; i < count; i++) {
    const base = validRecord(r, fields, validity);
    cases.push({ label: `有效 #${i}`, input: base });
    // Keys in traditional script and full-width forms.
    cases.push({ label: `繁体字段名 #${i}`, input: Object.fromEntries(Object.entries(base).map(([k, x]) => [toTraditional(k), x])) });
    cases.push({ label: `全角字段名 #${i}`, input: Object.fromEntries(Object.entries(base).map(([k, x]) => [fullWidth(k), x])) });
    for (const f of fields) {
      const x = base[f.name];
      if (x !== undefined) for (const s of spellings(f.type, x)) cases.push({ label: `${f.name} 写作 ${JSON.stringify(s)}`, input: { ...base, [f.name]: s } });
      for (const bad of breakages(f.type, f.name, validity)) cases.push({ label: `${f.name} = ${JSON.stringify(bad)}`, input: { ...base, [f.name]: bad } });
      if (f.required) {
        const { [f.name]: _, ...rest } = base;
        cases.push({ label: `缺少 ${f.name}`, input: rest });
      }
      if (x !== undefined) cases.push({ label: `${f.name} 写两次`, input: { ...base, [toTraditional(f.name) === f.name ? fullWidth(f.name) : toTraditional(f.name)]: x } });
    }
    cases.push({ label: `未知字段 #${i}`, input: { ...base, 备注: "x" } });
  }
  return cases;
}
