// A calculator's input and output as data: the closed field list the runtime parses
// (\`FieldSpec\`) and the JSON Schemas published beside the generated code.
import { toJsonSchema, type FieldSpec, type FieldType } from "@zhengce/runtime";
import type { IRCalculator, IRExpr, IRPolicy, Ty } from "./ir.js";
import { literalJson } from "./literal.js";
import { defaultMaximum } from "./maxima.js";

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

export function outputSchema(c: IRCalculator): object {
  const props: Record<string, object> = {};
  for (const o of c.outputs) props[o.name] = outputTypeSchema(o.type);
  props["计算过程"] = {
    type: "array",
    description: "计算过程：每一步的说明与依据，按计算顺序",
    items: {
      type: "object",
      required: ["说明", "依据"],
      properties: { 项目: { type: "string" }, 说明: { type: "string" }, 依据: { type: "string" }, 值: { type: "string" } },
    },
  };
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: `${c.name}结果`,
    type: "object",
    required: c.outputs.map((o) => o.name),
    properties: props,
  };
}

function outputTypeSchema(t: Ty): object {
  switch (t.k) {
    case "money": {
      const s = { type: "string", pattern: "^-?\\d+\\.\\d{2}$", description: "金额（元），恰好两位小数" };
      return t.nullable ? { anyOf: [s, { type: "null" }] } : s;
    }
    case "rate":
      return { type: "string", pattern: "^\\d+(\\.\\d+)?%$" };
    case "int":
    case "number":
      return { type: "number" };
    case "bool":
      return { type: "boolean" };
    case "set":
    case "list":
      return { type: "array" };
    default:
      return { type: "string" };
  }
}

/** The content of `<name>.schema.json`: each calculator's input and output schema, by name. */
export function policySchema(ir: IRPolicy): object {
  return Object.fromEntries(ir.calculators.map((c) => [c.name, { 输入: toJsonSchema(inputFields(c, ir), `${c.name}输入`), 输出: outputSchema(c) }]));
}
