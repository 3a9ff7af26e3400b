// What the playground's worker computes for the page, in Node on the real 江门 policy: the
// calculators and the one under the cursor, the explanation's links back to the rules, and the
// burden curves with their caps. Expected numbers are worked out from contract §1.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { analyze, LineIndex } from "@zhengce/dsl";
import { calculatorsOf, compile } from "../../packages/playground/src/runner/calculators.js";
import { burdenCurves, burdenOutput } from "../../packages/playground/src/runner/burden.js";
import { stepLocator } from "../../packages/playground/src/runner/locate.js";
import type { ExplainedStep } from "../../packages/playground/src/protocol.js";

const ROOT = new URL("../../", import.meta.url);
const uri = "file:///policies/jiangmen/base.policy";
const text = readFileSync(new URL("policies/jiangmen/base.policy", ROOT), "utf8");
const analysis = analyze(text, uri);
const lines = text.split("\n");
const claim = { 参保身份: "职工退休", 医院级别: "三级", 政策范围内费用: "80000", 连续缴费月数: 36 };

describe("the playground's worker on 江门 base.policy", () => {
  test("the calculators, and the one whose example holds the cursor", () => {
    const at = new LineIndex(text).position(text.indexOf("例 住院结算"));
    const r = calculatorsOf(uri, analysis, at);
    expect(r.stale).toBe(false);
    expect(r.calculators.map((c) => c.name)).toEqual(expect.arrayContaining(["住院结算", "特定病种门诊", "职工缴费"]));
    expect(r.atCursor).toBe("住院结算");
    expect(r.examples?.failed).toBe(0);
    const inpatient = r.calculators.find((c) => c.name === "住院结算")!;
    expect(inpatient.inputFields.find((f) => f.name === "医院级别")?.type).toEqual({ kind: "enum", members: ["一级及以下", "二级", "三级", "非定点"] });
    expect(burdenOutput(inpatient.outputs)).toBe("个人负担");
  });

  test("a text with an error runs the last version that checked", () => {
    const broken = analyze(text.replace("输出 起付标准 = 起付标准表[医院级别]", "输出 起付标准 = 起付标淮表[医院级别]"), uri);
    const r = calculatorsOf(uri, broken);
    expect([r.stale, r.errors, r.calculators.length > 0]).toEqual([true, 1, true]);
  });

  test("each step of the explanation links to the rule it evaluates", () => {
    const calc = compile(analysis).calculators.find((c) => c.name === "住院结算")!;
    const steps = calc.run(claim, { 计算过程: true }).计算过程 as ExplainedStep[];
    const locate = stepLocator(analysis, "住院结算");
    const lineOf = (s: ExplainedStep) => lines[locate(s)!.range.start.line].trim();
    // A rule's value and its modifiers (slices, 较小/较大 and versions are parts of them).
    const named = (item: string) => steps.filter((s) => s.项目 === item && (s.kind === "value" || s.kind === "modifier"));
    // 起付标准: the output's declaration, then its 职工退休 modifier.
    expect(named("起付标准").map(lineOf)).toEqual(["输出 起付标准 = 起付标准表[医院级别]", "当 参保身份 = 职工退休：降低 100元，不低于 0元"]);
    expect(lineOf(named("统筹支付")[0])).toMatch(/^输出 统筹支付/);
    // A parameter's modifier (住院统筹比例 +5 points for 职工退休) links into the parameter.
    expect(named("住院统筹比例").map(lineOf)).toEqual([expect.stringMatching(/^参数 住院统筹比例/), expect.stringMatching(/^当 参保身份 = 职工退休：提高 5个百分点/)]);
    // 「剩余」 after a layer links to that layer's step.
    expect(lineOf(steps.find((s) => s.说明.startsWith("扣除「统筹支付」"))!)).toMatch(/^输出 统筹支付/);
    expect(steps.every((s) => locate(s)?.uri === uri)).toBe(true);
  });

  test("burden curves per hospital level, with the caps where payments stop growing", async () => {
    const policy = compile(analysis);
    const calc = policy.calculators.find((c) => c.name === "住院结算")!;
    const outputs = calculatorsOf(uri, analysis).calculators.find((c) => c.name === "住院结算")!.outputs;
    const r = (await burdenCurves(calc, outputs, { uri, calculator: "住院结算", input: claim, x: "政策范围内费用", series: "医院级别", max: 500000, samples: 50 }))!;
    expect(r.burden).toBe("个人负担");
    expect(r.curves.map((c) => c.member)).toEqual(["一级及以下", "二级", "三级", "非定点"]);
    const third = r.curves.find((c) => c.member === "三级")!;
    expect(third.points).toHaveLength(51);
    // At 80 000: burden 80000 − 47520 − 25178 = 7302, fund share 72698 / 80000.
    expect(third.points.find((p) => p[0] === 80000)).toEqual([80000, 72698 / 80000, 7302]);
    // 统筹支付 (60% above 800) reaches 200000 × 100% when round((c − 800) × 60%) = 200000: c = 334133.33.
    expect(third.caps.find((c) => c.output === "统筹支付")).toEqual({ output: "统筹支付", cost: "334133.33", amount: "200000.00" });
    // 起付标准 never grows, 大病支付 is not capped within 500 000 for 三级: neither is a cap.
    expect(third.caps.map((c) => c.output)).not.toContain("起付标准");
  });

  test("the curves stop when the text they were for has changed", async () => {
    const calc = compile(analysis).calculators.find((c) => c.name === "住院结算")!;
    const outputs = calculatorsOf(uri, analysis).calculators.find((c) => c.name === "住院结算")!.outputs;
    let pauses = 0;
    const r = await burdenCurves(calc, outputs, { uri, calculator: "住院结算", input: claim, x: "政策范围内费用", series: "医院级别", max: 500000, samples: 10 }, async () => ++pauses < 3);
    // One pause before each hospital level's curve: the third says stop.
    expect([r, pauses]).toEqual([undefined, 3]);
  });

  test("without a range, the axis reaches past every cap", async () => {
    const calc = compile(analysis).calculators.find((c) => c.name === "住院结算")!;
    const outputs = calculatorsOf(uri, analysis).calculators.find((c) => c.name === "住院结算")!.outputs;
    const r = (await burdenCurves(calc, outputs, { uri, calculator: "住院结算", input: claim, x: "政策范围内费用", series: "医院级别", samples: 40 }))!;
    const caps = r.curves.flatMap((c) => c.caps);
    // 统筹支付, 二档支付 (200000 × 100% each) and 大病支付 (240000 × 100%) all reach their caps within the axis.
    expect(new Set(caps.map((c) => c.output))).toEqual(new Set(["统筹支付", "二档支付", "大病支付"]));
    expect(Math.max(...caps.map((c) => Number(c.cost)))).toBeLessThan(r.max!);
  });
});
