// `zhengce compile --watch` as a process: it compiles again when a policy or its base changes,
// shows errors and keeps the previous output, and ends cleanly on SIGINT.
import { spawn } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../cli/helpers.js";

const MAIN = join(ROOT, "packages/compiler/dist/cli/main.js");

describe("zhengce compile --watch", () => {
  it("recompiles on a change of the amendment's base, keeps the output through an error, stops on SIGINT", async () => {
    const dir = tempDir();
    copyFileSync(join(ROOT, "test/lsp/fixtures/base.policy"), join(dir, "base.policy"));
    copyFileSync(join(ROOT, "test/lsp/fixtures/amend.policy"), join(dir, "amend.policy"));
    // Only the amendment is named: its base is watched because the amendment reads it.
    const child = spawn(process.execPath, [MAIN, "compile", "amend.policy", "--watch", "--out-dir", "out"], { cwd: dir });
    let stderr = "";
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
    // Waits for the n-th status line (no timing in the verdict: the test's own timeout bounds it).
    const status = async (n: number) => {
      while ((stderr.match(/\] (已编译|编译失败)/g) ?? []).length < n) await new Promise((r) => setTimeout(r, 50));
      return stderr;
    };
    try {
      await status(1);
      const out = join(dir, "out/amend.ts");
      expect(readFileSync(out, "utf8")).toContain("D(\"0.5\")");
      // The base's 大额比例: 50% → 55% below 1万元.
      writeFileSync(join(dir, "base.policy"), readFileSync(join(dir, "base.policy"), "utf8").replace("不超过 1万元：50%", "不超过 1万元：55%"));
      await status(2);
      const second = readFileSync(out, "utf8");
      expect(second).toContain("D(\"0.55\")");
      // An error in the amendment: shown, and the output stays as it was.
      writeFileSync(join(dir, "amend.policy"), readFileSync(join(dir, "amend.policy"), "utf8") + "\n参数 乙：金额 = 丙\n");
      const failed = await status(3);
      expect(failed).toMatch(/amend\.policy:\d+:\d+: 错误 E101 未知的名称「丙」/);
      expect(failed).toContain("编译失败，保留上次的输出");
      expect(readFileSync(out, "utf8")).toBe(second);
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
    expect(stdout).toContain("out/amend.ts");
  });
});
