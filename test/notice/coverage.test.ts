// policies/COVERAGE.md is the output of `zhengce coverage` over the seed policies: CI fails when
// it is stale. And what coverage says of the 江门 notice, worked out from the notice itself.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { coverageOf, markdown } from "../../packages/compiler/src/cli/coverage.js";
import type { Io } from "../../packages/compiler/src/cli/io.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const io = { cwd: root } as Io;
const POLICIES = [
  "policies/jiangmen/base.policy",
  "policies/heshan/base.policy",
  "policies/jiangmen/2018.policy",
  "policies/jiangmen/poverty.policy",
  "policies/tonghua/base.policy",
];

describe("zhengce coverage", () => {
  const notices = coverageOf(io, POLICIES);

  it("policies/COVERAGE.md is current (regenerate with the command in its first lines)", () => {
    expect(readFileSync(`${root}policies/COVERAGE.md`, "utf8")).toBe(markdown(notices, POLICIES));
  });

  it("one section per notice; the 鹤山 notice is encoded by two policies", () => {
    expect(notices.map((n) => [n.docNumber, n.policies])).toEqual([
      ["江府办〔2017〕20号", ["policies/jiangmen/base.policy"]],
      ["鹤人社〔2017〕209号", ["policies/heshan/base.policy", "policies/jiangmen/2018.policy"]],
      ["江人社发〔2018〕567号", ["policies/jiangmen/poverty.policy"]],
      ["通市政发〔2020〕3号", ["policies/tonghua/base.policy"]],
    ]);
  });

  it("the 江门 notice: cited clauses, 行政性 marks, and numbers nothing encodes", () => {
    const jiangmen = notices[0].clauses;
    const at = (ref: string) => jiangmen.find((c) => c.ref === ref)!;
    expect(at("二、（四）1.（1）").citedBy).toContain("参数 起付标准表");
    expect(at("二、（六）")).toMatchObject({ citedBy: [], administrative: "经办管理", flagged: false });
    // 四、（四）1.: 「……多退少补工作（2017年7月起）」 is a deadline of the reform's work, which no rule computes.
    expect(at("四、（四）1.")).toMatchObject({ citedBy: [], numbers: ["2017年7月"], flagged: true });
    // 二、（二）: a heading (明确覆盖范围。) without numbers is not flagged even when nothing cites it.
    expect(at("二、（二）").numbers).toEqual([]);
  });
});
