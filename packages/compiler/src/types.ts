// The TypeScript types of a compiled policy, from the IR's value types: the public ones a caller
// sees (named enum types, each calculator's input and readonly result) and the internal ones the
// generated body is checked against (the parsed input, the accumulators). One mapping per view,
// so the `.ts` target and the `.d.ts` of the `.js` target declare the same API.
import type { FieldSpec, FieldType } from "@zhengce/runtime";
import type { IRCalculator, IRPolicy, Ty } from "./ir.js";
import { inputFields } from "./schema.js";

/** The identifiers a policy's types are written with. */
export interface TypeNames {
  /** The exported type of an enum, by its name in the policy (`医院级别`). */
  enumType(name: string): string;
  /** The exported `as const` array of its members (`医院级别值`). */
  enumValues(name: string): string;
}

const union = (members: readonly string[]) => members.map((m) => JSON.stringify(m)).join(" | ") || "never";

/** `export type 医院级别 = …` and `export const 医院级别值 = [...] as const` (or their declarations). */
export function enumDeclarations(ir: IRPolicy, names: TypeNames, target: "ts" | "js" | "dts"): string[] {
  const out: string[] = [];
  for (const e of ir.enums) {
    const list = `[${e.members.map((m) => JSON.stringify(m)).join(", ")}]`;
    out.push(`/** 枚举「${e.name}」的可选值。 */`);
    if (target !== "js") out.push(`export type ${names.enumType(e.name)} = ${union(e.members)};`);
    if (target === "dts") out.push(`export declare const ${names.enumValues(e.name)}: readonly ${list};`);
    else out.push(`export const ${names.enumValues(e.name)} = ${list}${target === "ts" ? " as const" : ""};`);
  }
  return out;
}

/** How a value of type `t` is held by the generated body: `parsed` before integers become decimals. */
export function valueType(t: Ty, names: TypeNames, parsed = false): string {
  switch (t.k) {
    case "money":
      return t.nullable ? "Decimal | null" : "Decimal";
    case "rate":
    case "points":
      return "Decimal";
    case "int":
    case "number":
      // Only top-level integer inputs are turned into decimals; inside lists they stay numbers.
      return parsed ? "number" : "Decimal";
    case "date":
    case "text":
      return "string";
    case "bool":
      return "boolean";
    case "enum":
      return names.enumType(t.name);
    case "set":
      return `readonly ${names.enumType(t.of)}[]`;
    case "list":
      return `readonly (${valueType(t.of, names, true)})[]`;
    case "record":
      return `{ ${t.fields.map((f) => `readonly ${JSON.stringify(f.name)}: ${valueType(f.type, names, true)}`).join("; ")} }`;
    case "none":
      return "null";
    case "unknown":
      return "unknown";
  }
}

/** How the exact integer path holds a value as the scaled parser reads it: money in cents, rates × 10^4, whole numbers as they are. */
export function scaledType(t: Ty, names: TypeNames): string {
  switch (t.k) {
    case "money":
      return t.nullable ? "number | null" : "number";
    case "rate":
    case "points":
    case "int":
    case "number":
      return "number";
    case "list":
      return `readonly (${scaledType(t.of, names)})[]`;
    case "record":
      return `{ ${t.fields.map((f) => `readonly ${JSON.stringify(f.name)}: ${scaledType(f.type, names)}`).join("; ")} }`;
    default:
      return valueType(t, names, true);
  }
}

/** `$<id>整数值`: the input of the integer path, the accumulators (in cents) among its fields. */
export function scaledInputType(c: IRCalculator, id: string, names: TypeNames): { name: string; lines: string[] } {
  const name = `$${id}整数值`;
  const accs = c.accumulators.map((a) => `  readonly ${JSON.stringify(a.name)}: ${a.scalar ? "number" : `{ ${a.fields.map((f) => `readonly ${JSON.stringify(f.name)}: number`).join("; ")} }`};`);
  return {
    name,
    lines: [`interface ${name} {`, ...c.inputs.map((i) => `  readonly ${JSON.stringify(i.name)}: ${scaledType(i.type, names)}${absentIsNull(i) ? " | null" : ""};`), ...accs, `}`],
  };
}

/** A field's default in its JSDoc (`/** 默认 0 *\/`), in the JSON a caller would write. */
function defaultDoc(f: FieldSpec, indent: string): string {
  return f.default === undefined ? "" : `${indent}/** 默认 ${JSON.stringify(f.default).replace(/\*\//g, "* /")} */${indent ? "\n" : " "}`;
}

/** What a caller may pass for a field (money as a number or a decimal string). */
function inputType(t: FieldType, ty: Ty | undefined, names: TypeNames): string {
  switch (t.kind) {
    case "money":
      return t.nullable ? "number | string | null" : "number | string";
    case "rate":
      return "number | string";
    case "integer":
      return "number";
    case "date":
    case "text":
      return "string";
    case "boolean":
      return "boolean";
    case "enum":
      return ty?.k === "enum" ? names.enumType(ty.name) : union(t.members);
    case "set":
      return `readonly (${ty?.k === "set" ? names.enumType(ty.of) : union(t.members)})[]`;
    case "list":
      return `readonly (${inputType(t.of, ty?.k === "list" ? ty.of : undefined, names)})[]`;
    case "record":
      return `{ ${t.fields.map((f) => `${defaultDoc(f, "")}${JSON.stringify(f.name)}${f.required ? "" : "?"}: ${inputType(f.type, undefined, names)}`).join("; ")} }`;
  }
}

/** What a result holds for an output of type `t` (money and rates as decimal strings). */
function outputType(t: Ty, names: TypeNames): string {
  switch (t.k) {
    case "money":
      return t.nullable ? "string | null" : "string";
    case "rate":
      return "string";
    case "int":
    case "number":
      return "number";
    default:
      return valueType(t, names, true);
  }
}

/** A calculator's options, in the generated API's words: the explanation (计算过程) is opt-in. */
export const OPTIONS_TYPE = `{ readonly 计算过程?: boolean; readonly 十进制?: boolean }`;

/**
 * The public types of one calculator: `<id>输入` (defaults in JSDoc) and the readonly
 * `<id>结果`, whose explanation steps are the runtime's `TraceStep` and whose `结转` gives the
 * accumulators after this case, to pass with the next one.
 */
export function calculatorTypes(c: IRCalculator, ir: IRPolicy, id: string, names: TypeNames): string[] {
  const fields = inputFields(c, ir);
  const out = [`/** 「${c.name}」的输入。金额可写数字或至多两位小数的字符串。 */`, `export interface ${id}输入 {`];
  fields.forEach((f, i) => out.push(`${defaultDoc(f, "  ")}  ${JSON.stringify(f.name)}${f.required ? "" : "?"}: ${inputType(f.type, c.inputs[i]?.type, names)};`));
  out.push(`}`, `/** 「${c.name}」的结果（只读，运行时亦冻结）。金额为恰好两位小数的字符串。 */`, `export interface ${id}结果 {`);
  for (const o of c.outputs) out.push(`  readonly ${JSON.stringify(o.name)}: ${outputType(o.type, names)};`);
  out.push(`  /** 计算过程：仅当以 { 计算过程: true } 调用时有内容，否则为空数组。 */`, `  readonly 计算过程: readonly TraceStep[];`);
  if (c.accumulators.length) {
    out.push(
      `  /** 计入本件后的累计，按输入的写法：同一${c.accumulators.some((a) => a.period === "月") ? "期间" : "年度"}的下一件可原样传入（\`{ ...下一件, ...结果.结转 }\`）。不可枚举：JSON 与展开不含此项。 */`,
      `  readonly 结转: ${carriedType(c)};`,
    );
  }
  out.push(`}`, "");
  return out;
}

/** An optional field without a default (or with `默认 无`) is null when absent. */
export function absentIsNull(i: IRCalculator["inputs"][number]): boolean {
  if (i.type.k === "money" && i.type.nullable) return false;
  return !i.required && (i.default === undefined || i.default.k === "none");
}

function carriedType(c: IRCalculator): string {
  const one = (a: IRCalculator["accumulators"][number]) =>
    a.scalar ? "string" : `{ ${a.fields.map((f) => `readonly ${JSON.stringify(f.name)}: string`).join("; ")} }`;
  return `{ ${c.accumulators.map((a) => `readonly ${JSON.stringify(a.name)}: ${one(a)}`).join("; ")} }`;
}

/**
 * The internal types the body is checked against: `$<id>值` (the input after parsing, integers
 * as decimals), `$<id>解析` (as parsed, when integers differ) and `$<id>累计`. Optional fields
 * without a default are null when absent.
 */
export function bodyTypes(c: IRCalculator, id: string, names: TypeNames): { lines: string[]; parsed: string; view: string; acc: string | null } {
  const view = `$${id}值`;
  const hasInts = c.inputs.some((i) => i.type.k === "int" || i.type.k === "number");
  const parsed = hasInts ? `$${id}解析` : view;
  const record = (name: string, p: boolean) => [
    `interface ${name} {`,
    ...c.inputs.map((i) => `  readonly ${JSON.stringify(i.name)}: ${valueType(i.type, names, p)}${absentIsNull(i) ? " | null" : ""};`),
    `}`,
  ];
  const lines = record(view, false);
  if (hasInts) lines.push(...record(parsed, true));
  let acc: string | null = null;
  if (c.accumulators.length) {
    acc = `$${id}累计`;
    lines.push(`interface ${acc} {`, ...c.accumulators.map((a) => `  readonly ${JSON.stringify(a.name)}: ${a.scalar ? "Decimal" : `{ ${a.fields.map((f) => `readonly ${JSON.stringify(f.name)}: Decimal`).join("; ")} }`};`), `}`);
  }
  return { lines, parsed, view, acc };
}
