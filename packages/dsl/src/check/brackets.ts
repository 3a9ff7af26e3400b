// Brackets: slices by enum member, values of the result type, boundaries increasing without
// gaps, overlaps or ambiguous inclusion (ranges.ts reads the inclusion).
import type * as A from "../ast.js";
import type { DiagnosticCode } from "../diagnostics.js";
import * as Ty from "../types.js";
import type { Checker } from "./typing.js";
import { literalType } from "./typing.js";
import { rateVerbHint } from "../language/text.js";
import { bracketRanges, fmt, literalValue } from "./ranges.js";

export function checkBracketStatic(ctx: Checker, d: A.BracketDecl, uri: string) {
  const scope = ctx.globalScope(uri);
  const enumInfo = d.by ? ctx.model.enums.get(d.by.key) : undefined;
  if (d.by && !enumInfo) ctx.report("E101", d.by.span, `未知的枚举「${d.by.text}」`, uri);
  if (enumInfo && d.by) ctx.ref(d.by.span, uri, { kind: "enum", decl: enumInfo, uri: enumInfo.uri });
  if (d.slices.length === 0) ctx.report("E192", d.name.span, `分段「${d.name.text}」没有任何一段`, uri);
  const resultType = ctx.model.brackets.get(d.name.key)?.resultType ?? Ty.RATE;
  d.slices.forEach((s) => {
    if (s.keyed) {
      if (!enumInfo) {
        // 「5000元以下部分：给付50%」 reads as a row for a member 「给付」.
        const verb = s.keyed.length === 1 ? rateVerbHint(s.keyed[0]!.key.text) : undefined;
        if (verb) ctx.report("E002", s.keyed[0]!.key.span, verb, uri);
        else if (!d.by) ctx.report("E192", s.span, `按成员分列的取值须在分段上写明「按 枚举」`, uri);
      } else {
        const covered = new Set<string>();
        for (const kv of s.keyed) {
          const m = ctx.enumMember(enumInfo.name.key, kv.key);
          if (!m) ctx.report("E122", kv.key.span, `「${kv.key.text}」不是枚举「${enumInfo.name.text}」的成员`, uri);
          else {
            ctx.ref(kv.key.span, uri, { kind: "member", enumKey: enumInfo.name.key, enumName: enumInfo.name.text, name: m, uri: enumInfo.uri });
            if (covered.has(kv.key.key)) ctx.report("E121", kv.key.span, `「${kv.key.text}」出现了两次`, uri);
            covered.add(kv.key.key);
          }
          if (kv.value.kind === "Number") {
            ctx.checkRateRange(kv.value, literalType(kv.value), uri);
            if (resultType.k === "rate") ctx.checkBareRate(kv.value, uri);
          }
          else if (kv.value.kind === "Binary") ctx.checkRateRange(kv.value, Ty.RATE, uri);
        }
        const missing = enumInfo.members.filter((m) => !covered.has(m.key));
        if (missing.length) ctx.report("E120", s.span, `这一段缺少枚举「${enumInfo.name.text}」的成员：${missing.map((m) => m.text).join("、")}`, uri);
      }
    }
    if (s.value?.kind === "Number") {
      const t = literalType(s.value);
      if (d.mode === "累进" && t.k !== "rate") ctx.report("E110", s.value.span, `累进分段每段的取值应为比例，这里是${Ty.show(t)}`, uri);
      else if (!Ty.assignable(resultType, t)) ctx.report("E110", s.value.span, `应为${Ty.show(resultType)}，这里是${Ty.show(t)}`, uri);
      else if (resultType.k === "rate") ctx.checkBareRate(s.value, uri);
      ctx.checkRateRange(s.value, t, uri);
    } else if (s.value?.kind === "Binary") ctx.checkRateRange(s.value, Ty.RATE, uri);
    if (s.step && d.mode !== "累进") ctx.report("E192", s.span, `「每增加…提高…」只用于累进分段`, uri);
  });
  checkBoundaries(ctx, d, uri);
}

/** Gaps, overlaps, order and ambiguous inclusion, on the boundaries that are literal numbers. */
export function checkBoundaries(ctx: Checker, d: A.BracketDecl, uri: string) {
  const ranges = bracketRanges(d);
  for (const r of ranges) {
    if (r.ambiguous) ctx.report("W133", r.ambiguous.span, r.ambiguous.message, uri);
  }
  for (let i = 1; i < ranges.length; i++) {
    const prev = ranges[i - 1];
    const cur = ranges[i];
    const pu = literalValue(prev.upper?.value);
    const cl = literalValue(cur.lower?.value);
    const cu = literalValue(cur.upper?.value);
    if (pu && cu && !cu.gt(pu)) {
      ctx.report("E132", cur.span, `分段边界须逐段递增：${fmt(cu)} 不大于上一段的 ${fmt(pu)}`, uri);
      continue;
    }
    if (!cur.lowerExplicit || !pu || !cl) continue;
    if (cl.gt(pu)) {
      // 「30001元—60000元」 after 「至30000元（含）」: the notice counts whole yuan; amounts have cents.
      const raw = (b: A.Bound | undefined) => (b?.value.kind === "Number" ? b.value.raw : undefined);
      const [lower, upper] = [raw(cur.lower), raw(prev.upper)];
      const hint = cl.minus(pu).eq(1) && lower && upper ? `：通知按整数写的「${lower}」接着上一段的「${upper}」，请写「超过 ${upper}」，两段之间不留空档（金额有角分）` : "";
      ctx.report("E130", cur.span, `分段在 ${fmt(pu)} 与 ${fmt(cl)} 之间间断${hint}`, uri);
    } else if (cl.lt(pu)) {
      ctx.report("E131", cur.span, `这一段从 ${fmt(cl)} 起，与上一段（至 ${fmt(pu)}）重叠`, uri);
    } else {
      const both = prev.upperInclusive && cur.lowerInclusive;
      const neither = !prev.upperInclusive && !cur.lowerInclusive;
      if (both || neither) {
        const explicit = !!cur.lower?.mark && !!prev.upper?.mark;
        const what = both ? `${fmt(pu)} 同时属于相邻两段` : `${fmt(pu)} 不属于任何一段`;
        const code: DiagnosticCode = d.mode === "全额" || explicit ? (both ? "E131" : "E130") : "W133";
        // 「35周岁以下（含35周岁）」 then 「35周岁以上」: the notice means the number once; show where it goes.
        const at = prev.upper?.value.kind === "Number" ? prev.upper.value.raw.trim() : fmt(pu);
        const message =
          code === "W133"
            ? `${what}：按法律惯例「以上、以下、以内、不超过」含本数，「超过、不满」不含本数；请用（含）或（不含）写明`
            : both
              ? `${what}：上一段已含 ${at}，这一段写「超过 ${at}」`
              : `${what}：这一段写「${at}以上」（「以上」含本数）`;
        ctx.report(code, cur.lower?.span ?? cur.span, message, uri);
      }
    }
  }
}
