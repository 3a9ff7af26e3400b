// A compilation of one calculator (`compileForCache(path, { calculator })`, what a cold `calc` and
// `batch` make): the IR restricted to that calculator and the constants it reads. For every
// calculator of every seed policy, its worked examples give the same outputs — 计算过程 included,
// on both arithmetic paths — and the same errors as the whole policy's compilation: nothing it
// reads (a constant, a table, a time version, an accumulator) is cut.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze, foldName } from "../../packages/dsl/src/index.js";
import { compileForCache, exampleJson, fileHost } from "../../packages/compiler/src/load.js";
import type { CompiledCalculator } from "../../packages/compiler/src/api.js";
import { ROOT } from "../cli/helpers.js";

const POLICIES = readdirSync(join(ROOT, "policies"), { recursive: true, encoding: "utf8" })
  .filter((n) => n.endsWith(".policy"))
  .map((n) => join(ROOT, "policies", n))
  .sort();

/** What a calculator gives for a list of cases: its results, or the error's message. */
function outcome(calc: CompiledCalculator, inputs: unknown[], decimal: boolean): unknown {
  try {
    const options = { 计算过程: true, 十进制: decimal };
    return inputs.length === 1 ? calc.run(inputs[0], options) : calc.runSequence(inputs, options);
  } catch (e) {
    return { error: (e as Error).message };
  }
}

describe("a compilation of one calculator", () => {
  for (const path of POLICIES) {
    it(`runs like the whole policy's: ${relative(ROOT, path)}`, async () => {
      const whole = await compileForCache(path);
      expect(whole.policy.hasErrors).toBe(false);
      const analysis = analyze(readFileSync(path, "utf8"), path, fileHost, { keepSyntax: false });
      let compared = 0;
      for (const name of whole.calculators) {
        const one = await compileForCache(path, { calculator: name });
        expect(one.policy.calculators.map((c) => c.name)).toEqual([name]);
        expect(one.calculators).toEqual(whole.calculators);
        const alone = one.policy.calculators[0]!;
        const full = whole.policy.calculators.find((c) => c.name === name)!;
        expect(alone.inputSchema).toEqual(full.inputSchema);
        for (const ex of analysis.model.examples) {
          if (ex.calculator.key !== foldName(name)) continue;
          const inputs = ex.cases.map((c) => exampleJson(c.input));
          for (const decimal of [false, true]) expect(outcome(alone, inputs, decimal), `${name}：${ex.title}`).toEqual(outcome(full, inputs, decimal));
          compared++;
        }
      }
      // Every seed policy has worked examples to compare.
      expect(compared).toBeGreaterThan(0);
    });
  }

  it("has no calculator for a name the policy lacks, and still names every calculator", async () => {
    const path = join(ROOT, "policies/jiangmen/base.policy");
    const none = await compileForCache(path, { calculator: "住院" });
    expect(none.policy.calculators).toEqual([]);
    expect(none.code).toBeUndefined();
    expect(none.calculators).toContain("住院结算");
  });
});
