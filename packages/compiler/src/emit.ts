// IR → JavaScript/TypeScript source. One emitter for every target: the file a developer
// ships (`zhengce compile`, typed TS or JS as an ES module) and the function body the CLI,
// `zhengce test` and the language server evaluate in memory differ only in the module
// wrapper and type annotations, so what an analyst checks is what a developer ships.
import { foldTable, type FieldType } from "@zhengce/runtime";
import type { IRCalculator, IRConstant, IRExpr, IRModifierChain, IRPolicy, IRStmt, Ty } from "./ir.js";
import { literalJson, literalText, percent } from "./literal.js";
import { IdPool } from "./lower.js";
import { RUNTIME_NAMES, runtimeEntry } from "./runtime-names.js";
import { inputFields, outputSchema, policyNames } from "./schema.js";

export interface EmitOptions {
  /** TypeScript annotations (for `.ts`). */
  typed: boolean;
  /** `esm`: an ES module importing @zhengce/runtime. `function`: a body taking `rt` and returning the calculators. */
  module: "esm" | "function";
  /** Shown in the header comment. */
  sourceName?: string;
  /** Record which declarations run (for `zhengce test`'s coverage of examples); in-memory only. */
  coverage?: boolean;
}


export function emit(ir: IRPolicy, options: EmitOptions): string {
  return new Emitter(ir, options).run();
}

/** `.d.ts` for the `.js` target: the same exported types and signatures as the `.ts` target. */
export function emitDeclarations(ir: IRPolicy, sourceName: string): string {
  const e = new Emitter(ir, { typed: true, module: "esm", sourceName });
  const out = [`// 由 zhengce 从 ${sourceName} 生成的类型声明，请勿手工修改。`, `import type { FieldSpec, TraceStep } from "@zhengce/runtime";`, ""];
  for (const c of ir.calculators) {
    out.push(...e.typesOf(c));
    out.push(
      `export declare const ${c.id}输入字段: FieldSpec[];`,
      `export declare const ${c.id}输出结构: object;`,
      `/** 「${c.name}」：计算一件。输入错误时抛出 InputError（中文说明，指明字段）。 */`,
      `export declare function ${c.id}(raw: ${c.id}输入, options?: { explain?: boolean }): ${c.id}结果;`,
      `/** 「${c.name}」：一人一年内按日期排列的多件，累计由计算器逐件结转。 */`,
      `export declare function ${c.id}序列(raws: ${c.id}输入[], options?: { explain?: boolean }): ${c.id}结果[];`,
      "",
    );
  }
  out.push(`/** 本政策的全部计算器，按名称。 */`, `export declare const calculators: {`);
  for (const c of ir.calculators) {
    out.push(`  ${JSON.stringify(c.name)}: { name: string; inputFields: FieldSpec[]; outputSchema: object; run: typeof ${c.id}; runSequence: typeof ${c.id}序列 };`);
  }
  out.push(`};`, "");
  return out.join("\n");
}

class Emitter {
  private readonly lines: string[] = [];
  private readonly numbers = new Map<string, string>();
  private readonly numberIds = new IdPool();
  private readonly t: boolean;

  constructor(private readonly ir: IRPolicy, private readonly o: EmitOptions) {
    this.t = o.typed;
  }

  run(): string {
    const body: string[] = [];
    for (const c of this.ir.constants) body.push(...this.constant(c));
    for (const calc of this.ir.calculators) body.push(...this.calculator(calc));
    body.unshift(`// 输入的字段名与可选值按此表折叠繁体、全角写法（编译时只为本政策的名称生成）。`, `addFoldTable(${JSON.stringify(foldTable(policyNames(this.ir)))});`, "");
    const header = [
      `// 由 zhengce 从 ${this.o.sourceName ?? "政策文件"} 生成，请勿手工修改；修改政策请改 .policy 文件后重新编译。`,
      `// ${this.ir.name}${this.ir.docNumber ? `（${this.ir.docNumber}）` : ""}`,
    ];
    // Import only what the generated code calls, so the module reads (and type-checks) cleanly.
    const text = body.join("\n");
    const used = RUNTIME_NAMES.filter((n) => n === "D" || new RegExp(`(?<![\\p{ID_Continue}$.])${n}\\b`, "u").test(text));
    const usedTypes = ["Decimal", "FieldSpec", "TraceStep", "Slice", "Tier"].filter((n) => new RegExp(`\\b${n}\\b`).test(text));
    const imports =
      this.o.module === "esm"
        ? [`import { ${used.join(", ")} } from "@zhengce/runtime";`, ...(this.t && usedTypes.length ? [`import type { ${usedTypes.join(", ")} } from "@zhengce/runtime";`] : [])]
        : [`const { ${RUNTIME_NAMES.join(", ")}${this.o.coverage ? ", cov" : ""} } = rt;`];
    const nums = [...this.numbers].map(([slot, id]) => `const ${id} = D("${slot.slice(slot.indexOf(":") + 1)}");`);
    const calcEntries = this.ir.calculators.map(
      (c) => `  ${JSON.stringify(c.name)}: { name: ${JSON.stringify(c.name)}, inputFields: ${c.id}输入字段, outputSchema: ${c.id}输出结构, run: ${c.id}, runSequence: ${c.id}序列 },`,
    );
    const footer =
      this.o.module === "esm"
        ? [`/** 本政策的全部计算器，按名称。 */`, `export const calculators = {`, ...calcEntries, `};`]
        : [`return {`, ...calcEntries, `};`];
    return [...header, "", ...imports, "", "// 常量", ...nums, "", ...body, ...footer, ""].join("\n");
  }

  private exp(keyword: string): string {
    return this.o.module === "esm" ? `export ${keyword}` : keyword;
  }

  // ── constants ──
  private num(value: string, type: Ty): string {
    const slot = `${type.k}:${value}`;
    const known = this.numbers.get(slot);
    if (known) return known;
    const label =
      type.k === "money" ? `元${value}` : type.k === "rate" ? `比例${percent(value)}` : type.k === "points" ? `点${percent(value)}` : `数${value}`;
    // `$` keeps constants apart from policy names, which never contain it.
    const id = this.numberIds.take(`$${label.replace(/\./g, "_").replace(/-/g, "负")}`);
    this.numbers.set(slot, id);
    return id;
  }

  private constant(c: IRConstant): string[] {
    const doc = `/** ${c.source.replace(/\*\//g, "* /")}${c.cite ? ` — 依据 ${c.cite}` : ""} */`;
    const ty = this.t ? `: ${c.k === "table" ? `Readonly<Record<string, ${tsValueType(c.type)}>>` : c.k === "versions" ? `readonly { from?: string; to?: string; value: ${tsValueType(c.type)} }[]` : tsValueType(c.type)}` : "";
    if (c.k === "scalar") return [doc, `const ${c.id}${ty} = ${this.expr(c.value)};`, ""];
    if (c.k === "table") {
      return [doc, `const ${c.id}${ty} = {`, ...c.entries.map((e) => `  ${JSON.stringify(e.key)}: ${this.expr(e.value)},`), `};`, ""];
    }
    return [
      doc,
      `const ${c.id}${ty} = [`,
      ...c.versions.map((v) => `  { ${v.from ? `from: "${v.from}", ` : ""}${v.to ? `to: "${v.to}", ` : ""}value: ${this.expr(v.value)} },`),
      `];`,
      "",
    ];
  }

  // ── calculators ──
  private calculator(c: IRCalculator): string[] {
    const out: string[] = [];
    const fields = inputFields(c, this.ir);
    const id = c.id;
    const anyT = this.t ? ": any" : "";
    out.push(`// ───────── 计算「${c.name}」 ─────────`);
    if (this.t) out.push(...this.types(c));
    out.push(`/** 「${c.name}」的输入字段（封闭：未声明的字段是错误）。 */`);
    out.push(`${this.exp("const")} ${id}输入字段${this.t ? ": FieldSpec[]" : ""} = ${JSON.stringify(fields)};`);
    out.push(`${this.exp("const")} ${id}输出结构 = ${JSON.stringify(outputSchema(c, this.ir))};`);
    out.push(`const ${id}解析 = /*#__PURE__*/ makeInputParser(${id}输入字段);`);
    const accNames = c.accumulators.map((a) => a.name);
    out.push("");
    out.push(`/** 计算一件（已校验的输入、累计状态），返回输出与本件应计入累计的数。 */`);
    out.push(`function ${id}计算(input${anyT}, acc${anyT}, trace${this.t ? ": Trace" : ""}) {`);
    for (const i of c.inputs.filter((x) => x.dynamicDefault)) {
      const n = JSON.stringify(i.name);
      out.push(`  if (input[${n}] === null) input = { ...input, ${n}: ${this.expr(i.dynamicDefault!)} };`);
      out.push(`  if (input[${n}] === null) throw new InputError(${n}, \`缺少必填字段「${i.name}」：此日期没有可用的默认值\`, "此日期有默认值或给出此字段", "R115");`);
    }
    const ints = c.inputs.filter((i) => i.type.k === "int" || i.type.k === "number");
    if (ints.length) out.push(`  input = { ...input, ${ints.map((i) => `${JSON.stringify(i.name)}: input[${JSON.stringify(i.name)}] === null ? null : D(input[${JSON.stringify(i.name)}])`).join(", ")} };`);
    for (const i of c.inputs.filter((x) => x.min)) {
      const n = JSON.stringify(i.name);
      out.push(`  if (input[${n}] !== null && input[${n}].lt(${this.expr(i.min!)})) throw new InputError(${n}, \`字段「${i.name}」应为不小于 \${${this.expr(i.min!)}.toString()}，收到 \${input[${n}].toString()}\`, "不小于下限的数值", "R114");`);
    }
    out.push(`  checkValidity(input["日期"], ${c.validity?.from ? `"${c.validity.from}"` : "undefined"}, ${c.validity?.to ? `"${c.validity.to}"` : "undefined"}, ${JSON.stringify(c.name)});`);
    for (const s of c.body) out.push(...this.stmt(s).map((l) => `  ${l}`));
    out.push(`  return {`);
    out.push(`    outputs: {`);
    for (const o of c.outputs) out.push(`      ${JSON.stringify(o.name)}: ${formatOut(o.local, o.type)},`);
    out.push(`    },`);
    out.push(`    added: {`);
    for (const a of c.accumulators) {
      if (a.scalar) out.push(`      ${JSON.stringify(a.name)}: ${this.expr(a.fields[0].add)},`);
      else out.push(`      ${JSON.stringify(a.name)}: { ${a.fields.map((f) => `${JSON.stringify(f.name)}: ${this.expr(f.add)}`).join(", ")} },`);
    }
    out.push(`    },`);
    out.push(`  };`);
    out.push(`}`);
    out.push("");
    const inT = this.t ? `: ${id}输入` : "";
    const resT = this.t ? `: ${id}结果` : "";
    const optT = this.t ? `: { explain?: boolean }` : "";
    out.push(`/** 「${c.name}」：计算一件。输入错误时抛出 InputError（中文说明，指明字段）。 */`);
    out.push(`${this.exp("function")} ${id}(raw${inT}, options${optT} = {})${resT} {`);
    out.push(`  const input${anyT} = ${id}解析(raw);`);
    out.push(`  const trace = new Trace(options.explain !== false);`);
    out.push(`  const { outputs } = ${id}计算(input, ${accObject(accNames, "input")}, trace);`);
    out.push(`  return { ...outputs, 计算过程: trace.steps }${this.t ? ` as ${id}结果` : ""};`);
    out.push(`}`);
    out.push("");
    out.push(`/** 「${c.name}」：一人一年内按日期排列的多件，累计（${accNames.join("、") || "无"}）由计算器逐件结转，跨期归零。 */`);
    out.push(`${this.exp("function")} ${id}序列(raws${this.t ? `: ${id}输入[]` : ""}, options${optT} = {})${this.t ? `: ${id}结果[]` : ""} {`);
    out.push(`  const results${this.t ? ": any[]" : ""} = [];`);
    out.push(`  let state${anyT} = null;`);
    if (c.accumulators.length) out.push(`  const periods${this.t ? ": string[]" : ""} = [];`);
    out.push(`  for (let i = 0; i < raws.length; i++) {`);
    out.push(`    const input${anyT} = ${id}解析(raws[i], \`第\${i + 1}项\`);`);
    for (const [ai, a] of c.accumulators.entries()) {
      out.push(`    if (i > 0 && Object.keys(raws[i]${this.t ? " as object" : ""}).some((k) => foldKey(k) === foldKey(${JSON.stringify(a.name)}))) {`);
      out.push(`      throw new InputError(\`第\${i + 1}项.${a.name}\`, \`字段「第\${i + 1}项.${a.name}」只能在第一项给出：其后各项的累计由计算器按前面各项结转\`, "只在第一项给出", "R116");`);
      out.push(`    }`);
      out.push(`    const period${ai} = periodKey(input["日期"], "${a.period}");`);
      out.push(`    if (state !== null && period${ai} !== periods[${ai}] && periods[${ai}] !== "" && period${ai} !== "") state[${JSON.stringify(a.name)}] = ${zeroAcc(a)};`);
      out.push(`    if (period${ai} !== "") periods[${ai}] = period${ai};`);
    }
    out.push(`    const acc = state ?? ${accObject(accNames, "input")};`);
    out.push(`    const trace = new Trace(options.explain !== false);`);
    out.push(`    const { outputs${c.accumulators.length ? ", added" : ""} } = ${id}计算(input, acc, trace);`);
    out.push(`    results.push({ ...outputs, 计算过程: trace.steps });`);
    out.push(`    state = {`);
    for (const a of c.accumulators) {
      const n = JSON.stringify(a.name);
      if (a.scalar) out.push(`      ${n}: acc[${n}].plus(added[${n}]),`);
      else out.push(`      ${n}: { ${a.fields.map((f) => `${JSON.stringify(f.name)}: acc[${n}][${JSON.stringify(f.name)}].plus(added[${n}][${JSON.stringify(f.name)}])`).join(", ")} },`);
    }
    out.push(`    };`);
    out.push(`  }`);
    out.push(`  return results;`);
    out.push(`}`);
    out.push("");
    return out;
  }

  typesOf(c: IRCalculator): string[] {
    return this.types(c);
  }

  private types(c: IRCalculator): string[] {
    const id = c.id;
    const fields = inputFields(c, this.ir);
    const out = [`/** 「${c.name}」的输入。金额可写数字或至多两位小数的字符串。 */`, `export interface ${id}输入 {`];
    for (const f of fields) out.push(`  ${JSON.stringify(f.name)}${f.required ? "" : "?"}: ${tsInputType(f.type)};`);
    out.push(`}`, `/** 「${c.name}」的结果。金额为恰好两位小数的字符串。 */`, `export interface ${id}结果 {`);
    for (const o of c.outputs) out.push(`  ${JSON.stringify(o.name)}: ${tsOutputType(o.type)};`);
    out.push(`  "计算过程": TraceStep[];`, `}`, "");
    return out;
  }

  // ── statements ──
  private stmt(s: IRStmt): string[] {
    const lines = this.stmtBody(s);
    if (this.o.coverage && s.covers.length) lines.unshift(`cov(${s.covers.map((c) => JSON.stringify(c)).join(", ")});`);
    return lines;
  }

  private stmtBody(s: IRStmt): string[] {
    switch (s.k) {
      case "layer":
        return [
          `// 分层：${s.formula}`,
          `let ${s.local} = ${this.expr(s.value)};`,
          `if (trace.enabled) trace.add({ 项目: "剩余", 说明: \`分层结算的起点：${esc(s.formula)} = \${formatMoney(${s.local})}元\`, 依据: ${JSON.stringify(s.cite)}, 值: formatMoney(${s.local}) });`,
        ];
      case "refuse":
        return [
          `if (${this.expr(s.cond)}) {`,
          ...(this.o.coverage ? [`  cov(${JSON.stringify(s.label)});`] : []),
          `  throw new RefusalError(${JSON.stringify(s.reason)}, ${JSON.stringify(s.cite)}, ${JSON.stringify(s.field)});`,
          `}`,
        ];
      case "slices": {
        const out = [`// 分段「${s.name}」（${s.mode}）`];
        const key = s.mode === "累进" ? "rate" : "value";
        const sliceT = this.t ? `: ${s.mode === "累进" ? "Slice[]" : "Tier<any>[]"}` : "";
        out.push(`let ${s.local}${sliceT} = [`);
        for (const sl of s.slices) {
          const parts = [
            `lower: ${sl.lower ? this.expr(sl.lower) : "null"}`,
            `lowerInclusive: ${sl.lowerInclusive}`,
            `upper: ${sl.upper ? this.expr(sl.upper) : "null"}`,
            `upperInclusive: ${sl.upperInclusive}`,
            `${key}: ${this.expr(sl.value)}`,
          ];
          if (sl.step) parts.push(`step: { width: ${this.expr(sl.step.width)}, increment: ${this.expr(sl.step.increment)} }`);
          out.push(`  { ${parts.join(", ")} },`);
        }
        out.push(`];`);
        if (s.modifiers.length) {
          out.push(...this.adjustEach(s.local, s.modifiers, { k: "rate" }, s.name, `${s.name}各段比例`));
          out.push(`${s.local} = ${s.local}.map(($s) => ({ ...$s, ${key}: ${s.local}调整($s.${key}) }));`);
        }
        return out;
      }
      case "let": {
        const out = [`// ${s.param ? "参数" : "步骤"}「${s.name}」：${s.formula}`];
        const v = s.local;
        out.push(`let ${v} = ${this.expr(s.value)};`);
        // A table built for this case: its rows are traced where they are looked up; its
        // modifiers apply to every row.
        if (s.table) {
          if (s.modifiers.length) {
            out.push(...this.adjustEach(v, s.modifiers, s.type, s.name, `${s.name}各项`));
            out.push(`${v} = Object.fromEntries(Object.entries(${v}).map(([$k, $v]) => [$k, ${v}调整($v)]));`);
          }
          return out;
        }
        const shown = fmtValue(v, s.type);
        // 说明: the rule as written, then the same rule with this case's numbers in it.
        const plain = ["input", "local", "const", "version", "acc", "date-input", "versions-lit"].includes(s.value.k);
        const withValues = hasLeaves(s.value) && !plain ? ` = ${this.valued(s.value)}` : "";
        const explain = (label: string) => `\`${esc(label)}：${esc(s.formula)}${withValues} = \${${shown}}\``;
        if (s.modifiers.length) {
          out.push(`if (trace.enabled) trace.add({ 项目: ${JSON.stringify(s.name)}, 说明: ${explain(s.name)}, 依据: ${JSON.stringify(s.cite)}, 值: ${shown} });`);
          for (const chain of s.modifiers) out.push(...this.chain(chain, v, s.type, s.name, true));
          if (s.round) out.push(`${v} = roundMoney(${v});`);
        } else {
          if (s.round) out.push(`${v} = ${s.type.k === "money" && s.type.nullable ? `${v} === null ? null : roundMoney(${v})` : `roundMoney(${v})`};`);
          out.push(`if (trace.enabled) trace.add({ 项目: ${JSON.stringify(s.name)}, 说明: ${explain(s.explain)}, 依据: ${JSON.stringify(s.cite)}, 值: ${shown} });`);
        }
        if (s.layer) {
          out.push(`${s.layer} = pos(${s.layer}.minus(${v}));`);
          out.push(`if (trace.enabled) trace.add({ 项目: "剩余", 说明: \`扣除「${esc(s.name)}」后剩余 \${formatMoney(${s.layer})}元\`, 依据: ${JSON.stringify(s.cite)}, 值: formatMoney(${s.layer}) });`);
        }
        return out;
      }
    }
  }

  /**
   * `<local>调整`: the modifiers as a function applied to each slice's rate or each table row,
   * and each applied adjustment traced once (not once per slice or row).
   */
  private adjustEach(local: string, modifiers: IRModifierChain[], type: Ty, name: string, what: string): string[] {
    const v = "$r";
    const nullable = type.k === "money" && type.nullable;
    const out = [`const ${local}调整 = (${v}${this.t ? `: Decimal${nullable ? " | null" : ""}` : ""}) => {`];
    // A row of 无 (no limit) stays 无.
    if (nullable) out.push(`  if (${v} === null) return null;`);
    for (const chain of modifiers) out.push(...this.chain(chain, v, type, name, false).map((l) => `  ${l}`));
    out.push(`  return ${type.k === "money" ? `roundMoney(${v})` : v};`, `};`);
    out.push(`if (trace.enabled) {`);
    for (const chain of modifiers) {
      chain.branches.forEach((b, i) => {
        const kw = i === 0 ? "if" : b.cond ? "else if" : "else";
        out.push(`  ${kw}${b.cond || i === 0 ? ` (${b.cond ? this.expr(b.cond) : "true"})` : ""} trace.add({ 项目: ${JSON.stringify(name)}, 说明: ${JSON.stringify(`${what}：${b.text}`)}, 依据: ${JSON.stringify(b.cite)} });`);
      });
    }
    out.push(`}`);
    return out;
  }

  /** A `当 / 否则当 / 否则` chain applied to variable `v`. */
  private chain(chain: IRModifierChain, v: string, type: Ty, name: string, traced: boolean): string[] {
    const out: string[] = [];
    chain.branches.forEach((b, i) => {
      const head = i === 0 ? `if (${b.cond ? this.expr(b.cond) : "true"}) {` : b.cond ? `} else if (${this.expr(b.cond)}) {` : `} else {`;
      out.push(head);
      if (this.o.coverage) out.push(`  cov(${JSON.stringify(b.label)});`);
      for (const a of b.actions) {
        const x = this.expr(a.value);
        const apply =
          a.verb === "提高" ? `${v}.plus(${x})` : a.verb === "降低" ? `${v}.minus(${x})` : a.verb === "乘以" ? `${v}.times(${x})` : a.verb === "设为" ? x : a.verb === "不低于" ? `maxOf(${v}, ${x})` : `minOf(${v}, ${x})${this.t ? "!" : ""}`;
        out.push(`  ${v} = ${type.k === "rate" ? `clampRate(${apply})` : apply};`);
      }
      if (traced) {
        const shown = fmtValue(v, type);
        out.push(`  if (trace.enabled) trace.add({ 项目: ${JSON.stringify(name)}, 说明: \`${esc(b.text)} → \${${shown}}\`, 依据: ${JSON.stringify(b.cite)}, 值: ${shown} });`);
      }
    });
    out.push(`}`);
    return out;
  }

  // ── expressions ──
  expr(e: IRExpr): string {
    switch (e.k) {
      case "num":
        return this.num(e.value, e.type);
      case "bool":
        return String(e.value);
      case "text":
        return JSON.stringify(e.value);
      case "date":
        return JSON.stringify(e.value);
      case "none":
        return "null";
      case "input":
        return `input[${JSON.stringify(e.name)}]`;
      case "date-input":
        return `input["日期"]`;
      case "acc":
        return e.field ? `acc[${JSON.stringify(e.name)}][${JSON.stringify(e.field)}]` : `acc[${JSON.stringify(e.name)}]`;
      case "local":
        return e.local;
      case "const":
        return e.id;
      case "version":
        return `pickVersion(${e.id}, input["日期"], ${JSON.stringify(e.name)})`;
      case "lookup": {
        if (e.table.k === "list") {
          // An inline row keyed by enum member (a bracket laid out 按 an enum).
          const key = this.expr(e.key);
          const rows = e.table.items.map((row) => (row.k === "list" ? [this.expr(row.items[0]), this.expr(row.items[1])] : ["", ""]));
          return rows.reduceRight((acc, [k, v]) => `(${key} === ${k} ? ${v} : ${acc})`, "ZERO");
        }
        const table = this.expr(e.table);
        return e.many ? `${this.expr(e.key)}.map((k${this.t ? ": string" : ""}) => ${table}[k])` : `${table}[${this.expr(e.key)}]`;
      }
      case "arith": {
        const m = e.op === "+" ? "plus" : e.op === "-" ? "minus" : e.op === "×" ? "times" : "div";
        return `${this.wrap(e.l)}.${m}(${this.expr(e.r)})`;
      }
      case "neg":
        return `${this.wrap(e.e)}.neg()`;
      case "pos":
        return `pos(${this.expr(e.e)})`;
      case "clamp":
        return `clampRate(${this.expr(e.e)})`;
      case "cmp": {
        if (!e.numeric) {
          const js = { "=": "===", "≠": "!==", "<": "<", ">": ">", "≤": "<=", "≥": ">=" }[e.op];
          return `(${this.expr(e.l)} ${js} ${this.expr(e.r)})`;
        }
        const m = { "=": "eq", "≠": "eq", "<": "lt", ">": "gt", "≤": "lte", "≥": "gte" }[e.op];
        return `${e.op === "≠" ? "!" : ""}${this.wrap(e.l)}.${m}(${this.expr(e.r)})`;
      }
      case "and":
        return `(${this.expr(e.l)} && ${this.expr(e.r)})`;
      case "or":
        return `(${this.expr(e.l)} || ${this.expr(e.r)})`;
      case "not":
        return `!${this.wrapBool(e.e)}`;
      case "contains":
        return `${this.expr(e.set)}.includes(${this.expr(e.item)})`;
      case "in":
        // Numbers are compared by value, not by object identity.
        if (e.numeric) return `${e.negate ? "!" : ""}${this.expr(e.list)}.some(($v${this.t ? ": Decimal" : ""}) => $v.eq(${this.expr(e.item)}))`;
        return `${e.negate ? "!" : ""}${this.expr(e.list)}.includes(${this.expr(e.item)})`;
      case "if":
        return `(${this.expr(e.c)} ? ${this.expr(e.t)} : ${this.expr(e.e)})`;
      case "list":
        return `[${e.items.map((i) => this.expr(i)).join(", ")}]`;
      case "call": {
        const a = e.args.map((x) => this.expr(x));
        const bang = this.t ? "!" : "";
        switch (e.fn) {
          case "较大":
            if (e.type.k === "date") return a.reduce((x, y) => `(${x} > ${y} ? ${x} : ${y})`);
            return `maxOf(${a.join(", ")})`;
          case "较小":
            if (e.type.k === "date") return a.reduce((x, y) => `(${x} < ${y} ? ${x} : ${y})`);
            return e.type.k === "money" && e.type.nullable ? `minOf(${a.join(", ")})` : `minOf(${a.join(", ")})${bang}`;
          case "正值":
            return `pos(${a[0]})`;
          case "舍入":
            return `roundMoney(${a[0]})`;
          case "最大":
            return `maxOf(...${a[0]})`;
          case "最小":
            return `minOf(...${a[0]})${bang}`;
          case "合计":
            return `${a[0]}.reduce(($s${this.t ? ": Decimal" : ""}, $x${this.t ? ": Decimal" : ""}) => $s.plus($x), ZERO)`;
          case "个数":
            return `D(${a[0]}.length)`;
          case "年份":
            return `D(requireDate(${a[0]}).slice(0, 4))`;
          case "月份":
            return `D(Number(requireDate(${a[0]}).slice(5, 7)))`;
          case "月末":
            return `endOfMonth(requireDate(${a[0]}))`;
          case "加日":
            return `addDays(requireDate(${a[0]}), ${a[1]}.toNumber())`;
          case "次月首日":
            return `firstOfNextMonth(requireDate(${a[0]}))`;
          case "加月":
            return `addMonths(requireDate(${a[0]}), ${a[1]}.toNumber())`;
          case "月数差":
            return `D(monthsBetween(requireDate(${a[0]}), requireDate(${a[1]})))`;
        }
        // Any other built-in: its runtime entry (language/builtins.ts) on the argument values.
        return `${runtimeEntry(e.fn)}(${a.join(", ")})`;
      }
      case "cap-point":
        return `marginalInverse(${e.slices}, ${this.expr(e.target)})`;
      case "table-lit":
        return `{ ${e.entries.map((r) => `${JSON.stringify(r.key)}: ${this.expr(r.value)}`).join(", ")} }`;
      case "versions-lit":
        return `pickVersion([${e.versions.map((v) => `{ ${v.from ? `from: "${v.from}", ` : ""}${v.to ? `to: "${v.to}", ` : ""}value: ${this.expr(v.value)} }`).join(", ")}], input["日期"], ${JSON.stringify(e.name)})`;
      case "date-add":
        return `addMonths(requireDate(${this.expr(e.date)}), ${e.sign < 0 ? "-" : ""}${this.expr(e.months)}.toNumber())`;
      case "bracket": {
        if (e.mode === "全额") return `tier(${e.slices}, ${this.expr(e.arg)})`;
        return e.accumulated
          ? `marginalOver(${e.slices}, ${this.expr(e.accumulated)}, ${this.expr(e.arg)})`
          : `marginal(${e.slices}, ${this.expr(e.arg)})`;
      }
    }
  }

  /**
   * The expression as a template-literal fragment with this case's values in place of names:
   * `较小（剩余 × 统筹比例，…）` → `较小（9500.00元 × 85%，…）`. Only built when tracing.
   */
  valued(e: IRExpr, parent?: { op: string; right: boolean }): string {
    const leaf = (js: string, t: Ty) => `\${${fmtValue(js, t)}}`;
    const yesNo = () => `\${${this.expr(e)} ? "是" : "否"}`;
    switch (e.k) {
      case "num":
        return esc(literalText(e.value, e.type));
      case "bool":
        return e.value ? "是" : "否";
      case "text":
      case "date":
        return esc(e.value);
      case "none":
        return "无";
      case "lookup":
        // 起付标准表[三级]: which row this case reads.
        if (e.table.k === "const" && !e.many) return `${esc(e.table.id)}[\${${this.expr(e.key)}}]`;
        return leaf(this.expr(e), e.type);
      case "input":
      case "local":
      case "const":
      case "version":
        return leaf(this.expr(e), e.type);
      case "date-input":
        return `\${${this.expr(e)} ?? "（未给出）"}`;
      case "acc":
        return leaf(this.expr(e), { k: "money" });
      case "arith": {
        const op = { "+": "+", "-": "−", "×": "×", "÷": "÷" }[e.op];
        const text = `${this.valued(e.l, { op: e.op, right: false })} ${op} ${this.valued(e.r, { op: e.op, right: true })}`;
        const prec = (o: string) => (o === "+" || o === "-" ? 1 : 2);
        const needs =
          parent && (prec(e.op) < prec(parent.op) || (parent.right && prec(e.op) === prec(parent.op) && (parent.op === "-" || parent.op === "÷")));
        return needs ? `（${text}）` : text;
      }
      case "clamp":
        return this.valued(e.e, parent);
      case "neg":
        return `−${this.valued(e.e, { op: "×", right: true })}`;
      case "pos":
        return `正值（${this.valued(e.e)}）`;
      case "if":
        return `\${${this.expr(e.c)} ? \`${this.valued(e.t)}\` : \`${this.valued(e.e)}\`}`;
      case "list":
        return `[${e.items.map((i) => this.valued(i)).join("、")}]`;
      case "call":
        return `${e.fn}（${e.args.map((a) => this.valued(a)).join("，")}）`;
      case "bracket":
        return `${esc(e.name)}（${this.valued(e.arg)}${e.accumulated ? `，已累计 ${this.valued(e.accumulated)}` : ""}）`;
      case "cap-point":
        return `封顶点（${esc(e.name)}，${this.valued(e.target)}）`;
      case "date-add":
        return `${this.valued(e.date)} ${e.sign < 0 ? "减" : "加"} ${this.valued(e.months)}`;
      default:
        return yesNo();
    }
  }

  private wrap(e: IRExpr): string {
    const s = this.expr(e);
    return e.k === "if" || e.k === "and" || e.k === "or" ? `(${s})` : s;
  }
  private wrapBool(e: IRExpr): string {
    const s = this.expr(e);
    return /^[\p{ID_Continue}$.[\]"()]+$/u.test(s) && !s.includes(" ") ? s : `(${s})`;
  }
}

// ── helpers ──

/** Does the expression read anything but literals (so a version with values says more)? */
function hasLeaves(e: IRExpr): boolean {
  switch (e.k) {
    case "num":
    case "bool":
    case "text":
    case "date":
    case "none":
      return false;
    case "input":
    case "local":
    case "const":
    case "version":
    case "lookup":
    case "acc":
    case "date-input":
      return true;
    default:
      return Object.values(e).some((v) => (Array.isArray(v) ? v.some((x) => typeof x === "object" && x && "k" in x && hasLeaves(x as IRExpr)) : typeof v === "object" && v !== null && "k" in v && hasLeaves(v as IRExpr)));
  }
}

const esc = (s: string) => s.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${");

function fmtValue(v: string, t: Ty): string {
  switch (t.k) {
    case "money":
      return t.nullable ? `(${v} === null ? "无" : formatMoney(${v}) + "元")` : `formatMoney(${v}) + "元"`;
    case "rate":
      return `formatRate(${v})`;
    case "points":
      return `formatRate(${v}).replace("%", "个百分点")`;
    case "int":
    case "number":
      return `${v}.toString()`;
    case "set":
    case "list":
      return `${v}.join("、")`;
    default:
      return `String(${v})`;
  }
}

function formatOut(v: string, t: Ty): string {
  switch (t.k) {
    case "money":
      return t.nullable ? `${v} === null ? null : formatMoney(${v})` : `formatMoney(${v})`;
    case "rate":
      return `formatRate(${v})`;
    case "int":
    case "number":
      return `${v}.toNumber()`;
    default:
      return v;
  }
}

function zeroAcc(a: IRCalculator["accumulators"][number]): string {
  return a.scalar ? "D(0)" : `{ ${a.fields.map((f) => `${JSON.stringify(f.name)}: D(0)`).join(", ")} }`;
}

function accObject(names: string[], from: string): string {
  return `{ ${names.map((n) => `${JSON.stringify(n)}: ${from}[${JSON.stringify(n)}]`).join(", ")} }`;
}

function tsValueType(t: Ty): string {
  switch (t.k) {
    case "money":
      return t.nullable ? "Decimal | null" : "Decimal";
    case "rate":
    case "points":
    case "int":
    case "number":
      return "Decimal";
    case "bool":
      return "boolean";
    default:
      return "string";
  }
}

function tsInputType(t: FieldType): string {
  switch (t.kind) {
    case "money":
      return t.nullable ? "number | string | null" : "number | string";
    case "rate":
      return "number | string";
    case "integer":
      return "number";
    case "date":
      return "string";
    case "boolean":
      return "boolean";
    case "text":
      return "string";
    case "enum":
      return t.members.map((m) => JSON.stringify(m)).join(" | ") || "string";
    case "set":
      return `(${t.members.map((m) => JSON.stringify(m)).join(" | ") || "string"})[]`;
    case "list":
      return `${tsInputType(t.of)}[]`;
    case "record":
      return `{ ${t.fields.map((f) => `${JSON.stringify(f.name)}${f.required ? "" : "?"}: ${tsInputType(f.type)}`).join("; ")} }`;
  }
}

function tsOutputType(t: Ty): string {
  switch (t.k) {
    case "money":
      return t.nullable ? "string | null" : "string";
    case "int":
    case "number":
      return "number";
    case "bool":
      return "boolean";
    case "set":
    case "list":
      return "string[]";
    default:
      return "string";
  }
}
