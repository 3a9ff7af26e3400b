// The benchmark stays runnable: its generated policy checks clean, and one short run measures both cases.
import { expect, test } from "vitest";
import { analyze } from "@zhengce/dsl";
import { benchCheck, benchLsp, firstDiagnosticsMs, formatCheckRows, formatRows, generatePolicy } from "../../packages/lsp/src/bench.js";
import { ROOT } from "./harness.js";

test("the generated 5 000-line policy has no errors", () => {
  const text = generatePolicy(5000);
  expect(text.split("\n").length).toBeGreaterThanOrEqual(5000);
  expect(analyze(text, "file:///bench.policy").diagnostics.filter((d) => d.severity === "error")).toEqual([]);
});

test("a short run reports the largest policy and the generated one, with parse times and ratios", async () => {
  const rows = await benchLsp({ root: ROOT, runs: 3 });
  expect(rows.map((r) => r.name)).toEqual([expect.stringMatching(/^policies\//), "生成的 5000 行政策"]);
  for (const r of rows) {
    expect(r.parse).toBeGreaterThan(0);
    expect(r.diagnostics).toBeGreaterThan(0);
  }
  expect(formatRows(rows)).toContain("| 生成的 5000 行政策 | 5021 |");
});

test("check's scaling and the first diagnostics of a spawned server are measured (small sizes, one run)", async () => {
  const [row] = benchCheck([2000]);
  expect(row).toMatchObject({ lines: 2000, ok: true });
  expect(row.peakRssMb).toBeGreaterThan(0);
  expect(formatCheckRows([row])).toContain("| 2000 |");
  expect(await firstDiagnosticsMs(`${ROOT}policies/jiangmen/base.policy`, 1)).toBeGreaterThan(0);
});
