// Checked model → IR. Parameters and brackets are instantiated inside each calculator that
// uses them, right before their first use, so their modifiers see that calculator's inputs
// and the explanation trace lists them where they first matter. Modifiers become arithmetic
// here, once; names stay the policy's words (each target makes identifiers of them).
import type * as A from "@zhengce/dsl";
import { citedClause, defaultMaximum, foldName, bracketRanges, LineIndex, type Analysis, type CalculatorInfo, type Sym as ModelSym, type Type } from "@zhengce/dsl";
import { builtinId } from "./runtime-names.js";
import type { BuiltinFn, IRCalculator, IRConstant, IRExpr, IRPolicy, IRSlice, IRStmt, SourceRange, Sym } from "./ir.js";

const MONEY: Type = { k: "money" };
const RATE: Type = { k: "rate" };

export function lower(analysis: Analysis): IRPolicy {
  const m = analysis.model;
  const constants: IRConstant[] = [];
  let slots = 0;
  const fresh = (name: string): Sym => ({ slot: slots++, name });
  const constSyms = new Map<object, Sym>();
  const cite = (uri: string, c: A.Citation[] | undefined, fallback = ""): string => {
    const clause = c?.[0]?.clause;
    // Without a 文号 the policy's name says which document the clause is of.
    return clause ? citedClause(clause, m.docNumberFor(uri) ?? m.meta.docNumber ?? (m.meta.name || undefined)) : fallback;
  };
  /** The sentence a declaration's first 依据 quotes. */
  const quoteOf = (c: A.Citation[] | undefined): string | undefined => c?.[0]?.quote;
  const declarations: string[] = [];
  // One index of line starts per file: slicing the text up to each declaration made lowering a
  // large policy quadratic (the playground's worker profile: 2% of its time on an edit).
  const lines = new Map<string, LineIndex>();
  const lineOf = (uri: string, offset: number) => {
    let ix = lines.get(uri);
    if (!ix) lines.set(uri, (ix = new LineIndex(analysis.sources.get(uri) ?? "")));
    return ix.position(offset).line + 1;
  };
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
  const range = (uri: string, span: A.Span): SourceRange => ({ uri, start: span.start, end: span.end });
  // The explanation quotes a rule's source without the comments inside it, so that formatting
  // (which may move a comment out of an expression) never changes what the trace says: the
  // sources the IR keeps have each comment blanked to spaces (offsets unchanged).
  // (In one pass: a copy of the text per comment made it quadratic — 6% of the worker's time on
  // an edit of 江门 base.policy, 2 274 lines.)
  const quoted = new Map(
    analysis.files.map((f) => {
      const text = analysis.sources.get(f.uri) ?? "";
      const parts: string[] = [];
      let at = 0;
      for (const c of [...f.ast.comments].sort((a, b) => a.span.start - b.span.start)) {
        parts.push(text.slice(at, c.span.start), " ".repeat(c.span.end - c.span.start));
        at = c.span.end;
      }
      parts.push(text.slice(at));
      return [f.uri, parts.join("")] as const;
    }),
  );
  const modifierText = (uri: string, mod: A.Modifier) => ruleText(quoted.get(uri) ?? "", range(uri, mod.span));

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
  const paramConstant = (p: Extract<ModelSym, { kind: "param" }>, idName = p.decl.name.text): IRExpr | undefined => {
    const d = p.decl;
    if (d.modifiers.length) return undefined;
    const known = constSyms.get(d);
    if (known) return d.versions ? { k: "version", sym: known, type: p.type } : { k: "const", sym: known, type: p.type };
    const isLiteral = (e: A.Expr | undefined) => !e || e.kind === "Number" || e.kind === "Bool" || e.kind === "Date" || e.kind === "None" || (e.kind === "Unary" && e.operand.kind === "Number");
    const tableLiteral = (t: A.TableEntry[] | undefined) => (t ?? []).every((x) => isLiteral(x.value));
    if (!isLiteral(d.value) || !tableLiteral(d.table) || !(d.versions ?? []).every((v) => isLiteral(v.value) && tableLiteral(v.table))) return undefined;
    const id = fresh(idName);
    constSyms.set(d, id);
    const rule = range(p.uri, d.span);
    const c = cite(p.uri, d.citations);
    const tableEntries = (entries: A.TableEntry[]) => tableRows(d, entries, (e) => literal(e, p.type));
    if (d.versions) {
      const versions = d.versions.map((v, i) => {
        let value: IRExpr;
        if (v.table) {
          const tid = fresh(`${d.name.text}_${v.validity.from?.value ?? i}`);
          constants.push({ k: "table", sym: tid, type: p.type, entries: tableEntries(v.table), rule, cite: cite(p.uri, v.citations, c) });
          value = { k: "const", sym: tid, type: p.type };
        } else value = literal(v.value!, p.type);
        return { from: v.validity.from?.value, to: v.validity.to?.value, value, cite: cite(p.uri, v.citations, c), quote: quoteOf(v.citations) ?? quoteOf(d.citations) };
      });
      constants.push({ k: "versions", sym: id, type: p.type, versions, rule, cite: c });
      return { k: "version", sym: id, type: p.type };
    }
    if (d.table) constants.push({ k: "table", sym: id, type: p.type, entries: tableEntries(d.table), rule, cite: c });
    else constants.push({ k: "scalar", sym: id, type: p.type, value: literal(d.value!, p.type), rule, cite: c });
    return { k: "const", sym: id, type: p.type };
  };

  for (const p of m.params.values()) {
    label(p.decl, "参数", p.decl.name.text, p.uri, p.decl.span);
    for (const mod of p.decl.modifiers) label(mod, "修正", modifierText(p.uri, mod), p.uri, mod.span);
  }
  for (const b of m.brackets.values()) {
    label(b.decl, "分段", b.decl.name.text, b.uri, b.decl.span);
    for (const mod of b.decl.modifiers) label(mod, "修正", modifierText(b.uri, mod), b.uri, mod.span);
  }
  for (const c of m.calculators.values()) {
    const steps = c.decl.body.flatMap((i) => (i.kind === "StepDecl" ? [i] : i.kind === "LayeredBlock" ? i.steps : []));
    for (const s of steps) {
      label(s, "步骤", `${c.name}.${s.name.text}`, c.uri, s.span);
      for (const mod of s.modifiers) label(mod, "修正", modifierText(c.uri, mod), c.uri, mod.span);
    }
    for (const r of c.decl.body) if (r.kind === "Refusal") label(r, "拒绝", `${c.name}.${r.field.text}`, c.uri, r.span);
  }
  const calculators: IRCalculator[] = [];
  for (const c of m.calculators.values()) calculators.push(lowerCalculator(c));

  function lowerCalculator(c: CalculatorInfo): IRCalculator {
    const stmts: IRStmt[] = [];
    const calcCite = cite(c.uri, c.decl.citations, m.meta.docNumber ?? "");
    const stepLocals = new Map<A.StepDecl, Sym>();
    const paramLocals = new Map<object, Sym>();
    let layer: Sym | undefined;

    const enumProvider = (enumKey: string): IRExpr => {
      for (const i of c.inputs) if (i.type.k === "enum" && i.type.key === enumKey) return { k: "input", name: i.name, type: i.type };
      for (const [s, id] of stepLocals) {
        const t = c.outputs.find((o) => o.decl === s)?.type;
        if (t?.k === "enum" && t.key === enumKey) return { k: "local", sym: id, type: t };
      }
      return { k: "text", value: "" };
    };

    /** Modifiers lowered (conditions and values), grouped in `当 / 否则当 / 否则` chains. */
    const lowerMods = (mods: A.Modifier[], uri: string, fallbackCite: string): LoweredMod[][] => {
      const out: LoweredMod[][] = [];
      for (const mod of mods) {
        const lowered: LoweredMod = {
          label: label(mod, "修正", modifierText(uri, mod), uri, mod.span),
          cond: mod.cond ? expr(mod.cond, uri) : undefined,
          actions: mod.actions.map((a) => ({ verb: a.kind, value: expr(a.value, uri) })),
          rule: range(uri, mod.span),
          cite: cite(uri, mod.citations, fallbackCite),
          quote: quoteOf(mod.citations),
        };
        if (mod.branch === "当" || out.length === 0) out.push([lowered]);
        else out[out.length - 1].push(lowered);
      }
      return out;
    };

    /**
     * A value through its modifiers, as one expression: each chain is an `if` over its branches
     * (no branch taken: unchanged). Used where the modifiers apply to every row or slice.
     */
    const modified = (chains: LoweredMod[][], v: IRExpr, type: Type): IRExpr =>
      chains.reduce<IRExpr>(
        (acc, chain) => chain.reduceRight<IRExpr>((els, mod) => (mod.cond ? { k: "if", c: mod.cond, t: applyActions(mod, acc, type), e: els, type } : applyActions(mod, acc, type)), acc),
        v,
      );

    /** Each applied modifier traced once, and its declaration covered (rows and slices apply them silently). */
    const explainOnce = (chains: LoweredMod[][], item: string, what: string) => {
      for (const chain of chains) {
        stmts.push({
          k: "when",
          explainOnly: true,
          branches: chain.map((mod) => ({ cond: mod.cond, body: [{ k: "cover", labels: [mod.label] }, { k: "trace", point: { k: "adjusted", item, what, rule: mod.rule, cite: mod.cite, quote: mod.quote } }] })),
        });
      }
    };

    /** `v` through its modifiers, statement by statement, each applied branch traced. */
    const applyTraced = (chains: LoweredMod[][], v: Sym, type: Type, item: string) => {
      for (const chain of chains) {
        stmts.push({
          k: "when",
          branches: chain.map((mod) => ({
            cond: mod.cond,
            body: [
              { k: "cover", labels: [mod.label] },
              { k: "trace", point: { k: "modifier", item, rule: mod.rule, result: v, value: applyActions(mod, { k: "local", sym: v, type }, type), type, cite: mod.cite, quote: mod.quote } },
              { k: "set", sym: v, type, value: applyActions(mod, { k: "local", sym: v, type }, type) },
            ],
          })),
        });
      }
    };

    const cover = (labels: string[]) => {
      if (labels.length) stmts.push({ k: "cover", labels });
    };
    const round = (v: Sym, type: Type) => stmts.push({ k: "set", sym: v, type, value: { k: "round", e: { k: "local", sym: v, type }, mode: "half-up", scale: 2, type } });

    const ensureParam = (p: Extract<ModelSym, { kind: "param" }>): IRExpr => {
      const own = label(p.decl, "参数", p.decl.name.text, p.uri, p.decl.span);
      touched.push(own);
      const constant = paramConstant(p);
      if (constant) return constant;
      const known = paramLocals.get(p.decl);
      if (known) return { k: "local", sym: known, type: p.type };
      const d = p.decl;
      const outer = touched;
      touched = [own];
      const id = fresh(d.name.text);
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
      const chains = lowerMods(d.modifiers, p.uri, pc);
      cover(touched);
      stmts.push({ k: "rule", kind: "参数", name: d.name.text, rule: d.value ? range(p.uri, d.value.span) : undefined });
      if (isTable) {
        // A table's modifiers apply to every row; each row is a parameter value, rounded as one.
        const row = fresh("行");
        const rowValue = modified(chains, { k: "local", sym: row, type: p.type }, p.type);
        const value: IRExpr = chains.length ? { k: "map", table: base, row, body: roundIfMoney(rowValue, p.type), type: p.type } : base;
        stmts.push({ k: "let", sym: id, type: p.type, value });
        explainOnce(chains, d.name.text, `${d.name.text}各项`);
      } else {
        const rule = d.value ? range(p.uri, d.value.span) : range(p.uri, d.name.span);
        letTraced(id, p.type, base, chains, d.name.text, d.name.text, rule, pc, quoteOf(d.citations), p.type.k === "money");
      }
      touched = outer;
      return { k: "local", sym: id, type: p.type };
    };

    /** A parameter's or step's value, its modifiers, its rounding and their trace, in that order. */
    const letTraced = (id: Sym, type: Type, value: IRExpr, chains: LoweredMod[][], name: string, explain: string, rule: SourceRange, c: string, quote: string | undefined, rounds: boolean) => {
      stmts.push({ k: "let", sym: id, type, value });
      const traced = (labelText: string) => stmts.push({ k: "trace", point: { k: "rule", item: name, label: labelText, rule, value, result: id, type, cite: c, quote } });
      if (chains.length) {
        traced(name);
        applyTraced(chains, id, type, name);
        if (rounds) round(id, type);
      } else {
        if (rounds) round(id, type);
        traced(explain);
      }
    };

    const ensureBracket = (b: Extract<ModelSym, { kind: "bracket" }>): Sym => {
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
      const bc = cite(b.uri, d.citations, calcCite);
      // Lowered before the slices' values, as the explanation lists what they read.
      const slices: IRSlice[] = [];
      const raw = d.slices.map((s, i) => {
        const r = ranges[i];
        const next = d.slices[i + 1];
        return {
          s,
          lower: s.lower ? expr(s.lower.value, b.uri) : undefined,
          upper: s.upper ? expr(s.upper.value, b.uri) : next?.lower ? expr(next.lower.value, b.uri) : null,
          lowerInclusive: r.lowerInclusive,
          upperInclusive: s.upper ? r.upperInclusive : next?.lower ? !ranges[i + 1].lowerInclusive : true,
          value: s.step ? undefined : sliceValue(s),
          step: s.step ? { width: expr(s.step.width, b.uri), increment: expr(s.step.increment, b.uri) } : undefined,
        };
      });
      const chains = lowerMods(d.modifiers, b.uri, bc);
      raw.forEach((x, i) => {
        const prev = slices[i - 1];
        slices.push({
          lower: x.s.lower ? x.lower! : prev ? prev.upper : null,
          lowerInclusive: x.s.lower ? x.lowerInclusive : prev ? !prev.upperInclusive : true,
          upper: x.upper,
          upperInclusive: x.upperInclusive,
          // A stepped slice starts from the (modified) rate of the slice before it.
          value: x.value ? modified(chains, x.value, valueType) : (prev?.value ?? { k: "num", value: "0", type: RATE }),
          step: x.step,
        });
      });
      const id = fresh(`${d.name.text}_分段`);
      paramLocals.set(d, id);
      cover(touched);
      stmts.push({ k: "rule", kind: "分段", name: `${d.name.text}（${d.mode}）` });
      stmts.push({ k: "slices", sym: id, name: d.name.text, mode: d.mode, slices, cite: bc, quote: quoteOf(d.citations) });
      explainOnce(chains, d.name.text, `${d.name.text}各段比例`);
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
          return unlowerable(e);
        case "Remaining":
          if (!layer) throw new Error("剩余 outside 分层 passed the checker");
          return { k: "local", sym: layer, type: MONEY };
        case "Ref": {
          const sym = c.ann.refs.get(e) ?? m.ann.refs.get(e);
          if (!sym) return type.k === "text" ? { k: "text", value: e.name.text } : unlowerable(e);
          switch (sym.kind) {
            case "member":
              return { k: "text", value: sym.name.text };
            case "input":
              return foldName(sym.field.name.text) === foldName("日期") ? { k: "date-input" } : { k: "input", name: sym.field.name.text, type: sym.type };
            case "step":
              return { k: "local", sym: stepOf(sym.decl), type: sym.type };
            case "accumulator":
              return { k: "acc", name: sym.decl.name.text };
            case "param":
              return ensureParam(sym);
          }
          return unlowerable(e);
        }
        case "Field": {
          if (e.target.kind === "Ref") {
            const sym = c.ann.refs.get(e.target);
            if (sym?.kind === "accumulator") {
              const f = sym.decl.fields.find((x) => x.name.key === e.field.key);
              return { k: "acc", name: sym.decl.name.text, field: f?.name.text ?? e.field.text };
            }
          }
          return unlowerable(e);
        }
        case "Index": {
          const table = e.target.kind === "Ref" ? expr(e.target, uri) : unlowerable(e);
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
            if (b?.kind !== "bracket") return unlowerable(e);
            return { k: "cap-point", name: b.decl.name.text, slices: ensureBracket(b), target: expr(e.args[1], uri) };
          }
          if (sym?.kind === "builtin") {
            // 舍入 is the rounding operation; the other built-ins are the runtime's.
            if (sym.name === "舍入") return { k: "round", e: expr(e.args[0], uri), mode: "half-up", scale: 2, type };
            return { k: "call", fn: builtinId(sym.name), args: e.args.map((a) => expr(a, uri)), type };
          }
          return unlowerable(e);
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
          return unlowerable(e);
      }
    }

    const stepOf = (s: A.StepDecl): Sym => {
      const id = stepLocals.get(s);
      if (!id) throw new Error(`step 「${s.name.text}」 used before it is defined passed the checker`);
      return id;
    };

    const lowerStep = (s: A.StepDecl) => {
      touched = [label(s, "步骤", `${c.name}.${s.name.text}`, c.uri, s.span)];
      const type = c.outputs.find((o) => o.decl === s)?.type ?? typeOf(s.value);
      const value = expr(s.value, c.uri);
      const stepCite = cite(c.uri, s.citations, calcCite);
      const chains = lowerMods(s.modifiers, c.uri, stepCite);
      const id = fresh(s.name.text);
      stepLocals.set(s, id);
      cover(touched);
      stmts.push({ k: "rule", kind: "步骤", name: s.name.text, rule: range(c.uri, s.value.span) });
      letTraced(id, type, value, chains, s.name.text, s.explain ?? s.name.text, range(c.uri, s.value.span), stepCite, quoteOf(s.citations), type.k === "money");
      if (s.output && layer) {
        stmts.push({ k: "trace", point: { k: "consumed", item: "剩余", step: s.name.text, rest: layer, amount: id, cite: stepCite, quote: quoteOf(s.citations) } });
        stmts.push({ k: "consume", layer, amount: id });
      }
    };

    // A default computed per case (e.g. from a time-versioned parameter) comes first, after
    // what it reads.
    const isLiteralDefault = (e: A.Expr) => e.kind === "Number" || e.kind === "Bool" || e.kind === "Date" || e.kind === "None" || e.kind === "List" || (e.kind === "Ref" && c.ann.refs.get(e)?.kind === "member");
    for (const i of c.inputs) {
      const d = i.field.default;
      if (!d || isLiteralDefault(d)) continue;
      touched = [];
      const value = expr(d, c.uri);
      cover(touched);
      stmts.push({ k: "default", input: i.name, value });
    }

    for (const item of c.decl.body) {
      if (item.kind === "StepDecl") lowerStep(item);
      else if (item.kind === "LayeredBlock") {
        touched = [];
        const value = expr(item.initial, c.uri);
        const id = fresh("剩余");
        cover(touched);
        stmts.push({ k: "rule", kind: "分层", name: "剩余", rule: range(c.uri, item.initial.span) });
        stmts.push({ k: "let", sym: id, type: MONEY, value });
        stmts.push({ k: "trace", point: { k: "layer", item: "剩余", rule: range(c.uri, item.initial.span), rest: id, value, cite: cite(c.uri, item.citations, calcCite), quote: quoteOf(item.citations) } });
        layer = id;
        for (const s of item.steps) lowerStep(s);
        layer = undefined;
      } else if (item.kind === "Refusal") {
        touched = [];
        const cond = expr(item.cond, c.uri);
        cover(touched);
        const refusal = label(item, "拒绝", `${c.name}.${item.field.text}`, c.uri, item.span);
        stmts.push({ k: "when", branches: [{ cond, body: [{ k: "cover", labels: [refusal] }, { k: "refuse", field: item.field.text, reason: item.reason, cite: cite(c.uri, item.citations, calcCite) }] }] });
      }
    }

    const accumulators = c.accumulators.map(({ decl }) => ({
      name: decl.name.text,
      period: decl.period,
      scalar: decl.scalar,
      fields: decl.fields.map((f) => ({ name: f.name.text, add: expr(f.add, c.uri) })),
    }));

    const inputs: IRCalculator["inputs"] = c.inputs.map((i) => {
      const d = i.field.default;
      const max = i.field.max?.kind === "Number" ? i.field.max.value : defaultMaximum(i.type);
      if (d && !isLiteralDefault(d)) return { name: i.name, type: i.type, required: false, max };
      return { name: i.name, type: i.type, required: i.required, default: d ? literal(d, i.type) : undefined, min: i.field.min ? expr(i.field.min, c.uri) : undefined, max };
    });
    if (!inputs.some((i) => foldName(i.name) === foldName("日期"))) {
      inputs.unshift({ name: "日期", type: { k: "date" }, required: false, default: undefined });
    }

    return {
      name: c.name,
      cite: calcCite,
      validity: intersect(c.decl.validity ? { from: c.decl.validity.from?.value, to: c.decl.validity.to?.value } : undefined, m.meta.validity),
      inputs,
      accumulators,
      body: stmts,
      outputs: c.outputs.map((o) => ({ name: o.name, sym: stepOf(o.decl), type: o.type })),
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
    sources: Object.fromEntries([...analysis.sources].map(([uri, text]) => [uri, quoted.get(uri) ?? text])),
  };
}

/**
 * What the checker should have refused. Lowering never drops a construct silently: the
 * node-kind walk (test/backend/lowering.test.ts) proves every checked construct lowers.
 */
function unlowerable(e: A.Expr): never {
  throw new Error(`lowering: ${e.kind} at ${e.span.start}–${e.span.end} passed the checker but has no meaning here`);
}

/** A modifier with its condition and values lowered. */
interface LoweredMod {
  label: string;
  cond?: IRExpr;
  actions: { verb: A.ModifierAction["kind"]; value: IRExpr }[];
  rule: SourceRange;
  cite: string;
  quote?: string;
}

/** One modifier's actions on `v` as arithmetic; a rate stays within 0–100% after each. */
function applyActions(mod: LoweredMod, v: IRExpr, type: Type): IRExpr {
  return mod.actions.reduce<IRExpr>((acc, { verb, value }) => {
    const out: IRExpr =
      verb === "提高" ? { k: "arith", op: "+", l: acc, r: value, type }
      : verb === "降低" ? { k: "arith", op: "-", l: acc, r: value, type }
      : verb === "乘以" ? { k: "arith", op: "×", l: acc, r: value, type }
      : verb === "设为" ? value
      : verb === "不低于" ? { k: "call", fn: "greater", args: [acc, value], type }
      : { k: "call", fn: "lesser", args: [acc, value], type };
    return type.k === "rate" ? { k: "clamp", e: out } : out;
  }, v);
}

/** Money is rounded half-up to the cent when produced. */
function roundIfMoney(e: IRExpr, type: Type): IRExpr {
  return type.k === "money" ? { k: "round", e, mode: "half-up", scale: 2, type } : e;
}

/** A rule's source text on one line, as the explanation quotes it (line breaks the formatter
 * put inside brackets and after commas are dropped, not turned into spaces). */
export function sourceText(text: string, r: SourceRange): string {
  return text
    .slice(r.start, r.end)
    .replace(/\s+/g, " ")
    .replace(/([（(\[［，,、]) /g, "$1")
    .replace(/ ([）)\]］，,、])/g, "$1")
    .trim();
}

/** A modifier's or declaration's text without its 依据. */
export function ruleText(text: string, r: SourceRange): string {
  return sourceText(text, r).replace(/(依据|依據).*$/, "").trim();
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
