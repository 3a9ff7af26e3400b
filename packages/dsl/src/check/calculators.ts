// Calculators. Typing pass (typeCalculator): inputs (and the implicit 日期), accumulators, steps
// in order, layered blocks, refusals — the scope, the type of every expression, the outputs and
// the parameters used. Check (checkCalculator): refusals give a reason, there are outputs, every
// input is used, the versioned parameters used cover the calculator's validity.
import { Decimal } from "decimal.js";
import type * as A from "../ast.js";
import { foldName } from "../fold.js";
import type { CalculatorInfo, InputInfo, Sym } from "../model.js";
import { walkExpr } from "../symbols.js";
import * as Ty from "../types.js";
import type { Type } from "../types.js";
import { checkValidityOrder } from "./params.js";
import type { Checker, Scope } from "./typing.js";

export function typeCalculator(ctx: Checker, c: CalculatorInfo) {
  const uri = c.uri;
  const d = c.decl;
  const scope: Scope = { calc: c, locals: new Map(), later: new Set(), ann: c.ann, uri };
  // Inputs
  for (const f of d.inputs) {
    if (scope.locals.has(f.name.key)) ctx.report("E102", f.name.span, `输入「${f.name.text}」重复定义`, uri);
    const type = ctx.resolveType(f.type, uri);
    let required = true;
    if (f.default) {
      required = false;
      const t = ctx.expr(f.default, scope, type);
      // `默认 无`: an optional input of any type; rules test it with `= 无`.
      // A default that may be 无 (a parameter not set in later versions) makes the field required then.
      const maybeNone = t.k === "money" && t.nullable && type.k === "money";
      if (t.k !== "none" && !maybeNone && !Ty.assignable(type, t) && !(type.k === "set" && f.default.kind === "List")) {
        ctx.report("E110", f.default.span, `默认值应为${Ty.show(type)}，这里是${Ty.show(t)}`, uri);
      } else if (type.k === "rate") ctx.checkRateDefault(f.default, uri);
      else ctx.checkNumberDefault(type, f.default, f.min, f.max, uri);
    }
    if (f.min) ctx.expr(f.min, scope, type);
    if (f.max) {
      ctx.expr(f.max, scope, type);
      // The maximum is published in the input schema, so it is a number known before any case.
      if (f.max.kind !== "Number") ctx.report("E192", f.max.span, `「不大于」后须写一个数，例如「不大于 100万元」`, uri);
      else if (type.k !== "money" && type.k !== "int" && type.k !== "number") ctx.report("E192", f.max.span, `只有金额和整数类的输入可以写「不大于」`, uri);
      // Every case would be refused: below the minimum or above the maximum.
      else if (f.min?.kind === "Number" && new Decimal(f.min.value).gt(f.max.value)) {
        ctx.report("E196", f.min.span, `「不小于 ${f.min.raw.trim()}」大于「不大于 ${f.max.raw.trim()}」：这个输入没有能收的值`, uri);
      }
    }
    const info: InputInfo = { name: f.name.text, key: f.name.key, type, required, field: f };
    c.inputs.push(info);
    const sym: Sym = { kind: "input", calcKey: c.key, field: f, type, uri };
    scope.locals.set(f.name.key, sym);
    ctx.ref(f.name.span, uri, sym);
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
    if (scope.locals.has(a.name.key)) ctx.report("E102", a.name.span, `「${a.name.text}」重复定义`, uri);
    scope.locals.set(a.name.key, sym);
    ctx.ref(a.name.span, uri, sym);
    c.accumulators.push({ decl: a, type });
  }
  for (const item of d.body) {
    if (item.kind === "StepDecl") typeStep(ctx, item, scope);
    else if (item.kind === "LayeredBlock") {
      const t = ctx.expr(item.initial, scope, Ty.MONEY);
      if (!Ty.assignable(Ty.MONEY, t)) ctx.report("E110", item.initial.span, `分层的起点应为金额，这里是${Ty.show(t)}`, uri);
      const inner: Scope = { ...scope, remaining: Ty.MONEY };
      for (const s of item.steps) typeStep(ctx, s, inner);
    } else if (item.kind === "Refusal") {
      const target = scope.locals.get(item.field.key);
      if (!target || target.kind !== "input") {
        ctx.report("E103", item.field.span, `拒绝须指明一个输入字段，「${item.field.text}」不是本计算的输入`, uri);
      } else ctx.ref(item.field.span, uri, target);
      ctx.condition(item.cond, scope);
    }
  }
  // Accumulator updates see every step.
  for (const a of d.accumulators) {
    for (const f of a.fields) {
      const t = ctx.expr(f.add, scope, Ty.MONEY);
      if (!Ty.assignable(Ty.MONEY, t)) ctx.report("E110", f.add.span, `累加的应为金额，这里是${Ty.show(t)}`, uri);
    }
  }
}

export function checkCalculator(ctx: Checker, c: CalculatorInfo) {
  const uri = c.uri;
  const d = c.decl;
  for (const item of d.body) {
    if (item.kind === "Refusal" && !item.reason) ctx.report("E192", item.span, `拒绝须写明理由，例如「仅限城乡居民身份参保人」`, uri);
  }
  if (c.outputs.length === 0) ctx.report("E192", d.name.span, `计算「${d.name.text}」没有任何输出`, uri);
  // An input referenced only by its own declaration is unused.
  const uses = inputUses(ctx);
  for (const f of d.inputs) {
    if ((uses.get(f) ?? 0) <= 1) ctx.report("W190", f.name.span, `输入「${f.name.text}」没有被任何规则使用`, uri);
  }
  checkValidityOrder(ctx, d.validity, uri);
  checkCarriedRemainders(ctx, d, uri);
  // Time coverage of versioned parameters against the calculator's validity.
  const from = d.validity?.from?.value;
  for (const u of c.uses) {
    if (u.kind !== "param" || !u.decl.versions) continue;
    const starts = u.decl.versions.map((v) => v.validity.from?.value).filter((x): x is string => !!x).sort();
    if (from && starts[0] && starts[0] > from) {
      ctx.report("E152", u.decl.name.span, `参数「${u.decl.name.text}」最早的版本从 ${starts[0]} 起，而计算「${c.name}」自 ${from} 起有效`, u.uri);
    }
  }
}

/**
 * 「输出 统筹支付 = 较小（费用，10万元 − 年度.支付）」: a limit less what the year has paid is negative
 * once the carried total passes the limit (a total the caller gives, or another system's), and so is
 * the payment. An output's subtraction of an accumulator is guarded by 正值, 较大（…，0元）, a
 * condition on the accumulator, or the output's own 不低于; steps (令) are left to what uses them.
 */
function checkCarriedRemainders(ctx: Checker, d: A.CalculatorDecl, uri: string) {
  if (d.accumulators.length === 0) return;
  const carried = new Set(d.accumulators.map((a) => a.name.key));
  const text = ctx.files.find((f) => f.uri === uri)?.text ?? "";
  const positive = foldName("正值");
  const greater = foldName("较大");
  const reads = (e: A.Expr): boolean => {
    let found = false;
    walkExpr(e, (x) => (found ||= x.kind === "Ref" && carried.has(x.name.key)));
    return found;
  };
  const walk = (e: A.Expr, guarded: boolean, output: A.StepDecl): void => {
    switch (e.kind) {
      case "Call": {
        const floor = e.callee.key === positive || (e.callee.key === greater && e.args.some((a) => a.kind === "Number" && Number(a.value) >= 0));
        for (const a of e.args) walk(a, guarded || floor, output);
        return;
      }
      case "Binary":
        if (e.op === "-" && !guarded && reads(e.right)) {
          const written = text.slice(e.span.start, e.span.end);
          ctx.report("W197", e.span, `累计超过限额时「${output.name.text}」是负数：「${written}」写作「正值（${written}）」`, uri);
          return;
        }
        walk(e.left, guarded, output);
        walk(e.right, guarded, output);
        return;
      case "Unary":
        return walk(e.operand, guarded, output);
      case "If": {
        const checked = guarded || reads(e.cond);
        walk(e.then, checked, output);
        walk(e.else, checked, output);
        return;
      }
      default:
        return;
    }
  };
  const outputs = d.body.flatMap((item) => (item.kind === "StepDecl" ? [item] : item.kind === "LayeredBlock" ? item.steps : [])).filter((s) => s.output);
  for (const o of outputs) {
    if (o.modifiers.some((m) => m.actions.some((a) => a.kind === "不低于"))) continue;
    walk(o.value, false, o);
  }
}

/**
 * References to each input once typing is done, counted once for all calculators (counting them
 * again for each calculator made checking quadratic in the policy).
 */
const inputUseCounts = new WeakMap<Checker, Map<A.InputField, number>>();
function inputUses(ctx: Checker): Map<A.InputField, number> {
  let uses = inputUseCounts.get(ctx);
  if (!uses) {
    uses = new Map();
    for (const r of ctx.model.references) if (r.sym.kind === "input") uses.set(r.sym.field, (uses.get(r.sym.field) ?? 0) + 1);
    inputUseCounts.set(ctx, uses);
  }
  return uses;
}

/** Names every result already carries besides the policy's outputs: an output so named would clash with them. */
const RESERVED_OUTPUTS = new Map([
  [foldName("计算过程"), "是每个结果都有的说明步骤"],
  [foldName("结转"), "是有累计的计算在结果上附带的计入本件后的累计（供下一件传入）"],
]);

export function typeStep(ctx: Checker, s: A.StepDecl, scope: Scope) {
  const c = scope.calc!;
  const declared = s.type ? ctx.resolveType(s.type, scope.uri) : undefined;
  let t = ctx.expr(s.value, scope, declared);
  if (declared && !Ty.assignable(declared, t)) {
    ctx.report("E110", s.value.span, `「${s.name.text}」应为${Ty.show(declared)}，这里是${Ty.show(t)}`, scope.uri);
  }
  t = declared ?? t;
  ctx.checkModifiers(s.modifiers, t, scope, s.name.text);
  if (scope.locals.has(s.name.key) && scope.locals.get(s.name.key)!.kind !== "step") {
    ctx.report("E102", s.name.span, `「${s.name.text}」与输入同名`, scope.uri);
  } else if (scope.locals.get(s.name.key)?.kind === "step") {
    ctx.report("E102", s.name.span, `「${s.name.text}」重复定义`, scope.uri);
  }
  const reserved = s.output ? RESERVED_OUTPUTS.get(s.name.key) : undefined;
  if (reserved) ctx.report("E103", s.name.span, `「${s.name.text}」${reserved}，不能用作输出名`, scope.uri);
  const sym: Sym = { kind: "step", calcKey: c.key, decl: s, type: t, uri: scope.uri };
  scope.locals.set(s.name.key, sym);
  ctx.ref(s.name.span, scope.uri, sym);
  if (s.output) c.outputs.push({ name: s.name.text, key: s.name.key, type: t, decl: s });
}
