import { test } from "vitest";
import { readFileSync } from "node:fs";
import { analyze } from "../../packages/dsl/src/analyze.js";
test("scratch analyze", () => {
  const f = process.env.F ?? "policies/jiangmen/base.policy";
  const r = analyze(readFileSync(f, "utf8"), f);
  for (const d of r.diagnostics) console.log(`${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`);
  const c = [...r.model.calculators.values()][0];
  console.log(c?.inputs.map((i) => `${i.name}:${i.type.k}${i.required ? "" : "?"}`).join(" "));
  console.log(c?.outputs.map((i) => `${i.name}:${i.type.k}`).join(" "));
});
