// The real executable in a child process: exit codes set without process.exit, streams kept apart.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, tempDir, transpileCli, writeTemp } from "./helpers.js";

describe("zhengce as a process", () => {
  let cli: ReturnType<typeof transpileCli>;
  beforeAll(() => {
    cli = transpileCli();
  });
  afterAll(() => cli?.cleanup());

  const run = (args: string[], input?: string) =>
    spawnSync(process.execPath, [join(cli.dir, "main.js"), ...args], { cwd: FIXTURES, input, encoding: "utf8" });

  it("exits 0 for --help with usage on stdout only", () => {
    const r = run(["--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("用法：zhengce");
    expect(r.stderr).toBe("");
  });

  it("exits 2 for an unknown command, one line on stderr, nothing on stdout", () => {
    const r = run(["frobnicate"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.split("\n")).toHaveLength(2);
  });

  it("exits 2 for a missing policy without a stack trace", () => {
    const r = run(["calc", "nope.policy", "住院结算", "--input", writeTemp(tempDir(), "in.json", "{}")]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("错误[C010]：找不到政策文件「nope.policy」\n");
  });

  it("reports a compiler that cannot be loaded as a clean exit 2", () => {
    // The transpiled copy has no ../load.js beside it: the default compiler module is missing.
    const r = run(["check", "ok.policy"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("错误[C042]：无法加载编译器");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
