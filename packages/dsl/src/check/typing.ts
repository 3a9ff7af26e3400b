// Typing: the type and meaning of every expression, in the scope it is evaluated in. Checks
// call it; a parameter's or bracket's expressions are typed again in each calculator that uses
// them (`useDeclaration`), because their modifiers read that calculator's inputs.
import { Decimal } from "decimal.js";
import type * as A from "../ast.js";
import { CODES } from "../diagnostics.js";
import { foldName } from "../fold.js";
import { BUILTINS, type Builtin } from "../language/builtins.js";
import { verbEntry } from "../language/modifiers.js";
import type { Sym } from "../model.js";
import * as Ty from "../types.js";
import type { Type } from "../types.js";
import { CheckContext, literalType, type Scope } from "./context.js";

export { literalType, builtinType, CheckContext, type Scope, type SourceFile, type RawDiagnostic } from "./context.js";

/** Built-in functions by folded name. */
export const BUILTIN_KEYS = new Map(BUILTINS.map((b) => [foldName(b.name), b]));

/** The digits of a bare number above 1 (「90」 where a rate is due), undefined for any other expression. */
function bareAboveOne(e: A.Expr): string | undefined {
  const digits = e.kind === "Number" && e.unit === "" ? e.raw.normalize("NFKC").trim() : "";
  return /^\d+(?:\.\d+)?$/.test(digits) && new Decimal(digits).gt(1) ? digits : undefined;
}

export class Checker extends CheckContext {
  expectLiteralOrParam(e: A.Expr, type: Type, scope: Scope) {
    // A value that reads a calculator's inputs is a shared rule: it is checked in each
    // calculator that uses it (useDeclaration), or against all inputs if none does.
    if (this.readsInputs(e)) return;
    const t = this.expr(e, scope, type);
    if (!Ty.assignable(type, t)) this.report("E110", e.span, `应为${Ty.show(type)}，这里是${Ty.show(t)}`, scope.uri);
  }

  /** Does the expression name something that only a calculator provides (an input, a step)? */
  readsInputs(e: A.Expr): boolean {
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

  checkRateRange(e: A.Expr, t: Type, uri: string) {
    // 「50%-70%」: a notice's range of rates, read as a subtraction of two rates (−20%, paid as 0%).
    if (e.kind === "Binary" && (e.op === "+" || e.op === "-") && e.left.kind === "Number" && e.right.kind === "Number" && e.left.unit === "%" && e.right.unit === "%") {
      const [a, b] = [new Decimal(e.left.value), new Decimal(e.right.value)];
      const v = e.op === "+" ? a.plus(b) : a.minus(b);
      const range = e.op === "-" && v.lt(0) ? "：「-」是减号；通知写的比例范围，请按条件分写成表或「当」" : "";
      if (v.lt(0) || v.gt(1)) this.report("E140", e.span, `比例 ${e.left.raw}${e.op}${e.right.raw} 算得 ${v.times(100).toString()}%，超出 0–100%${range}`, uri);
      return;
    }
    if (e.kind === "Number" && t.k === "rate") {
      const v = new Decimal(e.value);
      // 「最低缴费基数 300%以上部分」: a multiple of a wage, not a rate.
      const multiple = v.gt(1) ? `：若是倍数，写作「${v.toString()}倍」` : "";
      if (v.lt(0) || v.gt(1)) this.report("E140", e.span, `比例 ${e.raw} 超出 0–100%${multiple}`, uri);
    }
  }

  /**
   * A rate written as a bare number: 0.9 is 90%, while 90 is ninety times the amount (the %
   * forgotten) and is refused. A multiple says so (「3倍」 of a wage, the hint for 300%).
   */
  checkBareRate(e: A.Expr, uri: string) {
    const digits = bareAboveOne(e);
    if (digits) this.report("E140", e.span, `比例 ${digits} 超出 0–100%：若是 ${digits}%，写作「${digits}%」`, uri);
  }

  /**
   * A rate compared with, added to or taken from a bare number above 1 (「比 ≥ 90」 never holds,
   * 「比 + 10」 is 1050%): the % forgotten, as in a rate's value.
   */
  rateBesideBare(e: Extract<A.Expr, { kind: "Binary" }>, l: Type, r: Type, uri: string) {
    if (l.k === "rate") this.checkBareRate(e.right, uri);
    if (r.k === "rate") this.checkBareRate(e.left, uri);
  }

  /**
   * A rate input's default within 0–100%, as the input's schema takes it (a multiple, 「1.2倍」, too):
   * outside it, every case that omits the field would fail at run time.
   */
  checkRateDefault(e: A.Expr, uri: string) {
    if (e.kind !== "Number") return;
    const v = new Decimal(e.value);
    if (v.gte(0) && v.lte(1)) return;
    const bare = bareAboveOne(e);
    this.report("E140", e.span, `比例 ${e.raw.normalize("NFKC").trim()} 超出 0–100%${bare ? `：若是 ${bare}%，写作「${bare}%」` : ""}`, uri);
  }

  /**
   * A money or integer input's default as its schema takes it — 0 or more, whole (an integer) or
   * to the cent (money), within its own 「不小于」 and 「不大于」, else within its type's maximum:
   * outside it, every case that omitted the field failed at run time, as an internal error, and a
   * default of −100元 was computed as a negative amount the input itself refuses.
   */
  checkNumberDefault(type: Type, e: A.Expr, min: A.Expr | undefined, max: A.Expr | undefined, uri: string) {
    if (type.k !== "int" && type.k !== "money") return;
    const negative = e.kind === "Unary" && e.op === "-" && e.operand.kind === "Number";
    const n = e.kind === "Number" ? e : negative ? e.operand : undefined;
    if (n?.kind !== "Number") return;
    const v = new Decimal(n.value);
    const written = `${negative ? "-" : ""}${n.raw.trim()}`;
    const what = type.k === "money" ? "金额" : "整数";
    const unit = type.k === "money" ? "元" : type.unit;
    const limit = Ty.defaultMaximum(type);
    if (type.k === "int" && !v.isInteger()) this.report("E110", e.span, `默认值应为整数，这里是 ${written}`, uri);
    else if (type.k === "money" && v.decimalPlaces() > 2) this.report("E110", e.span, `默认值 ${written} 多于两位小数：金额输入最多到分`, uri);
    else if (negative && !v.isZero()) this.report("E110", e.span, `默认值 ${written} 小于 0：这个输入只收 0 及以上的${what}`, uri);
    else if (min?.kind === "Number" && v.lt(min.value)) this.report("E110", e.span, `默认值 ${written} 小于这个输入的下限 ${min.raw.trim()}`, uri);
    else if (max?.kind === "Number" && v.gt(max.value)) this.report("E110", e.span, `默认值 ${written} 大于这个输入的上限 ${max.raw.trim()}`, uri);
    else if (max === undefined && limit !== undefined && v.gt(limit)) {
      this.report("E110", e.span, `默认值 ${written} 大于${Ty.show(type)}输入的上限 ${limit}${unit}：上限另有规定时，在这个输入上写「不大于」`, uri);
    }
  }

  /**
   * A rate's modifier with a bare number above 1: 「提高 5」 adds 500 points and 「设为 90」 sets
   * 9000% (both paid as 100%), 「不超过 90」 caps nothing — the unit forgotten.
   */
  checkBareRateAction(a: A.ModifierAction, what: string, uri: string) {
    if (a.kind !== "提高" && a.kind !== "降低") return this.checkBareRate(a.value, uri);
    const digits = bareAboveOne(a.value);
    if (digits) this.report("E111", a.value.span, `「${a.kind}」${what}须用百分点，这里是数 ${digits}：若是 ${digits} 个百分点，写作「${digits}个百分点」`, uri);
  }

  checkModifiers(mods: A.Modifier[], valueType: Type, scope: Scope, what: string) {
    mods.forEach((m, i) => {
      // 否则当 / 否则 continue a chain: they need a 当 before them and no 否则 in between.
      if (m.branch !== "当" && (i === 0 || mods[i - 1].branch === "否则")) {
        this.report("E161", m.span, i === 0 ? CODES.E161 : `「否则」已结束上面的条件链，这里须以「当」开始新的条件`, scope.uri);
      }
      if (m.cond) this.condition(m.cond, scope);
      for (const a of m.actions) {
        const expected = verbEntry(a.kind).argument(valueType);
        const t = this.expr(a.value, scope, expected);
        if (!expected) {
          this.report("E160", a.span, `「${a.kind}」不能用于${Ty.show(valueType)}「${what}」`, scope.uri);
        } else if (!Ty.assignable(expected, t)) {
          const hint = valueType.k === "rate" && (a.kind === "提高" || a.kind === "降低") ? "（比例的增减请写「个百分点」）" : "";
          this.report(Ty.isNumeric(t) && Ty.isNumeric(expected) ? "E111" : "E110", a.value.span, `「${a.kind}」${what}须用${Ty.show(expected)}，这里是${Ty.show(t)}${hint}`, scope.uri);
        } else if (valueType.k === "rate" && a.kind !== "乘以") this.checkBareRateAction(a, what, scope.uri);
      }
    });
  }

  condition(e: A.Expr, scope: Scope) {
    const t = this.expr(e, scope, Ty.BOOL);
    if (t.k !== "bool" && t.k !== "unknown") this.report("E112", e.span, `条件应为是/否，这里是${Ty.show(t)}`, scope.uri);
  }

  /** Check a parameter's or bracket's context-dependent parts inside a calculator. */
  useDeclaration(sym: Sym, scope: Scope) {
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
      this.bracketSlices(d, valueType, inner);
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

  /** A bracket's bounds, values and steps, in the scope of a calculator that uses it (or of all calculators' inputs). */
  bracketSlices(d: A.BracketDecl, valueType: Type, scope: Scope) {
    for (const s of d.slices) {
      for (const b of [s.lower, s.upper]) if (b) this.expr(b.value, scope);
      if (s.value) this.expr(s.value, scope, valueType);
      for (const kv of s.keyed ?? []) this.expr(kv.value, scope, valueType);
      if (s.step) {
        this.expr(s.step.width, scope);
        const t = this.expr(s.step.increment, scope, Ty.POINTS);
        if (!Ty.assignable(Ty.POINTS, t)) this.report("E111", s.step.increment.span, `「每增加…提高」的幅度须用个百分点，这里是${Ty.show(t)}`, scope.uri);
      }
    }
  }

  expr(e: A.Expr, scope: Scope, expected?: Type): Type {
    const t = this.exprInner(e, scope, expected);
    return this.set(e, t, scope);
  }

  exprInner(e: A.Expr, scope: Scope, expected?: Type): Type {
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

  binary(e: Extract<A.Expr, { kind: "Binary" }>, scope: Scope, expected?: Type): Type {
    const uri = scope.uri;
    switch (e.op) {
      case "且":
      case "或": {
        this.condition(e.left, scope);
        // 「级别 = 一级 或 二级」: the second member alone is no condition.
        const l = e.left;
        if (e.op === "或" && l.kind === "Binary" && l.op === "=" && l.left.kind === "Ref" && l.right.kind === "Ref" && e.right.kind === "Ref") {
          const t = this.expr(e.right, scope);
          if (t.k === "enum") {
            const [name, a, b] = [l.left.name.text, l.right.name.text, e.right.name.text];
            this.report("E112", e.right.span, `「${b}」不是条件：写作「${name} = ${a} 或 ${name} = ${b}」，或「${name} 属于 [${a}、${b}]」`, uri);
            return Ty.BOOL;
          }
        }
        this.condition(e.right, scope);
        return Ty.BOOL;
      }
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
        this.rateBesideBare(e, l, r, uri);
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
        // 「50%-70%」 wherever it is written, a step's value or an operand included.
        if (e.op === "+" || e.op === "-") {
          this.checkRateRange(e, res.type, uri);
          this.rateBesideBare(e, l, r, uri);
        }
        return res.type;
      }
    }
  }

  call(e: Extract<A.Expr, { kind: "Call" }>, scope: Scope): Type {
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
    scope.ann.refs.set(e, { kind: "builtin", name: builtin.name });
    if (builtin.bracketArgument) return this.bracketArgumentCall(builtin, e, scope);
    const args = e.args.map((a, i) => this.expr(a, scope, builtin.expects?.[i]));
    return builtin.check(this.builtinCall(e, args, uri));
  }

  /** How a built-in's check reports: on an argument, or on the whole call. */
  builtinCall(e: Extract<A.Expr, { kind: "Call" }>, args: Type[], uri: string) {
    return {
      args,
      error: (message: string, at?: number, code: "E110" | "E111" = "E110") =>
        this.report(code, at === undefined ? e.span : (e.args[at]?.span ?? e.span), message, uri),
    };
  }

  /** A built-in whose first argument names a 累进 bracket (封顶点（分段，目标）). */
  bracketArgumentCall(builtin: Builtin, e: Extract<A.Expr, { kind: "Call" }>, scope: Scope): Type {
    const [first, ...rest] = e.args;
    if (e.args.length !== 2 || first?.kind !== "Ref") {
      this.report("E110", e.span, `「${builtin.name}」须写成「${builtin.name}${builtin.signature}」`, scope.uri);
      for (const a of e.args) this.expr(a, scope);
      return builtin.check({ args: [], error: () => undefined });
    }
    const sym = this.lookup(first.name, scope);
    if (!sym || sym.kind !== "bracket" || sym.decl.mode !== "累进") {
      if (!sym) this.unknownName(first.name, scope);
      else this.report("E103", first.span, `「${builtin.name}」的第一个参数应为累进分段`, scope.uri);
    } else {
      const canon = this.canonical(sym);
      scope.ann.refs.set(first, canon);
      this.ref(first.name.span, scope.uri, canon);
      this.useDeclaration(canon, scope);
      this.set(first, Ty.UNKNOWN, scope);
    }
    const args = [Ty.UNKNOWN, ...rest.map((a, i) => this.expr(a, scope, builtin.expects?.[i + 1]))];
    return builtin.check(this.builtinCall(e, args, scope.uri));
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
