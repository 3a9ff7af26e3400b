// Builds a tiny app through Vite with the plugin: the bundle computes what the policy says, the
// app type-checks against the declarations the plugin wrote, and a policy with errors fails the
// build with its Chinese diagnostics.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zhengce } from "./index.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

function app(dir: string, main: string) {
  mkdirSync(join(dir, "policies"), { recursive: true });
  copyFileSync(join(ROOT, "test/lsp/fixtures/base.policy"), join(dir, "policies/base.policy"));
  copyFileSync(join(ROOT, "test/lsp/fixtures/amend.policy"), join(dir, "policies/amend.policy"));
  writeFileSync(join(dir, "main.ts"), main);
}

const bundle = (dir: string) =>
  build({
    root: dir,
    configFile: false,
    logLevel: "silent",
    plugins: [zhengce()],
    build: { outDir: join(dir, "dist"), minify: false, lib: { entry: join(dir, "main.ts"), formats: ["es"], fileName: "app" } },
  });

describe("@zhengce/vite-plugin", () => {
  // Inside the repository, so tsc finds @zhengce/runtime's types for the declarations.
  let dir: string;
  beforeAll(() => {
    mkdirSync(join(ROOT, ".cache"), { recursive: true });
    dir = mkdtempSync(join(ROOT, ".cache", "vite-app-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("bundles an app that imports a .policy file, and the bundle computes the policy's results", async () => {
    app(
      dir,
      [
        `import { 住院结算 } from "./policies/amend.policy";`,
        `import { 住院结算 as 调整前 } from "./policies/base.policy";`,
        `const claim = { 医院级别: "二级", 费用: "10400", 日期: "2020-06-01" } as const;`,
        `export const after = 住院结算(claim, { 计算过程: false });`,
        `export const before = 调整前(claim, { 计算过程: false });`,
        `// @ts-expect-error 四级 is not a 医院级别`,
        `export const wrong = () => 住院结算({ 医院级别: "四级", 费用: "1" });`,
        "",
      ].join("\n"),
    );
    await bundle(dir);
    const built = join(dir, "dist/app.js");
    expect(existsSync(built)).toBe(true);
    const { after, before } = await import(pathToFileURL(built).href);
    // amend.policy lowers 二级's 起付线 from 500 to 400 元: (10400 − 400) × 80% = 8000; before, (10400 − 500) × 80% = 7920.
    expect([after.统筹支付, after.个人负担]).toEqual(["8000.00", "2400.00"]);
    expect([before.统筹支付, before.个人负担]).toEqual(["7920.00", "2480.00"]);
  });

  it("writes declarations that type-check the app under strict settings", () => {
    expect(readFileSync(join(dir, "policies/amend.d.policy.ts"), "utf8")).toContain("住院结算");
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "ESNext",
          moduleResolution: "Bundler",
          allowArbitraryExtensions: true,
          strict: true,
          noEmit: true,
          noUnusedLocals: true,
          skipLibCheck: true,
          types: [],
        },
        files: ["main.ts"],
      }),
    );
    execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(dir, "tsconfig.json")], { stdio: "pipe" });
  });

  it("an amendment's module imports its base's: the bundle holds each unchanged calculator once", async () => {
    const both = mkdtempSync(join(ROOT, ".cache", "vite-amend-"));
    try {
      const policy = (name: string) => JSON.stringify(join(ROOT, "policies/jiangmen", name));
      writeFileSync(
        join(both, "main.ts"),
        [
          `import { 职工缴费 } from ${policy("2018.policy")};`,
          `import { 职工缴费 as 基础职工缴费 } from ${policy("base.policy")};`,
          `const claim = { 日期: "2018-05-01", 参保类别: "职工", 月工资: 5000, 最低缴费基数: 3000 } as const;`,
          `export const in2018 = 职工缴费(claim);`,
          `export const inBase = 基础职工缴费(claim);`,
          "",
        ].join("\n"),
      );
      await build({
        root: both,
        configFile: false,
        logLevel: "silent",
        plugins: [zhengce({ declarations: false })],
        build: { outDir: join(both, "dist"), minify: false, lib: { entry: join(both, "main.ts"), formats: ["es"], fileName: "app" } },
      });
      const code = readFileSync(join(both, "dist/app.js"), "utf8");
      // The bundler may rename it (职工缴费计算$1); the 2018 module's is a wrapper around it.
      expect(code.match(/function 职工缴费计算(\$\d+)?\(/g)).toHaveLength(1);
      const { in2018, inBase } = await import(pathToFileURL(join(both, "dist/app.js")).href);
      // 2018: 最低缴费基数 3000, 月工资 5000: 一档 150 + 25, 二档 5000 × 2.8% = 140 + 75: 合计 390 (江府办〔2017〕20号).
      expect(in2018.合计).toBe("390.00");
      expect(inBase.合计).toBe("390.00");
    } finally {
      rmSync(both, { recursive: true, force: true });
    }
  });

  it("fails the build with the policy's diagnostics in Chinese", async () => {
    const bad = mkdtempSync(join(ROOT, ".cache", "vite-bad-"));
    try {
      app(bad, `import { 住院结算 } from "./policies/amend.policy";\nconsole.log(住院结算);\n`);
      writeFileSync(join(bad, "policies/amend.policy"), readFileSync(join(bad, "policies/amend.policy"), "utf8") + "\n参数 乙：金额 = 丙\n");
      await expect(bundle(bad)).rejects.toThrow(/政策文件「.*amend\.policy」有 2 个错误：[\s\S]*amend\.policy:\d+:\d+: E101 未知的名称「丙」/);
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});
