import { test } from "vitest";
import { loadPolicy } from "../../packages/compiler/src/load.js";
test("scratch examples", async () => {
  const p = await loadPolicy(process.env.F ?? "/tmp/ex.policy");
  console.log(p.diagnostics.map((d) => `${d.code} ${d.message}`));
  console.log(JSON.stringify(p.runExamples(), null, 0));
  console.log(p.exampleCoverage().uncovered);
});
