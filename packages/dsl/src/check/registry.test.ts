import { describe, expect, test } from "vitest";
import { parse } from "../parse.js";
import type { SourceFile } from "./context.js";
import { check, CHECKS, TYPING, type Check } from "./registry.js";

/** A file as the checks read it: its URI and AST (the checker reads nothing else of a SourceFile). */
const sourceFile = (uri: string, text: string) => ({ uri, ast: parse(text).ast }) as SourceFile;

const source = [
  "枚举 级别 { 甲、乙、甲 }",
  "枚举 类别 { 子、丑 }",
  "参数 比例表：比例 按 级别 { 甲：150% }",
  "",
].join("\n");

describe("the check registry", () => {
  test("an exception in one check becomes an E900 on the declaration it was checking; the other checks still report", () => {
    const throwing = CHECKS.map((c): Check<unknown> =>
      c.what === "枚举"
        ? {
            ...c,
            run: (ctx, item) => {
              if ((item as { name: { text: string } }).name.text === "类别") throw new Error("boom");
              c.run(ctx, item);
            },
          }
        : c,
    );
    const { diagnostics } = check([sourceFile("t.policy", source)], { checks: throwing });
    const at = (d: { span: { start: number } }) => source.slice(d.span.start, d.span.start + 2);
    expect(diagnostics.map((d) => [d.code, at(d)])).toEqual([
      ["E102", "甲 "], // 甲 twice in 级别: its enum check ran
      ["E900", "类别"],
      ["E140", "15"], // the parameter check ran after the enum check that threw
      ["E120", "比例"],
    ]);
    expect(diagnostics[1].message).toBe("检查枚举「类别」时出现内部错误（这是检查程序的缺陷，请报告）：boom");
  });

  test("typing is its own pass, before the checks: the checks read what it recorded, and a typing pass that throws is one E900", () => {
    const text = ["计算 结算 {", "  输入 { 费用：金额 }", "  输出 支付 = 费用 × 50%", "}", ""].join("\n");
    const files = [sourceFile("t.policy", text)];
    const ok = check(files);
    expect(ok.diagnostics).toEqual([]);
    expect(ok.model.calculators.get("结算")!.outputs.map((o) => [o.name, o.type.k])).toEqual([["支付", "money"]]);
    const throwing = TYPING.map((t): Check<unknown> => ({ ...t, run: () => { throw new Error("boom"); } }));
    const broken = check(files, { typing: throwing });
    // Untyped, the calculator has no outputs and its input no use: the checks still ran.
    expect(broken.diagnostics.map((d) => [d.code, text.slice(d.span.start, d.span.end)])).toEqual([
      ["E900", "结算"],
      ["E192", "结算"],
      ["W190", "费用"],
    ]);
  });
});
