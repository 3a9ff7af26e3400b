import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { analyze, type Analysis, type AnalyzeHost } from "../analyze.js";
import { citationsIn, citationsOf } from "../notice/verify.js";
import { movedFrom } from "../reparse.js";
import { symbolId } from "../symbols.js";
import { reuseStats } from "./reuse.js";

const ROOT = join(import.meta.dirname, "../../../..");
const disk: AnalyzeHost = {
  readFile: (uri) => {
    try {
      return readFileSync(uri, "utf8");
    } catch {
      return undefined;
    }
  },
  resolve: (from, relative) => resolve(dirname(from), relative),
};

const policy = [
  "政策 测试 {",
  "  文号 「测〔2024〕1号」",
  "}",
  "",
  "枚举 级别 { 甲、乙 }",
  "",
  "参数 起付线：金额 = 500元",
  "",
  "参数 封顶线：金额 = 10000元",
  "",
  "计算 住院 {",
  "  输入 {",
  "    级别：级别",
  "    费用：金额",
  "  }",
  "  输出 统筹支付 = 正值（费用 − 起付线）× 50%",
  "}",
  "",
  "计算 门诊 {",
  "  输入 { 费用：金额 }",
  "  输出 门诊支付 = 较小（费用，封顶线）",
  "}",
  "",
  "例 住院「一千元」{",
  "  输入 { 级别：甲，费用：1000元 }",
  "  期望 { 统筹支付：250元 }",
  "}",
  "",
].join("\n");

const ran = (a: Analysis) => reuseStats(a.model)!.ran;

/** What an analysis says and resolves, without the identity of its objects. */
const facts = (a: Analysis) => ({
  diagnostics: a.diagnostics,
  references: a.model.references.map((r) => `${r.uri}:${r.span.start}-${r.span.end}:${symbolId(r.sym)}`),
  calculators: [...a.model.calculators.values()].map((c) => ({
    inputs: c.inputs.map((i) => [i.name, i.type, i.field.span]),
    outputs: c.outputs.map((o) => [o.name, o.type, o.decl.span]),
    uses: c.uses.map((u) => symbolId(u)),
    types: [...c.ann.types].map(([e, t]) => [e.span, t]),
    refs: [...c.ann.refs].map(([e, s]) => [e.span, symbolId(s)]),
  })),
  ann: [...a.model.ann.types].map(([e, t]) => [e.span, t]),
});

describe("incremental checking: a declaration's checks are replayed while it and what it looks up are unchanged", () => {
  test("a changed parameter re-checks itself and the calculator and example that use it, nothing else", () => {
    const first = analyze(policy, "t.policy", undefined, { incremental: true });
    expect(reuseStats(first.model)!.reused).toBe(0);
    expect(ran(first)).toHaveLength(10);
    const edited = analyze(policy.replace("500元", "600元"), "t.policy", undefined, { previous: first });
    expect(ran(edited)).toEqual(["参数的类型「起付线」", "计算的类型「住院」", "参数「起付线」", "计算「住院」", "示例「一千元」"]);
    expect(reuseStats(edited.model)!.reused).toBe(5);
    // 门诊's typing is the very one of the first analysis.
    expect(edited.model.calculators.get("门诊")!.ann).toBe(first.model.calculators.get("门诊")!.ann);
    expect(edited.model.calculators.get("住院")!.ann).not.toBe(first.model.calculators.get("住院")!.ann);
  });

  test("a declaration that only moved is not checked again, and what it reports moves with it", () => {
    const first = analyze(policy, "t.policy", undefined, { incremental: true });
    const text = `# 一行注释\n${policy}`;
    const moved = analyze(text, "t.policy", undefined, { previous: first });
    expect(ran(moved)).toEqual([]);
    expect(reuseStats(moved.model)!.reused).toBe(10);
    // W190 on 住院's unused input 级别, at its new place.
    const w190 = moved.diagnostics.find((d) => d.code === "W190")!;
    expect(text.slice(w190.span.start, w190.span.end)).toBe("级别");
    expect(facts(moved)).toEqual(facts(analyze(text, "t.policy")));
  });

  test("a name declared later re-checks the calculator that could not find it", () => {
    const unknown = policy.replace("较小（费用，封顶线）", "较小（费用，门诊封顶线）");
    const first = analyze(unknown, "t.policy", undefined, { incremental: true });
    expect(first.diagnostics.map((d) => d.code)).toContain("E101");
    const declared = unknown.replace("参数 封顶线", "参数 门诊封顶线");
    const second = analyze(declared, "t.policy", undefined, { previous: first });
    expect(ran(second)).toContain("计算的类型「门诊」");
    expect(ran(second)).not.toContain("计算的类型「住院」");
    expect(second.diagnostics.map((d) => d.code)).not.toContain("E101");
    expect(facts(second)).toEqual(facts(analyze(declared, "t.policy")));
  });

  test("an amendment edited: only what depends on the changed declaration is checked again, in the base too", () => {
    const uri = join(ROOT, "policies/jiangmen/2018.policy");
    const text = readFileSync(uri, "utf8");
    const first = analyze(text, uri, disk, { incremental: true });
    // 2018 restates 大病起赔标准 (1万元); the base's calculators read it.
    const edited = text.replace("参数 大病起赔标准 = 1万元", "参数 大病起赔标准 = 2万元");
    expect(edited).not.toBe(text);
    const second = analyze(edited, uri, disk, { previous: first });
    const users = [...second.model.calculators.values()].filter((c) => c.uses.some((u) => u.kind === "param" && u.decl.name.text === "大病起赔标准"));
    const others = [...second.model.calculators.values()].filter((c) => !users.includes(c));
    expect(users.length).toBeGreaterThan(0);
    expect(others.length).toBeGreaterThan(0);
    const stats = reuseStats(second.model)!;
    expect(stats.ran).toEqual(expect.arrayContaining(["参数的类型「大病起赔标准」", "参数「大病起赔标准」", ...users.flatMap((c) => [`计算的类型「${c.name}」`, `计算「${c.name}」`])]));
    for (const c of others) expect(stats.ran).not.toContain(`计算的类型「${c.name}」`);
    // Besides those, only the worked examples of the calculators that use it.
    const examples = new Set(second.model.examples.filter((e) => users.some((c) => c.key === e.calculator.key)).map((e) => `示例「${e.title}」`));
    expect(stats.ran.filter((r) => !r.startsWith("示例")).length).toBe(2 + 2 * users.length);
    for (const r of stats.ran.filter((x) => x.startsWith("示例"))) expect(examples).toContain(r);
    expect(facts(second)).toEqual(facts(analyze(edited, uri, disk)));
  });

  const edits: [string, (t: string) => string][] = [
    ["a line inserted in the middle", (t) => { const i = t.indexOf("\n", t.length / 2); return `${t.slice(0, i)}\n# 注${t.slice(i)}`; }],
    ["a digit changed in the middle", (t) => { const i = t.indexOf("元", t.length / 2) - 1; return t.slice(0, i) + (t[i] === "1" ? "2" : "1") + t.slice(i + 1); }],
    ["a character typed into a name", (t) => { const i = t.indexOf("\n参数 ", t.length / 3) + 4; return `${t.slice(0, i)}新${t.slice(i)}`; }],
    ["a declaration deleted", (t) => { const i = t.indexOf("\n参数 "); const j = t.indexOf("\n参数 ", i + 1); return t.slice(0, i) + t.slice(j); }],
    ["a syntax error typed", (t) => { const i = t.indexOf("\n计算 ", t.length / 3); return `${t.slice(0, i)}\n参数 ：${t.slice(i)}`; }],
  ];
  test.each(["policies/jiangmen/base.policy", "policies/jiangmen/2018.policy"])(
    "%s: edit after edit, the incremental analysis says what a fresh one says",
    (path) => {
      const uri = join(ROOT, path);
      const text = readFileSync(uri, "utf8");
      let previous = analyze(text, uri, disk, { incremental: true });
      for (const [name, edit] of edits) {
        for (const version of [edit(text), text]) {
          const again = analyze(version, uri, disk, { previous });
          expect(facts(again), name).toEqual(facts(analyze(version, uri, disk)));
          previous = again;
        }
      }
    },
  );

  test("a declaration moved by an edit keeps its citations, as the new tree's own objects at their new places", () => {
    const uri = join(ROOT, "policies/jiangmen/base.policy");
    const text = readFileSync(uri, "utf8");
    let previous = analyze(text, uri, disk, { incremental: true });
    // Read once, so that the next versions carry them rather than walk their declarations.
    expect(citationsOf(previous.ast).length).toBeGreaterThan(100);
    const i = text.indexOf("\n参数 ", text.length / 3);
    for (const version of [`${text.slice(0, i)}\n# 注${text.slice(i)}`, text, `${text.slice(0, i)}\n\n${text.slice(i)}`]) {
      const again = analyze(version, uri, disk, { previous });
      const carried = citationsOf(again.ast);
      const walked = again.ast.declarations.flatMap((d) => citationsIn(d));
      expect(carried.length).toBe(walked.length);
      carried.forEach((c, k) => expect(c).toBe(walked[k]));
      for (const c of carried) expect(version.slice(c.span.start, c.span.end)).toMatch(/^依[据據]/);
      expect(again.diagnostics).toEqual(analyze(version, uri, disk).diagnostics);
      previous = again;
    }
  });

  test("a declaration moved edit after edit names only the version it is a copy of (no chain of old copies is kept)", () => {
    const last = (a: Analysis) => a.ast.declarations[a.ast.declarations.length - 1];
    const first = analyze(policy, "t.policy", undefined, { incremental: true });
    const second = analyze(`# 一\n${policy}`, "t.policy", undefined, { previous: first });
    expect(movedFrom(last(second))).toBe(last(first));
    const third = analyze(`# 一\n# 二\n${policy}`, "t.policy", undefined, { previous: second });
    expect(movedFrom(last(third))).toBe(last(second));
    expect(movedFrom(last(second))).toBeUndefined();
    expect(ran(third)).toEqual([]);
  });
});
