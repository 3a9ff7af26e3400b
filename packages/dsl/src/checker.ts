// Names, types, units, tables, brackets and time versions. Produces the checked model and
// every diagnostic that is not a syntax error. Never throws on a partial tree.
import { Decimal } from "decimal.js";
import type * as A from "./ast.js";
import { CODES, type DiagnosticCode } from "./diagnostics.js";
import { isCalendarDate, nextDay, previousDay } from "./dates.js";
import { foldName } from "./fold.js";
import type { Annotations, CalculatorInfo, InputInfo, Model, Reference, Sym } from "./model.js";
import * as Ty from "./types.js";
import type { Type } from "./types.js";
import { keywordSpellings } from "./lexer.js";

export interface RawDiagnostic {
  code: DiagnosticCode;
  message: string;
  span: A.Span;
  uri: string;
}

export interface SourceFile {
  uri: string;
  ast: A.PolicyFile;
}

/** Names of built-in functions (simplified script; looked up by folded key). */
export const BUILTINS = ["较大", "较小", "正值", "舍入", "最大", "最小", "合计", "个数", "年份", "月份", "次月首日", "加月", "月数差", "月末", "加日", "封顶点"] as const;
const BUILTIN_KEYS = new Map(BUILTINS.map((b) => [foldName(b), b]));

const KEYWORD_PREFIXES = Object.values(keywordSpellings()).flat();

interface Scope {
  calc?: CalculatorInfo;
  locals: Map<string, Sym>;
  /** Steps declared later in the same calculator: referring to them is E191, not E101. */
  later: Set<string>;
  remaining?: Type;
  ann: Annotations;
  uri: string;
}

export function check(files: SourceFile[]): { model: Model; diagnostics: RawDiagnostic[] } {
  return new Checker(files).run();
}

class Checker {
  private readonly diags: RawDiagnostic[] = [];
  private readonly seen = new Set<string>();
  private readonly model: Model;
  private readonly main: SourceFile;
  private readonly docNumbers = new Map<string, string>();
  /** The 日期 input a calculator has without declaring it. */
  private readonly implicitInputs = new Set<A.InputField>();

  constructor(private readonly files: SourceFile[]) {
    this.main = files[files.length - 1];
    const docNumbers = this.docNumbers;
    this.model = {
      uri: this.main.uri,
      meta: { name: "" },
      enums: new Map(),
      params: new Map(),
      brackets: new Map(),
      calculators: new Map(),
      examples: [],
      references: [],
      ann: { types: new Map(), refs: new Map() },
      docNumberFor: (uri) => docNumbers.get(uri),
    };
  }

  private report(code: DiagnosticCode, span: A.Span, message: string, uri: string) {
    const id = `${uri}:${code}:${span.start}:${span.end}:${message}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    this.diags.push({ code, message, span, uri });
  }

  run() {
    this.collect();
    for (const e of this.model.enums.values()) this.checkEnum(e);
    for (const [, p] of this.model.params) this.checkParamStatic(p.decl, p.uri);
    for (const [, b] of this.model.brackets) this.checkBracketStatic(b.decl, b.uri);
    for (const c of this.model.calculators.values()) this.checkCalculator(c);
    this.checkUnusedParams();
    for (const ex of this.model.examples) this.checkExample(ex);
    return { model: this.model, diagnostics: this.diags };
  }

  // ── collection and amendment merge ──
  private collect() {
    const m = this.model;
    this.files.forEach((file, fileIndex) => {
      const isAmendment = fileIndex > 0 && fileIndex === this.files.length - 1;
      for (const d of file.ast.declarations) {
        const uri = file.uri;
        switch (d.kind) {
          case "PolicyHeader":
            if (d.docNumber) this.docNumbers.set(uri, d.docNumber.text);
            if (file === this.main || !m.meta.name) {
              m.meta = {
                name: d.name.text,
                docNumber: d.docNumber?.text ?? m.meta.docNumber,
                issuer: d.issuer?.text ?? m.meta.issuer,
                published: d.published?.value ?? m.meta.published,
                validity: d.validity
                  ? { from: d.validity.from?.value, to: d.validity.to?.value }
                  : m.meta.validity,
                basedOn: d.basedOn?.path,
              };
            }
            break;
          case "EnumDecl":
            this.define(m.enums, d.name, { ...d, uri }, uri, isAmendment, "枚举");
            break;
          case "ParamDecl": {
            const prev = m.params.get(d.name.key);
            // An amendment that restates a parameter without a type keeps the base's type.
            let type = d.type ? this.resolveType(d.type, uri) : prev?.type ?? this.inferParamType(d);
            // A 金额 table or version that says 无 somewhere (「不设」) may have no value.
            const values = [d.value, ...(d.table ?? []).map((t) => t.value), ...(d.versions ?? []).flatMap((v) => [v.value, ...(v.table ?? []).map((t) => t.value)])];
            if (type.k === "money" && values.some((v) => v?.kind === "None")) type = { k: "money", nullable: true };
            this.define(m.params, d.name, { decl: d, type, uri }, uri, isAmendment, "参数");
            break;
          }
          case "BracketDecl": {
            const resultType = d.type ? this.resolveType(d.type, uri) : Ty.RATE;
            this.define(m.brackets, d.name, { decl: d, resultType, uri }, uri, isAmendment, "分段");
            break;
          }
          case "CalculatorDecl": {
            const info: CalculatorInfo = {
              name: d.name.text,
              key: d.name.key,
              decl: d,
              uri,
              inputs: [],
              accumulators: [],
              outputs: [],
              ann: { types: new Map(), refs: new Map() },
              uses: [],
            };
            // A calculator restated by an amendment replaces the base's; twice in one file is an error.
            if (m.calculators.get(d.name.key)?.uri === uri) this.report("E102", d.name.span, `计算「${d.name.text}」重复定义`, uri);
            m.calculators.set(d.name.key, info);
            break;
          }
          case "ExampleDecl":
            m.examples.push({ ...d, uri });
            break;
        }
      }
    });
  }

  private define<T>(map: Map<string, T>, name: A.Name, value: T, uri: string, isAmendment: boolean, what: string) {
    const prev = map.get(name.key) as (T & { uri?: string }) | undefined;
    if (prev && prev.uri === uri) {
      this.report("E102", name.span, `${what}「${name.text}」重复定义`, uri);
      return;
    }
    if (isAmendment && !prev && (what === "参数" || what === "分段")) {
      this.report("E170", name.span, `基础政策中没有${what}「${name.text}」，修订只能改写基础政策已有的${what}`, uri);
    }
    map.set(name.key, value);
  }

  private inferParamType(d: A.ParamDecl): Type {
    const v = d.value ?? d.table?.[0]?.value ?? d.versions?.[0]?.value ?? d.versions?.[0]?.table?.[0]?.value;
    if (v?.kind === "Number") return literalType(v);
    return Ty.UNKNOWN;
  }

  private resolveType(t: A.TypeRef, uri: string): Type {
    const builtin = builtinType(t.name.key);
    if (builtin) return builtin;
    const key = t.name.key;
    if (key === foldName("集合") || key === foldName("列表")) {
      if (!t.arg) {
        this.report("E110", t.span, `「${t.name.text}」须写明元素类型，例如「${t.name.text}（特殊人群）」`, uri);
        return Ty.UNKNOWN;
      }
      const inner = builtinType(t.arg.key);
      if (key === foldName("列表")) {
        if (inner) return { k: "list", of: inner };
      }
      const e = this.model.enums.get(t.arg.key);
      if (!e) {
        if (inner) return { k: "list", of: inner };
        this.report("E101", t.arg.span, `未知的枚举「${t.arg.text}」`, uri);
        return Ty.UNKNOWN;
      }
      this.ref(t.arg.span, uri, { kind: "enum", decl: e, uri: e.uri });
      return { k: "set", of: e.name.text, ofKey: e.name.key };
    }
    const e = this.model.enums.get(key);
    if (e) {
      this.ref(t.name.span, uri, { kind: "enum", decl: e, uri: e.uri });
      return { k: "enum", name: e.name.text, key: e.name.key };
    }
    this.report("E101", t.name.span, `未知的类型「${t.name.text}」；可用：金额、比例、百分点、整数、月数、年龄、年数、日期、布尔、文本、集合（枚举）或已定义的枚举`, uri);
    return Ty.UNKNOWN;
  }

  private ref(span: A.Span, uri: string, sym: Sym) {
    this.model.references.push({ span, uri, sym } satisfies Reference);
  }

  // ── enums ──
  private checkEnum(e: A.EnumDecl & { uri: string }) {
    const seen = new Map<string, A.Name>();
    for (const m of e.members) {
      if (seen.has(m.key)) this.report("E102", m.span, `枚举「${e.name.text}」中的「${m.text}」重复`, e.uri);
      seen.set(m.key, m);
    }
    if (e.members.length === 0) this.report("E192", e.name.span, `枚举「${e.name.text}」没有成员`, e.uri);
  }

  private enumMember(enumKey: string, name: A.Name): A.Name | undefined {
    return this.model.enums.get(enumKey)?.members.find((m) => m.key === name.key);
  }

  // ── parameters: checks that need no calculator context ──
  private checkParamStatic(d: A.ParamDecl, uri: string) {
    const scope = this.globalScope(uri);
    const type = this.model.params.get(d.name.key)?.type ?? Ty.UNKNOWN;
    if (d.value) this.expectLiteralOrParam(d.value, type, scope);
    if (d.table) this.checkTable(d, d.table, type, scope);
    if (d.versions) {
      for (const v of d.versions) {
        if (v.value) this.expectLiteralOrParam(v.value, type, scope);
        if (v.table) this.checkTable(d, v.table, type, scope);
        if (!v.validity.from) this.report("E192", v.span, `版本须写明起始日期，例如「自 2018-01-01 起」`, uri);
      }
      this.checkVersions(d.versions, uri);
    }
    if (d.by && !d.table && !d.versions?.some((v) => v.table)) {
      this.report("E192", d.name.span, `参数「${d.name.text}」按「${d.by.text}」取值，须给出表`, uri);
    }
    if (!d.by && (d.table?.length || d.versions?.some((v) => v.table))) {
      this.report("E192", d.name.span, `参数「${d.name.text}」是一张表，须写明「按 枚举」`, uri);
    }
  }

  private expectLiteralOrParam(e: A.Expr, type: Type, scope: Scope) {
    // A value that reads a calculator's inputs is a shared rule: it is checked in each
    // calculator that uses it (useDeclaration), or against all inputs if none does.
    if (this.readsInputs(e)) return;
    const t = this.expr(e, scope, type);
    if (!Ty.assignable(type, t)) this.report("E110", e.span, `应为${Ty.show(type)}，这里是${Ty.show(t)}`, scope.uri);
    this.checkRateRange(e, t, scope.uri);
  }

  /** Does the expression name something that only a calculator provides (an input, a step)? */
  private readsInputs(e: A.Expr): boolean {
    const m = this.model;
    const known = (n: A.Name) => m.params.has(n.key) || m.brackets.has(n.key) || this.membersNamed(n.key).length > 0 || BUILTIN_KEYS.has(n.key);
    const walk = (x: A.Expr): boolean => {
      switch (x.kind) {
        case "Ref":
          return !known(x.name);
        case "Remaining":
          return true;
        case "Field":
          return walk(x.target);
        case "Index":
          return walk(x.target) || walk(x.key);
        case "Call":
          return !known(x.callee) || x.args.some(walk) || (!!x.accumulated && walk(x.accumulated));
        case "Binary":
          return walk(x.left) || walk(x.right);
        case "Unary":
          return walk(x.operand);
        case "If":
          return walk(x.cond) || walk(x.then) || walk(x.else);
        case "List":
          return x.items.some(walk);
        default:
          return false;
      }
    };
    return walk(e);
  }

  private checkRateRange(e: A.Expr, t: Type, uri: string) {
    if (e.kind === "Number" && t.k === "rate") {
      const v = new Decimal(e.value);
      if (v.lt(0) || v.gt(1)) this.report("E140", e.span, `比例 ${e.raw} 超出 0–100%`, uri);
    }
  }

  private checkTable(d: A.ParamDecl, entries: A.TableEntry[], type: Type, scope: Scope) {
    const uri = scope.uri;
    if (!d.by) return;
    const e = this.model.enums.get(d.by.key);
    if (!e) {
      this.report("E101", d.by.span, `未知的枚举「${d.by.text}」`, uri);
      return;
    }
    this.ref(d.by.span, uri, { kind: "enum", decl: e, uri: e.uri });
    const covered = new Map<string, A.Name>();
    let hasOther = false;
    for (const entry of entries) {
      if (entry.other) hasOther = true;
      for (const k of entry.keys) {
        const m = this.enumMember(e.name.key, k);
        if (!m) {
          this.report("E122", k.span, `「${k.text}」不是枚举「${e.name.text}」的成员；成员有：${e.members.map((x) => x.text).join("、")}`, uri);
          continue;
        }
        this.ref(k.span, uri, { kind: "member", enumKey: e.name.key, enumName: e.name.text, name: m, uri: e.uri });
        if (covered.has(k.key)) this.report("E121", k.span, `表「${d.name.text}」中「${k.text}」出现了两次`, uri);
        covered.set(k.key, k);
      }
      this.expectLiteralOrParam(entry.value, type, scope);
    }
    const missing = e.members.filter((m) => !covered.has(m.key));
    if (missing.length && !hasOther) {
      this.report("E120", d.name.span, `表「${d.name.text}」缺少枚举「${e.name.text}」的成员：${missing.map((m) => m.text).join("、")}`, uri);
    }
  }

  private checkVersions(versions: A.VersionEntry[], uri: string) {
    // An impossible date is E003 already; versions are compared on real dates only.
    const real = (d: A.DateLiteral | undefined) => !d || isCalendarDate(d.value);
    const sorted = versions.filter((v) => v.validity.from && real(v.validity.from) && real(v.validity.to)).sort((a, b) => a.validity.from!.value.localeCompare(b.validity.from!.value));
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1];
      const cur = sorted[i];
      const prevEnd = prev.validity.to?.value;
      const curStart = cur.validity.from!.value;
      if (prev.validity.from!.value === curStart || (prevEnd && prevEnd >= curStart)) {
        this.report("E150", cur.validity.span, `时间版本 ${curStart} 起与上一版本重叠`, uri);
      } else if (prevEnd && nextDay(prevEnd) !== curStart) {
        this.report("E151", cur.validity.span, `时间版本在 ${nextDay(prevEnd)} 至 ${previousDay(curStart)} 之间没有取值`, uri);
      }
    }
  }

  // ── brackets ──
  private checkBracketStatic(d: A.BracketDecl, uri: string) {
    const scope = this.globalScope(uri);
    const enumInfo = d.by ? this.model.enums.get(d.by.key) : undefined;
    if (d.by && !enumInfo) this.report("E101", d.by.span, `未知的枚举「${d.by.text}」`, uri);
    if (enumInfo && d.by) this.ref(d.by.span, uri, { kind: "enum", decl: enumInfo, uri: enumInfo.uri });
    if (d.slices.length === 0) this.report("E192", d.name.span, `分段「${d.name.text}」没有任何一段`, uri);
    const resultType = this.model.brackets.get(d.name.key)?.resultType ?? Ty.RATE;
    d.slices.forEach((s) => {
      if (s.keyed) {
        if (!enumInfo) {
          if (!d.by) this.report("E192", s.span, `按成员分列的取值须在分段上写明「按 枚举」`, uri);
        } else {
          const covered = new Set<string>();
          for (const kv of s.keyed) {
            const m = this.enumMember(enumInfo.name.key, kv.key);
            if (!m) this.report("E122", kv.key.span, `「${kv.key.text}」不是枚举「${enumInfo.name.text}」的成员`, uri);
            else {
              this.ref(kv.key.span, uri, { kind: "member", enumKey: enumInfo.name.key, enumName: enumInfo.name.text, name: m, uri: enumInfo.uri });
              if (covered.has(kv.key.key)) this.report("E121", kv.key.span, `「${kv.key.text}」出现了两次`, uri);
              covered.add(kv.key.key);
            }
            if (kv.value.kind === "Number") this.checkRateRange(kv.value, literalType(kv.value), uri);
          }
          const missing = enumInfo.members.filter((m) => !covered.has(m.key));
          if (missing.length) this.report("E120", s.span, `这一段缺少枚举「${enumInfo.name.text}」的成员：${missing.map((m) => m.text).join("、")}`, uri);
        }
      }
      if (s.value?.kind === "Number") {
        const t = literalType(s.value);
        if (d.mode === "累进" && t.k !== "rate") this.report("E110", s.value.span, `累进分段每段的取值应为比例，这里是${Ty.show(t)}`, uri);
        else if (!Ty.assignable(resultType, t)) this.report("E110", s.value.span, `应为${Ty.show(resultType)}，这里是${Ty.show(t)}`, uri);
        this.checkRateRange(s.value, t, uri);
      }
      if (s.step && d.mode !== "累进") this.report("E192", s.span, `「每增加…提高…」只用于累进分段`, uri);
    });
    this.checkBoundaries(d, uri);
  }

  /** Gaps, overlaps, order and ambiguous inclusion, on the boundaries that are literal numbers. */
  private checkBoundaries(d: A.BracketDecl, uri: string) {
    const ranges = bracketRanges(d);
    for (const r of ranges) {
      if (r.ambiguous) this.report("W133", r.ambiguous.span, r.ambiguous.message, uri);
    }
    for (let i = 1; i < ranges.length; i++) {
      const prev = ranges[i - 1];
      const cur = ranges[i];
      const pu = literalValue(prev.upper?.value);
      const cl = literalValue(cur.lower?.value);
      const cu = literalValue(cur.upper?.value);
      if (pu && cu && !cu.gt(pu)) {
        this.report("E132", cur.span, `分段边界须逐段递增：${fmt(cu)} 不大于上一段的 ${fmt(pu)}`, uri);
        continue;
      }
      if (!cur.lowerExplicit || !pu || !cl) continue;
      if (cl.gt(pu)) {
        this.report("E130", cur.span, `分段在 ${fmt(pu)} 与 ${fmt(cl)} 之间间断`, uri);
      } else if (cl.lt(pu)) {
        this.report("E131", cur.span, `这一段从 ${fmt(cl)} 起，与上一段（至 ${fmt(pu)}）重叠`, uri);
      } else {
        const both = prev.upperInclusive && cur.lowerInclusive;
        const neither = !prev.upperInclusive && !cur.lowerInclusive;
        if (both || neither) {
          const explicit = !!cur.lower?.mark && !!prev.upper?.mark;
          const what = both ? `${fmt(pu)} 同时属于相邻两段` : `${fmt(pu)} 不属于任何一段`;
          const code: DiagnosticCode = d.mode === "全额" || explicit ? (both ? "E131" : "E130") : "W133";
          const message =
            code === "W133"
              ? `${what}：按法律惯例「以上、以下、以内、不超过」含本数，「超过、不满」不含本数；请用（含）或（不含）写明`
              : `${what}`;
          this.report(code, cur.lower?.span ?? cur.span, message, uri);
        }
      }
    }
  }

  // ── calculators ──
  private globalScope(uri: string, ann: Annotations = this.model.ann): Scope {
    return { locals: new Map(), later: new Set(), ann, uri };
  }

  private checkCalculator(c: CalculatorInfo) {
    const uri = c.uri;
    const d = c.decl;
    const scope: Scope = { calc: c, locals: new Map(), later: new Set(), ann: c.ann, uri };
    // Inputs
    for (const f of d.inputs) {
      if (scope.locals.has(f.name.key)) this.report("E102", f.name.span, `输入「${f.name.text}」重复定义`, uri);
      const type = this.resolveType(f.type, uri);
      let required = true;
      if (f.default) {
        required = false;
        const t = this.expr(f.default, scope, type);
        // `默认 无`: an optional input of any type; rules test it with `= 无`.
        // A default that may be 无 (a parameter not set in later versions) makes the field required then.
        const maybeNone = t.k === "money" && t.nullable && type.k === "money";
        if (t.k !== "none" && !maybeNone && !Ty.assignable(type, t) && !(type.k === "set" && f.default.kind === "List")) {
          this.report("E110", f.default.span, `默认值应为${Ty.show(type)}，这里是${Ty.show(t)}`, uri);
        }
      }
      if (f.min) this.expr(f.min, scope, type);
      if (f.max) {
        this.expr(f.max, scope, type);
        // The maximum is published in the input schema, so it is a number known before any case.
        if (f.max.kind !== "Number") this.report("E192", f.max.span, `「不大于」后须写一个数，例如「不大于 100万元」`, uri);
        else if (type.k !== "money" && type.k !== "int" && type.k !== "number") this.report("E192", f.max.span, `只有金额和整数类的输入可以写「不大于」`, uri);
      }
      const info: InputInfo = { name: f.name.text, key: f.name.key, type, required, field: f };
      c.inputs.push(info);
      const sym: Sym = { kind: "input", calcKey: c.key, field: f, type, uri };
      scope.locals.set(f.name.key, sym);
      this.ref(f.name.span, uri, sym);
    }
    // Every calculator has the input 日期 (absent: the newest version applies), declared or not.
    const dateKey = foldName("日期");
    if (!scope.locals.has(dateKey)) {
      const field: A.InputField = {
        kind: "InputField",
        name: { kind: "Name", text: "日期", key: dateKey, span: d.name.span },
        type: { kind: "TypeRef", name: { kind: "Name", text: "日期", key: dateKey, span: d.name.span }, span: d.name.span },
        default: { kind: "None", span: d.name.span },
        span: d.name.span,
      };
      scope.locals.set(dateKey, { kind: "input", calcKey: c.key, field, type: Ty.DATE, uri });
      this.implicitInputs.add(field);
    }
    // Steps declared anywhere in the body, to tell "used before its definition" from "unknown".
    for (const item of d.body) {
      if (item.kind === "StepDecl") scope.later.add(item.name.key);
      if (item.kind === "LayeredBlock") for (const s of item.steps) scope.later.add(s.name.key);
    }
    // Accumulators are inputs (year-to-date state) whose fields are money.
    for (const a of d.accumulators) {
      const type: Type = a.scalar
        ? Ty.MONEY
        : { k: "record", fields: a.fields.map((f) => ({ name: f.name.text, key: f.name.key, type: Ty.MONEY })) };
      const sym: Sym = { kind: "accumulator", calcKey: c.key, decl: a, type, uri };
      if (scope.locals.has(a.name.key)) this.report("E102", a.name.span, `「${a.name.text}」重复定义`, uri);
      scope.locals.set(a.name.key, sym);
      this.ref(a.name.span, uri, sym);
      c.accumulators.push({ decl: a, type });
    }
    for (const item of d.body) {
      if (item.kind === "StepDecl") this.checkStep(item, scope);
      else if (item.kind === "LayeredBlock") {
        const t = this.expr(item.initial, scope, Ty.MONEY);
        if (!Ty.assignable(Ty.MONEY, t)) this.report("E110", item.initial.span, `分层的起点应为金额，这里是${Ty.show(t)}`, uri);
        const inner: Scope = { ...scope, remaining: Ty.MONEY };
        for (const s of item.steps) this.checkStep(s, inner);
      } else if (item.kind === "Refusal") {
        const target = scope.locals.get(item.field.key);
        if (!target || target.kind !== "input") {
          this.report("E103", item.field.span, `拒绝须指明一个输入字段，「${item.field.text}」不是本计算的输入`, uri);
        } else this.ref(item.field.span, uri, target);
        this.condition(item.cond, scope);
        if (!item.reason) this.report("E192", item.span, `拒绝须写明理由，例如「仅限城乡居民身份参保人」`, uri);
      }
    }
    // Accumulator updates see every step.
    for (const a of d.accumulators) {
      for (const f of a.fields) {
        const t = this.expr(f.add, scope, Ty.MONEY);
        if (!Ty.assignable(Ty.MONEY, t)) this.report("E110", f.add.span, `累加的应为金额，这里是${Ty.show(t)}`, uri);
      }
    }
    if (c.outputs.length === 0) this.report("E192", d.name.span, `计算「${d.name.text}」没有任何输出`, uri);
    // An input referenced only by its own declaration is unused.
    const uses = new Map<A.InputField, number>();
    for (const r of this.model.references) if (r.sym.kind === "input") uses.set(r.sym.field, (uses.get(r.sym.field) ?? 0) + 1);
    for (const f of d.inputs) {
      if ((uses.get(f) ?? 0) <= 1) this.report("W190", f.name.span, `输入「${f.name.text}」没有被任何规则使用`, uri);
    }
    // Time coverage of versioned parameters against the calculator's validity.
    const from = d.validity?.from?.value;
    for (const u of c.uses) {
      if (u.kind !== "param" || !u.decl.versions) continue;
      const starts = u.decl.versions.map((v) => v.validity.from?.value).filter((x): x is string => !!x).sort();
      if (from && starts[0] && starts[0] > from) {
        this.report("E152", u.decl.name.span, `参数「${u.decl.name.text}」最早的版本从 ${starts[0]} 起，而计算「${c.name}」自 ${from} 起有效`, u.uri);
      }
    }
  }

  private checkStep(s: A.StepDecl, scope: Scope) {
    const c = scope.calc!;
    const declared = s.type ? this.resolveType(s.type, scope.uri) : undefined;
    let t = this.expr(s.value, scope, declared);
    if (declared && !Ty.assignable(declared, t)) {
      this.report("E110", s.value.span, `「${s.name.text}」应为${Ty.show(declared)}，这里是${Ty.show(t)}`, scope.uri);
    }
    t = declared ?? t;
    this.checkModifiers(s.modifiers, t, scope, s.name.text);
    if (scope.locals.has(s.name.key) && scope.locals.get(s.name.key)!.kind !== "step") {
      this.report("E102", s.name.span, `「${s.name.text}」与输入同名`, scope.uri);
    } else if (scope.locals.get(s.name.key)?.kind === "step") {
      this.report("E102", s.name.span, `「${s.name.text}」重复定义`, scope.uri);
    }
    if (s.output && s.name.key === foldName("计算过程")) {
      this.report("E103", s.name.span, `「计算过程」是每个结果都有的说明步骤，不能用作输出名`, scope.uri);
    }
    const sym: Sym = { kind: "step", calcKey: c.key, decl: s, type: t, uri: scope.uri };
    scope.locals.set(s.name.key, sym);
    this.ref(s.name.span, scope.uri, sym);
    if (s.output) c.outputs.push({ name: s.name.text, key: s.name.key, type: t, decl: s });
  }

  private checkModifiers(mods: A.Modifier[], valueType: Type, scope: Scope, what: string) {
    mods.forEach((m, i) => {
      // 否则当 / 否则 continue a chain: they need a 当 before them and no 否则 in between.
      if (m.branch !== "当" && (i === 0 || mods[i - 1].branch === "否则")) {
        this.report("E161", m.span, i === 0 ? CODES.E161 : `「否则」已结束上面的条件链，这里须以「当」开始新的条件`, scope.uri);
      }
      if (m.cond) this.condition(m.cond, scope);
      for (const a of m.actions) {
        const expected = actionArgType(a.kind, valueType);
        const t = this.expr(a.value, scope, expected);
        if (!expected) {
          this.report("E160", a.span, `「${a.kind}」不能用于${Ty.show(valueType)}「${what}」`, scope.uri);
        } else if (!Ty.assignable(expected, t)) {
          const hint = valueType.k === "rate" && (a.kind === "提高" || a.kind === "降低") ? "（比例的增减请写「个百分点」）" : "";
          this.report(Ty.isNumeric(t) && Ty.isNumeric(expected) ? "E111" : "E110", a.value.span, `「${a.kind}」${what}须用${Ty.show(expected)}，这里是${Ty.show(t)}${hint}`, scope.uri);
        }
      }
    });
  }

  private condition(e: A.Expr, scope: Scope) {
    const t = this.expr(e, scope, Ty.BOOL);
    if (t.k !== "bool" && t.k !== "unknown") this.report("E112", e.span, `条件应为是/否，这里是${Ty.show(t)}`, scope.uri);
  }

  /** Check a parameter's or bracket's context-dependent parts inside a calculator. */
  private useDeclaration(sym: Sym, scope: Scope) {
    const c = scope.calc;
    if (!c) return;
    if (c.uses.includes(sym)) return;
    c.uses.push(sym);
    const inner: Scope = { ...scope, remaining: undefined };
    if (sym.kind === "param") {
      this.checkModifiers(sym.decl.modifiers, sym.type, inner, sym.decl.name.text);
      const exprs = [sym.decl.value, ...(sym.decl.table ?? []).map((t) => t.value), ...(sym.decl.versions ?? []).flatMap((v) => [v.value, ...(v.table ?? []).map((t) => t.value)])];
      for (const e of exprs) {
        if (!e) continue;
        const t = this.expr(e, inner, sym.type);
        if (this.readsInputs(e) && !Ty.assignable(sym.type, t)) this.report("E110", e.span, `参数「${sym.decl.name.text}」应为${Ty.show(sym.type)}，这里是${Ty.show(t)}`, sym.uri);
      }
    } else if (sym.kind === "bracket") {
      const d = sym.decl;
      const valueType = d.mode === "累进" ? Ty.RATE : sym.resultType;
      for (const s of d.slices) {
        for (const b of [s.lower, s.upper]) if (b) this.expr(b.value, inner);
        if (s.value) this.expr(s.value, inner, valueType);
        for (const kv of s.keyed ?? []) this.expr(kv.value, inner, valueType);
        if (s.step) {
          this.expr(s.step.width, inner);
          const t = this.expr(s.step.increment, inner, Ty.POINTS);
          if (!Ty.assignable(Ty.POINTS, t)) this.report("E111", s.step.increment.span, `「每增加…提高」的幅度须用个百分点，这里是${Ty.show(t)}`, inner.uri);
        }
      }
      if (d.by) {
        const sym2 = scope.locals.get(d.by.key);
        if (!sym2 || !(sym2.kind === "input" && sym2.type.k === "enum")) {
          // The calculator must provide a value of the enum the bracket is laid out by.
          const provider = [...scope.locals.values()].find((s) => (s.kind === "input" || s.kind === "step") && s.type.k === "enum" && s.type.key === d.by!.key);
          if (!provider) this.report("E195", d.name.span, `分段「${d.name.text}」按「${d.by.text}」取比例，但计算「${c.name}」没有这一项输入`, sym.uri);
        }
      }
      this.checkModifiers(d.modifiers, valueType, inner, d.name.text);
    }
  }

  private checkUnusedParams() {
    // Parameters used by no calculator are still checked, in a scope holding every calculator's inputs.
    const used = new Set<Sym>();
    for (const c of this.model.calculators.values()) for (const u of c.uses) used.add(u);
    const union = new Map<string, Sym>();
    for (const c of this.model.calculators.values()) {
      for (const i of c.inputs) union.set(i.key, { kind: "input", calcKey: c.key, field: i.field, type: i.type, uri: c.uri });
    }
    for (const p of this.model.params.values()) {
      if ([...used].some((u) => u.kind === "param" && u.decl === p.decl)) continue;
      const scope: Scope = { locals: union, later: new Set(), ann: this.model.ann, uri: p.uri };
      this.checkModifiers(p.decl.modifiers, p.type, scope, p.decl.name.text);
      const exprs = [p.decl.value, ...(p.decl.table ?? []).map((t) => t.value), ...(p.decl.versions ?? []).flatMap((v) => [v.value, ...(v.table ?? []).map((t) => t.value)])];
      for (const e of exprs) if (e && this.readsInputs(e)) this.expr(e, scope, p.type);
    }
    for (const [, b] of this.model.brackets) {
      if ([...used].some((u) => u.kind === "bracket" && u.decl === b.decl)) continue;
      const scope: Scope = { locals: union, later: new Set(), ann: this.model.ann, uri: b.uri };
      this.checkModifiers(b.decl.modifiers, b.decl.mode === "累进" ? Ty.RATE : b.resultType, scope, b.decl.name.text);
    }
  }

  // ── expressions ──
  private lookup(name: A.Name, scope: Scope): Sym | undefined {
    const local = scope.locals.get(name.key);
    if (local) return local;
    const p = this.model.params.get(name.key);
    if (p) return { kind: "param", decl: p.decl, type: p.type, uri: p.uri };
    const b = this.model.brackets.get(name.key);
    if (b) return { kind: "bracket", decl: b.decl, resultType: b.resultType, uri: b.uri };
    return undefined;
  }

  /** The symbol object shared by every use of a parameter or bracket (identity matters for `uses`). */
  private canonical(sym: Sym): Sym {
    if (sym.kind === "param") {
      this.paramSyms ??= new Map();
      let s = this.paramSyms.get(sym.decl);
      if (!s) this.paramSyms.set(sym.decl, (s = sym));
      return s;
    }
    if (sym.kind === "bracket") {
      this.paramSyms ??= new Map();
      let s = this.paramSyms.get(sym.decl);
      if (!s) this.paramSyms.set(sym.decl, (s = sym));
      return s;
    }
    return sym;
  }
  private paramSyms?: Map<object, Sym>;

  private unknownName(name: A.Name, scope: Scope) {
    if (scope.later.has(name.key)) {
      this.report("E191", name.span, `「${name.text}」在定义之前被使用；请把它的定义移到前面`, scope.uri);
      return;
    }
    const prefix = KEYWORD_PREFIXES.find((k) => name.text.startsWith(k) && name.text.length > k.length && this.lookup({ ...name, key: foldName(name.text.slice(k.length)) }, scope));
    const hint = prefix ? `；若「${prefix}」是关键字，请在它后面加空格` : "";
    const members = this.membersNamed(name.key);
    if (members.length > 1 && !hint) {
      this.report("E101", name.span, `「${name.text}」同时是${members.map((m) => `「${m.enumName}」`).join("、")}的成员，无法确定所指；请与相应字段比较`, scope.uri);
      return;
    }
    this.report("E101", name.span, `未知的名称「${name.text}」${hint}`, scope.uri);
  }

  private membersNamed(key: string): { enumKey: string; enumName: string; name: A.Name; uri: string }[] {
    const out = [];
    for (const e of this.model.enums.values()) {
      const m = e.members.find((x) => x.key === key);
      if (m) out.push({ enumKey: e.name.key, enumName: e.name.text, name: m, uri: e.uri });
    }
    return out;
  }

  private set(e: A.Expr, t: Type, scope: Scope): Type {
    scope.ann.types.set(e, t);
    return t;
  }

  expr(e: A.Expr, scope: Scope, expected?: Type): Type {
    const t = this.exprInner(e, scope, expected);
    return this.set(e, t, scope);
  }

  private exprInner(e: A.Expr, scope: Scope, expected?: Type): Type {
    const uri = scope.uri;
    switch (e.kind) {
      case "Number":
        return literalType(e);
      case "Date":
        return Ty.DATE;
      case "Bool":
        return Ty.BOOL;
      case "None":
        return Ty.NONE;
      case "Text":
        return Ty.TEXT;
      case "Error":
        return Ty.UNKNOWN;
      case "Remaining":
        if (!scope.remaining) {
          this.report("E103", e.span, `「剩余」只能用在「分层」之内`, uri);
          return Ty.UNKNOWN;
        }
        return scope.remaining;
      case "Ref": {
        // A name where an enum value is expected is that enum's member.
        if (expected?.k === "enum") {
          const m = this.enumMember(expected.key, e.name);
          if (m && !scope.locals.has(e.name.key)) {
            const sym: Sym = { kind: "member", enumKey: expected.key, enumName: expected.name, name: m, uri: this.model.enums.get(expected.key)!.uri };
            scope.ann.refs.set(e, sym);
            this.ref(e.name.span, uri, sym);
            return expected;
          }
        }
        const sym = this.lookup(e.name, scope);
        // Where text is expected, an unknown 「…」 is the text itself (不予支付情形：[「自杀」]).
        if (!sym && (expected?.k === "text" || (expected?.k === "list" && expected.of.k === "text"))) return Ty.TEXT;
        if (!sym) {
          const members = this.membersNamed(e.name.key);
          if (members.length === 1) {
            const m = members[0];
            const s: Sym = { kind: "member", ...m };
            scope.ann.refs.set(e, s);
            this.ref(e.name.span, uri, s);
            if (expected && expected.k === "enum" && expected.key !== m.enumKey) {
              this.report("E110", e.span, `「${e.name.text}」是枚举「${m.enumName}」的成员，这里需要枚举「${expected.name}」`, uri);
            }
            return { k: "enum", name: m.enumName, key: m.enumKey };
          }
          if (BUILTIN_KEYS.has(e.name.key)) {
            this.report("E103", e.span, `「${e.name.text}」是函数，须带括号调用`, uri);
            return Ty.UNKNOWN;
          }
          this.unknownName(e.name, scope);
          return Ty.UNKNOWN;
        }
        const canon = this.canonical(sym);
        scope.ann.refs.set(e, canon);
        this.ref(e.name.span, uri, canon);
        if (canon.kind === "param") {
          this.useDeclaration(canon, scope);
          if (canon.decl.by) {
            this.report("E103", e.span, `参数「${e.name.text}」按「${canon.decl.by.text}」取值，须写成「${e.name.text}[${canon.decl.by.text}]」`, uri);
          }
          return canon.type;
        }
        if (canon.kind === "bracket") {
          this.report("E103", e.span, `分段「${e.name.text}」须带括号调用，例如「${e.name.text}（金额）」`, uri);
          return Ty.UNKNOWN;
        }
        if (canon.kind === "input" || canon.kind === "step" || canon.kind === "accumulator") return canon.type;
        return Ty.UNKNOWN;
      }
      case "Field": {
        const t = this.expr(e.target, scope);
        if (t.k === "unknown") return t;
        if (t.k !== "record") {
          this.report("E103", e.field.span, `${Ty.show(t)}没有字段「${e.field.text}」`, uri);
          return Ty.UNKNOWN;
        }
        const f = t.fields.find((x) => x.key === e.field.key);
        if (!f) {
          this.report("E101", e.field.span, `没有字段「${e.field.text}」；可用：${t.fields.map((x) => x.name).join("、")}`, uri);
          return Ty.UNKNOWN;
        }
        return f.type;
      }
      case "Index": {
        if (e.target.kind !== "Ref") {
          this.report("E103", e.span, `只有「按 枚举」的参数表可以用 [ ] 取值`, uri);
          return Ty.UNKNOWN;
        }
        const sym = this.lookup(e.target.name, scope);
        if (!sym || sym.kind !== "param") {
          if (!sym) this.unknownName(e.target.name, scope);
          else this.report("E103", e.span, `「${e.target.name.text}」不是参数表，不能用 [ ] 取值`, uri);
          this.expr(e.key, scope);
          return Ty.UNKNOWN;
        }
        const canon = this.canonical(sym) as Extract<Sym, { kind: "param" }>;
        scope.ann.refs.set(e.target, canon);
        this.ref(e.target.name.span, uri, canon);
        this.set(e.target, canon.type, scope);
        this.useDeclaration(canon, scope);
        const by = canon.decl.by ? this.model.enums.get(canon.decl.by.key) : undefined;
        if (!by) {
          this.report("E103", e.span, `参数「${e.target.name.text}」不是按枚举取值的表`, uri);
          this.expr(e.key, scope);
          return canon.type;
        }
        const enumType: Type = { k: "enum", name: by.name.text, key: by.name.key };
        const kt = this.expr(e.key, scope, enumType);
        if (kt.k === "set" && kt.ofKey === by.name.key) return { k: "list", of: canon.type };
        if (!Ty.assignable(enumType, kt)) this.report("E110", e.key.span, `表「${e.target.name.text}」按${Ty.show(enumType)}取值，这里是${Ty.show(kt)}`, uri);
        return canon.type;
      }
      case "Call":
        return this.call(e, scope);
      case "Unary": {
        if (e.op === "非") {
          this.condition(e.operand, scope);
          return Ty.BOOL;
        }
        const t = this.expr(e.operand, scope, expected);
        if (!Ty.isNumeric(t) && t.k !== "unknown") this.report("E110", e.span, `「${e.op === "-" ? "负号" : "⁺"}」只能用于数值，这里是${Ty.show(t)}`, uri);
        return t;
      }
      case "Binary":
        return this.binary(e, scope, expected);
      case "If": {
        this.condition(e.cond, scope);
        const a = this.expr(e.then, scope, expected);
        const b = this.expr(e.else, scope, expected ?? a);
        if (a.k === "none" && b.k === "money") return { k: "money", nullable: true };
        if (b.k === "none" && a.k === "money") return { k: "money", nullable: true };
        if (a.k === "number") return b;
        if (b.k === "number") return a;
        if (!Ty.same(a, b)) this.report("E110", e.else.span, `「如果」两个分支类型不同：${Ty.show(a)} 与 ${Ty.show(b)}`, uri);
        if (a.k === "money" && b.k === "money" && (a.nullable || b.nullable)) return { k: "money", nullable: true };
        return a;
      }
      case "List": {
        const itemExpected = expected?.k === "set" ? ({ k: "enum", name: expected.of, key: expected.ofKey } as Type) : expected?.k === "list" ? expected.of : undefined;
        const items = e.items.map((i) => this.expr(i, scope, itemExpected));
        const first = items.find((t) => t.k !== "unknown");
        if (first?.k === "enum") return { k: "set", of: first.name, ofKey: first.key };
        return { k: "list", of: first ?? Ty.UNKNOWN };
      }
      case "Record":
        for (const f of e.fields) this.expr(f.value, scope);
        return Ty.UNKNOWN;
    }
  }

  private binary(e: Extract<A.Expr, { kind: "Binary" }>, scope: Scope, expected?: Type): Type {
    const uri = scope.uri;
    switch (e.op) {
      case "且":
      case "或":
        this.condition(e.left, scope);
        this.condition(e.right, scope);
        return Ty.BOOL;
      case "包含": {
        const l = this.expr(e.left, scope);
        if (l.k !== "set" && l.k !== "list" && l.k !== "unknown") this.report("E110", e.left.span, `「包含」左边应为集合，这里是${Ty.show(l)}`, uri);
        const itemType: Type | undefined = l.k === "set" ? { k: "enum", name: l.of, key: l.ofKey } : l.k === "list" ? l.of : undefined;
        const r = this.expr(e.right, scope, itemType);
        if (itemType && !Ty.assignable(itemType, r)) this.report("E110", e.right.span, `集合的元素应为${Ty.show(itemType)}，这里是${Ty.show(r)}`, uri);
        return Ty.BOOL;
      }
      case "属于":
      case "不属于": {
        const l = this.expr(e.left, scope);
        const r = this.expr(e.right, scope, l.k === "enum" ? { k: "set", of: l.name, ofKey: l.key } : { k: "list", of: l });
        if (r.k !== "set" && r.k !== "list" && r.k !== "unknown") this.report("E110", e.right.span, `「${e.op}」右边应为列表，例如 [职工在职、职工退休]`, uri);
        return Ty.BOOL;
      }
      case "=":
      case "≠":
      case "<":
      case ">":
      case "≤":
      case "≥": {
        const l = this.expr(e.left, scope);
        const r = this.expr(e.right, scope, l);
        if (l.k === "enum" && e.op !== "=" && e.op !== "≠") this.report("E110", e.opSpan, `枚举只能比较相等或不等`, uri);
        if (!comparable(l, r)) this.report("E110", e.span, `不能比较${Ty.show(l)}与${Ty.show(r)}`, uri);
        return Ty.BOOL;
      }
      default: {
        const l = this.expr(e.left, scope, expected);
        const r = this.expr(e.right, scope, e.op === "+" || e.op === "-" ? l : undefined);
        const res = Ty.arithmetic(e.op, l, r);
        if ("error" in res) {
          this.report(res.unit ? "E111" : "E110", e.opSpan, res.error, uri);
          return Ty.UNKNOWN;
        }
        return res.type;
      }
    }
  }

  private call(e: Extract<A.Expr, { kind: "Call" }>, scope: Scope): Type {
    const uri = scope.uri;
    const sym = this.lookup(e.callee, scope);
    if (sym?.kind === "bracket") {
      const canon = this.canonical(sym) as Extract<Sym, { kind: "bracket" }>;
      scope.ann.refs.set(e, canon);
      this.ref(e.callee.span, uri, canon);
      this.useDeclaration(canon, scope);
      if (e.args.length !== 1) {
        this.report("E110", e.span, `分段「${e.callee.text}」须且只须一个金额或数量参数`, uri);
      }
      const argT = e.args[0] ? this.expr(e.args[0], scope) : Ty.UNKNOWN;
      for (const a of e.args.slice(1)) this.expr(a, scope);
      if (e.accumulated) {
        const accT = this.expr(e.accumulated, scope, argT);
        if (canon.decl.mode !== "累进") this.report("E103", e.accumulated.span, `「已累计」只用于累进分段`, uri);
        if (!Ty.assignable(argT, accT)) this.report("E110", e.accumulated.span, `「已累计」应为${Ty.show(argT)}，这里是${Ty.show(accT)}`, uri);
      }
      // Boundaries must be of the argument's type.
      for (const s of canon.decl.slices) {
        for (const b of [s.lower, s.upper]) {
          if (!b) continue;
          const bt = scope.ann.types.get(b.value) ?? this.expr(b.value, scope);
          if (!Ty.assignable(argT, bt) && !(bt.k === "int" && argT.k === "int")) {
            this.report("E110", b.value.span, `分段「${e.callee.text}」的边界是${Ty.show(bt)}，而这里按${Ty.show(argT)}计算`, uri);
          }
        }
      }
      if (canon.decl.mode === "累进") {
        if (!Ty.assignable(Ty.MONEY, argT) && argT.k !== "unknown") this.report("E110", e.args[0]?.span ?? e.span, `累进分段按金额计算，这里是${Ty.show(argT)}`, uri);
        return Ty.MONEY;
      }
      return canon.resultType;
    }
    const builtin = BUILTIN_KEYS.get(e.callee.key);
    if (!builtin) {
      if (sym) this.report("E103", e.callee.span, `「${e.callee.text}」不是函数或分段，不能调用`, uri);
      else this.unknownName(e.callee, scope);
      for (const a of e.args) this.expr(a, scope);
      return Ty.UNKNOWN;
    }
    scope.ann.refs.set(e, { kind: "builtin", name: builtin });
    if (builtin === "封顶点") return this.capPoint(e, scope);
    const args = e.args.map((a) => this.expr(a, scope));
    const need = (n: number) => {
      if (args.length !== n) this.report("E110", e.span, `「${builtin}」须有 ${n} 个参数，这里有 ${args.length} 个`, uri);
    };
    switch (builtin) {
      case "较大":
      case "较小": {
        if (args.length < 2) this.report("E110", e.span, `「${builtin}」至少须有 2 个参数`, uri);
        const concrete = args.filter((t) => t.k !== "number" && t.k !== "none" && t.k !== "unknown");
        const base = concrete[0] ?? args[0] ?? Ty.UNKNOWN;
        for (let i = 0; i < args.length; i++) {
          const t = args[i];
          if (t.k === "none" && builtin === "较小") continue;
          if (!Ty.isNumeric(t) && t.k !== "unknown" && t.k !== "date") this.report("E110", e.args[i].span, `「${builtin}」的参数应为数值，这里是${Ty.show(t)}`, uri);
          else if (t.k !== "number" && !Ty.same(base, t)) this.report("E111", e.args[i].span, `「${builtin}」的参数单位不一致：${Ty.show(base)} 与 ${Ty.show(t)}`, uri);
        }
        if (base.k === "date") return Ty.DATE;
        if (builtin === "较小" && base.k === "money") {
          // 无 (no cap) drops out of 较小: the result is nullable only if every argument may be 无.
          const allNullable = args.every((t) => t.k === "none" || (t.k === "money" && t.nullable));
          return allNullable ? { k: "money", nullable: true } : Ty.MONEY;
        }
        return base.k === "money" ? Ty.MONEY : base;
      }
      case "正值":
      case "舍入":
        need(1);
        if (args[0] && !Ty.isNumeric(args[0]) && args[0].k !== "unknown") this.report("E110", e.span, `「${builtin}」的参数应为数值，这里是${Ty.show(args[0])}`, uri);
        if (builtin === "舍入" && args[0] && args[0].k !== "money" && args[0].k !== "unknown") this.report("E110", e.span, `「舍入」用于金额（到分）`, uri);
        return args[0] ?? Ty.UNKNOWN;
      case "最大":
      case "最小":
      case "合计": {
        need(1);
        const t = args[0];
        if (t && t.k === "list") return t.of;
        if (t && t.k !== "unknown") this.report("E110", e.span, `「${builtin}」的参数应为列表，例如「${builtin}（表[集合]）」`, uri);
        return Ty.UNKNOWN;
      }
      case "个数":
        need(1);
        return Ty.int();
      case "次月首日":
        need(1);
        if (args[0] && args[0].k !== "date" && args[0].k !== "unknown") this.report("E110", e.span, `「次月首日」的参数应为日期`, uri);
        return Ty.DATE;
      case "加月":
        need(2);
        if (args[0] && args[0].k !== "date" && args[0].k !== "unknown") this.report("E110", e.args[0].span, `「加月」的第一个参数应为日期`, uri);
        if (args[1] && !(args[1].k === "int" || args[1].k === "number" || args[1].k === "unknown")) this.report("E110", e.args[1].span, `「加月」的第二个参数应为月数`, uri);
        return Ty.DATE;
      case "月末":
        need(1);
        if (args[0] && args[0].k !== "date" && args[0].k !== "unknown") this.report("E110", e.span, `「月末」的参数应为日期`, uri);
        return Ty.DATE;
      case "加日":
        need(2);
        if (args[0] && args[0].k !== "date" && args[0].k !== "unknown") this.report("E110", e.args[0].span, `「加日」的第一个参数应为日期`, uri);
        if (args[1] && !(args[1].k === "int" || args[1].k === "number" || args[1].k === "unknown")) this.report("E110", e.args[1].span, `「加日」的第二个参数应为天数`, uri);
        return Ty.DATE;
      case "月数差":
        need(2);
        for (let i = 0; i < 2; i++) if (args[i] && args[i].k !== "date" && args[i].k !== "unknown") this.report("E110", e.args[i].span, `「月数差」的参数应为日期`, uri);
        return Ty.int("个月");
      case "年份":
      case "月份":
        need(1);
        if (args[0] && args[0].k !== "date" && args[0].k !== "unknown") this.report("E110", e.span, `「${builtin}」的参数应为日期`, uri);
        return Ty.int();
    }
    return Ty.UNKNOWN;
  }

  /** 封顶点（分段，目标）: the amount at which a marginal bracket's payment reaches the target. */
  private capPoint(e: Extract<A.Expr, { kind: "Call" }>, scope: Scope): Type {
    const [first, target] = e.args;
    if (e.args.length !== 2 || first?.kind !== "Ref") {
      this.report("E110", e.span, `「封顶点」须写成「封顶点（分段名，目标金额）」`, scope.uri);
      for (const a of e.args) this.expr(a, scope);
      return { k: "money", nullable: true };
    }
    const sym = this.lookup(first.name, scope);
    if (!sym || sym.kind !== "bracket" || sym.decl.mode !== "累进") {
      if (!sym) this.unknownName(first.name, scope);
      else this.report("E103", first.span, `「封顶点」的第一个参数应为累进分段`, scope.uri);
    } else {
      const canon = this.canonical(sym);
      scope.ann.refs.set(first, canon);
      this.ref(first.name.span, scope.uri, canon);
      this.useDeclaration(canon, scope);
      this.set(first, Ty.UNKNOWN, scope);
    }
    const t = this.expr(target, scope, Ty.MONEY);
    if (!Ty.assignable(Ty.MONEY, t)) this.report("E110", target.span, `「封顶点」的目标应为金额，这里是${Ty.show(t)}`, scope.uri);
    return { k: "money", nullable: true };
  }

  // ── examples ──
  private checkExample(ex: A.ExampleDecl & { uri: string }) {
    const c = this.model.calculators.get(ex.calculator.key);
    if (!c) {
      this.report("E101", ex.calculator.span, `示例引用了不存在的计算「${ex.calculator.text}」`, ex.uri);
      return;
    }
    this.ref(ex.calculator.span, ex.uri, { kind: "calculator", decl: c.decl, uri: c.uri });
    const expectsError = ex.cases.some((cs) => cs.expect.fields.some((f) => f.name.key === foldName("错误")));
    for (const cs of ex.cases) {
      for (const f of cs.input.fields) {
        const input = c.inputs.find((i) => i.key === f.name.key);
        const acc = c.accumulators.find((a) => a.decl.name.key === f.name.key);
        if (f.name.key === foldName("日期")) {
          this.expr(f.value, this.globalScope(ex.uri), Ty.DATE);
          continue;
        }
        if (!input && !acc) {
          this.report("E180", f.name.span, `计算「${c.name}」没有输入「${f.name.text}」`, ex.uri);
          continue;
        }
        this.ref(f.name.span, ex.uri, input ? { kind: "input", calcKey: c.key, field: input.field, type: input.type, uri: c.uri } : { kind: "accumulator", calcKey: c.key, decl: acc!.decl, type: acc!.type, uri: c.uri });
        const t = input?.type ?? acc!.type;
        if (!expectsError) this.exampleValue(f.value, t, ex.uri);
      }
      for (const f of cs.expect.fields) {
        // `错误：「…」` expects the case to be refused or rejected with that message.
        if (f.name.key === foldName("错误")) continue;
        const out = c.outputs.find((o) => o.key === f.name.key);
        if (!out) {
          this.report("E180", f.name.span, `计算「${c.name}」没有输出「${f.name.text}」；输出有：${c.outputs.map((o) => o.name).join("、")}`, ex.uri);
          continue;
        }
        this.ref(f.name.span, ex.uri, { kind: "step", calcKey: c.key, decl: out.decl, type: out.type, uri: c.uri });
        this.exampleValue(f.value, out.type, ex.uri);
      }
    }
  }

  private exampleValue(v: A.Expr, t: Type, uri: string) {
    const scope = this.globalScope(uri);
    if (t.k === "record" && v.kind === "Record") {
      for (const f of v.fields) {
        const ft = t.fields.find((x) => x.key === f.name.key);
        if (!ft) this.report("E180", f.name.span, `没有字段「${f.name.text}」；可用：${t.fields.map((x) => x.name).join("、")}`, uri);
        else this.exampleValue(f.value, ft.type, uri);
      }
      return;
    }
    const actual = this.expr(v, scope, t);
    if (!Ty.assignable(t, actual) && !(t.k === "set" && v.kind === "List") && !(t.k === "money" && actual.k === "none")) {
      this.report("E110", v.span, `应为${Ty.show(t)}，这里是${Ty.show(actual)}`, uri);
    }
  }
}

// ── helpers shared with the compiler ──

export function builtinType(key: string): Type | undefined {
  for (const [name, t] of Object.entries(Ty.BUILTIN_TYPES)) if (foldName(name) === key) return t;
  return undefined;
}

export function literalType(n: A.NumberLiteral): Type {
  switch (n.unit) {
    case "元":
      return Ty.MONEY;
    case "%":
      return Ty.RATE;
    case "个百分点":
      return Ty.POINTS;
    case "个月":
      return Ty.int("个月");
    case "岁":
      return Ty.int("岁");
    case "年":
      return Ty.int("年");
    default:
      return Ty.NUM;
  }
}

function actionArgType(kind: A.ModifierAction["kind"], t: Type): Type | undefined {
  switch (kind) {
    case "提高":
    case "降低":
      if (t.k === "rate") return Ty.POINTS;
      if (t.k === "money" || t.k === "int" || t.k === "points") return { ...t, ...(t.k === "money" ? { nullable: false } : {}) } as Type;
      return t.k === "unknown" ? t : undefined;
    case "乘以":
      return Ty.isNumeric(t) || t.k === "unknown" ? Ty.RATE : undefined;
    case "设为":
      return t;
    case "不低于":
    case "不超过":
      return Ty.isNumeric(t) || t.k === "unknown" ? ({ ...t, ...(t.k === "money" ? { nullable: false } : {}) } as Type) : undefined;
  }
}

function comparable(a: Type, b: Type): boolean {
  if (a.k === "unknown" || b.k === "unknown") return true;
  // Any optional input may be tested against 无 (absent).
  if (a.k === "none" || b.k === "none") return true;
  if (a.k === "number" && Ty.isNumeric(b)) return true;
  if (b.k === "number" && Ty.isNumeric(a)) return true;
  return Ty.same(a, b);
}

export function literalValue(e: A.Expr | undefined): Decimal | undefined {
  if (e?.kind === "Number") return new Decimal(e.value);
  return undefined;
}

const fmt = (d: Decimal) => d.toString();

export interface SliceRange {
  lower?: A.Bound;
  upper?: A.Bound;
  lowerInclusive: boolean;
  upperInclusive: boolean;
  /** The slice states its own lower bound (rather than continuing from the one above). */
  lowerExplicit: boolean;
  ambiguous?: { span: A.Span; message: string };
  span: A.Span;
}

/**
 * Boundary inclusion by the Chinese legal convention, overridden by （含）/（不含）:
 * 以上、以下、以内、不超过 include the number; 超过、不满 exclude it.
 * A bare `N 至 M` lower bound is read as exclusive and flagged as ambiguous.
 */
export function bracketRanges(d: A.BracketDecl): SliceRange[] {
  return d.slices.map((s) => {
    let ambiguous: SliceRange["ambiguous"];
    let lowerInclusive = false;
    if (s.lower) {
      if (s.lower.mark) lowerInclusive = s.lower.mark.inclusive;
      else if (s.lower.word === "以上") lowerInclusive = true;
      else if (s.lower.word === "超过" || s.lower.word === "以外") lowerInclusive = false;
      else {
        lowerInclusive = false;
        ambiguous = { span: s.lower.span, message: `下限「${s.lower.value.kind === "Number" ? s.lower.value.raw : "…"}」没有写明是否含本数（按不含理解）；请写「超过」或加（含）/（不含）` };
      }
      if ((s.lower as A.Bound & { redundantAbove?: boolean }).redundantAbove && !s.lower.mark) {
        ambiguous = { span: s.lower.span, message: `「超过…以上」同时出现，含义不明确（按「超过」即不含本数理解）；请删去其一或加（含）/（不含）` };
      }
    }
    let upperInclusive = true;
    if (s.upper) {
      if (s.upper.mark) upperInclusive = s.upper.mark.inclusive;
      else if (s.upper.word === "不满") upperInclusive = false;
      else upperInclusive = true;
    }
    return { lower: s.lower, upper: s.upper, lowerInclusive, upperInclusive, lowerExplicit: !!s.lower, ambiguous, span: s.span };
  });
}

