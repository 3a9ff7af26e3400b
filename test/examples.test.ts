// examples/generated/ is the compiler's output for the 江门 policy, kept in the repository so
// developers can read it; this test keeps it current and type-checks the example program on it.
import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { emitPolicy } from "../packages/compiler/src/load.js";

describe("examples/", () => {
  it("generated/base.ts is what the compiler emits today", async () => {
    const { files } = await emitPolicy("policies/jiangmen/base.policy", ["ts"]);
    const ts = files.find((f) => f.name === "base.ts")!;
    if (process.env.UPDATE_EXAMPLES) writeFileSync("examples/generated/base.ts", ts.content);
    expect(ts.content).toBe(readFileSync("examples/generated/base.ts", "utf8"));
  });

  it("settle.ts type-checks against the generated module", () => {
    // Throws (with tsc's messages) if the program or the generated code has a type error.
    execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "examples/tsconfig.json"], { stdio: "pipe" });
  });
});
