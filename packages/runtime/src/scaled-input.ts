// The input parser of the exact integer path (issue 7). The closed-schema parser (input.ts)
// normalises every key and value (script folding, NFKC, trimming) into a copy and converts that
// copy: on the integer path it cost more than the case itself. Most inputs are already in the
// canonical form — declared field names, declared members, ASCII amounts and rates, plain
// numbers and booleans, YYYY-MM-DD dates, lists of these — and for those one pass builds the
// same record. Any other input
// (a folded name, a full-width digit, a 是/否, a wrong value, a missing field) is handed whole to
// the closed-schema parser, which gives the same record or the error: this module decides
// nothing of its own about what an input means.
import { Decimal } from "./decimal.js";
import { makeInputParser, type FieldSpec, type FieldType, type InputParser } from "./input.js";

/** A value the fast pass does not read: the whole input goes to the closed-schema parser. */
const OTHER = Symbol("other");

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
const RATE_TEXT = /^(\d+)(?:\.(\d+))?(%?)$/;
/** 1 万亿元, input.ts's MONEY_LIMIT, in cents. */
const MONEY_LIMIT_CENTS = 1e14;

/**
 * An amount written as input.ts's `moneyCents` reads it without a Decimal — 1 to 13 ASCII digits,
 * then optionally a point and 1 or 2 digits — in cents, if at most `max`. A loop rather than a
 * regular expression: this runs for every amount of every case.
 */
function cents(text: string, max: number): number | typeof OTHER {
  const n = text.length;
  let i = 0;
  let c = 0;
  for (; i < n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    c = c * 10 + d;
  }
  if (i === 0 || i > 13) return OTHER;
  c *= 100;
  if (i < n) {
    const k = n - i - 1;
    if (text.charCodeAt(i) !== 46 || k < 1 || k > 2) return OTHER;
    const d1 = text.charCodeAt(i + 1) - 48;
    const d2 = k === 2 ? text.charCodeAt(i + 2) - 48 : 0;
    if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return OTHER;
    c += d1 * 10 + d2;
  }
  return c <= max ? c : OTHER;
}

/**
 * A rate written as input.ts's `parseRate` reads it without a Decimal — ASCII digits, optionally
 * a point and digits, optionally `%` — × 10^4, if it is at most 100% and exact at that scale
 * (else the closed-schema parser gives the error, or NaN for more decimals).
 */
function rateScaled(text: string): number | typeof OTHER {
  const m = RATE_TEXT.exec(text);
  if (m === null || m[1].length > 6) return OTHER;
  const frac = (m[2] ?? "").replace(/0+$/, "");
  const places = m[3] === "%" ? 2 : 4;
  if (frac.length > places) return OTHER;
  const n = Number(m[1]) * 10 ** places + (frac ? Number(frac) * 10 ** (places - frac.length) : 0);
  return n <= 10000 ? n : OTHER;
}

function isDate(s: string): boolean {
  const m = DATE_TEXT.exec(s);
  if (m === null) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const days = mo === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
  return d <= days;
}

/** How the fast pass reads a field: a kind and what it checks against (one switch, no closure per field). */
interface Field {
  name: string;
  kind: FieldType["kind"];
  /** money: the maximum in cents. */
  max: number;
  nullable: boolean;
  /** integer: the bounds. */
  min?: number;
  top?: number;
  /** enum and set: the members, in declaration order. */
  members: readonly string[];
  memberSet: ReadonlySet<string>;
  nonEmpty: boolean;
  record?: Reader;
  /** list: how an element is read. */
  of?: Field;
  /** What an absent field holds (OTHER: the closed-schema parser decides: required, or a default it reads). */
  absent: unknown;
}

type Reader = { fields: Field[]; declared: ReadonlySet<string> };

function read(f: Field, v: unknown): unknown {
  switch (f.kind) {
    case "money":
      if (typeof v === "string") return cents(v, f.max);
      if (typeof v === "number") return v >= 0 && !Object.is(v, -0) ? cents(String(v), f.max) : OTHER;
      return v === null && f.nullable ? null : OTHER;
    case "integer":
      return typeof v === "number" && Number.isSafeInteger(v) && !Object.is(v, -0) && !(f.min !== undefined && v < f.min) && !(f.top !== undefined && v > f.top) ? v : OTHER;
    case "boolean":
      return typeof v === "boolean" ? v : OTHER;
    case "text":
      return typeof v === "string" ? v : OTHER;
    case "date":
      return typeof v === "string" && isDate(v) ? v : OTHER;
    case "enum":
      return typeof v === "string" && f.memberSet.has(v) ? v : OTHER;
    case "set": {
      if (!Array.isArray(v)) return OTHER;
      if (v.length === 0) return f.nonEmpty ? OTHER : [];
      for (let i = 0; i < v.length; i++) if (!f.memberSet.has(v[i] as string)) return OTHER;
      // Declaration order, each member once, as the closed-schema parser gives them.
      const out: string[] = [];
      for (let i = 0; i < f.members.length; i++) if (v.includes(f.members[i])) out.push(f.members[i]);
      return out;
    }
    case "record":
      return isPlainObject(v) ? readRecord(f.record!, v) : OTHER;
    case "rate":
      if (typeof v === "string") return rateScaled(v);
      return typeof v === "number" && v >= 0 && !Object.is(v, -0) ? rateScaled(String(v)) : OTHER;
    case "list": {
      if (!Array.isArray(v)) return OTHER;
      const out = new Array<unknown>(v.length);
      for (let i = 0; i < v.length; i++) {
        const y = read(f.of!, v[i]);
        if (y === OTHER) return OTHER;
        out[i] = y;
      }
      return out;
    }
  }
}

function readRecord(r: Reader, v: Record<string, unknown>): Record<string, unknown> | typeof OTHER {
  for (const k in v) if (!r.declared.has(k)) return OTHER;
  const out: Record<string, unknown> = {};
  const fields = r.fields;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    const x = v[f.name];
    const y = x === undefined ? f.absent : read(f, x);
    if (y === OTHER) return OTHER;
    out[f.name] = y;
  }
  return out;
}

function field(name: string, t: FieldType): Field {
  const members = t.kind === "enum" || t.kind === "set" ? t.members : [];
  return {
    name,
    kind: t.kind,
    max: t.kind === "money" && t.max !== undefined ? new Decimal(t.max).times(100).toNumber() : MONEY_LIMIT_CENTS,
    nullable: t.kind === "money" && t.nullable === true,
    min: t.kind === "integer" ? t.min : undefined,
    top: t.kind === "integer" ? t.max : undefined,
    members,
    memberSet: new Set(members),
    nonEmpty: t.kind === "set" && t.nonEmpty === true,
    record: t.kind === "record" ? compile(t.fields) : undefined,
    of: t.kind === "list" ? field(name, t.of) : undefined,
    absent: null,
  };
}

function compile(specs: readonly FieldSpec[]): Reader {
  const fields = specs.map((s): Field => {
    const t = s.type;
    const f = field(s.name, t);
    if (s.required) f.absent = OTHER;
    else if (s.default !== undefined) f.absent = read(f, s.default);
    else if (t.kind === "record") f.absent = read(f, {});
    // A default is shared by every case: frozen, as the closed-schema parser's.
    if (typeof f.absent === "object" && f.absent !== null) deepFreeze(f.absent);
    return f;
  });
  return { fields, declared: new Set(specs.map((s) => s.name)) };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

function deepFreeze(v: object): void {
  for (const x of Object.values(v)) if (typeof x === "object" && x !== null) deepFreeze(x);
  Object.freeze(v);
}

/**
 * The integer path's parser for the closed input schema `fields`: money in integer cents, rates
 * × 10^4, whole numbers as they are — the record `makeInputParser(fields, { scaled: true })`
 * gives, and its errors.
 */
export function makeScaledParser<T = Record<string, unknown>>(fields: readonly FieldSpec[]): InputParser<T> {
  const general = makeInputParser<T>(fields, { scaled: true });
  let reader: Reader | undefined; // compiled on first use, as makeInputParser's
  return (raw, prefix) => {
    const r = isPlainObject(raw) ? readRecord((reader ??= compile(fields)), raw) : OTHER;
    return r === OTHER ? general(raw, prefix) : (r as T);
  };
}
