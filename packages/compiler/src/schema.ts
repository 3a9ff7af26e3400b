// A calculator's input and output as data: the closed field list the runtime parses
// (\`FieldSpec\`) and the JSON Schemas published beside the generated code.
import { integerExpected, TRACE_KINDS, type FieldSpec, type FieldType } from "@zhengce/runtime";
import { defaultMaximum } from "@zhengce/dsl";
import type { IRCalculator, IRExpr, IRPolicy, Ty } from "./ir.js";
import { literalJson } from "./literal.js";

/** The input form of a value type; a number carries its maximum (the type's default unless declared). */
export function fieldType(t: Ty, max = defaultMaximum(t)): FieldType {
  switch (t.k) {
    case "money":
      return t.nullable ? { kind: "money", nullable: true, max } : { kind: "money", max };
    case "rate":
    case "points":
      return { kind: "rate" };
    case "int":
      return { kind: "integer", min: 0, max: Number(max) };
    case "number":
      return { kind: "integer", max: Number(max) };
    case "date":
      return { kind: "date" };
    case "bool":
      return { kind: "boolean" };
    case "text":
      return { kind: "text" };
    case "list":
      return { kind: "list", of: fieldType(t.of) };
    default:
      return { kind: "text" };
  }
}

/** The closed input schema of a calculator, accumulators included (all money, default 0). */
export function inputFields(c: IRCalculator, ir: IRPolicy): FieldSpec[] {
  const enumMembersOf = (name: string) => ir.enums.find((e) => e.name === name)?.members ?? [];
  const fields: FieldSpec[] = c.inputs.map((i) => {
    let type: FieldType = fieldType(i.type, i.max);
    if (i.type.k === "enum") type = { kind: "enum", members: enumMembersOf(i.type.name) };
    if (i.type.k === "set") type = { kind: "set", members: enumMembersOf(i.type.of) };
    // A literal `不小于 N` on an integer is part of the published schema too.
    if (type.kind === "integer" && i.min?.k === "num") type = { ...type, min: Math.max(type.min ?? -Infinity, Number(i.min.value)) };
    const f: FieldSpec = { name: i.name, type, required: i.required };
    // `默认 无` leaves the field optional: absent → null.
    if (i.default && i.default.k !== "none") f.default = jsonDefault(i.default);
    return f;
  });
  for (const a of c.accumulators) {
    fields.push(
      a.scalar
        ? { name: a.name, type: fieldType({ k: "money" }), required: false, default: "0" }
        : { name: a.name, type: { kind: "record", fields: a.fields.map((f) => ({ name: f.name, type: fieldType({ k: "money" }), required: false, default: "0" })) }, required: false },
    );
  }
  return fields;
}

/**
 * Every name a caller may spell another way: calculator names (the CLI's argument), field names at
 * every level and enum members.
 */
export function policyNames(ir: IRPolicy): string[] {
  const names = new Set<string>(ir.calculators.map((c) => c.name));
  const add = (fields: readonly FieldSpec[]) => {
    for (const f of fields) {
      names.add(f.name);
      let t: FieldType = f.type;
      while (t.kind === "list") t = t.of;
      if (t.kind === "enum" || t.kind === "set") for (const m of t.members) names.add(m);
      if (t.kind === "record") add(t.fields);
    }
  };
  for (const c of ir.calculators) add(inputFields(c, ir));
  return [...names];
}

function jsonDefault(e: IRExpr): unknown {
  switch (e.k) {
    case "num":
      return literalJson(e.value, e.type);
    case "bool":
      return e.value;
    case "text":
    case "date":
      return e.value;
    case "list":
      return e.items.map(jsonDefault);
    case "none":
      return null;
    default:
      return null;
  }
}

// ───────────── published JSON Schemas ─────────────
//
// One draft (07, what a plain `new Ajv()`, Fastify and most form libraries load), standard keywords,
// `format: "date"` from ajv-formats, and one annotation keyword of our own, `x-zhengce-type` (the
// field's type in the policy's words), which Ajv loads with `ajv.addVocabulary(SCHEMA_VOCABULARY)`.
//
// The schemas describe the canonical form of an input: keys and enum members in the policy's own
// spelling, money as a decimal string with at most two decimals, dates as ASCII YYYY-MM-DD within
// the calculator's period of validity. The runtime accepts more and normalises it first (README,
// "What the schema means"): keys and members in traditional script or full-width forms, money as a
// JSON number, full-width digits and surrounding spaces in money, rates and dates. An input is
// accepted by the runtime exactly when its canonical form is valid against the schema
// (test/adopt/schema-differential.test.ts).

export const SCHEMA_DRAFT = "http://json-schema.org/draft-07/schema#";
/** Our annotation keywords: `ajv.addVocabulary(SCHEMA_VOCABULARY)` lets Ajv's strict mode load the schemas. */
export const SCHEMA_VOCABULARY: readonly string[] = ["x-zhengce-type"];
/** `$id`s are identifiers, not addresses: `.invalid` (RFC 2606) never resolves to someone else's site. */
const ID_BASE = "https://zhengce.invalid/schemas/";

const MONEY_IN = "^\\d+(\\.\\d{1,2})?$";
const MONEY_OUT = "^-?\\d+\\.\\d{2}$";
/** A fraction 0–1 ("0.85", "1") or a percentage 0–100% ("85%", "2.5%"), leading zeros allowed as the runtime allows them. */
const RATE_IN = "^0*(1(\\.0+)?|0(\\.\\d+)?)$|^0*(100(\\.0+)?|\\d{1,2}(\\.\\d+)?)%$";
const RATE_OUT = "^\\d+(\\.\\d+)?%$";

type Schema = Record<string, unknown>;

function inputTypeSchema(t: FieldType, validity?: Validity): Schema {
  switch (t.kind) {
    case "money": {
      const range = t.max === undefined ? "不小于 0" : `0 到 ${t.max} 元之间`;
      const s: Schema = { "x-zhengce-type": "金额", description: `金额（元）：十进制字符串，${range}，最多两位小数`, type: "string", pattern: moneyPattern(t.max) };
      return t.nullable ? { "x-zhengce-type": "金额", description: `${s.description}；null 表示不限`, anyOf: [s, { type: "null" }] } : s;
    }
    case "rate":
      return {
        "x-zhengce-type": "比例",
        description: "比例：0 到 1 之间的数或小数字符串，或不超过 100% 的百分数字符串（如 \"85%\"）",
        anyOf: [
          { type: "number", minimum: 0, maximum: 1 },
          { type: "string", pattern: RATE_IN },
        ],
      };
    case "integer": {
      const s: Schema = { "x-zhengce-type": "整数", description: integerExpected(t), type: "integer" };
      if (t.min !== undefined) s.minimum = t.min;
      if (t.max !== undefined) s.maximum = t.max;
      return s;
    }
    case "date": {
      if (validity?.from && validity.to && validity.from > validity.to) {
        // An amendment may leave a calculator of its base no day in force: only a case without 日期 runs.
        return { "x-zhengce-type": "日期", description: `此计算在本政策中没有有效的日期（${validity.from} 至 ${validity.to}）`, not: {} };
      }
      const span = validity?.from || validity?.to ? `，在 ${validity.from ?? "…"} 至 ${validity.to ?? "…"} 之间（含两端）` : "";
      return { "x-zhengce-type": "日期", description: `日期，格式 YYYY-MM-DD${span}`, type: "string", format: "date", pattern: datePattern(validity?.from, validity?.to) };
    }
    case "boolean":
      return { "x-zhengce-type": "布尔", description: "是或否（true / false）", type: "boolean" };
    case "text":
      return { "x-zhengce-type": "文本", description: "文本", type: "string" };
    case "enum":
      return { "x-zhengce-type": "枚举", description: `以下之一：${t.members.join("、")}`, type: "string", enum: [...t.members] };
    case "set": {
      const s: Schema = {
        "x-zhengce-type": "集合",
        description: `可多选：${t.members.join("、")}${t.nonEmpty ? "（至少选一项）" : ""}`,
        type: "array",
        items: { type: "string", enum: [...t.members] },
      };
      if (t.nonEmpty) s.minItems = 1;
      return s;
    }
    case "list":
      return { "x-zhengce-type": "列表", description: "列表", type: "array", items: inputTypeSchema(t.of) };
    case "record":
      return { "x-zhengce-type": "记录", ...objectSchema(t.fields) };
  }
}

interface Validity {
  from?: string;
  to?: string;
}

function objectSchema(fields: readonly FieldSpec[], validity?: Validity): Schema {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const f of fields) {
    // The period of validity constrains the claim's date, 「日期」, which every calculator has.
    const s = inputTypeSchema(f.type, f.name === "日期" ? validity : undefined);
    if (f.default !== undefined) s.default = f.default;
    properties[f.name] = s;
    if (f.required) required.push(f.name);
  }
  const out: Schema = { type: "object", properties, additionalProperties: false };
  if (required.length > 0) out.required = required;
  return out;
}

/** A calculator's input: a closed object in canonical form. */
export function inputSchema(c: IRCalculator, ir: IRPolicy): Schema {
  const fields = inputFields(c, ir).map((f) => (f.name === "日期" && needsDate(c) ? { ...f, required: true } : f));
  return { $id: schemaId(ir, c, "输入"), title: `${c.name}输入`, ...objectSchema(fields, c.validity) };
}

const DATE_FUNCTIONS = new Set(["yearOf", "monthOf", "endOfMonth", "addDays", "firstOfNextMonth", "addMonths", "monthsBetween"]);

/** Date arithmetic on 日期 makes it required: the runtime refuses a case without it (requireDate). */
function needsDate(c: IRCalculator): boolean {
  const reads = (x: unknown): boolean => {
    if (Array.isArray(x)) return x.some(reads);
    if (typeof x !== "object" || x === null) return false;
    const e = x as { k?: string; fn?: string; args?: unknown[]; date?: unknown };
    if (e.k === "call" && DATE_FUNCTIONS.has(e.fn ?? "") && e.args?.some((a) => (a as { k?: string }).k === "date-input")) return true;
    if (e.k === "date-add" && (e.date as { k?: string }).k === "date-input") return true;
    return Object.values(x).some(reads);
  };
  return reads(c.body) || reads(c.accumulators) || reads(c.inputs);
}

/** A calculator's result: its outputs and 计算过程. */
export function outputSchema(c: IRCalculator, ir: IRPolicy): Schema {
  const properties: Record<string, Schema> = {};
  for (const o of c.outputs) properties[o.name] = outputTypeSchema(o.type, ir);
  properties["计算过程"] = {
    type: "array",
    description: "计算过程：每一步的说明与依据，按计算顺序",
    items: {
      type: "object",
      required: ["kind", "说明", "依据"],
      // The typed fields of each kind are @zhengce/runtime's `TraceStep` (docs/explain.md).
      properties: {
        kind: { enum: [...TRACE_KINDS] },
        项目: { type: "string" },
        说明: { type: "string" },
        依据: { type: "string" },
        原文: { type: "string" },
        值: { type: "string" },
      },
    },
  };
  return {
    $id: schemaId(ir, c, "结果"),
    title: `${c.name}结果`,
    type: "object",
    required: [...c.outputs.map((o) => o.name), "计算过程"],
    properties,
    additionalProperties: false,
  };
}

function outputTypeSchema(t: Ty, ir: IRPolicy): Schema {
  switch (t.k) {
    case "money": {
      const s = { "x-zhengce-type": "金额", type: "string", pattern: MONEY_OUT, description: "金额（元），恰好两位小数" };
      return t.nullable ? { anyOf: [s, { type: "null" }] } : s;
    }
    case "rate":
      return { "x-zhengce-type": "比例", type: "string", pattern: RATE_OUT };
    case "int":
      return { "x-zhengce-type": "整数", type: "integer" };
    case "number":
      return { "x-zhengce-type": "数", type: "number" };
    case "bool":
      return { "x-zhengce-type": "布尔", type: "boolean" };
    case "date":
      return { "x-zhengce-type": "日期", type: "string", format: "date" };
    case "enum":
      return { "x-zhengce-type": "枚举", type: "string", enum: membersOf(ir, t.name) };
    case "set":
      return { "x-zhengce-type": "集合", type: "array", items: { type: "string", enum: membersOf(ir, t.of) } };
    case "list":
      return { "x-zhengce-type": "列表", type: "array", items: outputTypeSchema(t.of, ir) };
    default:
      return { type: "string" };
  }
}

function membersOf(ir: IRPolicy, name: string): string[] {
  return ir.enums.find((e) => e.name === name)?.members ?? [];
}

/** `https://zhengce.invalid/schemas/<policy name>/<calculator>.<输入|结果>.json`, percent-encoded (Ajv matches `$id`s as URIs). */
export function schemaId(ir: IRPolicy, c: IRCalculator | undefined, part?: string): string {
  return encodeURI(`${ID_BASE}${ir.name}${c ? `/${c.name}.${part}.json` : ".schema.json"}`);
}

/**
 * The content of `<name>.schema.json`: itself a schema (validating nothing on its own) whose
 * `definitions` hold each calculator's input and result, each with its `$id`
 * (`#/definitions/住院结算输入`, or the `$id` after `ajv.addSchema(file)`).
 */
export function policySchema(ir: IRPolicy): Schema {
  const definitions: Record<string, Schema> = {};
  for (const c of ir.calculators) {
    definitions[`${c.name}输入`] = inputSchema(c, ir);
    definitions[`${c.name}结果`] = outputSchema(c, ir);
  }
  return {
    $schema: SCHEMA_DRAFT,
    $id: schemaId(ir, undefined),
    title: `${ir.name}${ir.docNumber ? `（${ir.docNumber}）` : ""}`,
    $comment: "由 zhengce 生成。各计算的输入与结果见 definitions；输入为规范形式（名称按政策原文写法，金额为至多两位小数的十进制字符串），运行时另接受繁体、全角写法与数字金额并先行规范化。",
    definitions,
  };
}

// ── dates within a period, as a pattern ──

/**
 * A pattern matching exactly the YYYY-MM-DD strings from `from` to `to` (inclusive; open ends run
 * from 0001-01-01 to 9999-12-31). Fixed-width dates compare as strings, so the range is a
 * lexicographic one, written digit by digit; `format: "date"` rejects days that do not exist.
 */
export function datePattern(from?: string, to?: string): string {
  const lo = (from ?? "0001-01-01").replace(/-/g, "");
  const hi = (to ?? "9999-12-31").replace(/-/g, "");
  return `^${range(lo, hi, 0)}$`;
}

/** What a date pattern writes before the digit at a position: the dashes of YYYY-MM-DD. */
const dash = (pos: number) => (pos === 4 || pos === 6 ? "-" : "");
const noDash = () => "";

/** Any digits from position `pos` to the end (`width` digits in all), with the separators. */
function anyDigits(pos: number, width: number, sep: (pos: number) => string): string {
  let out = "";
  for (let p = pos; p < width; p++) out += `${sep(p)}\\d`;
  return out.replace(/(\\d)+/g, (m) => (m.length === 2 ? "\\d" : `\\d{${m.length / 2}}`));
}

/** The digit strings of one width from `lo` to `hi` (compared as strings), digit by digit. */
function range(lo: string, hi: string, pos: number, sep: (pos: number) => string = dash, width = pos + lo.length): string {
  if (lo.length === 0) return "";
  if (/^0*$/.test(lo) && /^9*$/.test(hi)) return anyDigits(pos, width, sep);
  const a = Number(lo[0]);
  const b = Number(hi[0]);
  const rest = lo.length - 1;
  if (a === b) return `${sep(pos)}${a}${range(lo.slice(1), hi.slice(1), pos + 1, sep, width)}`;
  const parts = [`${a}${range(lo.slice(1), "9".repeat(rest), pos + 1, sep, width)}`];
  if (b - a > 1) parts.push(`[${a + 1}-${b - 1}]${anyDigits(pos + 1, width, sep)}`);
  parts.push(`${b}${range("0".repeat(rest), hi.slice(1), pos + 1, sep, width)}`);
  return `${sep(pos)}(?:${parts.join("|")})`;
}

// ── amounts up to a maximum, as a pattern ──

/**
 * The canonical money text (digits, at most two decimals, leading zeros allowed as the runtime
 * allows them) whose value is at most `max` (a decimal string): fewer whole digits than the
 * maximum, as many and smaller, or the maximum's whole part with a fraction no larger than its own.
 */
export function moneyPattern(max?: string): string {
  if (max === undefined) return MONEY_IN;
  const [whole = "0", frac = ""] = max.split(".");
  const top = whole.replace(/^0+(?=\d)/, "");
  const cents = (frac + "00").slice(0, 2);
  const width = top.length;
  const anyCents = "(\\.\\d{1,2})?";
  const parts: string[] = [];
  if (width > 1) parts.push(`(0|[1-9]\\d{0,${width - 2}})${anyCents}`);
  else if (top !== "0") parts.push(`0${anyCents}`);
  const smallest = `1${"0".repeat(width - 1)}`;
  if (BigInt(top) > BigInt(smallest)) parts.push(`${range(smallest, (BigInt(top) - 1n).toString(), 0, noDash)}${anyCents}`);
  parts.push(`${top}(\\.(${range("0", cents[0]!, 0, noDash)}|${range("00", cents, 0, noDash)}))?`);
  return `^0*(${parts.join("|")})$`;
}
