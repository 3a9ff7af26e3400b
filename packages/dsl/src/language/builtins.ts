// Built-in functions: name, signature, type checking, the IR operation they lower to and the
// runtime function that implements it. The checker, lowering, completion, hover, colouring and
// the editor read this table only; adding a function is one entry here plus its runtime
// implementation (docs/architecture.md shows one).
import { assignable, DATE, int, isNumeric, MONEY, same, show, UNKNOWN, type Type } from "../types.js";

/** What a built-in's check sees of one call, and how it reports. */
export interface BuiltinCall {
  /** Argument types, in order. */
  args: Type[];
  /** Report a type error on argument `at`, or on the whole call. E111 for a unit mismatch. */
  error(message: string, at?: number, code?: "E110" | "E111"): void;
}

export interface Builtin {
  /** As analysts write it (simplified; looked up by folded key). */
  name: string;
  /** The operation's name in the IR (English). */
  id: string;
  /** Parameters as completion and hover show them. */
  signature: string;
  /** One Chinese sentence. */
  doc: string;
  /** The first argument names a 累进 bracket rather than a value (封顶点). */
  bracketArgument?: boolean;
  /** The type each argument is checked against (an enum member or 「无」 reads by it). */
  expects?: readonly (Type | undefined)[];
  /** Result type; reports misuse through `call.error`. */
  check(call: BuiltinCall): Type;
  /** The @zhengce/runtime function that computes it. */
  runtime: string;
}

const isDate = (t: Type | undefined) => !t || t.k === "date" || t.k === "unknown";
const isCount = (t: Type | undefined) => !t || t.k === "int" || t.k === "number" || t.k === "unknown";

function arity(c: BuiltinCall, name: string, n: number) {
  if (c.args.length !== n) c.error(`「${name}」须有 ${n} 个参数，这里有 ${c.args.length} 个`);
}

/** 较大 / 较小: two or more values of one unit (or dates). */
function extreme(name: "较大" | "较小") {
  return (c: BuiltinCall): Type => {
    const { args } = c;
    if (args.length < 2) c.error(`「${name}」至少须有 2 个参数`);
    const concrete = args.filter((t) => t.k !== "number" && t.k !== "none" && t.k !== "unknown");
    const base = concrete[0] ?? args[0] ?? UNKNOWN;
    args.forEach((t, i) => {
      if (t.k === "none" && name === "较小") return;
      if (!isNumeric(t) && t.k !== "unknown" && t.k !== "date") c.error(`「${name}」的参数应为数值，这里是${show(t)}`, i);
      else if (t.k !== "number" && !same(base, t)) c.error(`「${name}」的参数单位不一致：${show(base)} 与 ${show(t)}`, i, "E111");
    });
    if (base.k === "date") return DATE;
    if (name === "较小" && base.k === "money") {
      // 无 (no cap) drops out of 较小: the result is nullable only if every argument may be 无.
      const allNullable = args.every((t) => t.k === "none" || (t.k === "money" && t.nullable));
      return allNullable ? { k: "money", nullable: true } : MONEY;
    }
    return base.k === "money" ? MONEY : base;
  };
}

/** One numeric argument, of the same type as the result; `moneyOnly`: the message when it is not 金额. */
function oneNumber(name: string, moneyOnly?: string) {
  return (c: BuiltinCall): Type => {
    arity(c, name, 1);
    const t = c.args[0];
    if (t && !isNumeric(t) && t.k !== "unknown") c.error(`「${name}」的参数应为数值，这里是${show(t)}`);
    if (moneyOnly && t && t.k !== "money" && t.k !== "unknown") c.error(`「${name}」${moneyOnly}`);
    return t ?? UNKNOWN;
  };
}

/** 最大 / 最小 / 合计 over a list (a table indexed by a set). */
function overList(name: string) {
  return (c: BuiltinCall): Type => {
    arity(c, name, 1);
    const t = c.args[0];
    if (t && t.k === "list") return t.of;
    if (t && t.k !== "unknown") c.error(`「${name}」的参数应为列表，例如「${name}（表[集合]）」`);
    return UNKNOWN;
  };
}

/** One date in, `result` out. */
function ofDate(name: string, result: Type) {
  return (c: BuiltinCall): Type => {
    arity(c, name, 1);
    if (!isDate(c.args[0])) c.error(`「${name}」的参数应为日期`);
    return result;
  };
}

/** A date and a count (of months or days) in, a date out. */
function shiftDate(name: string, what: string) {
  return (c: BuiltinCall): Type => {
    arity(c, name, 2);
    if (!isDate(c.args[0])) c.error(`「${name}」的第一个参数应为日期`, 0);
    if (!isCount(c.args[1])) c.error(`「${name}」的第二个参数应为${what}`, 1);
    return DATE;
  };
}

export const BUILTINS: readonly Builtin[] = [
  { name: "较大", id: "greater", signature: "（值，值，…）", doc: "几个同单位数值（或日期）中较大的一个。", check: extreme("较大"), runtime: "maxOf" },
  { name: "较小", id: "lesser", signature: "（值，值，…）", doc: "几个同单位数值（或日期）中较小的一个；「无」（不设上限）不参与比较。", check: extreme("较小"), runtime: "minOf" },
  { name: "正值", id: "positivePart", signature: "（数值）", doc: "数值为负时取 0。", check: oneNumber("正值"), runtime: "pos" },
  { name: "舍入", id: "roundMoney", signature: "（金额）", doc: "金额四舍五入到分。", check: oneNumber("舍入", "用于金额（到分）"), runtime: "roundMoney" },
  { name: "最大", id: "maximum", signature: "（列表）", doc: "列表中最大的一项。", check: overList("最大"), runtime: "maxOf" },
  { name: "最小", id: "minimum", signature: "（列表）", doc: "列表中最小的一项。", check: overList("最小"), runtime: "minOf" },
  { name: "合计", id: "sum", signature: "（列表）", doc: "列表各项之和。", check: overList("合计"), runtime: "sumOf" },
  {
    name: "个数",
    id: "count",
    signature: "（列表）",
    doc: "列表或集合的项数。",
    check(c) {
      arity(c, "个数", 1);
      return int();
    },
    runtime: "countOf",
  },
  { name: "年份", id: "yearOf", signature: "（日期）", doc: "日期所在的年份。", check: ofDate("年份", int()), runtime: "yearOf" },
  { name: "月份", id: "monthOf", signature: "（日期）", doc: "日期所在的月份（1–12）。", check: ofDate("月份", int()), runtime: "monthOf" },
  { name: "次月首日", id: "firstOfNextMonth", signature: "（日期）", doc: "日期的下一个月的 1 日。", check: ofDate("次月首日", DATE), runtime: "firstOfNextMonth" },
  { name: "加月", id: "addMonths", signature: "（日期，月数）", doc: "日期加若干个月；月份没有这一天时取该月最后一天。", check: shiftDate("加月", "月数"), runtime: "addMonths" },
  {
    name: "月数差",
    id: "monthsBetween",
    signature: "（起始日期，终止日期）",
    doc: "两个日期之间的整月数。",
    check(c) {
      arity(c, "月数差", 2);
      for (let i = 0; i < 2; i++) if (!isDate(c.args[i])) c.error(`「月数差」的参数应为日期`, i);
      return int("个月");
    },
    runtime: "monthsBetween",
  },
  { name: "月末", id: "endOfMonth", signature: "（日期）", doc: "日期所在月份的最后一天。", check: ofDate("月末", DATE), runtime: "endOfMonth" },
  { name: "加日", id: "addDays", signature: "（日期，天数）", doc: "日期加若干天。", check: shiftDate("加日", "天数"), runtime: "addDays" },
  {
    name: "封顶点",
    id: "capPoint",
    signature: "（分段名，目标金额）",
    doc: "累进分段的支付额达到目标金额时的费用；达不到时为「无」。",
    bracketArgument: true,
    expects: [undefined, MONEY],
    check(c) {
      const t = c.args[1];
      if (t && !assignable(MONEY, t)) c.error(`「封顶点」的目标应为金额，这里是${show(t)}`, 1);
      return { k: "money", nullable: true };
    },
    runtime: "marginalInverse",
  },
];
