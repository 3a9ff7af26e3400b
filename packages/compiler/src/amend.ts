// What an amendment's module can take from its base's compiled module. An amendment restates
// what changes (parameters, brackets, calculators) and narrows the period; a calculator whose
// lowered form is the base's and that reads nothing the amendment changed is the base's
// calculator under the amendment's period, so the amendment's module imports it instead of
// emitting it again. Compared on the IR, so "the same" means the same meaning, not the same text.
import type { IRCalculator, IRConstant, IRPolicy, SourceRange } from "./ir.js";
import { sourceText } from "./lower.js";
import { inputFields } from "./schema.js";

export interface Reuse {
  /** Calculators (by name) taken from the base module. */
  calculators: Set<string>;
  /** Enums (by name) whose members are the base's. */
  enums: Set<string>;
}

/** The IR as data to compare: source ranges as the text they cover, symbols by name (slots are numbering). */
function canonical(ir: IRPolicy, x: unknown): string {
  return JSON.stringify(x, function (key, v) {
    if (key === "slot") return undefined;
    if (v && typeof v === "object" && "uri" in v && "start" in v && "end" in v) return sourceText(ir.sources[(v as SourceRange).uri] ?? "", v as SourceRange);
    return v;
  });
}

/** Names of the constants an IR value reads (`const` and `version` symbols). */
function reads(x: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(x)) for (const y of x) reads(y, out);
  else if (x && typeof x === "object") {
    const o = x as { k?: string; sym?: { name: string } };
    if ((o.k === "const" || o.k === "version") && o.sym) out.add(o.sym.name);
    for (const v of Object.values(o)) reads(v, out);
  }
  return out;
}

const within = (inner: IRCalculator["validity"], outer: IRCalculator["validity"]) =>
  (outer?.from === undefined || (inner?.from !== undefined && inner.from >= outer.from)) && (outer?.to === undefined || (inner?.to !== undefined && inner.to <= outer.to));

export function reusable(ir: IRPolicy, base: IRPolicy): Reuse {
  const baseConstants = new Map(base.constants.map((c) => [c.sym.name, c]));
  // A constant is changed when its value differs from the base's or it reads a changed one.
  const changed = new Set<string>();
  const value = (p: IRPolicy, c: IRConstant) => canonical(p, { k: c.k, type: c.type, value: "value" in c ? c.value : undefined, entries: "entries" in c ? c.entries : undefined, versions: "versions" in c ? c.versions : undefined });
  for (const c of ir.constants) {
    const b = baseConstants.get(c.sym.name);
    if (!b || value(ir, c) !== value(base, b)) changed.add(c.sym.name);
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of ir.constants) {
      if (!changed.has(c.sym.name) && [...reads(c)].some((n) => changed.has(n))) changed.add(c.sym.name), (grew = true);
    }
  }
  const calculators = new Set<string>();
  for (const c of ir.calculators) {
    const b = base.calculators.find((x) => x.name === c.name);
    if (!b || !within(c.validity, b.validity)) continue;
    const same = canonical(ir, { ...c, validity: undefined }) === canonical(base, { ...b, validity: undefined }) && JSON.stringify(inputFields(c, ir)) === JSON.stringify(inputFields(b, base));
    if (same && ![...reads(c)].some((n) => changed.has(n))) calculators.add(c.name);
  }
  const baseEnums = new Map(base.enums.map((e) => [e.name, e.members.join("\n")]));
  const enums = new Set(ir.enums.filter((e) => baseEnums.get(e.name) === e.members.join("\n")).map((e) => e.name));
  return { calculators, enums };
}

/** Types of a calculator an amendment takes from its base: the base module's input and result types, re-exported under the amendment's names. */
export function reusedTypes(id: string, baseId: string, specifier: string): string[] {
  const as = (suffix: string) => `${baseId}${suffix}${baseId === id ? "" : ` as ${id}${suffix}`}`;
  return [`import type { ${as("输入")}, ${as("结果")} } from ${JSON.stringify(specifier)};`, `export type { ${id}输入, ${id}结果 };`];
}
