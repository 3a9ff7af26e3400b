// check, compile, test, fmt/lsp placeholders and the top-level dispatcher, in-process.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../packages/compiler/src/cli/cli.js";
import { deps, memoryIo, tempDir } from "./helpers.js";

async function cli(args: string[]) {
  const io = memoryIo();
  const code = await runCli(args, io, deps);
  return { code, out: io.out, err: io.err };
}

describe("check", () => {
  it("prints nothing but the summary for a clean policy, exit 0", async () => {
    expect(await cli(["check", "ok.policy"])).toEqual({
      code: 0,
      out: "",
      err: "检查了 1 个政策文件：0 个错误，0 个警告，0 个提示\n",
    });
  });

  it("prints file:line:col diagnostics (1-based) sorted by position; warnings alone exit 0", async () => {
    const r = await cli(["check", "warn.policy"]);
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      "warn.policy:2:1: 警告 W001 参数「甲」未被使用\n" +
        "warn.policy:6:3: 提示 I001 可以写作「20万元」\n" +
        "检查了 1 个政策文件：0 个错误，1 个警告，1 个提示\n",
    );
  });

  it("exits 1 when a policy has errors, 2 when a file is missing, and checks every file", async () => {
    const bad = await cli(["check", "ok.policy", "bad.policy"]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("bad.policy:10:5: 错误 E101 未知的名称「起付标准表」\n");
    expect(bad.err).toContain("检查了 2 个政策文件：1 个错误，1 个警告，0 个提示\n");
    const missing = await cli(["check", "bad.policy", "nope.policy"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("错误[C010]：找不到政策文件「nope.policy」\n");
    expect(missing.err).toContain("E101");
    expect(missing.err).toContain("；1 个文件无法读取");
  });

  it("needs at least one file", async () => {
    const r = await cli(["check"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("check 需要参数");
  });
});

describe("compile", () => {
  it("writes <name>.ts and <name>.schema.json into --out-dir and prints the paths", async () => {
    const dir = join(tempDir(), "out");
    const r = await cli(["compile", "ok.policy", "--out-dir", dir]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${join(dir, "ok.ts")}\n${join(dir, "ok.schema.json")}\n`);
    expect(readdirSync(dir).sort()).toEqual(["ok.schema.json", "ok.ts"]);
    expect(readFileSync(join(dir, "ok.ts"), "utf8")).toBe("// ts of ok\n");
  });

  it.each([
    ["js", ["ok.d.ts", "ok.js", "ok.schema.json"]],
    ["dts", ["ok.d.ts", "ok.schema.json"]],
    ["all", ["ok.d.ts", "ok.js", "ok.schema.json", "ok.ts"]],
  ])("--target %s", async (target, files) => {
    const dir = tempDir();
    const r = await cli(["compile", "ok.policy", "--target", target, "--out-dir", dir]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(files);
  });

  it("writes nothing and exits 1 for a policy with errors", async () => {
    const dir = join(tempDir(), "out");
    const r = await cli(["compile", "bad.policy", "--out-dir", dir]);
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toContain("bad.policy:10:5: 错误 E101");
    expect(r.err).toContain("未写出任何文件");
    expect(existsSync(dir)).toBe(false);
  });

  it("rejects an unknown target with exit 2", async () => {
    const r = await cli(["compile", "ok.policy", "--target", "py"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe("错误[C002]：未知的编译目标「py」，可用 ts、js、dts、all\n");
  });
});

describe("test", () => {
  it("prints ✓/✗ per example with failing fields, a summary, exit 1 on failure", async () => {
    const r = await cli(["test", "ok.policy"]);
    expect(r.code).toBe(1);
    expect(r.out).toBe(
      "✓ 住院结算「一级医院 1 万元」\n" +
        "✗ 住院结算「职工两次住院」 第30行\n" +
        "  第2笔 统筹支付 期望 800.00，实际 700.00\n" +
        "✗ 门诊（特定病种）「缺少费用」 第44行\n" +
        "  错误：缺少必填字段「当月范围内费用」\n" +
        "1 通过，2 失败\n",
    );
  });

  it("counts a policy with errors as a failure and a missing file as exit 2", async () => {
    const bad = await cli(["test", "bad.policy"]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain("✗ 政策文件有 1 个错误，未运行示例");
    const missing = await cli(["test", "nope.policy"]);
    expect(missing.code).toBe(2);
  });
});

describe("zhengce", () => {
  it("prints Chinese usage naming every command", async () => {
    const r = await cli(["--help"]);
    expect(r.code).toBe(0);
    for (const c of ["check", "compile", "calc", "batch", "test", "fmt", "lsp", "退出码"]) expect(r.out).toContain(c);
  });

  it.each([
    ["check", ["--source", "--no-cache"]],
    ["compile", ["--target", "--out-dir"]],
    ["calc", ["--input", "--no-cache"]],
    ["batch", ["--input", "--output", "--explain", "--workers", "--format", "--resume", "--no-cache"]],
    ["test", []],
    ["fmt", ["--check"]],
    ["lsp", ["--stdio"]],
  ])("%s --help lists its options", async (command, options) => {
    for (const args of [[command, "--help"], [command, "-h"], ["help", command]]) {
      const r = await cli(args);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`zhengce ${command}`);
      for (const option of [...options, "--help"]) expect(r.out).toContain(option);
    }
  });

  it("without a command prints usage on stderr, exit 2", async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toContain("用法");
  });

  it("rejects an unknown command or option with exit 2", async () => {
    const command = await cli(["clac"]);
    expect(command.code).toBe(2);
    expect(command.err).toMatch(/^错误\[C001\]：未知命令「clac」。可用命令：check、compile、calc/);
    const option = await cli(["--verbose"]);
    expect(option.code).toBe(2);
    expect(option.err).toMatch(/^错误\[C001\]：未知选项「--verbose」/);
    const sub = await cli(["check", "--strict", "ok.policy"]);
    expect(sub.code).toBe(2);
    expect(sub.err).toMatch(/^错误\[C001\]：未知选项「--strict」。运行「zhengce check --help」查看用法\n$/);
  });

  it("fmt on a file that does not exist exits 2", async () => {
    expect((await cli(["fmt", "no-such.policy"])).code).toBe(2);
  });

  it("prints its version", async () => {
    const r = await cli(["--version"]);
    expect(r.out).toMatch(/^zhengce \d+\.\d+\.\d+/);
  });
});
