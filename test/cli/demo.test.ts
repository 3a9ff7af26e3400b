import { cpSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runDemo } from "../../packages/compiler/src/cli/demo.js";
import { deps, memoryIo, ROOT, tempDir, writeTemp } from "./helpers.js";

function repo(files: Record<string, string>): string {
  const root = tempDir();
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeTemp(root, path, content);
  }
  return root;
}

describe("demo", () => {
  it("does not fail when there is no policy", async () => {
    const io = memoryIo();
    expect(await runDemo(io, { root: repo({}), deps })).toBe(0);
    expect(io.out).toContain("未找到 policies/jiangmen/base.policy，跳过");
  });

  it("checks and compiles each policy, skips one with errors, explains each claim", async () => {
    const claims = {
      计算器: "住院结算",
      案例: [
        { 标题: "一次住院", 输入: { 参保身份: "城乡居民", 政策范围内费用: 1500, 连续缴费月数: 36 } },
        { 标题: "两次住院", 输入: [{ 参保身份: "职工在职", 政策范围内费用: 1500, 连续缴费月数: 36 }, { 参保身份: "职工在职", 政策范围内费用: 1000, 连续缴费月数: 36 }] },
      ],
    };
    const root = repo({
      "policies/jiangmen/base.policy": "",
      "policies/other/bad.policy": "",
      "policies/other/warn.policy": "",
      "examples/demo-claims.json": JSON.stringify(claims),
    });
    const io = memoryIo();
    expect(await runDemo(io, { root, deps })).toBe(0);
    expect(io.err).toBe("");
    const out = io.out;
    expect(out.indexOf("policies/jiangmen/base.policy")).toBeLessThan(out.indexOf("policies/other/warn.policy"));
    expect(out).toContain("有错误，跳过");
    expect(out).toContain("policies/other/warn.policy:2:1: 警告 W001");
    for (const file of ["jiangmen/base.ts", "jiangmen/base.schema.json", "other/warn.js"]) {
      expect(existsSync(join(root, "out/demo", file)), file).toBe(true);
    }
    expect(existsSync(join(root, "out/demo/other/bad.ts"))).toBe(false);
    expect(out).toContain("【1】一次住院");
    expect(out).toContain("起付标准为 500.00 元");
    expect(out).toContain("依据：测试文件 一、（一）");
    expect(out).toContain("结果：起付标准 500.00 元；统筹支付 800.00 元；个人负担 700.00 元");
    expect(out).toContain("第 2 次住院");
    expect(out).toContain("统筹支付 200.00 元");
  });

  it.runIf(existsSync(join(ROOT, "policies/jiangmen/base.policy")))(
    "runs the repository's own policy and claims with the real compiler",
    async () => {
      const root = tempDir();
      cpSync(join(ROOT, "policies"), join(root, "policies"), { recursive: true });
      cpSync(join(ROOT, "examples/demo-claims.json"), join(root, "examples/demo-claims.json"));
      const io = memoryIo();
      const code = await runDemo(io, { root, deps: { compilerModule: join(ROOT, "packages/compiler/src/load.ts") } });
      expect(io.out).not.toContain("输入不合法");
      expect(code).toBe(0);
      const claims = JSON.parse(readFileSync(join(root, "examples/demo-claims.json"), "utf8"));
      claims.案例.forEach((c: { 标题: string }, i: number) => expect(io.out).toContain(`【${i + 1}】${c.标题}`));
      expect(io.out).toMatch(/依据：江府办〔2017〕20号/);
      expect(existsSync(join(root, "out/demo/jiangmen/base.ts"))).toBe(true);
    },
  );
});
