// Enumerations: members unique, at least one; enums and members that nothing can use.
import type * as A from "../ast.js";
import type { Reference } from "../model.js";
import type { Checker } from "./typing.js";

export function checkEnum(ctx: Checker, e: A.EnumDecl & { uri: string }) {
  const seen = new Map<string, A.Name>();
  for (const m of e.members) {
    if (seen.has(m.key)) ctx.report("E102", m.span, `枚举「${e.name.text}」中的「${m.text}」重复`, e.uri);
    seen.set(m.key, m);
  }
  if (e.members.length === 0) ctx.report("E192", e.name.span, `枚举「${e.name.text}」没有成员`, e.uri);
}

/**
 * In a file with calculators, an enum nothing refers to is W193. A member is W194 only when no value of it can ever arise:
 * no calculator takes the enum (or a set of it) as an input, and no rule writes the member.
 * Members of an input's enum are never flagged: they are the values a caller may pass, even when
 * the rules treat several alike (江门's 居民困难类别: every category but 非困难居民 is paid the same).
 */
export function checkUnusedEnums(ctx: Checker) {
  const model = ctx.model;
  // A file without calculators (a fragment, a base of shared declarations) uses nothing yet.
  if (model.calculators.size === 0) return;
  // The references to each enum and its members, gathered once (filtering them per enum was quadratic).
  const refsOf = new Map<string, Reference[]>();
  for (const r of model.references) {
    const key = r.sym.kind === "enum" ? r.sym.decl.name.key : r.sym.kind === "member" ? r.sym.enumKey : undefined;
    if (key === undefined) continue;
    const list = refsOf.get(key);
    if (list) list.push(r);
    else refsOf.set(key, [r]);
  }
  const inputEnums = new Set<string>();
  for (const c of model.calculators.values()) {
    for (const i of c.inputs) {
      if (i.type.k === "enum") inputEnums.add(i.type.key);
      else if (i.type.k === "set") inputEnums.add(i.type.ofKey);
    }
  }
  const keyedEnums = new Set<string>();
  for (const x of [...model.params.values(), ...model.brackets.values()]) if (x.decl.by) keyedEnums.add(x.decl.by.key);
  for (const e of model.enums.values()) {
    if (e.uri !== ctx.main.uri || e.members.length === 0) continue;
    const key = e.name.key;
    const refs = refsOf.get(key) ?? [];
    if (refs.length === 0) {
      ctx.report("W193", e.name.span, `枚举「${e.name.text}」没有被使用：没有输入、参数或分段按它取值`, e.uri);
      continue;
    }
    // A table or bracket 按 the enum already needs every member (E120).
    if (inputEnums.has(key) || keyedEnums.has(key)) continue;
    const written = new Set(refs.flatMap((r) => (r.sym.kind === "member" ? [r.sym.name.key] : [])));
    for (const m of e.members) {
      if (!written.has(m.key)) ctx.report("W194", m.span, `枚举「${e.name.text}」的成员「${m.text}」不会出现：没有输入取这个枚举，也没有规则写到它`, e.uri);
    }
  }
}
