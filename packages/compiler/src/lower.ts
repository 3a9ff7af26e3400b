// Checked model → IR. Parameters and brackets are instantiated inside each calculator that
// uses them, right before their first use, so their modifiers see that calculator's inputs
// and the explanation trace lists them where they first matter.
import type * as A from "@zhengce/dsl";
import { foldName, bracketRanges, type Analysis, type CalculatorInfo, type Sym, type Type } from "@zhengce/dsl";
import { defaultMaximum } from "./maxima.js";
import { RUNTIME_NAMES } from "./runtime-names.js";
import type { IRCalculator, IRConstant, IRExpr, IRModifierChain, IRPolicy, IRSlice, IRStmt } from "./ir.js";

const MONEY: Type = { k: "money" };
const RATE: Type = { k: "rate" };

export function lower(analysis: Analysis): IRPolicy {
  const m = analysis.model;
  const constants: IRConstant[] = [];
  const ids = new IdPool();
  const constIds = new Map<object, string>();
  const cite = (uri: string, c: A.Citation[] | undefined, fallback = ""): string => {
    const clause = c?.[0]?.clause;
    if (!clause) return fallback;
    if (/〔\d{4}〕\d+号|\[\d{4}\]\d+号/.test(clause.normalize("NFKC"))) return clause;
    const doc = m.docNumberFor(uri) ?? m.meta.docNumber;
    return doc ? `${doc} ${clause}` : clause;
  };
  const declarations: string[] = [];
  const lineOf = (uri: string, offset: number) => (analysis.sources.get(uri) ?? "").slice(0, offset).split("\n").length;
  const fileOf = (uri: string) => uri.split(/[\\/]/).pop() ?? uri;
  const labels = new Map<object, string>();
  /** A declaration's name in coverage reports: 参数「大病起赔标准」（base.policy 第74行）. */
  const label = (node: object, kind: string, name: string, uri: string, span: A.Span): string => {
    let l = labels.get(node);
    if (!l) {
      l = `${kind}「${name}」（${fileOf(uri)} 第${lineOf(uri, span.start)}行）`;
      labels.set(node, l);
      // An amendment answers for its own declarations; the base's are the base's examples' job.
      if (uri === analysis.uri) declarations.push(l);
    }
    return l;
  };
  /** Labels reached by the statement being lowered. */
  let touched: string[] = [];
  // A rule's source text on one line, as the explanation quotes it (line breaks the formatter
  // put inside brackets and after commas are dropped, not turned into spaces).
  // The 说明 of a step quotes its source without the comments inside it, so that formatting
  // (which may move a comment out of an expression) never changes what the trace says.
  const comments = new Map(analysis.files.map((f) => [f.uri, f.ast.comments]));
  const withoutComments = (uri: string, span: A.Span) => {
    const text = analysis.sources.get(uri) ?? "";
    let out = "";
    let at = span.start;
    for (const c of comments.get(uri) ?? []) {
      if (c.span.start < at || c.span.end > span.end) continue;
      out += text.slice(at, c.span.start) + " ";
      at = c.span.end;
    }
    return out + text.slice(at, span.end);
  };
  const source = (uri: string, span: A.Span) =>
    withoutComments(uri, span)
      .replace(/\s+/g, " ")
      .replace(/([（(\[［，,、]) /g, "$1")
      .replace(/ ([）)\]］，,、])/g, "$1")
      .trim();

  /** A literal-only expression, lowered without any calculator context. */
  const literal = (e: A.Expr, type: Type): IRExpr => {
    const leaf = constantLeaf(e, type);
    if (leaf) return leaf;
    switch (e.kind) {
      case "Ref":
        return { k: "text", value: memberText(m, type, e.name) };
      case "List":
        return { k: "list", items: e.items.map((i) => literal(i, type.k === "set" ? { k: "enum", name: type.of, key: type.ofKey } : type)) };
      case "Unary":
        if (e.op === "-") return { k: "neg", e: literal(e.operand, type), type };
    }
    return { k: "num", value: "0", type };
  };

  /** A table's rows over every member of its enum, `其他` filling the rest, each value lowered by `value`. */
  const tableRows = (d: A.ParamDecl, entries: A.TableEntry[], value: (e: A.Expr) => IRExpr) => {
    const enumDecl = d.by ? m.enums.get(d.by.key) : undefined;
    const rows: { key: string; value: IRExpr }[] = [];
    const covered = new Set<string>();
    for (const t of entries) for (const k of t.keys) {
      const member = enumDecl?.members.find((x) => x.key === k.key);
      if (member) {
        rows.push({ key: member.text, value: value(t.value) });
        covered.add(member.key);
      }
    }
    const other = entries.find((t) => t.other);
    if (other && enumDecl) for (const mem of enumDecl.members) if (!covered.has(mem.key)) rows.push({ key: mem.text, value: value(other.value) });
    return rows;
  };

  /** Module constant for a parameter without modifiers (scalar, table, or versions). */
  const paramConstant = (p: Extract<Sym, { kind: "param" }>, idName = p.decl.name.text): IRExpr | undefined => {
    const d = p.decl;
    if (d.modifiers.length) return undefined;
    const known = constIds.get(d);
    if (known) return d.versions ? { k: "version", id: known, name: d.name.text, type: p.type } : { k: "const", id: known, type: p.type };
    const isLiteral = (e: A.Expr | undefined) => !e || e.kind === "Number" || e.kind === "Bool" || e.kind === "Date" || e.kind === "None" || (e.kind === "Unary" && e.operand.kind === "Number");
    const tableLiteral = (t: A.TableEntry[] | undefined) => (t ?? []).every((x) => isLiteral(x.value));
    if (!isLiteral(d.value) || !tableLiteral(d.table) || !(d.versions ?? []).every((v) => isLiteral(v.value) && tableLiteral(v.table))) return undefined;
    const id = ids.take(idName);
    constIds.set(d, id);
    const src = source(p.uri, d.span).slice(0, 120);
    const c = cite(p.uri, d.citations);
    const tableEntries = (entries: A.TableEntry[]) => tableRows(d, entries, (e) => literal(e, p.type));
    if (d.versions) {
      const versions = d.versions.map((v, i) => {
        let value: IRExpr;
        if (v.table) {
          const tid = ids.take(`${d.name.text}_${v.validity.from?.value ?? i}`);
          constants.push({ k: "table", id: tid, type: p.type, entries: tableEntries(v.table), source: src, cite: cite(p.uri, v.citations, c) });
          value = { k: "const", id: tid, type: p.type };
        } else value = literal(v.value!, p.type);
        return { from: v.validity.from?.value, to: v.validity.to?.value, value };
      });
      constants.push({ k: "versions", id, type: p.type, versions, source: src, cite: c });
      return { k: "version", id, name: d.name.text, type: p.type };
    }
    if (d.table) constants.push({ k: "table", id, type: p.type, entries: tableEntries(d.table), source: src, cite: c });
    else constants.push({ k: "scalar", id, type: p.type, value: literal(d.value!, p.type), source: src, cite: c });
    return { k: "const", id, type: p.type };
  };

  for (const p of m.params.values()) {
    label(p.decl, "参数", p.decl.name.text, p.uri, p.decl.span);
    for (const mod of p.decl.modifiers) label(mod, "修正", source(p.uri, mod.span).replace(/(依据|依據).*$/, "").trim(), p.uri, mod.span);
  }
  for (const b of m.brackets.values()) {
    label(b.decl, "分段", b.decl.name.text, b.uri, b.decl.span);
    for (const mod of b.decl.modifiers) label(mod, "修正", source(b.uri, mod.span).replace(/(依据|依據).*$/, "").trim(), b.uri, mod.span);
  }
  for (const c of m.calculators.values()) {
    const steps = c.decl.body.flatMap((i) => (i.kind === "StepDecl" ? [i] : i.kind === "LayeredBlock" ? i.steps : []));
    for (const s of steps) {
      label(s, "步骤", `${c.name}.${s.name.text}`, c.uri, s.span);
      for (const mod of s.modifiers) label(mod, "修正", source(c.uri, mod.span).replace(/(依据|依據).*$/, "").trim(), c.uri, mod.span);
    }
    for (const r of c.decl.body) if (r.kind === "Refusal") label(r, "拒绝", `${c.name}.${r.field.text}`, c.uri, r.span);
  }
  const calculators: IRCalculator[] = [];
  for (const c of m.calculators.values()) calculators.push(lowerCalculator(c));

  function lowerCalculator(c: CalculatorInfo): IRCalculator {
    const local = new IdPool(ids);
    const stmts: IRStmt[] = [];
    const calcCite = cite(c.uri, c.decl.citations, m.meta.docNumber ?? "");
    const stepLocals = new Map<A.StepDecl, string>();
    const paramLocals = new Map<object, string>();
    let layer: string | undefined;

    const enumProvider = (enumKey: string): IRExpr => {
      for (const i of c.inputs) if (i.type.k === "enum" && i.type.key === enumKey) return { k: "input", name: i.name, type: i.type };
      for (const [s, id] of stepLocals) {
        const t = c.outputs.find((o) => o.decl === s)?.type;
        if (t?.k === "enum" && t.key === enumKey) return { k: "local", local: id, type: t };
      }
      return { k: "text", value: "" };
    };

    const chains = (mods: A.Modifier[], uri: string, fallbackCite: string): IRModifierChain[] => {
      const out: IRModifierChain[] = [];
      for (const mod of mods) {
        const branch = {
          label: label(mod, "修正", source(uri, mod.span).replace(/(依据|依據).*$/, "").trim(), uri, mod.span),
          cond: mod.cond ? expr(mod.cond, uri) : undefined,
          actions: mod.actions.map((a) => ({ verb: a.kind, value: expr(a.value, uri), text: source(uri, a.span) })),
          text: source(uri, mod.span).replace(/(依据|依據).*$/, "").trim(),
          cite: cite(uri, mod.citations, fallbackCite),
        };
        if (mod.branch === "当" || out.length === 0) out.push({ branches: [branch] });
        else out[out.length - 1].branches.push(branch);
      }
      return out;
    };

    const ensureParam = (p: Extract<Sym, { kind: "param" }>): IRExpr => {
      const own = label(p.decl, "参数", p.decl.name.text, p.uri, p.decl.span);
      touched.push(own);
      const constant = paramConstant(p);
      if (constant) return constant;
      const known = paramLocals.get(p.decl);
      if (known) return { k: "local", local: known, type: p.type };
      const d = p.decl;
      const outer = touched;
      touched = [own];
      const id = local.take(d.name.text);
      paramLocals.set(d, id);
      const pc = cite(p.uri, d.citations, calcCite);
      // The base value without modifiers: a module constant when literal, else an expression
      // (a table or time versions whose values read this calculator's inputs).
      const tableLit = (entries: A.TableEntry[]): IRExpr => ({ k: "table-lit", entries: tableRows(d, entries, (e) => expr(e, p.uri)) });
      const isTable = !!d.table || !!d.versions?.some((v) => v.table);
      const base =
        paramConstant({ ...p, decl: { ...d, modifiers: [] } }, `${d.name.text}基准`) ??
        (d.table
          ? tableLit(d.table)
          : d.versions
            ? { k: "versions-lit", name: d.name.text, versions: d.versions.map((v) => ({ from: v.validity.from?.value, to: v.validity.to?.value, value: v.table ? tableLit(v.table) : expr(v.value ?? { kind: "Error", span: v.span }, p.uri) })) }
            : expr(d.value ?? { kind: "Error", span: d.span }, p.uri));
      stmts.push({
        k: "let",
        local: id,
        name: d.name.text,
        type: p.type,
        value: base,
        modifiers: chains(d.modifiers, p.uri, pc),
        round: p.type.k === "money" && !isTable,
        explain: d.name.text,
        formula: d.value ? source(p.uri, d.value.span) : d.name.text,
        cite: pc,
        param: true,
        table: isTable,
        covers: touched,
      });
      touched = outer;
      return { k: "local", local: id, type: p.type };
    };

    const ensureBracket = (b: Extract<Sym, { kind: "bracket" }>): string => {
      const own = label(b.decl, "分段", b.decl.name.text, b.uri, b.decl.span);
      touched.push(own);
      const known = paramLocals.get(b.decl);
      if (known) return known;
      const d = b.decl;
      const outer = touched;
      touched = [own];
      const ranges = bracketRanges(d);
      const valueType = d.mode === "累进" ? RATE : b.resultType;
      const provider = d.by ? enumProvider(d.by.key) : undefined;
      const sliceValue = (s: A.Slice): IRExpr => {
        if (s.keyed && provider) {
          const enumDecl = m.enums.get(d.by!.key);
          return {
            k: "lookup",
            table: { k: "list", items: s.keyed.map((kv) => ({ k: "list", items: [{ k: "text", value: enumDecl?.members.find((x) => x.key === kv.key.key)?.text ?? kv.key.text }, expr(kv.value, b.uri)] })) },
            key: provider,
            type: valueType,
            many: false,
          };
        }
        return s.value ? expr(s.value, b.uri) : { k: "num", value: "0", type: valueType };
      };
      const slices: IRSlice[] = [];
      d.slices.forEach((s, i) => {
        const r = ranges[i];
        const prev = slices[i - 1];
        const lower = s.lower ? expr(s.lower.value, b.uri) : prev ? prev.upper : null;
        const next = d.slices[i + 1];
        const upper = s.upper ? expr(s.upper.value, b.uri) : next?.lower ? expr(next.lower.value, b.uri) : null;
        const lowerInclusive = s.lower ? r.lowerInclusive : prev ? !prev.upperInclusive : true;
        const upperInclusive = s.upper ? r.upperInclusive : next?.lower ? !bracketRanges(d)[i + 1].lowerInclusive : true;
        // A stepped slice starts from the rate of the slice before it.
        const value = s.step ? (prev?.value ?? { k: "num", value: "0", type: RATE }) : sliceValue(s);
        slices.push({
          lower,
          lowerInclusive,
          upper,
          upperInclusive,
          value,
          step: s.step ? { width: expr(s.step.width, b.uri), increment: expr(s.step.increment, b.uri) } : undefined,
        });
      });
      const id = local.take(`${d.name.text}_分段`);
      paramLocals.set(d, id);
      const modifiers = chains(d.modifiers, b.uri, cite(b.uri, d.citations, calcCite));
      stmts.push({ k: "slices", local: id, name: d.name.text, mode: d.mode, slices, modifiers, cite: cite(b.uri, d.citations, calcCite), covers: touched });
      touched = outer;
      return id;
    };

    const typeOf = (e: A.Expr): Type => c.ann.types.get(e) ?? m.ann.types.get(e) ?? { k: "unknown" };

    function expr(e: A.Expr, uri: string): IRExpr {
      const type = typeOf(e);
      const leaf = constantLeaf(e, type);
      if (leaf) return leaf;
      switch (e.kind) {
        case "Text":
          return { k: "text", value: e.value };
        case "Error":
          return { k: "none" };
        case "Remaining":
          return { k: "local", local: layer ?? "剩余", type: MONEY };
        case "Ref": {
          const sym = c.ann.refs.get(e) ?? m.ann.refs.get(e);
          if (!sym) return type.k === "text" ? { k: "text", value: e.name.text } : { k: "none" };
          switch (sym.kind) {
            case "member":
              return { k: "text", value: sym.name.text };
            case "input":
              return foldName(sym.field.name.text) === foldName("日期") ? { k: "date-input" } : { k: "input", name: sym.field.name.text, type: sym.type };
            case "step":
              return { k: "local", local: stepLocals.get(sym.decl) ?? sym.decl.name.text, type: sym.type };
            case "accumulator":
              return { k: "acc", name: sym.decl.name.text };
            case "param":
              return ensureParam(sym);
          }
          return { k: "none" };
        }
        case "Field": {
          if (e.target.kind === "Ref") {
            const sym = c.ann.refs.get(e.target);
            if (sym?.kind === "accumulator") {
              const f = sym.decl.fields.find((x) => x.name.key === e.field.key);
              return { k: "acc", name: sym.decl.name.text, field: f?.name.text ?? e.field.text };
            }
          }
          return { k: "none" };
        }
        case "Index": {
          const table = e.target.kind === "Ref" ? expr(e.target, uri) : { k: "none" as const };
          const keyType = typeOf(e.key);
          return { k: "lookup", table, key: expr(e.key, uri), type, many: keyType.k === "set" };
        }
        case "Call": {
          const sym = c.ann.refs.get(e);
          if (sym?.kind === "bracket") {
            const slices = ensureBracket(sym);
            return {
              k: "bracket",
              name: sym.decl.name.text,
              slices,
              mode: sym.decl.mode,
              arg: expr(e.args[0] ?? { kind: "Error", span: e.span }, uri),
              accumulated: e.accumulated ? expr(e.accumulated, uri) : undefined,
              type,
            };
          }
          if (sym?.kind === "builtin" && sym.name === "封顶点") {
            const b = e.args[0]?.kind === "Ref" ? c.ann.refs.get(e.args[0]) : undefined;
            if (b?.kind !== "bracket") return { k: "none" };
            return { k: "cap-point", name: b.decl.name.text, slices: ensureBracket(b), target: expr(e.args[1], uri) };
          }
          if (sym?.kind === "builtin") {
            return { k: "call", fn: sym.name as Extract<IRExpr, { k: "call" }>["fn"], args: e.args.map((a) => expr(a, uri)), type };
          }
          return { k: "none" };
        }
        case "Unary":
          if (e.op === "非") return { k: "not", e: expr(e.operand, uri) };
          if (e.op === "-") return { k: "neg", e: expr(e.operand, uri), type };
          return { k: "pos", e: expr(e.operand, uri), type };
        case "Binary": {
          const l = expr(e.left, uri);
          const r = expr(e.right, uri);
          switch (e.op) {
            case "且":
              return { k: "and", l, r };
            case "或":
              return { k: "or", l, r };
            case "包含":
              return { k: "contains", set: l, item: r };
            case "属于":
            case "不属于":
              return { k: "in", item: l, list: r, negate: e.op === "不属于", numeric: isNumericType(typeOf(e.left)) };
            case "+":
            case "-":
              if (type.k === "date") return { k: "date-add", date: l, months: r, sign: e.op === "+" ? 1 : -1 };
            // falls through
            case "×":
            case "÷": {
              const out: IRExpr = { k: "arith", op: e.op, l, r, type };
              // A rate moved by percentage points or multiplied stays within 0–100%.
              return type.k === "rate" ? { k: "clamp", e: out } : out;
            }
            default: {
              // A comparison with 无 tests absence, whatever the other side's type.
              const numeric = isNumericType(typeOf(e.left)) && l.k !== "none" && r.k !== "none";
              return { k: "cmp", op: e.op as Extract<IRExpr, { k: "cmp" }>["op"], l, r, numeric };
            }
          }
        }
        case "If":
          return { k: "if", c: expr(e.cond, uri), t: expr(e.then, uri), e: expr(e.else, uri), type };
        case "List":
          return { k: "list", items: e.items.map((i) => expr(i, uri)) };
        case "Record":
        default:
          return { k: "none" };
      }
    }

    const lowerStep = (s: A.StepDecl) => {
      touched = [label(s, "步骤", `${c.name}.${s.name.text}`, c.uri, s.span)];
      const type = c.outputs.find((o) => o.decl === s)?.type ?? typeOf(s.value);
      const value = expr(s.value, c.uri);
      const mods = chains(s.modifiers, c.uri, cite(c.uri, s.citations, calcCite));
      const id = local.take(s.name.text);
      stepLocals.set(s, id);
      stmts.push({
        k: "let",
        local: id,
        name: s.name.text,
        type,
        value,
        modifiers: mods,
        round: type.k === "money",
        layer: s.output && layer ? layer : undefined,
        explain: s.explain ?? s.name.text,
        formula: source(c.uri, s.value.span),
        cite: cite(c.uri, s.citations, calcCite),
        covers: touched,
      });
    };

    for (const item of c.decl.body) {
      if (item.kind === "StepDecl") lowerStep(item);
      else if (item.kind === "LayeredBlock") {
        touched = [];
        const value = expr(item.initial, c.uri);
        const id = local.take("剩余");
        stmts.push({ k: "layer", local: id, value, formula: source(c.uri, item.initial.span), cite: cite(c.uri, item.citations, calcCite), covers: touched });
        layer = id;
        for (const s of item.steps) lowerStep(s);
        layer = undefined;
      } else if (item.kind === "Refusal") {
        touched = [];
        const cond = expr(item.cond, c.uri);
        stmts.push({ k: "refuse", field: item.field.text, cond, reason: item.reason, cite: cite(c.uri, item.citations, calcCite), covers: touched, label: label(item, "拒绝", `${c.name}.${item.field.text}`, c.uri, item.span) });
      }
    }

    const accumulators = c.accumulators.map(({ decl }) => ({
      name: decl.name.text,
      period: decl.period,
      scalar: decl.scalar,
      fields: decl.fields.map((f) => ({ name: f.name.text, add: expr(f.add, c.uri) })),
    }));

    const isLiteralDefault = (e: A.Expr) => e.kind === "Number" || e.kind === "Bool" || e.kind === "Date" || e.kind === "None" || e.kind === "List" || (e.kind === "Ref" && c.ann.refs.get(e)?.kind === "member");
    const inputs: IRCalculator["inputs"] = c.inputs.map((i) => {
      const d = i.field.default;
      const max = i.field.max?.kind === "Number" ? i.field.max.value : defaultMaximum(i.type);
      if (d && !isLiteralDefault(d)) {
        return { name: i.name, type: i.type, required: false, dynamicDefault: expr(d, c.uri), max };
      }
      return { name: i.name, type: i.type, required: i.required, default: d ? literal(d, i.type) : undefined, min: i.field.min ? expr(i.field.min, c.uri) : undefined, max };
    });
    if (!inputs.some((i) => foldName(i.name) === foldName("日期"))) {
      inputs.unshift({ name: "日期", type: { k: "date" }, required: false, default: undefined });
    }

    return {
      name: c.name,
      id: ids.take(c.name),
      cite: calcCite,
      validity: intersect(c.decl.validity ? { from: c.decl.validity.from?.value, to: c.decl.validity.to?.value } : undefined, m.meta.validity),
      inputs,
      accumulators,
      body: stmts,
      outputs: c.outputs.map((o) => ({ name: o.name, local: stepLocals.get(o.decl) ?? o.name, type: o.type })),
    };
  }

  return {
    name: m.meta.name,
    docNumber: m.meta.docNumber,
    issuer: m.meta.issuer,
    enums: [...m.enums.values()].map((e) => ({ name: e.name.text, members: e.members.map((x) => x.text) })),
    constants,
    calculators,
    declarations,
  };
}

/** A calculator is valid where both its own period and the policy's (an amendment's year) hold. */
function intersect(a?: { from?: string; to?: string }, b?: { from?: string; to?: string }) {
  if (!a) return b;
  if (!b) return a;
  const from = [a.from, b.from].filter((x): x is string => !!x).sort().pop();
  const to = [a.to, b.to].filter((x): x is string => !!x).sort()[0];
  return { from, to };
}

/** Numbers, booleans, 无 and dates lower the same in every context. */
function constantLeaf(e: A.Expr, type: Type): IRExpr | undefined {
  switch (e.kind) {
    case "Number":
      return { k: "num", value: e.value, type };
    case "Bool":
      return { k: "bool", value: e.value };
    case "None":
      return { k: "none" };
    case "Date":
      return { k: "date", value: e.value };
    default:
      return undefined;
  }
}

function isNumericType(t: Type): boolean {
  return t.k === "money" || t.k === "rate" || t.k === "points" || t.k === "int" || t.k === "number";
}

function memberText(m: Analysis["model"], type: Type, name: A.Name): string {
  const enumKey = type.k === "enum" ? type.key : type.k === "set" ? type.ofKey : undefined;
  const e = enumKey ? m.enums.get(enumKey) : undefined;
  return e?.members.find((x) => x.key === name.key)?.text ?? name.text;
}

/** JavaScript-safe, unique identifiers that keep the policy's own words. */
export class IdPool {
  private readonly used = new Set<string>(RESERVED);
  constructor(private readonly parent?: IdPool) {}
  has(id: string): boolean {
    return this.used.has(id) || !!this.parent?.has(id);
  }
  take(name: string): string {
    // Policy names never produce `$`: generated helpers and constants use it.
    let base = name.replace(/[^\p{ID_Continue}]/gu, "_");
    if (!/^[\p{ID_Start}_]/u.test(base)) base = `_${base}`;
    let id = base;
    for (let i = 2; this.has(id); i++) id = `${base}_${i}`;
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
