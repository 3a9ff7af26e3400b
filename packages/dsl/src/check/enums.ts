// Enumerations: members unique, at least one.
import type * as A from "../ast.js";
import type { Checker } from "./typing.js";

export function checkEnum(ctx: Checker, e: A.EnumDecl & { uri: string }) {
  const seen = new Map<string, A.Name>();
  for (const m of e.members) {
    if (seen.has(m.key)) ctx.report("E102", m.span, `枚举「${e.name.text}」中的「${m.text}」重复`, e.uri);
    seen.set(m.key, m);
  }
  if (e.members.length === 0) ctx.report("E192", e.name.span, `枚举「${e.name.text}」没有成员`, e.uri);
}
