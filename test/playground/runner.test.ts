// The playground's runner (its second Web Worker, packages/playground/src/runner/serve.ts) in
// Node, fed as the language server's worker feeds it: messages carrying the texts of the analyses
// they read. On the real 江门 base.policy; expected amounts from contract §1 and the policy's own
// worked example 「城乡居民三级医院住院五万元，进入大病保险」 (统筹 49100 × 55% = 27005).
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { analyze } from "@zhengce/dsl";
import { jobOf } from "../../packages/lsp/src/job.js";
import { receive } from "../../packages/playground/src/runner/serve.js";
import * as P from "../../packages/playground/src/protocol.js";
import type { ExampleOutcome } from "../../packages/lsp/src/optional.js";

const ROOT = new URL("../../", import.meta.url);
const text = readFileSync(new URL("policies/jiangmen/base.policy", ROOT), "utf8");
const claim = { 参保身份: "职工退休", 医院级别: "三级", 政策范围内费用: "80000", 连续缴费月数: 36 };

let ids = 0;
/** Send one request; resolve with its reply. */
function ask<R>(method: string, params: unknown, texts: string[], uri: string): Promise<R> {
  const id = ++ids;
  return new Promise((resolve, reject) =>
    receive({ id, method, params, jobs: texts.map((t) => jobOf(analyze(t, uri))) }, (r) => {
      expect(r.id).toBe(id);
      if (r.error) reject(new Error(r.error));
      else resolve(r.result as R);
    }),
  );
}

describe("the playground's runner", () => {
  test("it runs what it is sent: the calculators, a claim, the worked examples of an edited text", async () => {
    const uri = "file:///runner/base.policy";
    const calculators = await ask<P.CalculatorsResult>(P.CALCULATORS, { uri }, [text], uri);
    expect(calculators.calculators.map((c) => c.name)).toEqual(expect.arrayContaining(["住院结算", "特定病种门诊", "职工缴费"]));
    expect(calculators.examples?.failed).toBe(0);

    const run = await ask<P.RunResult>(P.RUN, { uri, calculator: "住院结算", input: claim }, [text], uri);
    expect([run.outputs?.统筹支付, run.outputs?.二档支付]).toEqual(["47520.00", "25178.00"]);

    // 三级 at 60%: the example written for 55% now gets 49100 × 60% = 29460.
    const edited = text.replace("三级：55%", "三级：60%");
    const outcomes = await ask<ExampleOutcome[]>(P.EXAMPLES, { uri }, [edited], uri);
    const failed = outcomes.find((o) => o.title === "城乡居民三级医院住院五万元，进入大病保险")!;
    expect(failed.failures.find((f) => f.field === "统筹支付")).toMatchObject({ expected: "27005.00", actual: "29460.00" });
    // The same text answers the page from the same analysis: the claim at 60 + 5 points.
    const rerun = await ask<P.RunResult>(P.RUN, { uri, calculator: "住院结算", input: claim }, [edited], uri);
    expect(rerun.outputs?.统筹支付).toBe("51480.00");
  });

  test("a text with an error runs the last version that checked", async () => {
    const uri = "file:///runner/stale.policy";
    await ask<P.CalculatorsResult>(P.CALCULATORS, { uri }, [text], uri);
    const broken = text.replace("输出 起付标准 = 起付标准表[医院级别]", "输出 起付标准 = 起付标淮表[医院级别]");
    const r = await ask<P.CalculatorsResult>(P.CALCULATORS, { uri }, [broken], uri);
    expect([r.stale, r.errors, r.calculators.length > 0]).toEqual([true, 1, true]);
  });

  test("work for a replaced text stops: curves at an edit, examples at a newer run", async () => {
    const uri = "file:///runner/edited.policy";
    const curves = ask<P.BurdenResult>(P.BURDEN, { uri, calculator: "住院结算", input: claim, x: "政策范围内费用", series: "医院级别", max: 500000 }, [text], uri);
    // The editor changes the file before the curves' first pause.
    receive({ method: P.CHANGED, params: { uri } satisfies P.ChangedParams }, () => undefined);
    expect(await curves).toEqual({ curves: [], cancelled: true });

    const older = ask<ExampleOutcome[] | undefined>(P.EXAMPLES, { uri }, [text], uri);
    const newer = ask<ExampleOutcome[] | undefined>(P.EXAMPLES, { uri }, [text.replace("三级：55%", "三级：60%")], uri);
    expect(await older).toBeUndefined();
    expect((await newer)?.some((o) => !o.passed)).toBe(true);
  });
});
