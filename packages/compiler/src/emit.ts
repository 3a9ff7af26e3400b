// IR → JavaScript/TypeScript source: a mapping from each IR statement and expression to the
// target's text (the tables STMT and EXPR below); what a construct means is decided in the IR
// and the runtime, never here. One emitter for every use: the file a developer ships
// (`zhengce compile`, typed TS or JS as an ES module) and the function body the CLI,
// `zhengce test` and the language server evaluate in memory differ only in the module wrapper
// and type annotations, so what an analyst checks is what a developer ships.
import { foldTable } from "@zhengce/runtime/fold-names";
import type { IRCalculator, IRConstant, IRExpr, IRPolicy, IRStmt, SourceRange, Sym, TracePoint, Ty } from "./ir.js";
import { literalText, percent } from "./literal.js";
import { emitIntCalculator, emitIntConstants } from "./emit-int.js";
import { NoRecord, pointLeaves, recordPoints, type Leaf, type RecordScales } from "./record.js";
import { ruleText, sourceText } from "./lower.js";
import { constantRanges, describeVerdict, isNumeric, NotExact, verdict, type Range, type Verdict } from "./range.js";
import { builtinName, RUNTIME_NAMES, runtimeEntry } from "./runtime-names.js";
import { inputFields, outputSchema, policyNames } from "./schema.js";
import { reusable, reusedTypes, type Reuse } from "./amend.js";
import { absentIsNull, bodyTypes, calculatorTypes, enumDeclarations, OPTIONS_TYPE, valueType, type TypeNames } from "./types.js";

export interface EmitOptions {
  /** TypeScript annotations (for `.ts`). */
  typed: boolean;
  /** `esm`: an ES module importing @zhengce/runtime. `function`: a body taking `rt` and returning the calculators. */
  module: "esm" | "function";
  /** Shown in the header comment. */
  sourceName?: string;
  /** Record which declarations run (for `zhengce test`'s coverage of examples); in-memory only. */
  coverage?: boolean;
  /**
   * For an amendment (`esm` only): its base's IR and the base module's import specifier. What the
   * amendment leaves as it was is imported from that module instead of being emitted again.
   */
  base?: { ir: IRPolicy; specifier: string };
  /** Only the decimal.js path (`--decimal`): no calculator gets the exact integer path. */
  decimal?: boolean;
}

export function emit(ir: IRPolicy, options: EmitOptions): string {
  return new Emitter(ir, options).run();
}

/** Which path each calculator gets and why (`zhengce compile --explain-paths`; the same words head each calculator's code). */
export function calculatorPaths(ir: IRPolicy, options: { decimal?: boolean } = {}): CalculatorPath[] {
  const e = new Emitter(ir, { typed: false, module: "function", decimal: options.decimal });
  return ir.calculators.map((c) => {
    const v = e.path(c).verdict;
    return { calculator: c.name, path: v.path, why: describeVerdict(v) };
  });
}

/**
 * A calculator's path: on the integer path its function, and the scales it records each point's
 * values at for 计算过程 (null: it does not record, 计算过程 is computed on decimal.js).
 */
interface Path {
  verdict: Verdict;
  lines?: string[];
  scales?: RecordScales | null;
}

export interface CalculatorPath {
  calculator: string;
  path: "integer" | "decimal";
  why: string;
}

/**
 * `.d.ts` for the `.js` target: the same exported types and signatures as the `.ts` target. For an
 * amendment (`base`, as for `emit`), the enums and calculators it leaves as they were re-export the
 * base module's types, as its `.ts` does.
 */
export function emitDeclarations(ir: IRPolicy, sourceName: string, base?: EmitOptions["base"]): string {
  const e = new Emitter(ir, { typed: true, module: "esm", sourceName, ...(base && { base }) });
  const amended = base && { reuse: reusable(ir, base.ir), e: new Emitter(base.ir, { typed: true, module: "esm", sourceName }) };
  const out = [`// 由 zhengce 从 ${sourceName} 生成的类型声明，请勿手工修改。`, `import type { FieldSpec, TraceStep } from "@zhengce/runtime";`, ""];
  if (amended) out.push(...e.reexportEnums(amended.reuse, amended.e.typeNames));
  out.push(...enumDeclarations(amended ? { ...ir, enums: ir.enums.filter((x) => !amended.reuse.enums.has(x.name)) } : ir, e.typeNames, "dts"), "");
  for (const c of ir.calculators) {
    const id = e.calcId(c);
    const reused = amended?.reuse.calculators.has(c.name) ? amended.e.calcId(base!.ir.calculators.find((b) => b.name === c.name)!) : undefined;
    out.push(...(reused === undefined ? e.types(c) : reusedTypes(id, reused, base!.specifier)));
    out.push(
      `export declare const ${id}输入字段: readonly FieldSpec[];`,
      `export declare const ${id}输出结构: object;`,
      `/** 「${c.name}」：计算一件。输入错误时抛出 InputError（中文说明，指明字段）。 */`,
      `export declare function ${id}(raw: ${id}输入, options?: ${OPTIONS_TYPE}): ${id}结果;`,
      `/** 「${c.name}」：一人一年内按日期排列的多件，累计由计算器逐件结转。 */`,
      `export declare function ${id}序列(raws: readonly ${id}输入[], options?: ${OPTIONS_TYPE}): readonly ${id}结果[];`,
      "",
    );
  }
  out.push(`/** 供修订本政策的模块复用（非公开接口）。 */`, `export declare const $部件: unknown;`);
  out.push(`/** 本政策的全部计算器，按名称。 */`, `export declare const calculators: {`);
  for (const c of ir.calculators) {
    out.push(`  readonly ${JSON.stringify(c.name)}: { readonly name: string; readonly inputFields: readonly FieldSpec[]; readonly outputSchema: object; readonly run: typeof ${e.calcId(c)}; readonly runSequence: typeof ${e.calcId(c)}序列 };`);
  }
  out.push(`};`, "");
  return out.join("\n");
}

/** How each statement reads in JavaScript (lines, unindented). */
const STMT: { [K in IRStmt["k"]]: (x: Emitter, s: Extract<IRStmt, { k: K }>) => string[] } = {
  rule: (x, s) => [s.kind === "分层" ? `// 分层：${x.text(s.rule)}` : `// ${s.kind}「${s.name}」${s.rule ? `：${x.text(s.rule)}` : ""}`],
  default: (x, s) => {
    const n = JSON.stringify(s.input);
    return [
      `if (input[${n}] === null) input = { ...input, ${n}: ${x.expr(s.value)} };`,
      `if (input[${n}] === null) throw new InputError(${n}, \`缺少必填字段「${s.input}」：此日期没有可用的默认值\`, "此日期有默认值或给出此字段", "R115");`,
    ];
  },
  let: (x, s) => [`let ${x.name(s.sym)} = ${x.expr(s.value)};`],
  set: (x, s) => [`${x.name(s.sym)} = ${x.expr(s.value)};`],
  when: (x, s) => {
    // Modifiers applied per row or slice are explained once; the check is skipped when not explaining.
    const guarded = s.explainOnly && !x.o.coverage;
    const out: string[] = [];
    s.branches.forEach((b, i) => {
      out.push(i === 0 ? `if (${b.cond ? x.expr(b.cond) : "true"}) {` : b.cond ? `} else if (${x.expr(b.cond)}) {` : `} else {`);
      for (const st of b.body) out.push(...x.stmt(st, guarded).map((l) => `  ${l}`));
    });
    out.push(`}`);
    return guarded ? [`if (trace.enabled) {`, ...out.map((l) => `  ${l}`), `}`] : out;
  },
  refuse: (_, s) => [`throw new RefusalError(${JSON.stringify(s.reason)}, ${JSON.stringify(s.cite)}, ${JSON.stringify(s.field)});`],
  slices: (x, s) => {
    x.slicesOf.set(s.sym.slot, { cite: s.cite, quote: s.quote });
    const tierOf = s.slices[0] ? x.exprType(s.slices[0].value) : "Decimal";
    // Slices a step shows: their values are recorded for the explanation.
    const shown = x.points.has(s) ? [`if (trace.enabled) ${x.recordLine(s)}`] : [];
    return [...x.sliceRows(s, `const ${x.name(s.sym)}${x.t ? `: ${s.mode === "累进" ? "Slice[]" : `Tier<${tierOf}>[]`}` : ""} = [`), ...shown];
  },
  consume: (x, s) => [`${x.name(s.layer)} = consume(${x.name(s.layer)}, ${x.name(s.amount)});`],
  trace: (x, s) => [x.recordLine(s)],
  cover: (x, s) => (x.o.coverage ? [`cov(${s.labels.map((l) => JSON.stringify(l)).join(", ")});`] : []),
};

/** How each expression reads in JavaScript (decimal.js values from the runtime). */
const EXPR: { [K in IRExpr["k"]]: (x: Emitter, e: Extract<IRExpr, { k: K }>) => string } = {
  num: (x, e) => x.num(e.value, e.type),
  bool: (_, e) => String(e.value),
  text: (_, e) => JSON.stringify(e.value),
  date: (_, e) => JSON.stringify(e.value),
  none: () => "null",
  input: (x, e) => {
    const read = `input[${JSON.stringify(e.name)}]`;
    // An input with a default computed per case is non-null once its `default` statement ran;
    // one declared `默认 无` is null when absent, which only a comparison with 无 may see.
    if (x.defaulted.has(e.name)) return x.t ? `${read}!` : read;
    return x.absent.has(e.name) ? `present(${read}, ${JSON.stringify(e.name)})` : read;
  },
  "date-input": () => `input["日期"]`,
  acc: (_, e) => (e.field ? `acc[${JSON.stringify(e.name)}][${JSON.stringify(e.field)}]` : `acc[${JSON.stringify(e.name)}]`),
  local: (x, e) => x.name(e.sym),
  const: (x, e) => x.name(e.sym),
  version: (x, e) => `pickVersion(${x.name(e.sym)}, input["日期"], ${JSON.stringify(e.sym.name)})`,
  lookup: (x, e) => {
    if (e.table.k === "list") {
      // An inline row keyed by enum member (a bracket laid out 按 an enum).
      const key = x.expr(e.key);
      const rows = e.table.items.map((row) => (row.k === "list" ? [x.expr(row.items[0]), x.expr(row.items[1])] : ["", ""]));
      return rows.reduceRight((acc, [k, v]) => `(${key} === ${k} ? ${v} : ${acc})`, "ZERO");
    }
    const table = x.expr(e.table);
    // A literal list of keys keeps its members' literal types, which index the table.
    const keys = e.key.k === "list" && x.t ? `(${x.expr(e.key)} as const)` : x.expr(e.key);
    return e.many ? `${keys}.map((k) => ${table}[k])` : `${table}[${x.expr(e.key)}]`;
  },
  arith: (x, e) => (e.op === "÷" ? `divide(${x.expr(e.l)}, ${x.expr(e.r)})` : `${x.wrap(e.l)}.${{ "+": "plus", "-": "minus", "×": "times" }[e.op]}(${x.expr(e.r)})`),
  neg: (x, e) => `${x.wrap(e.e)}.neg()`,
  pos: (x, e) => `pos(${x.expr(e.e)})`,
  clamp: (x, e) => `clampRate(${x.expr(e.e)})`,
  round: (x, e) => {
    if (e.scale !== 2 || e.mode !== "half-up") throw new Error(`no runtime rounding for ${e.mode} at scale ${e.scale}`);
    const v = x.expr(e.e);
    // 无 (no limit) stays 无.
    return e.type.k === "money" && e.type.nullable ? `(${v} === null ? null : roundMoney(${v}))` : `roundMoney(${v})`;
  },
  cmp: (x, e) => {
    if (!e.numeric) {
      // Compared with 无, an input is read as it is; ordered, an absent 日期 is missing input.
      const side = (y: IRExpr) =>
        y.k === "input" && (e.l.k === "none" || e.r.k === "none") ? `input[${JSON.stringify(y.name)}]` : y.k === "date-input" && e.op !== "=" && e.op !== "≠" ? `requireDate(${x.expr(y)})` : x.expr(y);
      return `(${side(e.l)} ${{ "=": "===", "≠": "!==", "<": "<", ">": ">", "≤": "<=", "≥": ">=" }[e.op]} ${side(e.r)})`;
    }
    return `${e.op === "≠" ? "!" : ""}${x.wrap(e.l)}.${{ "=": "eq", "≠": "eq", "<": "lt", ">": "gt", "≤": "lte", "≥": "gte" }[e.op]}(${x.expr(e.r)})`;
  },
  and: (x, e) => `(${x.expr(e.l)} && ${x.expr(e.r)})`,
  or: (x, e) => `(${x.expr(e.l)} || ${x.expr(e.r)})`,
  not: (x, e) => `!${x.wrapBool(e.e)}`,
  contains: (x, e) => `${x.expr(e.set)}.includes(${x.expr(e.item)})`,
  // Numbers are compared by value, not by object identity.
  in: (x, e) =>
    e.numeric
      ? `${e.negate ? "!" : ""}${x.expr(e.list)}.some(($v${x.t ? ": Decimal" : ""}) => $v.eq(${x.expr(e.item)}))`
      : `${e.negate ? "!" : ""}${x.expr(e.list)}.includes(${x.expr(e.item)})`,
  if: (x, e) => `(${x.expr(e.c)} ? ${x.expr(e.t)} : ${x.expr(e.e)})`,
  list: (x, e) => `[${e.items.map((i) => x.expr(i)).join(", ")}]`,
  call: (x, e) => {
    const a = e.args.map((y) => x.expr(y));
    const bang = x.t ? "!" : "";
    switch (e.fn) {
      case "greater":
        return e.type.k === "date" ? a.reduce((p, q) => `(${p} > ${q} ? ${p} : ${q})`) : `maxOf(${a.join(", ")})`;
      case "lesser":
        if (e.type.k === "date") return a.reduce((p, q) => `(${p} < ${q} ? ${p} : ${q})`);
        return e.type.k === "money" && e.type.nullable ? `minOf(${a.join(", ")})` : `minOf(${a.join(", ")})${bang}`;
      case "positivePart":
        return `pos(${a[0]})`;
      case "maximum":
        return `maxOf(...${a[0]})`;
      case "minimum":
        return `minOf(...${a[0]})${bang}`;
      case "sum":
        return `${a[0]}.reduce(($s${x.t ? ": Decimal" : ""}, $x${x.t ? ": Decimal" : ""}) => $s.plus($x), ZERO)`;
      case "count":
        return `D(${a[0]}.length)`;
      case "yearOf":
        return `D(requireDate(${a[0]}).slice(0, 4))`;
      case "monthOf":
        return `D(Number(requireDate(${a[0]}).slice(5, 7)))`;
      case "endOfMonth":
        return `endOfMonth(requireDate(${a[0]}))`;
      case "addDays":
        return `addDays(requireDate(${a[0]}), ${a[1]}.toNumber())`;
      case "firstOfNextMonth":
        return `firstOfNextMonth(requireDate(${a[0]}))`;
      case "addMonths":
        return `addMonths(requireDate(${a[0]}), ${a[1]}.toNumber())`;
      case "monthsBetween":
        return `D(monthsBetween(requireDate(${a[0]}), requireDate(${a[1]})))`;
    }
    // Any other built-in: its runtime entry (language/builtins.ts) on the argument values.
    return `${runtimeEntry(e.fn)}(${a.join(", ")})`;
  },
  "cap-point": (x, e) => `marginalInverse(${x.name(e.slices)}, ${x.expr(e.target)})`,
  bracket: (x, e) => {
    // The checker refuses a whole-amount bracket with gaps, so a tier always holds.
    if (e.mode === "全额") return `tier(${x.name(e.slices)}, ${x.expr(e.arg)})${x.t ? "!" : ""}`;
    return e.accumulated ? `marginalOver(${x.name(e.slices)}, ${x.expr(e.accumulated)}, ${x.expr(e.arg)})` : `marginal(${x.name(e.slices)}, ${x.expr(e.arg)})`;
  },
  "table-lit": (x, e) => `{ ${e.entries.map((r) => `${JSON.stringify(r.key)}: ${x.expr(r.value)}`).join(", ")} }`,
  "versions-lit": (x, e) =>
    `pickVersion([${e.versions.map((v) => `{ ${v.from ? `from: "${v.from}", ` : ""}${v.to ? `to: "${v.to}", ` : ""}value: ${x.expr(v.value)} }`).join(", ")}], input["日期"], ${JSON.stringify(e.name)})`,
  "date-add": (x, e) => `addMonths(requireDate(${x.expr(e.date)}), ${e.sign < 0 ? "-" : ""}${x.expr(e.months)}.toNumber())`,
  map: (x, e) => {
    const row = x.name(e.row);
    const body = x.expr(e.body);
    // A row of 无 (no limit) stays 无.
    const value = e.type.k === "money" && e.type.nullable ? `${row} === null ? null : ${body}` : body;
    const table = x.expr(e.table);
    const mapped = `Object.fromEntries(Object.entries(${table}).map(([$k, ${row}]) => [$k, ${value}]))`;
    // The same keys as the table's: Object.fromEntries cannot say so.
    return x.t && (e.table.k === "const" || e.table.k === "local") ? `(${mapped} as Readonly<Record<keyof typeof ${table}, ${x.exprType(e)}>>)` : mapped;
  },
};

class Emitter {
  private readonly numbers = new Map<string, string>();
  private readonly numberIds = new IdPool();
  /** Calculators' identifiers (taken first: their names are the module's API). */
  private readonly calcPool = new IdPool();
  /** Module constants' identifiers: apart from the calculators', visible to every calculator's locals. */
  private readonly moduleIds = new IdPool();
  private readonly moduleNames = new Map<number, string>();
  private readonly calcIds = new Map<IRCalculator, string>();
  /** Identifiers of the calculator being emitted. */
  private localIds = new IdPool(this.moduleIds);
  private localNames = new Map<number, string>();
  /** Inputs of the calculator being emitted whose default is computed per case. */
  defaulted = new Set<string>();
  /** Inputs of the calculator being emitted that are null when absent (`默认 无`) though their type is not. */
  absent = new Set<string>();
  /** The statements the calculator being emitted records for its explanation, by number (record.ts). */
  points = new Map<IRStmt, number>();
  /** Each bracket's 依据, by its slices' symbol, for the explanation of the slices. */
  readonly slicesOf = new Map<number, { cite: string; quote?: string }>();
  readonly t: boolean;
  readonly typeNames: TypeNames;

  constructor(private readonly ir: IRPolicy, readonly o: EmitOptions) {
    this.t = o.typed;
    for (const c of ir.calculators) this.calcIds.set(c, this.calcPool.take(c.name));
    // A local may share a calculator's name (it lives inside that calculator's function); a constant may not.
    for (const c of ir.constants) this.moduleNames.set(c.sym.slot, this.moduleIds.take(c.sym.name, this.calcPool));
    // Enum types live among the calculators' types; their member arrays among the module's values.
    const typeIds = new IdPool();
    for (const id of this.calcIds.values()) typeIds.take(`${id}输入`), typeIds.take(`${id}结果`);
    const enumTypes = new Map(ir.enums.map((e) => [e.name, typeIds.take(e.name)]));
    const enumValues = new Map(ir.enums.map((e) => [e.name, this.moduleIds.take(`${e.name}值`, this.calcPool)]));
    const known = (m: Map<string, string>, name: string) => {
      const id = m.get(name);
      if (id === undefined) throw new Error(`no enum ${name}`);
      return id;
    };
    this.typeNames = { enumType: (name) => known(enumTypes, name), enumValues: (name) => known(enumValues, name) };
    this.constRanges = constantRanges(ir);
  }

  /** Ranges and scales of the numeric constants (range.ts). */
  readonly constRanges: Map<number, Range>;
  /** The constants the integer paths read, by slot. */
  readonly intConstantsUsed = new Set<number>();
  /** What the integer paths declare at module level (emit-int.ts `hoist`). */
  private readonly intHoisted: string[] = [];

  hoist(base: string, lines: (id: string) => string[]): string {
    const id = this.moduleIds.take(base, this.calcPool);
    this.intHoisted.push(...lines(id));
    return id;
  }

  /**
   * The path of a calculator (range.ts decides; the integer emitter may still refuse a construct
   * it has no form for) and, on the integer path, its integer function.
   */
  path(c: IRCalculator): Path {
    if (this.o.decimal || this.o.coverage) return { verdict: { path: "decimal", reason: this.o.decimal ? "按 --decimal 只用 decimal.js" : "覆盖率统计用 decimal.js" } };
    const v = verdict(c, this.constRanges);
    if (v.path === "decimal") return { verdict: v };
    const saved = [this.localIds, this.localNames] as const;
    const hoisted = this.intHoisted.length;
    // With the explanation recorded when every value a step reads has a scaled form; else without (计算过程 then on decimal.js).
    for (const record of [true, false]) {
      this.localIds = new IdPool(this.moduleIds);
      this.localNames = new Map();
      try {
        const { lines, scales } = emitIntCalculator(this, c, this.calcId(c), v, this.constRanges, this.validity(c), record && recordPoints(c.body).size > 0);
        return { verdict: v, lines, scales: recordPoints(c.body).size > 0 ? scales : new Map() };
      } catch (e) {
        this.intHoisted.length = hoisted;
        if (e instanceof NoRecord) continue;
        if (!(e instanceof NotExact)) throw e;
        return { verdict: { path: "decimal", reason: e.reason } };
      } finally {
        [this.localIds, this.localNames] = saved;
      }
    }
    throw new Error("unreachable");
  }

  validity(c: IRCalculator): string {
    return `checkValidity(input["日期"], ${c.validity?.from ? `"${c.validity.from}"` : "undefined"}, ${c.validity?.to ? `"${c.validity.to}"` : "undefined"}, ${JSON.stringify(c.name)});`;
  }

  /** The TypeScript type of an expression's value in the body. */
  exprType(e: IRExpr): string {
    switch (e.k) {
      case "bool":
      case "cmp":
      case "and":
      case "or":
      case "not":
      case "contains":
      case "in":
        return "boolean";
      case "text":
      case "date":
      case "date-input":
      case "date-add":
        return "string";
      case "none":
        return "null";
      case "acc":
      case "cap-point":
        return "Decimal";
      default:
        return "type" in e ? valueType(e.type, this.typeNames) : "unknown";
    }
  }

  calcId(c: IRCalculator): string {
    return this.calcIds.get(c)!;
  }

  /** A symbol's identifier: a module constant's, or the current calculator's local (made on first sight). */
  name(s: Sym): string {
    const known = this.moduleNames.get(s.slot) ?? this.localNames.get(s.slot);
    if (known) return known;
    const id = this.localIds.take(s.name);
    this.localNames.set(s.slot, id);
    return id;
  }

  /** A rule's source text on one line. */
  text(r: SourceRange | undefined): string {
    return r ? sourceText(this.ir.sources[r.uri] ?? "", r) : "";
  }

  run(): string {
    const body: string[] = [];
    const base = this.o.module === "esm" && this.o.base ? { ...this.o.base, reuse: reusable(this.ir, this.o.base.ir), e: new Emitter(this.o.base.ir, { ...this.o, base: undefined }) } : undefined;
    if (this.o.module === "esm") {
      const own = base ? { ...this.ir, enums: this.ir.enums.filter((e) => !base.reuse.enums.has(e.name)) } : this.ir;
      if (base) body.push(...this.reexportEnums(base.reuse, base.e.typeNames));
      body.push(...enumDeclarations(own, this.typeNames, this.t ? "ts" : "js"), "");
    }
    // An amendment's module holds the constants its own calculators read; the base's module the rest.
    const needed = base ? constantsRead(this.ir, this.ir.calculators.filter((c) => !base.reuse.calculators.has(c.name))) : undefined;
    const constants = this.ir.constants.filter((c) => !needed || needed.has(c.sym.name));
    for (const c of constants) body.push(...this.constant(c));
    const paths = new Map(this.ir.calculators.filter((c) => !base?.reuse.calculators.has(c.name)).map((c) => [c.name, this.path(c)]));
    if ([...paths.values()].some((p) => p.lines)) {
      // Line by line: as a spread, a large policy's constants were more arguments than the stack holds.
      body.push(`// 整数路径的常量（定标整数）`);
      for (const line of emitIntConstants(this, constants, this.constRanges)) body.push(line);
      for (const line of this.intHoisted) body.push(line);
      body.push("");
    }
    for (const calc of this.ir.calculators) {
      const path = paths.get(calc.name);
      body.push(...(path ? this.calculator(calc, path) : this.reused(calc, base!.e.calcId(base!.ir.calculators.find((b) => b.name === calc.name)!))));
    }
    body.unshift(`// 输入的字段名与可选值按此表折叠繁体、全角写法（编译时只为本政策的名称生成）。`, `addFoldTable(${JSON.stringify(foldTable(policyNames(this.ir)))});`, "");
    const header = [
      `// 由 zhengce 从 ${this.o.sourceName ?? "政策文件"} 生成，请勿手工修改；修改政策请改 .policy 文件后重新编译。`,
      `// ${this.ir.name}${this.ir.docNumber ? `（${this.ir.docNumber}）` : ""}`,
    ];
    // Import only what the generated code calls (comments and quoted words such as a schema's "tier" aside), so the module reads (and type-checks) cleanly.
    const text = body.filter((l) => !/^\s*(\/\/|\/\*\*)/.test(l)).join("\n");
    const used = RUNTIME_NAMES.filter((n) => (n === "D" && this.numbers.size > 0) || new RegExp(`(?<![\\p{ID_Continue}$."])${n}\\b`, "u").test(text));
    const usedTypes = ["Decimal", "FieldSpec", "TraceStep", "Slice", "Tier", "AccumulatorSpec", "Version", "ScaledSlice", "ScaledTier"].filter((n) => new RegExp(`\\b${n}\\b`).test(text));
    const imports =
      this.o.module === "esm"
        ? [
            `import { ${used.join(", ")} } from "@zhengce/runtime";`,
            ...(this.t && usedTypes.length ? [`import type { ${usedTypes.join(", ")} } from "@zhengce/runtime";`] : []),
            ...(base ? [`import * as $基础 from ${JSON.stringify(base.specifier)};`] : []),
          ]
        : [`const { ${RUNTIME_NAMES.join(", ")}${this.o.coverage ? ", cov" : ""} } = rt;`];
    const nums = [...this.numbers].map(([slot, id]) => `const ${id} = D("${slot.slice(slot.indexOf(":") + 1)}");`);
    const calcEntries = this.ir.calculators.map((c) => {
      const id = this.calcId(c);
      return `  ${JSON.stringify(c.name)}: { name: ${JSON.stringify(c.name)}, inputFields: ${id}输入字段, outputSchema: ${id}输出结构, run: ${id}, runSequence: ${id}序列 },`;
    });
    // What an amendment's module takes from this one: each calculator's parser, computation and accumulators.
    const parts = this.ir.calculators.map((c) => `  ${JSON.stringify(c.name)}: { 解析: ${this.calcId(c)}解析, 计算: ${this.calcId(c)}计算, 累计: ${this.calcId(c)}累计 },`);
    const footer =
      this.o.module === "esm"
        ? [`/** 本政策的全部计算器，按名称。 */`, `export const calculators = {`, ...calcEntries, `};`, `/** 供修订本政策的模块复用（非公开接口）。 */`, `export const $部件 = {`, ...parts, `};`]
        : [`return {`, ...calcEntries, `};`];
    return [...header, "", ...imports, "", "// 常量", ...nums, "", ...body, ...footer, ""].join("\n");
  }

  /** Enums the amendment left as they were: the base module's types and member arrays. */
  reexportEnums(reuse: Reuse, baseNames: TypeNames): string[] {
    const enums = this.ir.enums.filter((e) => reuse.enums.has(e.name));
    if (enums.length === 0) return [];
    const spec = JSON.stringify(this.o.base!.specifier);
    const pairs = (f: (names: TypeNames, n: string) => string) => enums.map((e) => (f(baseNames, e.name) === f(this.typeNames, e.name) ? f(baseNames, e.name) : `${f(baseNames, e.name)} as ${f(this.typeNames, e.name)}`)).join(", ");
    const types = pairs((n, x) => n.enumType(x));
    return [
      `// 枚举与基础政策相同。`,
      ...(this.t ? [`import type { ${types} } from ${spec};`, `export type { ${enums.map((e) => this.typeNames.enumType(e.name)).join(", ")} };`] : []),
      `export { ${pairs((n, x) => n.enumValues(x))} } from ${spec};`,
      "",
    ];
  }

  /**
   * A calculator the amendment left as it was: the base module's, under the amendment's period
   * (which lies within the base's, so the base's own check then passes).
   */
  private reused(c: IRCalculator, baseId: string): string[] {
    const id = this.calcId(c);
    const parts = `$${id}部件`;
    const spec = JSON.stringify(this.o.base!.specifier);
    const out = [`// ───────── 计算「${c.name}」：与基础政策相同，限于本政策的有效期 ─────────`];
    if (this.t) out.push(...reusedTypes(id, baseId, this.o.base!.specifier));
    out.push(
      `${this.exp("const")} ${id}输入字段 = $基础.${baseId}输入字段;`,
      `${this.exp("const")} ${id}输出结构 = $基础.${baseId}输出结构;`,
      `const ${parts} = $基础.$部件[${JSON.stringify(c.name)}];`,
      `const ${id}解析 = ${parts}.解析;`,
      `const ${id}累计 = ${parts}.累计;`,
      `const ${id}计算${this.t ? `: typeof ${parts}.计算` : ""} = (input, acc, trace) => {`,
      `  checkValidity(input["日期"], ${c.validity?.from ? `"${c.validity.from}"` : "undefined"}, ${c.validity?.to ? `"${c.validity.to}"` : "undefined"}, ${JSON.stringify(c.name)});`,
      `  return ${parts}.计算(input, acc, trace);`,
      `};`,
      "",
    );
    const generics = this.t ? `<${id}结果, Parameters<typeof ${id}计算>[0], Parameters<typeof ${id}计算>[1]>` : "";
    return [...out, ...this.runners(c, id, generics)];
  }

  private exp(keyword: string): string {
    return this.o.module === "esm" ? `export ${keyword}` : keyword;
  }

  // ── constants ──
  num(value: string, type: Ty): string {
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
    const doc = `/** ${this.text(c.rule).slice(0, 120).replace(/\*\//g, "* /")}${c.cite ? ` — 依据 ${c.cite}` : ""} */`;
    const value = valueType(c.type, this.typeNames);
    // A table's keys are its rows' (every member of its enum: the checker refuses a missing one).
    const keys = c.k === "table" ? c.entries.map((e) => JSON.stringify(e.key)).join(" | ") || "never" : "";
    const ty = this.t ? `: ${c.k === "table" ? `Readonly<Record<${keys}, ${value}>>` : c.k === "versions" ? `readonly Version<${value}>[]` : value}` : "";
    const id = this.name(c.sym);
    if (c.k === "scalar") return [doc, `const ${id}${ty} = ${this.expr(c.value)};`, ""];
    if (c.k === "table") {
      return [doc, `const ${id}${ty} = {`, ...c.entries.map((e) => `  ${JSON.stringify(e.key)}: ${this.expr(e.value)},`), `};`, ""];
    }
    return [
      doc,
      `const ${id}${ty} = [`,
      ...c.versions.map((v) => `  { ${v.from ? `from: "${v.from}", ` : ""}${v.to ? `to: "${v.to}", ` : ""}value: ${this.expr(v.value)} },`),
      `];`,
      "",
    ];
  }

  // ── calculators ──
  private calculator(c: IRCalculator, path: Path): string[] {
    this.localIds = new IdPool(this.moduleIds);
    this.localNames = new Map();
    this.points = recordPoints(c.body);
    this.defaulted = new Set(c.body.flatMap((s) => (s.k === "default" ? [s.input] : [])));
    this.absent = new Set(c.inputs.filter((i) => absentIsNull(i) && !this.defaulted.has(i.name)).map((i) => i.name));
    const out: string[] = [];
    const fields = inputFields(c, this.ir);
    const id = this.calcId(c);
    const bt = this.t ? bodyTypes(c, id, this.typeNames) : undefined;
    out.push(`// ───────── 计算「${c.name}」 ─────────`, `// 计算路径：${describeVerdict(path.verdict)}`);
    if (this.t) out.push(...this.types(c));
    out.push(`/** 「${c.name}」的输入字段（封闭：未声明的字段是错误）。 */`);
    out.push(`${this.exp("const")} ${id}输入字段${this.t ? ": readonly FieldSpec[]" : ""} = ${JSON.stringify(fields)};`);
    out.push(`${this.exp("const")} ${id}输出结构 = ${JSON.stringify(outputSchema(c, this.ir))};`);
    if (bt) out.push(...bt.lines);
    out.push(`const ${id}解析 = makeInputParser${bt ? `<${bt.parsed}>` : ""}(${id}输入字段);`);
    const accs = c.accumulators.map((a) => ({ name: a.name, period: a.period, fields: a.scalar ? null : a.fields.map((f) => f.name) }));
    out.push(`/** 「${c.name}」的累计（由运行时逐件结转、跨期归零）。 */`);
    out.push(`const ${id}累计${this.t ? ": readonly AccumulatorSpec[]" : ""} = ${JSON.stringify(accs)};`);
    out.push("");
    out.push(`/** 计算一件（已校验的输入、累计状态），返回输出与本件应计入累计的数。 */`);
    // Without accumulators `acc` is never read: `_acc` says so (noUnusedParameters).
    const accParam = c.accumulators.length ? "acc" : "_acc";
    out.push(`function ${id}计算($in${bt ? `: ${bt.parsed}` : ""}, ${accParam}${bt ? `: ${bt.acc ?? "unknown"}` : ""}, trace${this.t ? ": Trace" : ""}) {`);
    // The body reads integers as decimals; an input with a default computed per case is replaced.
    const ints = c.inputs.filter((i) => i.type.k === "int" || i.type.k === "number");
    const toDecimal = (i: IRCalculator["inputs"][number]) => {
      const n = JSON.stringify(i.name);
      return i.required || (i.default && i.default.k !== "none") ? `${n}: D($in[${n}])` : `${n}: $in[${n}] === null ? null : D($in[${n}])`;
    };
    const view = ints.length ? `{ ...$in, ${ints.map(toDecimal).join(", ")} }` : "$in";
    out.push(`  ${c.body.some((s) => s.k === "default") ? "let" : "const"} input${bt ? `: ${bt.view}` : ""} = ${view};`);
    for (const i of c.inputs.filter((x) => x.min)) {
      const n = JSON.stringify(i.name);
      out.push(`  if (input[${n}] !== null && input[${n}].lt(${this.expr(i.min!)})) throw new InputError(${n}, \`字段「${i.name}」应为不小于 \${${this.expr(i.min!)}.toString()}，收到 \${input[${n}].toString()}\`, "不小于下限的数值", "R114");`);
    }
    out.push(`  ${this.validity(c)}`);
    for (const s of c.body) out.push(...this.stmt(s).map((l) => `  ${l}`));
    // The steps, from what the case recorded (the integer path builds them with the same function).
    if (this.points.size) out.push(`  if (trace.enabled) ${id}过程(trace.record, trace);`);
    out.push(`  return {`);
    out.push(`    outputs: {`);
    for (const o of c.outputs) out.push(`      ${JSON.stringify(o.name)}: ${formatOut(this.name(o.sym), o.type)},`);
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
    if (this.points.size) out.push(...this.materialiser(c, id, path.scales ?? null, bt?.view), "");
    out.push(...this.runners(c, id, bt ? `<${id}结果, ${bt.parsed}, ${bt.acc ?? "unknown"}>` : "", path));
    return out;
  }

  /** A point's record: its number and the values it reads (record.ts), as the decimal body holds them. */
  recordLine(s: IRStmt): string {
    const leaf = (l: Leaf) => (l.k === "input" ? `input[${JSON.stringify(l.name)}]` : l.k === "acc" ? `acc[${JSON.stringify(l.name)}]${l.field === undefined ? "" : `[${JSON.stringify(l.field)}]`}` : this.name(l.sym));
    return `trace.record.push(${[this.points.get(s)!, ...pointLeaves(s).map(leaf)].join(", ")});`;
  }

  /**
   * The steps from a record (record.ts), for both paths: for each point recorded, the values it
   * read — a number the integer path recorded converted to the decimal the decimal path holds
   * (`scales`: at what scale, by point) — under the names the decimal body gives them, then the
   * point's step with this case's values. Emitted after the decimal body, whose names and
   * brackets' 依据 it shares.
   */
  private materialiser(c: IRCalculator, id: string, scales: RecordScales | null, view: string | undefined): string[] {
    const t = this.t;
    const read = (l: Leaf, scale: number | null | undefined, type: string) =>
      `${l.k === "acc" || isNumeric(l.type) ? `fromScaledValue($rec[$i++], ${scale ?? 0})` : "$rec[$i++]"}${t ? ` as ${type}` : ""}`;
    const out = [`/** 「${c.name}」的计算过程：由本件记下的数值（整数路径为定标整数）生成。 */`, `function ${id}过程($rec${t ? ": readonly unknown[]" : ""}, trace${t ? ": Trace" : ""})${t ? ": void" : ""} {`];
    // The slices a step shows: rebuilt from their recorded values where the body builds them.
    for (const p of this.points.keys()) {
      if (p.k !== "slices") continue;
      const tierOf = p.slices[0] ? this.exprType(p.slices[0].value) : "Decimal";
      out.push(`  let ${this.name(p.sym)}${t ? `: ${p.mode === "累进" ? "Slice[]" : `Tier<${tierOf}>[]`}` : ""} = [];`);
    }
    out.push(`  for (let $i = 0; $i < $rec.length; ) {`, `    switch ($rec[$i++]) {`);
    for (const [stmt, n] of this.points) {
      const decl: string[] = [];
      const at = scales?.get(n);
      const p = { stmt, leaves: pointLeaves(stmt).map((leaf, j) => ({ leaf, scale: at?.[j] })) };
      const inputs = p.leaves.flatMap((l) => (l.leaf.k === "input" ? [`${JSON.stringify(l.leaf.name)}: ${read(l.leaf, l.scale, `${view}[${JSON.stringify(l.leaf.name)}]`)}`] : []));
      if (inputs.length) decl.push(`const input = { ${inputs.join(", ")} };`);
      const accs = new Map<string, string[]>();
      for (const l of p.leaves) {
        if (l.leaf.k !== "acc") continue;
        const fields = accs.get(l.leaf.name) ?? [];
        fields.push(l.leaf.field === undefined ? read(l.leaf, l.scale, "Decimal") : `${JSON.stringify(l.leaf.field)}: ${read(l.leaf, l.scale, "Decimal")}`);
        accs.set(l.leaf.name, fields);
      }
      if (accs.size) decl.push(`const acc = { ${[...accs].map(([name, f]) => `${JSON.stringify(name)}: ${c.accumulators.find((a) => a.name === name)?.scalar ? f[0] : `{ ${f.join(", ")} }`}`).join(", ")} };`);
      for (const l of p.leaves) if (l.leaf.k === "local") decl.push(`const ${this.name(l.leaf.sym)} = ${read(l.leaf, l.scale, valueType(l.leaf.type, this.typeNames))};`);
      const code = stmt.k === "trace" ? [this.traceStep(stmt.point)] : stmt.k === "slices" ? this.sliceRows(stmt, `${this.name(stmt.sym)} = [`) : [];
      out.push(`      case ${n}: {`, ...[...decl, ...code, `break;`].map((l) => `        ${l}`), `      }`);
    }
    out.push(`    }`, `  }`, `}`);
    return out;
  }

  /** A bracket's slices for the case as a JavaScript array, after `head` (`const 名 = [`). */
  sliceRows(s: Extract<IRStmt, { k: "slices" }>, head: string): string[] {
    const key = s.mode === "累进" ? "rate" : "value";
    const out = [head];
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
    return out;
  }

  /** The calculator's two entry points over its parser, computation and accumulators. */
  /** `path`: the calculator's exact integer path, when it has one (a calculator reused from the base runs the base's parts on decimal.js). */
  private runners(c: IRCalculator, id: string, generics: string, path?: Path): string[] {
    const out: string[] = [];
    const optT = this.t ? `: ${OPTIONS_TYPE}` : "";
    // The explanation costs 2–4× the arithmetic: only when asked for.
    const args = `options.计算过程 === true, ${id}解析, ${id}计算, ${id}累计`;
    if (path?.lines) {
      out.push(...path.lines, "");
      out.push(`const ${id}解析整数 = makeScaledParser${this.t ? `<$${id}整数值>` : ""}(${id}输入字段);`, "");
    }
    out.push(`/** 「${c.name}」：计算一件。输入错误时抛出 InputError（中文说明，指明字段）。 */`);
    out.push(`${this.exp("function")} ${id}(raw${this.t ? `: ${id}输入` : ""}, options${optT} = {})${this.t ? `: ${id}结果` : ""} {`);
    const g = this.t ? `<${id}结果, $${id}整数值>` : "";
    if (path?.scales) {
      // A case inside the proven limit runs on scaled integers, its 计算过程 recorded when asked for; else on decimal.js.
      out.push(`  if (options.十进制 !== true) {`, `    const r = options.计算过程 === true ? runRecorded${g}(raw, ${id}解析整数, ${id}整数) : runScaled${g}(raw, ${id}解析整数, ${id}整数);`, `    if (r !== null) return r;`, `  }`);
    } else if (path?.lines) {
      // Without 计算过程 a case inside the proven limit runs on scaled integers; else on decimal.js.
      out.push(`  if (options.计算过程 !== true && options.十进制 !== true) {`, `    const r = runScaled${g}(raw, ${id}解析整数, ${id}整数);`, `    if (r !== null) return r;`, `  }`);
    }
    out.push(`  return runCase${generics}(raw, ${args});`);
    out.push(`}`);
    out.push("");
    out.push(`/** 「${c.name}」：一人一年内按日期排列的多件，累计（${c.accumulators.map((a) => a.name).join("、") || "无"}）由计算器逐件结转，跨期归零。 */`);
    out.push(`${this.exp("function")} ${id}序列(raws${this.t ? `: readonly ${id}输入[]` : ""}, options${optT} = {})${this.t ? `: readonly ${id}结果[]` : ""} {`);
    out.push(`  return runSequence${generics}(raws, ${args});`);
    out.push(`}`);
    out.push("");
    return out;
  }

  types(c: IRCalculator): string[] {
    return calculatorTypes(c, this.ir, this.calcId(c), this.typeNames);
  }

  // ── statements ──
  /** `explaining`: already inside a block that runs only when the trace is on. */
  stmt(s: IRStmt, explaining = false): string[] {
    const lines = (STMT[s.k] as (x: Emitter, s: IRStmt) => string[])(this, s);
    return s.k === "trace" && !explaining ? lines.map((l) => `if (trace.enabled) ${l}`) : lines;
  }

  // ── the explanation (计算过程) ──
  /** One trace step: the typed step (runtime trace.ts) with this case's values, as one statement. */
  traceStep(p: TracePoint): string {
    const source = this.ir.sources[(p as { rule?: SourceRange }).rule?.uri ?? ""] ?? "";
    const ctx: TermContext = { item: p.item, cite: p.cite, quote: p.quote };
    const common = `项目: ${JSON.stringify(p.item)}, 依据: ${JSON.stringify(p.cite)}${p.quote ? `, 原文: ${JSON.stringify(p.quote)}` : ""}`;
    switch (p.k) {
      case "rule": {
        const v = this.name(p.result);
        const shown = fmtValue(v, p.type);
        // The rule as written, then the same rule with this case's numbers in it.
        const plain = ["input", "local", "const", "version", "acc", "date-input", "versions-lit"].includes(p.value.k);
        const withValues = hasLeaves(p.value) && !plain ? ` = ${this.valued(p.value)}` : "";
        const head = `${esc(p.label)}：${esc(this.text(p.rule))}`;
        const unit = unitOf(p.type);
        const rest = `结果: termValue(${v}), 单位: ${unit}, 舍入: ${p.type.k === "money"}, 算式: $t`;
        let top = p.value;
        while (top.k === "clamp") top = top.e;
        if (withValues && top.k === "if") {
          // The branch taken may be the value itself (「如果 … 则 无 否则 …」): said once, not 「= 无 = 无」.
          const say = `\`${head}\${$w === $s ? "" : " = " + $w} = \${$s}\``;
          return `{ const $t = ${this.term(p.value, ctx)}; const $s = ${shown}; const $w = \`${this.valued(p.value)}\`; trace.add({ kind: "value", ${common}, 说明: ${say}, 值: $s, ${rest} }); }`;
        }
        const say = `\`${head}${withValues} = \${${shown}}\``;
        return `{ const $t = ${this.term(p.value, ctx)}; trace.add({ kind: "value", ${common}, 说明: ${say}, 值: ${shown}, ${rest} }); }`;
      }
      case "modifier": {
        const v = this.name(p.result);
        const unit = unitOf(p.type);
        const say = `\`${esc(ruleText(source, p.rule))}：\${showTerm(termValue(${v}), ${unit})} → \${showTerm($t.值, ${unit})}\``;
        return `{ const $t = ${this.term(p.value, ctx)}; trace.add({ kind: "modifier", ${common}, 说明: ${say}, 值: showTerm($t.值, ${unit}), 修正前: termValue(${v}), 修正后: $t.值, 单位: ${unit}, 算式: $t }); }`;
      }
      case "adjusted":
        return `trace.add({ kind: "adjusted", ${common}, 说明: ${JSON.stringify(`${p.what}：${ruleText(source, p.rule)}`)} });`;
      case "layer": {
        const v = this.name(p.rest);
        return `{ const $t = ${this.term(p.value, ctx)}; trace.add({ kind: "layer", ${common}, 说明: \`分层结算的起点：${esc(this.text(p.rule))} = \${formatMoney(${v})}元\`, 值: formatMoney(${v}), 结果: ${v}.toFixed(), 算式: $t }); }`;
      }
      case "consumed": {
        const rest = this.name(p.rest);
        const amount = this.name(p.amount);
        return `{ const $r = consume(${rest}, ${amount}); trace.add({ kind: "consumed", ${common}, 步骤: ${JSON.stringify(p.step)}, 说明: \`扣除「${esc(p.step)}」后剩余 \${formatMoney($r)}元\`, 值: formatMoney($r), 修正前: ${rest}.toFixed(), 扣除: ${amount}.toFixed(), 结果: $r.toFixed() }); }`;
      }
    }
  }

  /**
   * An expression as JavaScript building its `Term` (runtime trace.ts): each node with its
   * value, evaluated again only when explaining; brackets, 较小/较大 and time versions also
   * add their own steps (slices, the argument taken, the version in force) before the rule's.
   */
  term(e: IRExpr, c: TermContext): string {
    const unit = unitOf((e as { type?: Ty }).type);
    const v = () => this.expr(e);
    const leaf = (name?: string, source?: string) => `termLeaf(${v()}, ${unit}${name !== undefined ? `, ${JSON.stringify(name)}` : source ? ", undefined" : ""}${source ? `, ${JSON.stringify(source)}` : ""})`;
    const op = (o: string, items: IRExpr[]) => `termOp(${JSON.stringify(o)}, [${items.map((i) => this.term(i, c)).join(", ")}], ${v()}, ${unit})`;
    const where = `${JSON.stringify(c.cite)}${c.quote ? `, ${JSON.stringify(c.quote)}` : ""}`;
    switch (e.k) {
      case "num":
        return leaf();
      case "input":
        return leaf(e.name, "输入");
      case "date-input":
        return `termLeaf(${v()}, "", "日期", "输入")`;
      case "acc":
        return `termLeaf(${v()}, "元", ${JSON.stringify(e.field ? `${e.name}.${e.field}` : e.name)}, "累计")`;
      case "local":
        return leaf(e.sym.name, "步骤");
      case "const":
        return leaf(e.sym.name, "参数");
      case "version":
        return this.versionTerm(e.sym, c, unit);
      case "lookup": {
        const t = e.table;
        const tableName = t.k === "const" || t.k === "local" || t.k === "version" ? t.sym.name : undefined;
        if (e.many) return `termOp("列表", ${v()}.map(($x${this.t ? ": unknown" : ""}) => termLeaf($x, ${unit})), ${v()}, ${unit})`;
        const named = tableName ? `termLeaf(${v()}, ${unit}, \`${esc(tableName)}[\${${this.expr(e.key)}}]\`, "参数")` : leaf();
        return t.k === "version" ? `(${this.versionTerm(t.sym, c, unit)}, ${named})` : named;
      }
      case "arith":
        return op({ "+": "+", "-": "−", "×": "×", "÷": "÷" }[e.op], [e.l, e.r]);
      case "neg":
        return op("负", [e.e]);
      case "pos":
        return op("正值", [e.e]);
      case "clamp":
        return `termOp("限于0至100%", [${this.term(e.e, c)}], ${v()}, "%")`;
      case "round":
        return op("舍入", [e.e]);
      case "if":
        return `termOp("如果", [${this.expr(e.c)} ? ${this.term(e.t, c)} : ${this.term(e.e, c)}], ${v()}, ${unit})`;
      case "list":
        return `termOp("列表", [${e.items.map((i) => this.term(i, c)).join(", ")}], ${v()}, "")`;
      case "call":
        if (e.type.k === "date") return leaf();
        if (e.fn === "lesser" || e.fn === "greater") return `trace.pick(${JSON.stringify(c.item)}, ${JSON.stringify(builtinName(e.fn))}, [${e.args.map((a) => this.term(a, c)).join(", ")}], ${v()}, ${unit}, ${where})`;
        if (e.fn === "positivePart" || e.fn === "maximum" || e.fn === "minimum" || e.fn === "sum") return op(builtinName(e.fn), e.args);
        return leaf();
      case "bracket": {
        const s = this.slicesOf.get(e.slices.slot);
        const w = s ? `${JSON.stringify(s.cite)}${s.quote ? `, ${JSON.stringify(s.quote)}` : ""}` : where;
        if (e.mode === "全额") return `trace.tier(${JSON.stringify(c.item)}, ${JSON.stringify(e.name)}, ${this.name(e.slices)}, ${this.term(e.arg, c)}, ${v()}, ${unit}, ${w})`;
        return `trace.bracket(${JSON.stringify(c.item)}, ${JSON.stringify(e.name)}, ${this.name(e.slices)}, ${this.term(e.arg, c)}, ${e.accumulated ? this.term(e.accumulated, c) : "null"}, ${v()}, ${w})`;
      }
      case "cap-point":
        return `termLeaf(${v()}, "元", ${JSON.stringify(`封顶点（${e.name}）`)})`;
      default:
        // Conditions, dates, texts, tables built per case: shown by value.
        return leaf();
    }
  }

  /** A time-versioned constant read by a rule: the version in force is a step of its own. */
  private versionTerm(sym: Sym, c: TermContext, unit: string): string {
    const k = this.ir.constants.find((x) => x.sym.slot === sym.slot);
    const sources = k?.k === "versions" ? k.versions.map((x) => ({ cite: x.cite ?? k.cite, ...(x.quote ? { quote: x.quote } : {}) })) : [];
    return `trace.version(${JSON.stringify(c.item)}, ${JSON.stringify(sym.name)}, ${this.name(sym)}, ${JSON.stringify(sources)}, input["日期"], ${unit})`;
  }

  // ── expressions ──
  expr(e: IRExpr): string {
    return (EXPR[e.k] as (x: Emitter, e: IRExpr) => string)(this, e);
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
        if (e.table.k === "const" && !e.many) return `${esc(e.table.sym.name)}[\${${this.expr(e.key)}}]`;
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
      case "round":
        return `舍入（${this.valued(e.e)}）`;
      case "neg":
        return `−${this.valued(e.e, { op: "×", right: true })}`;
      case "pos":
        return `正值（${this.valued(e.e)}）`;
      case "if":
        return `\${${this.expr(e.c)} ? \`${this.valued(e.t)}\` : \`${this.valued(e.e)}\`}`;
      case "list":
        return `[${e.items.map((i) => this.valued(i)).join("、")}]`;
      case "call":
        return `${builtinName(e.fn)}（${e.args.map((a) => this.valued(a)).join("，")}）`;
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

  wrap(e: IRExpr): string {
    const s = this.expr(e);
    return e.k === "if" || e.k === "and" || e.k === "or" ? `(${s})` : s;
  }
  wrapBool(e: IRExpr): string {
    const s = this.expr(e);
    return /^[\p{ID_Continue}$.[\]"()]+$/u.test(s) && !s.includes(" ") ? s : `(${s})`;
  }
}

/** JavaScript-safe, unique identifiers that keep the policy's own words. */
export class IdPool {
  private readonly used = new Set<string>(RESERVED);
  constructor(private readonly parent?: IdPool) {}
  has(id: string): boolean {
    return this.used.has(id) || !!this.parent?.has(id);
  }
  /** A new identifier for `name`, also apart from those of `avoid`. */
  take(name: string, avoid?: IdPool): string {
    // Policy names never produce `$`: generated helpers and constants use it.
    let base = name.replace(/[^\p{ID_Continue}]/gu, "_");
    if (!/^[\p{ID_Start}_]/u.test(base)) base = `_${base}`;
    let id = base;
    for (let i = 2; this.has(id) || !!avoid?.has(id); i++) id = `${base}_${i}`;
    this.used.add(id);
    return id;
  }
}

// Names the generated code uses for itself, runtime helpers included.
const RESERVED = [
  ...RUNTIME_NAMES, "cov", "raws", "options", "results", "state", "periods", "outputs", "added", "rt",
  "input", "acc", "trace", "D", "rt", "date", "result", "out", "value", "Decimal", "await", "break", "case", "catch", "class",
  "const", "continue", "debugger", "default", "delete", "do", "else", "export", "extends", "false", "finally", "for",
  "function", "if", "import", "in", "instanceof", "let", "new", "null", "return", "super", "switch", "this", "throw",
  "true", "try", "typeof", "var", "void", "while", "with", "yield", "undefined", "NaN", "Infinity",
];

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

/** The names a term building a trace step needs. */
interface TermContext {
  item: string;
  cite: string;
  quote?: string;
}

/** The unit a trace shows a value of this type in (runtime `TermUnit`), as JavaScript. */
function unitOf(t: Ty | undefined): string {
  switch (t?.k) {
    case "money":
      return `"元"`;
    case "rate":
      return `"%"`;
    case "points":
      return `"个百分点"`;
    default:
      return `""`;
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
    case "list":
    case "set":
      // Results are frozen, their lists too.
      return `Object.freeze(${v})`;
    default:
      return v;
  }
}

/** The constants `calculators` read, with the constants those read, by name. */
export function constantsRead(ir: IRPolicy, calculators: readonly IRCalculator[]): Set<string> {
  const byName = new Map(ir.constants.map((c) => [c.sym.name, c]));
  const out = new Set<string>();
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) for (const y of x) visit(y);
    else if (x && typeof x === "object") {
      const o = x as { k?: string; sym?: { name: string } };
      if ((o.k === "const" || o.k === "version") && o.sym && !out.has(o.sym.name)) {
        out.add(o.sym.name);
        visit(byName.get(o.sym.name));
      }
      for (const v of Object.values(o)) visit(v);
    }
  };
  visit(calculators);
  return out;
}
