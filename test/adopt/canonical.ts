// The canonical form of a calculator input, as README "What the schema means" documents it:
// the published JSON Schema describes this form, and the runtime accepts an input exactly when
// its canonical form is valid. Written from the documentation, independently of the runtime's
// parser, so that the differential test compares two readings of one rule.
import { D, foldKey, type FieldSpec, type FieldType } from "@zhengce/runtime";

/** A value the canonical form cannot hold: two spellings of one key in the same object. */
export const NOT_CANONICAL = Symbol("not canonical");

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function text(v: unknown): unknown {
  return typeof v === "string" ? v.normalize("NFKC").trim() : v;
}

function member(members: readonly string[], v: unknown): unknown {
  if (typeof v !== "string") return v;
  return members.find((m) => foldKey(m) === foldKey(v)) ?? v;
}

function value(t: FieldType, v: unknown): unknown {
  switch (t.kind) {
    case "money":
      // A JSON number stands for the decimal it prints as (String(0.1) = "0.1").
      if (typeof v === "number") return Number.isFinite(v) ? D(String(v)).toFixed() : v;
      return text(v);
    case "rate":
    case "date":
      return text(v);
    case "boolean": {
      // 是 / 否, the policy's own words for true and false.
      const word = text(v);
      return word === "是" ? true : word === "否" ? false : v;
    }
    case "enum":
      return member(t.members, v);
    case "set":
      return Array.isArray(v) ? v.map((x) => member(t.members, x)) : v;
    case "list":
      return Array.isArray(v) ? v.map((x) => value(t.of, x)) : v;
    case "record":
      return isObject(v) ? record(t.fields, v) : v;
    default:
      return v;
  }
}

function record(fields: readonly FieldSpec[], v: Record<string, unknown>): Record<string, unknown> | typeof NOT_CANONICAL {
  const out: Record<string, unknown> = {};
  for (const [key, x] of Object.entries(v)) {
    if (x === undefined) continue;
    const f = fields.find((g) => foldKey(g.name) === foldKey(key));
    const name = f?.name ?? key;
    if (Object.prototype.hasOwnProperty.call(out, name)) return NOT_CANONICAL;
    const c = f ? value(f.type, x) : x;
    if (c === NOT_CANONICAL) return NOT_CANONICAL;
    out[name] = c;
  }
  return out;
}

/** Keys and members in the policy's spelling, money as decimal strings, text trimmed and NFKC-normalised. */
export function canonical(fields: readonly FieldSpec[], raw: unknown): unknown {
  return isObject(raw) ? record(fields, raw) : raw;
}
