// docs/money.md says why money is a decimal string and not `number`, with one claim worked out by
// hand from 江府办〔2017〕20号 二、（四）1.（1）: (12000.30 − 500) × 85 % = 9775.255 → 9775.26 half-up.
// This checks the page's numbers: the calculator's cents, and the cent a `number` loses.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze } from "@zhengce/dsl";
import { compileAnalysis, fileHost, findCalculator } from "@zhengce/compiler";

const page = readFileSync("docs/money.md", "utf8");

describe("docs/money.md", () => {
  const uri = resolve("policies/jiangmen/base.policy");
  const calc = findCalculator(compileAnalysis(analyze(readFileSync(uri, "utf8"), uri, fileHost)), "住院结算")!;
  const claim = { 日期: "2018-06-01", 参保身份: "城乡居民", 医院级别: "一级及以下", 连续缴费月数: 36 };

  it("the claim it works through: the calculator pays 9775.26, a number rounds to 9775.25", () => {
    expect(calc.run({ ...claim, 政策范围内费用: 12000.3 }).统筹支付).toBe("9775.26");
    expect(calc.run({ ...claim, 政策范围内费用: "12000.30" }).统筹支付).toBe("9775.26");
    const x = (12000.3 - 500) * 0.85;
    expect([String(x), x * 100, Math.round(x * 100) / 100, x.toFixed(2)]).toEqual(["9775.255", 977525.4999999999, 9775.25, "9775.25"]);
    for (const shown of ["**9775.26**", "977525.4999999999", "| 9775.25 |", "0.30000000000000004", '"1.00"']) expect(page).toContain(shown);
    expect([0.1 + 0.2, (1.005).toFixed(2)]).toEqual([0.30000000000000004, "1.00"]);
  });

  it("the refusals it names: a number that prints with more than two decimals is R107", () => {
    for (const bad of [30000.505, 0.1 + 0.2]) expect(() => calc.run({ ...claim, 政策范围内费用: bad })).toThrow(expect.objectContaining({ code: "R107", field: "政策范围内费用" }));
  });
});
