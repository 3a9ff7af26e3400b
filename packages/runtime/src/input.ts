import { Decimal } from "./decimal.js";
import { InputError, joinPath, shouldBe, showValue, subjectOf, type InputErrorCode } from "./errors.js";
// Keys and members match through the compiled policies' tables: no dictionary at run time.
import { foldKey as fold } from "./fold-key.js";
import { moneyExpected, parseMoney, parseRate } from "./money.js";

export type FieldType =
  /** `max`: the declared maximum in yuan (a decimal string), published and enforced. */
  | { kind: "money"; nullable?: boolean; max?: string }
  | { kind: "rate" }
  | { kind: "integer"; min?: number; max?: number }
  | { kind: "date" }
  | { kind: "boolean" }
  | { kind: "text" }
  | { kind: "enum"; members: string[] }
  | { kind: "set"; members: string[]; nonEmpty?: boolean }
  | { kind: "list"; of: FieldType }
  | { kind: "record"; fields: FieldSpec[] };

export interface FieldSpec {
  name: string;
  type: FieldType;
  required: boolean;
  /** JSON form, converted like an input value when the field is absent. */
  default?: unknown;
}

// ───────────── messages ─────────────
//
// The published JSON Schema of a calculator is the compiler's (schema.ts); this parser is what it
// describes, with the normalisation documented there.

/**
 * For a money field without a declared maximum: no amount above this is a real claim, and
 * below it every product with a rate keeps all its digits in the runtime's 40-digit
 * arithmetic, so `1e308` or a 39-digit amount is refused rather than computed with lost digits.
 */
export const MONEY_LIMIT = new Decimal("1000000000000");
const MONEY_LIMIT_TEXT = "1 万亿元";

function listNames(names: readonly string[]): string {
  return names.map((n) => `「${n}」`).join("、");
}

/** How an integer field's range reads in messages and schema descriptions. */
export function integerExpected(t: { min?: number; max?: number }): string {
  if (t.min !== undefined && t.max !== undefined) return `${t.min} 到 ${t.max} 之间的整数`;
  if (t.min !== undefined) return `不小于 ${t.min} 的整数`;
  if (t.max !== undefined) return `不大于 ${t.max} 的整数`;
  return "整数";
}

/**
 * The policy's own words for a boolean, as its examples write them: a JSON input, a CSV cell and
 * an example all take 是 / 否 (NFKC-normalised and trimmed, as the other text values; both
 * characters are the same in traditional script).
 */
export function booleanWord(v: unknown): boolean | undefined {
  if (typeof v !== "string") return undefined;
  const word = v.normalize("NFKC").trim();
  return word === "是" ? true : word === "否" ? false : undefined;
}
export const BOOLEAN_EXPECTED = "true 或 false（或「是」「否」）";

// ───────────── compiled specs ─────────────

interface Members {
  members: string[];
  canonical: Set<string>;
  byFold: Map<string, string>;
}

type CType =
  | { kind: "money"; nullable: boolean; max?: Decimal; scaled?: boolean }
  | { kind: "rate"; scaled?: boolean }
  | { kind: "integer"; min?: number; max?: number; expected: string }
  | { kind: "date" }
  | { kind: "boolean" }
  | { kind: "text" }
  | { kind: "enum"; m: Members }
  | { kind: "set"; m: Members; nonEmpty: boolean }
  | { kind: "list"; of: CType }
  | { kind: "record"; rec: CRecord };

interface CField {
  name: string;
  type: CType;
  required: boolean;
  hasDefault: boolean;
  defaultValue: unknown;
}

interface CRecord {
  fields: CField[];
  byName: Map<string, CField>;
  byFold: Map<string, CField>;
  names: string[];
}

function compileMembers(members: readonly string[], path: string): Members {
  const byFold = new Map<string, string>();
  for (const m of members) {
    const k = fold(m);
    const prev = byFold.get(k);
    if (prev !== undefined) throw new Error(`字段「${path}」的可选值「${prev}」与「${m}」折叠后相同`);
    byFold.set(k, m);
  }
  return { members: [...members], canonical: new Set(members), byFold };
}

function compileType(t: FieldType, path: string, scaled: boolean): CType {
  switch (t.kind) {
    case "money":
      return { kind: "money", nullable: t.nullable === true, max: t.max === undefined ? undefined : new Decimal(t.max), scaled };
    case "rate":
      return { kind: "rate", scaled };
    case "integer":
      return { kind: "integer", min: t.min, max: t.max, expected: integerExpected(t) };
    case "enum":
      return { kind: "enum", m: compileMembers(t.members, path) };
    case "set":
      return { kind: "set", m: compileMembers(t.members, path), nonEmpty: t.nonEmpty === true };
    case "list":
      return { kind: "list", of: compileType(t.of, path, scaled) };
    case "record":
      return { kind: "record", rec: compileRecord(t.fields, path, scaled) };
    default:
      return { kind: t.kind };
  }
}

function compileRecord(specs: readonly FieldSpec[], where: string, scaled: boolean): CRecord {
  const fields: CField[] = [];
  const byName = new Map<string, CField>();
  const byFold = new Map<string, CField>();
  for (const spec of specs) {
    const path = joinPath(where, spec.name);
    const f: CField = {
      name: spec.name,
      type: compileType(spec.type, path, scaled),
      required: spec.required,
      hasDefault: spec.default !== undefined,
      defaultValue: null,
    };
    const k = fold(spec.name);
    const prev = byFold.get(k);
    if (prev !== undefined) throw new Error(`字段「${joinPath(where, prev.name)}」与「${path}」折叠后同名`);
    if (f.hasDefault) {
      try {
        f.defaultValue = deepFreeze(convert(f.type, normalise(f.type, spec.default, path), path));
      } catch (e) {
        const why = e instanceof InputError ? e.message : String(e);
        throw new Error(`字段「${path}」的默认值无效：${why}`);
      }
    }
    fields.push(f);
    byName.set(spec.name, f);
    byFold.set(k, f);
  }
  return { fields, byName, byFold, names: specs.map((s) => s.name) };
}

function deepFreeze<T>(v: T): T {
  if (Array.isArray(v)) {
    for (const x of v) deepFreeze(x);
    Object.freeze(v);
  } else if (isPlainObject(v)) {
    for (const k of Object.keys(v)) deepFreeze(v[k]);
    Object.freeze(v);
  }
  return v;
}

// ───────────── helpers ─────────────

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

function editDistance(a: string, b: string): number {
  const n = b.length;
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[n];
}

/**
 * The closest candidate within two edits. Short names allow fewer edits: one edit turns
 * 五保 into 低保, which is a different thing, not a typo.
 */
function suggest(given: string, candidates: readonly string[]): string | null {
  const g = fold(given);
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of candidates) {
    const fc = fold(c);
    const limit = Math.min(2, Math.max(g.length, fc.length) - 2);
    const d = editDistance(g, fc);
    if (d <= limit && d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

function unknownKey(path: string, key: string, rec: CRecord): InputError {
  const hint = suggest(key, rec.names);
  const field = joinPath(path, key);
  return new InputError(
    field,
    (f) =>
      `未知字段「${f}」，可用字段为${listNames(rec.names)}${hint === null ? "" : `，您是否想写「${hint}」`}`,
    `可用字段：${rec.names.join("、")}`,
    "R103",
  );
}

function duplicateKey(path: string, f: CField, a: string, b: string): InputError {
  return new InputError(
    joinPath(path, f.name),
    (p) => `字段「${p}」重复出现（写作「${a}」与「${b}」）`,
    "每个字段只写一次",
    "R104",
  );
}

function memberLookup(m: Members, v: string): string | undefined {
  return m.canonical.has(v) ? v : m.byFold.get(fold(v));
}

function unknownMember(path: string, v: unknown, m: Members): InputError {
  const hint = typeof v === "string" ? suggest(v, m.members) : null;
  return new InputError(
    path,
    (f) =>
      `${subjectOf(f)}的取值 ${showValue(v)} 不在可选值之内，可选值为${listNames(m.members)}${
        hint === null ? "" : `，您是否想写「${hint}」`
      }`,
    `以下之一：${m.members.join("、")}`,
    "R105",
  );
}

function wrongType(path: string, expected: string, v: unknown, code: InputErrorCode = "R106"): InputError {
  return new InputError(path, (f) => `${subjectOf(f)}${shouldBe(expected)}，收到 ${showValue(v)}`, expected, code);
}

function missing(path: string): InputError {
  return new InputError(path, (f) => `缺少必填字段「${f}」`, "必填", "R102");
}

function elementPath(path: string, i: number): string {
  return joinPath(path, `第${i + 1}项`);
}

// ───────────── phase 1: canonical keys and members ─────────────

/**
 * Renames keys to their declared spelling, maps enum/set members to canonical spelling
 * and NFKC-normalises numeric text, so that the converter sees the canonical form. Values of the
 * wrong shape are passed through for the converter to report.
 */
function normalise(t: CType, v: unknown, path: string): unknown {
  switch (t.kind) {
    case "money":
    case "rate":
      if (typeof v === "string") return v.normalize("NFKC").trim();
      // A negative Decimal stays one, so that -0 keeps its sign for the error.
      if (isDecimalLike(v) && !v.isNeg()) return v.toFixed();
      return v;
    case "integer":
      return isDecimalLike(v) ? (exactInteger(v) ?? v) : v;
    case "date":
      return typeof v === "string" ? v.normalize("NFKC").trim() : v;
    case "enum": {
      if (typeof v !== "string") return v;
      const c = memberLookup(t.m, v);
      if (c === undefined) throw unknownMember(path, v, t.m);
      return c;
    }
    case "set": {
      if (!Array.isArray(v)) return v;
      const out: unknown[] = [];
      for (const x of v) {
        if (typeof x !== "string") {
          out.push(x);
          continue;
        }
        const c = memberLookup(t.m, x);
        if (c === undefined) throw unknownMember(path, x, t.m);
        if (!out.includes(c)) out.push(c);
      }
      return out;
    }
    case "list": {
      if (!Array.isArray(v)) return v;
      const out = new Array<unknown>(v.length);
      for (let i = 0; i < v.length; i++) out[i] = normalise(t.of, v[i], elementPath(path, i));
      return out;
    }
    case "record":
      return isPlainObject(v) ? normaliseRecord(t.rec, v, path) : v;
    default:
      return v;
  }
}

function normaliseRecord(rec: CRecord, v: Record<string, unknown>, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(v)) {
    const x = v[key];
    if (x === undefined) continue;
    const f = rec.byName.get(key) ?? rec.byFold.get(fold(key));
    if (f === undefined) throw unknownKey(path, key, rec);
    if (Object.prototype.hasOwnProperty.call(out, f.name)) {
      const first = Object.keys(v).find((k) => k !== key && (rec.byName.get(k) ?? rec.byFold.get(fold(k))) === f);
      throw duplicateKey(path, f, first ?? f.name, key);
    }
    out[f.name] = normalise(f.type, x, joinPath(path, f.name));
  }
  return out;
}

// ───────────── phase 3: conversion ─────────────

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_EXPECTED = "YYYY-MM-DD 格式的有效日期";

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** A real calendar date written YYYY-MM-DD (full-width digits accepted); returns the ASCII form. */
export function parseDate(value: unknown, field: string): string {
  if (typeof value !== "string") throw wrongType(field, DATE_EXPECTED, value, "R110");
  const s = value.normalize("NFKC").trim();
  const m = DATE_RE.exec(s);
  if (m === null) throw wrongType(field, DATE_EXPECTED, value, "R110");
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
    throw new InputError(
      field,
      (f) => `${subjectOf(f)}应为 ${DATE_EXPECTED}，收到 ${showValue(value)}，这一天不存在`,
      DATE_EXPECTED,
      "R111",
    );
  }
  return s;
}

function convertMembers(t: { m: Members; nonEmpty: boolean }, v: unknown, path: string): string[] {
  if (!Array.isArray(v)) throw wrongType(path, `数组（可选值为${listNames(t.m.members)}）`, v);
  let picked: boolean[] | null = null;
  for (const x of v) {
    if (typeof x !== "string") throw unknownMember(path, x, t.m);
    const c = memberLookup(t.m, x);
    if (c === undefined) throw unknownMember(path, x, t.m);
    picked ??= new Array<boolean>(t.m.members.length).fill(false);
    picked[t.m.members.indexOf(c)] = true;
  }
  if (picked === null) {
    if (t.nonEmpty) {
      throw new InputError(
        path,
        (f) => `${subjectOf(f)}至少应选择一项，可选值为${listNames(t.m.members)}`,
        "至少一项",
        "R112",
      );
    }
    return [];
  }
  // Declaration order, so results and traces do not depend on how the input was ordered.
  const out: string[] = [];
  for (let i = 0; i < picked.length; i++) if (picked[i]) out.push(t.m.members[i]);
  return out;
}

function isDecimalLike(v: unknown): v is Decimal {
  return typeof v === "object" && v !== null && Decimal.isDecimal(v);
}

/** -0 (a JSON `-0` or a JavaScript negative zero) is a sign where none is allowed. */
function isNegativeZero(v: unknown): boolean {
  return Object.is(v, -0) || (isDecimalLike(v) && v.isZero() && v.isNeg());
}

/**
 * An integer given exactly (a JSON number read with all its digits arrives as a Decimal):
 * the number, or undefined when it is not a safe integer.
 */
function exactInteger(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isSafeInteger(v) && !Object.is(v, -0) ? v : undefined;
  if (isDecimalLike(v) && v.isInteger() && !v.isNeg() && v.lte(Number.MAX_SAFE_INTEGER)) return v.toNumber();
  return undefined;
}

function convertMoney(v: unknown, path: string, max: Decimal | undefined): Decimal {
  if (isNegativeZero(v)) throw wrongType(path, moneyExpected(max), v, "R107");
  const d = parseMoney(v, path, max);
  if (max === undefined && d.gt(MONEY_LIMIT)) {
    throw new InputError(
      path,
      (f) => `${subjectOf(f)}超过金额上限 ${MONEY_LIMIT_TEXT}，收到 ${d.precision(true) > 20 ? `约 ${d.toExponential(3)}` : d.toFixed()}`,
      `不超过 ${MONEY_LIMIT_TEXT}的金额`,
      "R113",
    );
  }
  return d;
}

const CENTS_TEXT = /^(\d{1,13})(?:\.(\d{1,2}))?$/;
const MONEY_LIMIT_CENTS = 1e14;

/**
 * For the exact integer path: money as integer cents, refused exactly as `convertMoney` refuses
 * it. Plain amounts are read without a Decimal; anything else goes through `convertMoney`.
 */
function moneyCents(v: unknown, path: string, max: Decimal | undefined): number {
  const text = typeof v === "string" ? v : typeof v === "number" && v >= 0 && !Object.is(v, -0) ? String(v) : undefined;
  const m = text === undefined ? null : CENTS_TEXT.exec(text);
  if (m !== null) {
    const cents = Number(m[1]) * 100 + (m[2] === undefined ? 0 : m[2].length === 1 ? Number(m[2]) * 10 : Number(m[2]));
    if (cents <= (max === undefined ? MONEY_LIMIT_CENTS : maxCents(max))) return cents;
  }
  return scaledOrNaN(convertMoney(v, path, max), 2);
}

const centsOfMax = new WeakMap<Decimal, number>();
function maxCents(max: Decimal): number {
  let c = centsOfMax.get(max);
  if (c === undefined) centsOfMax.set(max, (c = max.times(100).toNumber()));
  return c;
}

/** d × 10^s as an integer, or NaN (the integer path then leaves the case to decimal.js) when it has more decimals or reaches 2^50. */
function scaledOrNaN(d: Decimal, s: number): number {
  if (d.decimalPlaces() > s) return NaN;
  const n = Math.round(d.toNumber() * 10 ** s);
  return Math.abs(n) < 2 ** 50 ? n : NaN;
}

function convert(t: CType, v: unknown, path: string): unknown {
  switch (t.kind) {
    case "money":
      if (v === null && t.nullable) return null;
      return t.scaled ? moneyCents(v, path, t.max) : convertMoney(v, path, t.max);
    case "rate": {
      if (isNegativeZero(v)) throw wrongType(path, "0 到 1 之间的比例", v, "R108");
      const d = parseRate(v, path);
      return t.scaled ? scaledOrNaN(d, 4) : d;
    }
    case "integer": {
      const n = exactInteger(v);
      if (n === undefined || (t.min !== undefined && n < t.min) || (t.max !== undefined && n > t.max)) {
        throw wrongType(path, t.expected, v, "R109");
      }
      return n;
    }
    case "date":
      return parseDate(v, path);
    case "boolean": {
      const b = typeof v === "boolean" ? v : booleanWord(v);
      if (b === undefined) throw wrongType(path, BOOLEAN_EXPECTED, v);
      return b;
    }
    case "text":
      if (typeof v !== "string") throw wrongType(path, "文本（字符串）", v);
      return v;
    case "enum": {
      if (typeof v !== "string") throw wrongType(path, `以下之一：${listNames(t.m.members)}`, v);
      const c = memberLookup(t.m, v);
      if (c === undefined) throw unknownMember(path, v, t.m);
      return c;
    }
    case "set":
      return convertMembers(t, v, path);
    case "list": {
      if (!Array.isArray(v)) throw wrongType(path, "数组", v);
      const out = new Array<unknown>(v.length);
      for (let i = 0; i < v.length; i++) out[i] = convert(t.of, v[i], elementPath(path, i));
      return out;
    }
    case "record":
      if (!isPlainObject(v)) throw wrongType(path, "JSON 对象", v);
      return convertRecord(t.rec, v, path);
  }
}

const EMPTY: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

function convertRecord(rec: CRecord, v: Record<string, unknown>, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const fields = rec.fields;
  // A missing field is reported before a wrong value, as JSON Schema validators do.
  for (let i = 0; i < fields.length; i++) if (fields[i].required && v[fields[i].name] === undefined) throw missing(joinPath(path, fields[i].name));
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    const x = v[f.name];
    if (x !== undefined) {
      out[f.name] = convert(f.type, x, path === "" ? f.name : joinPath(path, f.name));
    } else if (f.required) {
      throw missing(joinPath(path, f.name));
    } else if (f.hasDefault) {
      out[f.name] = f.defaultValue;
    } else if (f.type.kind === "record") {
      out[f.name] = convertRecord(f.type.rec, EMPTY, joinPath(path, f.name));
    } else {
      out[f.name] = null;
    }
  }
  return out;
}

// ───────────── parser ─────────────

/** `T`: the parsed input's shape, as the calculator that declared `fields` reads it. */
export type InputParser<T = Record<string, unknown>> = (raw: unknown, prefix?: string) => T;

/**
 * A parser for the closed input schema `fields`. Keys and enum/set members may be
 * written in traditional script or full-width forms; output uses canonical names,
 * Decimal for money and rates (with `scaled`, for the exact integer path: money in integer
 * cents, rates × 10^4, NaN where that is not exact), and null for absent optional fields without default.
 * Every problem is an InputError whose field is the dotted path (prefixed by `prefix`).
 */
export function makeInputParser<T = Record<string, unknown>>(fields: readonly FieldSpec[], options: { scaled?: boolean } = {}): InputParser<T> {
  // Compiled on first use: importing a compiled module compiles none of its calculators' validators.
  let rec: CRecord | undefined;
  return (raw: unknown, prefix?: string): T => {
    rec ??= compileRecord(fields, "", options.scaled === true);
    try {
      if (!isPlainObject(raw)) {
        throw new InputError("", (f) => `${subjectOf(f)}应为 JSON 对象，收到 ${showValue(raw)}`, "JSON 对象", "R101");
      }
      // The fields' types say what the record holds: the one place that shape is asserted.
      return convertRecord(rec, normaliseRecord(rec, raw, ""), "") as T;
    } catch (e) {
      if (prefix && e instanceof InputError) throw e.withPrefix(prefix);
      throw e;
    }
  };
}

/**
 * An input declared `默认 无` read as a value: absent, it is missing input (a clear error naming
 * the field) rather than a null in the arithmetic.
 */
export function present<T>(value: T | null, field: string): T {
  if (value === null) throw missing(field);
  return value;
}
