import { test } from "vitest";
import { loadPolicy, findCalculator } from "../../packages/compiler/src/load.js";
import { analyze } from "../../packages/dsl/src/analyze.js";
import { lower } from "../../packages/compiler/src/lower.js";
import { emit } from "../../packages/compiler/src/emit.js";
import { readFileSync } from "node:fs";
test("scratch calc", async () => {
  const f = "policies/jiangmen/base.policy";
  if (process.env.SHOW) console.log(emit(lower(analyze(readFileSync(f, "utf8"), f)), { typed: false, module: "function" }));
  const p = await loadPolicy(f);
  console.log(p.diagnostics.map((d) => d.message));
  const c = findCalculator(p, "住院结算")!;
  const r = c.run({ 参保身份: "城乡居民", 医院级别: "一级及以下", 政策范围内费用: 10000, 连续缴费月数: 36 });
  console.log(JSON.stringify(r, null, 1));
  console.log(JSON.stringify(c.run({ 参保身份: "职工退休", 医院级别: "三级", 政策范围内费用: "80000", 连续缴费月数: 36 }, { explain: false })));
});
