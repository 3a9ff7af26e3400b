// The benchmark's parts that decide nothing by time: its generated policy checks clean, and its
// tables say what the rows hold. Running it (a spawned server, check of a generated policy, many
// edits) is `pnpm bench`'s job, not the default suite's: it measures nothing a test could judge.
import { expect, test } from "vitest";
import { analyze } from "@zhengce/dsl";
import { formatCheckRows, formatRows, generatePolicy } from "../../packages/lsp/src/bench.js";

test("the generated 5 000-line policy has no errors", () => {
  const text = generatePolicy(5000);
  expect(text.split("\n").length).toBeGreaterThanOrEqual(5000);
  expect(analyze(text, "file:///bench.policy").diagnostics.filter((d) => d.severity === "error")).toEqual([]);
});

test("the tables give each row's figures and ratios", () => {
  // 12.5 ms of diagnostics over 2.5 ms of parse() is 5.0×; 20 ms with the examples is 8.0×.
  const lsp = formatRows([{ name: "生成的 5000 行政策", lines: 5021, parse: 2.5, diagnostics: 12.5, withExamples: 20, edits: 31 }]);
  expect(lsp.split("\n").at(-1)).toBe("| 生成的 5000 行政策 | 5021 | 31 | 2.5 ms | 12.5 ms | 5.0× | 20.0 ms | 8.0× |");
  // 2 000 lines in 1.5 s is 750 ms per thousand lines; 100 MB is 50.0 MB per thousand.
  const check = formatCheckRows([{ lines: 2000, ms: 1500, peakRssMb: 100, ok: true }]);
  expect(check.split("\n").at(-1)).toBe("| 2000 | 1.5 s | 750 ms | 100 MB | 50.0 MB | 通过 |");
});
