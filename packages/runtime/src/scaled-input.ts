// The input parser of the exact integer path (issue 7). The closed-schema parser (input.ts)
// normalises every key and value (script folding, NFKC, trimming) into a copy and converts that
// copy: on the integer path it cost more than the case itself. Most inputs are already in the
// canonical form — declared field names, declared members, ASCII amounts, plain numbers and
// booleans, YYYY-MM-DD dates — and for those one pass builds the same record. Any other input
// (a folded name, a full-width digit, a 是/否, a wrong value, a missing field) is handed whole to
// the closed-schema parser, which gives the same record or the error: this module decides
// nothing of its own about what an input means.
import { Decimal } from "./decimal.js";
import { makeInputParser, type FieldSpec, type FieldType, type InputParser } from "./input.js";

/** A value the fast pass does not read: the whole input goes to the closed-schema parser. */
const OTHER = Symbol("other");
type Read = (v: unknown) => unknown;

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
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

function reader(t: FieldType): Read {
  switch (t.kind) {
    case "money": {
      const max = t.max === undefined ? MONEY_LIMIT_CENTS : new Decimal(t.max).times(100).toNumber();
      const nullable = t.nullable === true;
      return (v) => {
        if (typeof v === "string") return cents(v, max);
        if (typeof v === "number") return v >= 0 && !Object.is(v, -0) ? cents(String(v), max) : OTHER;
        return v === null && nullable ? null : OTHER;
      };
    }
    case "integer":
      return (v) => (typeof v === "number" && Number.isSafeInteger(v) && !Object.is(v, -0) && !(t.min !== undefined && v < t.min) && !(t.max !== undefined && v > t.max) ? v : OTHER);
    case "boolean":
      return (v) => (typeof v === "boolean" ? v : OTHER);
    case "text":
      return (v) => (typeof v === "string" ? v : OTHER);
    case "date":
      return (v) => (typeof v === "string" && isDate(v) ? v : OTHER);
    case "enum": {
      const members = new Set(t.members);
      return (v) => (typeof v === "string" && members.has(v) ? v : OTHER);
    }
    case "set": {
      const members = new Set(t.members);
      const nonEmpty = t.nonEmpty === true;
      return (v) => {
        if (!Array.isArray(v)) return OTHER;
        if (v.length === 0) return nonEmpty ? OTHER : [];
        for (let i = 0; i < v.length; i++) if (!members.has(v[i] as string)) return OTHER;
        // Declaration order, each member once, as the closed-schema parser gives them.
        return t.members.filter((m) => v.includes(m));
      };
    }
    case "record": {
      const read = record(t.fields);
      return (v) => (isPlainObject(v) ? read(v) : OTHER);
    }
    default:
      // Rates and lists: the closed-schema parser reads them.
      return () => OTHER;
  }
}

interface Field {
  name: string;
  read: Read;
  /** What an absent field holds (OTHER: the closed-schema parser decides: required, or a default it reads). */
  absent: unknown;
}

function record(specs: readonly FieldSpec[]): (v: Record<string, unknown>) => Record<string, unknown> | typeof OTHER {
  const fields: Field[] = specs.map((s) => {
    const read = reader(s.type);
    let absent: unknown = null;
    if (s.required) absent = OTHER;
    else if (s.default !== undefined) absent = read(s.default);
    else if (s.type.kind === "record") absent = read({});
    // A default is shared by every case: frozen, as the closed-schema parser's.
    if (typeof absent === "object" && absent !== null) deepFreeze(absent);
    return { name: s.name, read, absent };
  });
  const declared = new Set(specs.map((s) => s.name));
  return (v) => {
    for (const k in v) if (!declared.has(k)) return OTHER;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      const x = v[f.name];
      const y = x === undefined ? f.absent : f.read(x);
      if (y === OTHER) return OTHER;
      out[f.name] = y;
    }
    return out;
  };
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
  const read = record(fields);
  return (raw, prefix) => {
    const r = isPlainObject(raw) ? read(raw) : OTHER;
    return r === OTHER ? general(raw, prefix) : (r as T);
  };
}
