// Worked examples: the calculator exists, inputs and expected outputs are its own and of its types.
import type * as A from "../ast.js";
import { foldName } from "../fold.js";
import * as Ty from "../types.js";
import type { Type } from "../types.js";
import type { Checker } from "./typing.js";

export function checkExample(ctx: Checker, ex: A.ExampleDecl & { uri: string }) {
  const c = ctx.model.calculators.get(ex.calculator.key);
  if (!c) {
    ctx.report("E101", ex.calculator.span, `示例引用了不存在的计算「${ex.calculator.text}」`, ex.uri);
    return;
  }
  ctx.ref(ex.calculator.span, ex.uri, { kind: "calculator", decl: c.decl, uri: c.uri });
  const expectsError = ex.cases.some((cs) => cs.expect.fields.some((f) => f.name.key === foldName("错误")));
  for (const cs of ex.cases) {
    for (const f of cs.input.fields) {
      const input = c.inputs.find((i) => i.key === f.name.key);
      const acc = c.accumulators.find((a) => a.decl.name.key === f.name.key);
      if (f.name.key === foldName("日期")) {
        ctx.expr(f.value, ctx.globalScope(ex.uri), Ty.DATE);
        continue;
      }
      if (!input && !acc) {
        ctx.report("E180", f.name.span, `计算「${c.name}」没有输入「${f.name.text}」`, ex.uri);
        continue;
      }
      ctx.ref(f.name.span, ex.uri, input ? { kind: "input", calcKey: c.key, field: input.field, type: input.type, uri: c.uri } : { kind: "accumulator", calcKey: c.key, decl: acc!.decl, type: acc!.type, uri: c.uri });
      const t = input?.type ?? acc!.type;
      if (!expectsError) exampleValue(ctx, f.value, t, ex.uri);
    }
    for (const f of cs.expect.fields) {
      // `错误：「…」` expects the case to be refused or rejected with that message.
      if (f.name.key === foldName("错误")) continue;
      const out = c.outputs.find((o) => o.key === f.name.key);
      if (!out) {
        ctx.report("E180", f.name.span, `计算「${c.name}」没有输出「${f.name.text}」；输出有：${c.outputs.map((o) => o.name).join("、")}`, ex.uri);
        continue;
      }
      ctx.ref(f.name.span, ex.uri, { kind: "step", calcKey: c.key, decl: out.decl, type: out.type, uri: c.uri });
      exampleValue(ctx, f.value, out.type, ex.uri);
    }
  }
}

export function exampleValue(ctx: Checker, v: A.Expr, t: Type, uri: string) {
  const scope = ctx.globalScope(uri);
  if (t.k === "record" && v.kind === "Record") {
    for (const f of v.fields) {
      const ft = t.fields.find((x) => x.key === f.name.key);
      if (!ft) ctx.report("E180", f.name.span, `没有字段「${f.name.text}」；可用：${t.fields.map((x) => x.name).join("、")}`, uri);
      else exampleValue(ctx, f.value, ft.type, uri);
    }
    return;
  }
  const actual = ctx.expr(v, scope, t);
  if (!Ty.assignable(t, actual) && !(t.k === "set" && v.kind === "List") && !(t.k === "money" && actual.k === "none")) {
    ctx.report("E110", v.span, `应为${Ty.show(t)}，这里是${Ty.show(actual)}`, uri);
  } else if (t.k === "rate") ctx.checkBareRate(v, uri);
}
