// An auditor of explanations: it redoes a calculation from its 计算过程 alone, as a person with
// the printed steps and a calculator would. It reads only the steps (and the case's own input,
// to check the inputs they quote): every node of every 算式 is recomputed from its operands,
// every slice from its bounds and rate, every bracket from its slices, every 较小/较大 from its
// arguments, every value quoted from an earlier step against that step; then each money output
// must equal its step's value rounded half-up to the cent.
import { Decimal, type Term, type TraceStep } from "@zhengce/runtime";

const D = (x: string | number) => new Decimal(x);
const cent = (x: Decimal) => x.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
const same = (a: string | null | undefined, b: string | null | undefined) => (a == null || b == null ? a == b : a === b || (isNum(a) && isNum(b) && D(a).eq(D(b))));
const isNum = (s: string) => /^-?\d+(\.\d+)?$/.test(s);

export class AuditError extends Error {}

function fail(step: TraceStep, why: string): never {
  throw new AuditError(`第「${step.项目}」步（${step.kind}：${step.说明}）：${why}`);
}

export interface Audit {
  /** Each item's value as the steps left it (exact). */
  values: Map<string, string | null>;
  /** Money outputs checked against the steps. */
  checked: string[];
}

/** Recomputes `result` (a calculator's output) from its 计算过程; throws AuditError on the first step that does not add up. */
export function audit(result: Record<string, unknown>, input: Record<string, unknown>): Audit {
  const steps = result.计算过程 as TraceStep[];
  const values = new Map<string, string | null>();
  const versions = new Map<string, string | null>();
  let slices: Extract<TraceStep, { kind: "slice" }>[] = [];
  const brackets = new Map<string, { amount: string; arg: string; base: string }>();
  const tiers = new Map<string, { value: string | null; arg: string }>();

  for (const step of steps) {
    if (typeof step.说明 !== "string" || typeof step.依据 !== "string" || step.依据 === "") fail(step, "缺少说明或依据");
    const evaluate = (t: Term): string | null => evalTerm(t, step);
    switch (step.kind) {
      case "value": {
        const r = evaluate(step.算式!);
        const ok = step.舍入 && r !== null && step.结果 !== null ? cent(D(r)).eq(cent(D(step.结果))) : same(r, step.结果);
        if (!ok) fail(step, `算式得 ${r}，步骤写 ${step.结果}`);
        values.set(step.项目, step.结果);
        break;
      }
      case "modifier": {
        if (!sameAsStep(step.项目, step.修正前)) fail(step, `修正前 ${step.修正前} 不是前一步的 ${values.get(step.项目)}`);
        const r = evaluate(step.算式);
        if (!same(r, step.修正后)) fail(step, `算式得 ${r}，步骤写 ${step.修正后}`);
        values.set(step.项目, step.修正后);
        break;
      }
      case "layer": {
        const r = evaluate(step.算式!);
        if (!same(r, step.结果)) fail(step, `算式得 ${r}，步骤写 ${step.结果}`);
        values.set(step.项目, step.结果);
        break;
      }
      case "consumed": {
        if (!same(values.get(step.项目), step.修正前)) fail(step, `扣除前 ${step.修正前} 不是前一步的 ${values.get(step.项目)}`);
        if (!sameAsStep(step.步骤, step.扣除)) fail(step, `扣除 ${step.扣除} 不是「${step.步骤}」的 ${values.get(step.步骤)}`);
        const r = Decimal.max(0, D(step.修正前).minus(step.扣除));
        if (!r.eq(step.结果)) fail(step, `剩余应为 ${r}，步骤写 ${step.结果}`);
        values.set(step.项目, step.结果);
        break;
      }
      case "slice": {
        const len = D(step.到).minus(step.从);
        if (!len.eq(step.基数)) fail(step, `基数应为 ${len}`);
        if (!len.gt(0)) fail(step, "空段");
        if (step.下限 !== null && D(step.从).lt(step.下限)) fail(step, "从低于下限");
        if (step.上限 !== null && D(step.到).gt(step.上限)) fail(step, "到高于上限");
        if (!len.times(step.比例).eq(step.金额)) fail(step, `金额应为 ${len.times(step.比例)}`);
        slices.push(step);
        break;
      }
      case "bracket": {
        if (!D(step.累计前).plus(step.本次).eq(step.累计后)) fail(step, "累计后 ≠ 累计前 + 本次");
        let at = D(step.累计前);
        let sum = D(0);
        for (const s of slices) {
          if (s.分段 !== step.分段) fail(step, `混入了「${s.分段}」的段`);
          if (D(s.从).lt(at)) fail(step, `段 ${s.从}–${s.到} 与前面重叠或在累计前之下`);
          at = D(s.到);
          sum = sum.plus(s.金额);
        }
        if (at.gt(step.累计后)) fail(step, "段超过累计后");
        if (!sum.eq(step.金额)) fail(step, `各段合计 ${sum}，步骤写 ${step.金额}`);
        brackets.set(step.分段, { amount: step.金额, arg: step.本次, base: step.累计前 });
        slices = [];
        break;
      }
      case "tier": {
        const x = D(step.自变量);
        if ((step.下限 !== null && x.lt(step.下限)) || (step.上限 !== null && x.gt(step.上限))) fail(step, `${step.自变量} 不在这一档内`);
        tiers.set(step.分段, { value: step.结果, arg: step.自变量 });
        break;
      }
      case "min":
      case "max": {
        const args = step.各项.map(evaluate);
        const nums = args.filter((a): a is string => a !== null).map(D);
        const r = nums.length === 0 ? null : (step.kind === "min" ? Decimal.min(...nums) : Decimal.max(...nums)).toFixed();
        if (!same(r, step.结果)) fail(step, `应取 ${r}，步骤写 ${step.结果}`);
        if (!same(args[step.取], step.结果)) fail(step, `第${step.取 + 1}项不是所取的值`);
        if (step.限额生效 !== !same(args[0], step.结果)) fail(step, "限额是否生效与各项不符");
        break;
      }
      case "version":
        versions.set(step.参数, step.结果);
        break;
      case "adjusted":
        break;
    }
  }
  if (slices.length) throw new AuditError(`有 ${slices.length} 个分段没有合计步骤`);

  const checked: string[] = [];
  for (const [name, out] of Object.entries(result)) {
    if (name === "计算过程" || !(typeof out === "string" && /^-?\d+\.\d{2}$/.test(out))) continue;
    if (!values.has(name)) throw new AuditError(`输出「${name}」= ${out} 没有对应的步骤`);
    const v = values.get(name);
    if (v === null || v === undefined || !cent(D(v)).eq(out)) throw new AuditError(`输出「${name}」= ${out}，步骤算得 ${v}`);
    checked.push(name);
  }
  return { values, checked };

  function sameAsStep(name: string, value: string | null): boolean {
    const known = values.get(name);
    return same(known, value) || (known != null && value != null && isNum(known) && cent(D(known)).eq(value));
  }

  function evalTerm(t: Term, step: TraceStep): string | null {
    if (!("运算" in t)) {
      if (t.源 === "步骤" && (!values.has(t.名!) || !sameAsStep(t.名!, t.值))) fail(step, `引用「${t.名}」= ${t.值}，但前面的步骤得 ${values.get(t.名!)}`);
      if (t.源 === "参数" && versions.has(t.名!) && !same(versions.get(t.名!), t.值)) fail(step, `参数「${t.名}」= ${t.值}，但适用的版本是 ${versions.get(t.名!)}`);
      if (t.源 === "输入" && t.单位 === "元" && t.名! in input && !same(String(input[t.名!]), t.值)) fail(step, `输入「${t.名}」= ${t.值}，案例中是 ${input[t.名!]}`);
      if (t.源 === "累计") {
        const [acc, field] = t.名!.split(".");
        const given = (input[acc] as Record<string, unknown> | undefined)?.[field];
        if (given !== undefined && !same(String(given), t.值)) fail(step, `累计「${t.名}」= ${t.值}，案例中是 ${given}`);
      }
      return t.值;
    }
    const xs = t.项.map((x) => evalTerm(x, step));
    const n = (i: number) => D(xs[i] ?? fail(step, `「${t.运算}」的第${i + 1}项为无`));
    let r: string | null;
    switch (t.运算) {
      case "+":
        r = n(0).plus(n(1)).toFixed();
        break;
      case "−":
        r = n(0).minus(n(1)).toFixed();
        break;
      case "×":
        r = n(0).times(n(1)).toFixed();
        break;
      case "÷":
        r = n(0).div(n(1)).toSignificantDigits(40, Decimal.ROUND_HALF_UP).toFixed();
        break;
      case "负":
        r = n(0).neg().toFixed();
        break;
      case "正值":
        r = Decimal.max(0, n(0)).toFixed();
        break;
      case "舍入":
        r = cent(n(0)).toFixed();
        break;
      case "限于0至100%":
        r = Decimal.min(1, Decimal.max(0, n(0))).toFixed();
        break;
      case "较小":
      case "较大": {
        const nums = xs.filter((x): x is string => x !== null).map(D);
        r = nums.length === 0 ? null : (t.运算 === "较小" ? Decimal.min(...nums) : Decimal.max(...nums)).toFixed();
        break;
      }
      case "最大":
      case "最小":
      case "合计": {
        const list = t.项[0] && "运算" in t.项[0] && t.项[0].运算 === "列表" ? t.项[0].项.map((x) => D(x.值!)) : xs.map((x) => D(x!));
        r = (t.运算 === "合计" ? list.reduce((a, b) => a.plus(b), D(0)) : t.运算 === "最大" ? Decimal.max(...list) : Decimal.min(...list)).toFixed();
        break;
      }
      case "如果":
        r = xs[0];
        break;
      case "列表":
        return t.值;
      case "分段": {
        const b = brackets.get(t.名!);
        const tier = tiers.get(t.名!);
        if (b) {
          if (!same(xs[0], b.arg) || !same(xs[1] ?? "0", b.base)) fail(step, `「${t.名}」的自变量与其分段步骤不符`);
          r = b.amount;
        } else if (tier) {
          if (!same(xs[0], tier.arg)) fail(step, `「${t.名}」的自变量与其分档步骤不符`);
          r = tier.value;
        } else fail(step, `「${t.名}」没有分段步骤`);
        break;
      }
      default:
        fail(step, `未知运算 ${t.运算}`);
    }
    if (!same(r, t.值)) fail(step, `「${t.运算}」重算得 ${r}，步骤写 ${t.值}`);
    return r;
  }
}
