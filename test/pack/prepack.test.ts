// The `prepack` of the packages that ship a single-file build (scripts/fresh-bundle.mjs): a build
// older than a compiled file it was made from is refused with the way out, before anything is packed.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "vitest";

const SCRIPT = fileURLToPath(new URL("../../scripts/fresh-bundle.mjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "zhengce-prepack-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const at = (name: string, seconds: number) => {
  writeFileSync(join(dir, name), "");
  utimesSync(join(dir, name), seconds, seconds);
};
const check = (...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { cwd: dir, encoding: "utf8", env: { ...process.env, npm_package_name: "@zhengce/runtime" } });

it("packs a build made after every compiled file it was made from", () => {
  at("a.tsbuildinfo", 1_000);
  at("b.tsbuildinfo", 2_000);
  at("build.cjs", 3_000);
  const r = check("build.cjs", "a.tsbuildinfo", "b.tsbuildinfo", "absent.tsbuildinfo");
  expect(r.status).toBe(0);
  expect(r.stderr).toBe("");
});

it("refuses a build older than one of them, or none, naming the files and pnpm build", () => {
  at("b.tsbuildinfo", 4_000);
  const stale = check("build.cjs", "a.tsbuildinfo", "b.tsbuildinfo");
  expect(stale.status).toBe(1);
  expect(stale.stderr.trim()).toBe("@zhengce/runtime：单文件构建「build.cjs」比「b.tsbuildinfo」旧；请先在仓库根目录运行 pnpm build，再打包");
  const none = check("none.cjs", "a.tsbuildinfo");
  expect(none.status).toBe(1);
  expect(none.stderr).toContain("没有单文件构建「none.cjs」");
});
