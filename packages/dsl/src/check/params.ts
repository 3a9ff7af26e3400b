// Parameters: values of the declared type (typed in the typing pass), tables covering their
// enum, rates within 0–100%, time versions without gaps or overlaps; parameters no calculator
// uses are checked against every calculator's inputs.
import { Decimal } from "decimal.js";
import type * as A from "../ast.js";
import { isCalendarDate, nextDay, previousDay } from "../language/dates.js";
import type { Model, Sym } from "../model.js";
import * as Ty from "../types.js";
import type { Type } from "../types.js";
import { literalType, type Checker, type Scope } from "./typing.js";

/** Every value of the parameter (plain, table rows, versions), in the declared type. */
const valuesOf = (d: A.ParamDecl): A.Expr[] =>
  [d.value, ...(d.table ?? []).map((t) => t.value), ...(d.versions ?? []).flatMap((v) => [v.value, ...(v.table ?? []).map((t) => t.value)])].filter(
    (e): e is A.Expr => !!e,
  );

/** Typing pass: each value that does not read a calculator's inputs, in the file's scope. */
export function typeParam(ctx: Checker, p: Model["params"] extends Map<string, infer P> ? P : never) {
  const scope = ctx.globalScope(p.uri);
  for (const e of valuesOf(p.decl)) {
    ctx.expectLiteralOrParam(e, p.type, scope);
    if (p.type.k === "rate") ctx.checkBareRate(e, p.uri);
    // 「月数 = 1.5个月」 was computed as one and a half months.
    else if (p.type.k === "int" && e.kind === "Number" && !new Decimal(e.value).isInteger()) ctx.report("E110", e.span, `应为整数，这里是 ${e.raw.trim()}`, p.uri);
  }
}

export function checkParamStatic(ctx: Checker, d: A.ParamDecl, uri: string) {
  const scope = ctx.globalScope(uri);
  if (d.value) checkRate(ctx, d.value, uri);
  if (d.table) checkTable(ctx, d, d.table, scope);
  if (d.versions) {
    for (const v of d.versions) {
      checkValidityOrder(ctx, v.validity, uri);
      if (v.value) checkRate(ctx, v.value, uri);
      if (v.table) checkTable(ctx, d, v.table, scope);
      if (!v.validity.from) ctx.report("E192", v.span, `版本须写明起始日期，例如「自 2018-01-01 起」`, uri);
    }
    checkVersions(ctx, d.versions, uri);
  }
  if (d.by && !d.table && !d.versions?.some((v) => v.table)) {
    ctx.report("E192", d.name.span, `参数「${d.name.text}」按「${d.by.text}」取值，须给出表`, uri);
  }
  if (!d.by && (d.table?.length || d.versions?.some((v) => v.table))) {
    ctx.report("E192", d.name.span, `参数「${d.name.text}」是一张表，须写明「按 枚举」`, uri);
  }
}

/** A literal rate (or the sum or difference of two) within 0–100%. */
function checkRate(ctx: Checker, e: A.Expr, uri: string) {
  if (e.kind === "Number") ctx.checkRateRange(e, literalType(e), uri);
}

export function checkTable(ctx: Checker, d: A.ParamDecl, entries: A.TableEntry[], scope: Scope) {
  const uri = scope.uri;
  if (!d.by) return;
  const e = ctx.model.enums.get(d.by.key);
  if (!e) {
    ctx.report("E101", d.by.span, `未知的枚举「${d.by.text}」`, uri);
    return;
  }
  ctx.ref(d.by.span, uri, { kind: "enum", decl: e, uri: e.uri });
  const covered = new Map<string, A.Name>();
  let hasOther = false;
  for (const entry of entries) {
    if (entry.other) hasOther = true;
    for (const k of entry.keys) {
      const m = ctx.enumMember(e.name.key, k);
      if (!m) {
        ctx.report("E122", k.span, `「${k.text}」不是枚举「${e.name.text}」的成员；成员有：${e.members.map((x) => x.text).join("、")}`, uri);
        continue;
      }
      ctx.ref(k.span, uri, { kind: "member", enumKey: e.name.key, enumName: e.name.text, name: m, uri: e.uri });
      if (covered.has(k.key)) ctx.report("E121", k.span, `表「${d.name.text}」中「${k.text}」出现了两次`, uri);
      covered.set(k.key, k);
    }
    checkRate(ctx, entry.value, uri);
  }
  const missing = e.members.filter((m) => !covered.has(m.key));
  if (missing.length && !hasOther) {
    ctx.report("E120", d.name.span, `表「${d.name.text}」缺少枚举「${e.name.text}」的成员：${missing.map((m) => m.text).join("、")}`, uri);
  }
}

/** A period that ends before it starts holds no day: the policy, calculator or version would never apply. */
export function checkValidityOrder(ctx: Checker, v: A.Validity | undefined, uri: string) {
  const from = v?.from?.value;
  const to = v?.to?.value;
  if (!from || !to || !isCalendarDate(from) || !isCalendarDate(to) || to >= from) return;
  ctx.report("E153", v!.span, `结束日期 ${to} 早于开始日期 ${from}，这段时间一天也没有`, uri);
}

export function checkVersions(ctx: Checker, versions: A.VersionEntry[], uri: string) {
  // An impossible date is E003 already, a period reversed E153; versions are compared on real periods only.
  const real = (d: A.DateLiteral | undefined) => !d || isCalendarDate(d.value);
  // ISO dates order as strings (as the comparisons below read them); localeCompare's first call
  // builds an ICU collator, 19–42 ms of a cold check (node --cpu-prof of the server's start).
  const sorted = versions
    .filter((v) => v.validity.from && real(v.validity.from) && real(v.validity.to) && !(v.validity.to && v.validity.to.value < v.validity.from.value))
    .sort((a, b) => (a.validity.from!.value < b.validity.from!.value ? -1 : a.validity.from!.value > b.validity.from!.value ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    const prevEnd = prev.validity.to?.value;
    const curStart = cur.validity.from!.value;
    if (prev.validity.from!.value === curStart || (prevEnd && prevEnd >= curStart)) {
      ctx.report("E150", cur.validity.span, `时间版本 ${curStart} 起与上一版本重叠`, uri);
    } else if (prevEnd && nextDay(prevEnd) !== curStart) {
      ctx.report("E151", cur.validity.span, `时间版本在 ${nextDay(prevEnd)} 至 ${previousDay(curStart)} 之间没有取值`, uri);
    }
  }
}

export function checkUnusedParams(ctx: Checker) {
  // Parameters used by no calculator are still checked, in a scope holding every calculator's inputs.
  // The declarations some calculator uses, as a set: looking each one up in a list was quadratic in the policy.
  const used = new Set<object>();
  for (const c of ctx.model.calculators.values()) for (const u of c.uses) if (u.kind === "param" || u.kind === "bracket") used.add(u.decl);
  const union = new Map<string, Sym>();
  for (const c of ctx.model.calculators.values()) {
    for (const i of c.inputs) union.set(i.key, { kind: "input", calcKey: c.key, field: i.field, type: i.type, uri: c.uri });
  }
  for (const p of ctx.model.params.values()) {
    if (used.has(p.decl)) continue;
    const scope: Scope = { locals: union, later: new Set(), ann: ctx.model.ann, uri: p.uri };
    ctx.checkModifiers(p.decl.modifiers, p.type, scope, p.decl.name.text);
    for (const e of valuesOf(p.decl)) if (ctx.readsInputs(e)) ctx.expr(e, scope, p.type);
  }
  for (const [, b] of ctx.model.brackets) {
    if (used.has(b.decl)) continue;
    const scope: Scope = { locals: union, later: new Set(), ann: ctx.model.ann, uri: b.uri };
    const valueType = b.decl.mode === "累进" ? Ty.RATE : b.resultType;
    // 「超过 起付标淮：50%」, a name mistyped in a bracket no calculator uses yet, is unknown all the same.
    ctx.bracketSlices(b.decl, valueType, scope);
    ctx.checkModifiers(b.decl.modifiers, valueType, scope, b.decl.name.text);
  }
}
