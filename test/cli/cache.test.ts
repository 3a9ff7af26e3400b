// The cache of checked and compiled policies (packages/compiler/src/cli/cache.ts), with the built
// compiler (only a built one has a build to identify): used when nothing changed (by check, calc
// and compile; check compiles nothing, calc only the calculator it runs), invalidated when a base
// policy changes, bypassed by --no-cache — in this process, each run a fresh runCli() — and safe
// when several processes fill it at once.
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../packages/compiler/src/cli/cli.js";
import { memoryIo, ROOT, tempDir } from "./helpers.js";

const CLI = join(ROOT, "packages/compiler/dist/cli/main.js");
const BUILT = { compilerModule: pathToFileURL(join(ROOT, "packages/compiler/dist/load.js")).href };
const CLAIM = { 日期: "2018-06-01", 参保身份: "城乡居民", 医院级别: "二级", 政策范围内费用: 10000, 连续缴费月数: 30 };

describe("the cache of compiled policies", () => {
  let dir: string;
  let cache: string;
  let input: string;
  const outerCache = process.env.ZHENGCE_CACHE_DIR;
  /** One run of the CLI with the cache in `cacheDir` (the environment is what the CLI reads). */
  const zhengce = async (args: string[], cacheDir = cache) => {
    const io = memoryIo({ cwd: dir });
    process.env.ZHENGCE_CACHE_DIR = cacheDir;
    try {
      const status = await runCli(args, io, BUILT);
      return { status, stdout: io.out, stderr: io.err };
    } finally {
      process.env.ZHENGCE_CACHE_DIR = outerCache;
    }
  };
  const entries = () => (existsSync(cache) ? readdirSync(cache).filter((n) => n.endsWith(".json")) : []);

  beforeAll(() => {
    expect(existsSync(CLI), "needs pnpm run build").toBe(true);
    dir = tempDir();
    cache = join(dir, "cache");
    for (const name of ["base.policy", "2018.policy"]) copyFileSync(join(ROOT, "policies/jiangmen", name), join(dir, name));
    input = join(dir, "claim.json");
    writeFileSync(input, JSON.stringify(CLAIM));
  });

  /** The entries in `cache` with their values. */
  const values = () => entries().map((n) => ({ path: join(cache, n), entry: JSON.parse(readFileSync(join(cache, n), "utf8")) as { value: { diagnostics: unknown[]; hasErrors: boolean; code?: string } } }));
  /** A diagnostic that no compiler makes: a run that shows it read the cache. */
  const mark = (severity: "warning" | "error") => ({ code: severity === "error" ? "E999" : "W999", severity, message: "来自缓存", uri: join(dir, "2018.policy"), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } });

  it("keeps a compiled amendment and its diagnostics, serves them again, and drops them when its base changes", async () => {
    const first = await zhengce(["calc", "2018.policy", "住院结算", "--input", input]);
    expect([first.status, first.stderr]).toEqual([0, ""]);
    // 二级 起付 600: (10000 − 600) × 80% = 7520.00
    expect(JSON.parse(first.stdout).统筹支付).toBe("7520.00");
    // The compilation of 住院结算 alone, and the diagnostics for a later check.
    const kept = values();
    expect(kept.map((e) => e.entry.value.code !== undefined).sort()).toEqual([false, true]);

    // Mark both entries: a run that shows the mark read the cache instead of compiling.
    for (const { path, entry } of kept) {
      const compiled = entry.value.code !== undefined;
      entry.value.diagnostics.push(mark(compiled ? "error" : "warning"));
      if (compiled) entry.value.hasErrors = true;
      writeFileSync(path, JSON.stringify(entry));
    }
    expect((await zhengce(["check", "2018.policy"])).stderr).toContain("W999 来自缓存");
    expect((await zhengce(["check", "2018.policy", "--no-cache"])).stderr).not.toContain("来自缓存");
    const marked = await zhengce(["calc", "2018.policy", "住院结算", "--input", input]);
    expect([marked.status, marked.stderr]).toEqual([2, expect.stringContaining("E999 来自缓存")]);

    // The base's 起付标准 for 二级 becomes 700: the amendment's entries no longer match.
    const base = join(dir, "base.policy");
    writeFileSync(base, readFileSync(base, "utf8").replace("  二级：600元\n", "  二级：700元\n"));
    expect((await zhengce(["check", "2018.policy"])).stderr).not.toContain("来自缓存");
    const after = await zhengce(["calc", "2018.policy", "住院结算", "--input", input]);
    expect(after.status).toBe(0);
    // (10000 − 700) × 80% = 7440.00
    expect(JSON.parse(after.stdout).统筹支付).toBe("7440.00");
    expect(entries()).toHaveLength(2);
  });

  it("check keeps the diagnostics and compiles nothing; an unknown calculator lists every calculator", async () => {
    const own = join(dir, "check-only");
    const run = (args: string[]) => zhengce(args, own);
    expect((await run(["check", "2018.policy"])).status).toBe(0);
    const kept = readdirSync(own).map((n) => JSON.parse(readFileSync(join(own, n), "utf8")) as { value: object });
    expect(kept.map((e) => Object.keys(e.value).sort())).toEqual([["diagnostics", "hasErrors"]]);
    const unknown = await run(["calc", "2018.policy", "住院", "--input", input]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("没有计算器「住院」；可用的计算器：住院结算、特定病种门诊");
    // Nothing compiled is kept for a calculator the policy lacks.
    expect(readdirSync(own)).toHaveLength(1);
  });

  it("drops a policy's entries when the notice it cites appears or changes", async () => {
    // Its own copy, without the notice at first: W200, the notice cannot be read.
    const own = join(dir, "notice");
    mkdirSync(own);
    copyFileSync(join(ROOT, "policies/jiangmen/base.policy"), join(own, "base.policy"));
    const notice = join(own, "jiangmen-2017-20-urban-rural-integration.txt");
    const check = async () => (await zhengce(["check", join(own, "base.policy")])).stderr;
    const fresh = async () => (await zhengce(["check", join(own, "base.policy"), "--no-cache"])).stderr;
    expect(await check()).toContain("W200");
    expect(await check()).toContain("W200");
    // The notice appears: every 依据 is found in it.
    copyFileSync(join(ROOT, "policies/jiangmen", basename(notice)), notice);
    expect(await check()).toContain("0 个错误，0 个警告");
    // The notice is cut short: the 依据 past its end are not found (as a run without the cache says).
    writeFileSync(notice, readFileSync(notice, "utf8").slice(0, 3000));
    const expected = await fresh();
    expect(expected).toMatch(/W201/);
    expect(await check()).toBe(expected);
    expect((await zhengce(["calc", join(own, "base.policy"), "住院结算", "--input", input])).status).toBe(0);
    // A calc's compilation quotes the notice too: restoring it drops the entries again.
    copyFileSync(join(ROOT, "policies/jiangmen", basename(notice)), notice);
    expect(await check()).toContain("0 个错误，0 个警告");
  });

  it("keeps what compile wrote, writes it again from the cache, and compiles again when a base changes", async () => {
    // Copies of their own: the other tests' base is left as they expect it.
    const own = join(dir, "compile");
    mkdirSync(own);
    for (const name of ["base.policy", "2018.policy"]) copyFileSync(join(ROOT, "policies/jiangmen", name), join(own, name));
    const out = join(dir, "out");
    // Declarations: the cache keeps every target's files alike, and they are the quickest to
    // format (Prettier on the two modules was half of this file's CPU, profiled).
    const compile = async (...extra: string[]) => (await zhengce(["compile", join(own, "base.policy"), join(own, "2018.policy"), "--target", "dts", "--out-dir", out, ...extra])).status;
    expect(await compile()).toBe(0);
    const amendment = join(out, "2018.d.ts");
    expect(readFileSync(amendment, "utf8")).not.toContain("来自缓存");

    // Mark the amendment's module in its entry: a run that writes the mark took it from the cache.
    const emitted = entries()
      .map((n) => join(cache, n))
      .filter((p) => (JSON.parse(readFileSync(p, "utf8")) as { value?: { result?: unknown } }).value?.result !== undefined);
    for (const p of emitted) {
      const entry = JSON.parse(readFileSync(p, "utf8")) as { value: { result: { files: { name: string; content: string }[] } } };
      for (const f of entry.value.result.files) if (f.name === "2018.d.ts") f.content += "// 来自缓存\n";
      writeFileSync(p, JSON.stringify(entry));
    }
    expect(await compile()).toBe(0);
    expect(readFileSync(amendment, "utf8")).toContain("来自缓存");
    expect(await compile("--no-cache")).toBe(0);
    expect(readFileSync(amendment, "utf8")).not.toContain("来自缓存");

    // Each policy's module chunks as formatted (packages/compiler/src/format.ts): mark every one.
    const formats = entries()
      .map((n) => join(cache, n))
      .filter((p) => {
        const { value } = JSON.parse(readFileSync(p, "utf8")) as { value?: unknown };
        return Array.isArray(value) && value.every((pair) => Array.isArray(pair));
      });
    expect(formats.length).toBe(2);
    for (const p of formats) {
      const entry = JSON.parse(readFileSync(p, "utf8")) as { value: [string, string][] };
      entry.value = entry.value.map(([key, formatted]) => [key, `${formatted}// 格式来自缓存\n`]);
      writeFileSync(p, JSON.stringify(entry));
    }

    // The base's 二级 起付标准 becomes 800 元: the amendment is compiled again, its chunks that did
    // not change taken from the kept formats.
    const base = join(own, "base.policy");
    writeFileSync(base, readFileSync(base, "utf8").replace("  二级：600元\n", "  二级：800元\n"));
    expect(await compile()).toBe(0);
    expect(readFileSync(amendment, "utf8")).not.toContain("来自缓存\n// 来自缓存");
    expect(readFileSync(amendment, "utf8")).toContain("格式来自缓存");
    expect(await compile("--no-cache")).toBe(0);
    expect(readFileSync(amendment, "utf8")).not.toContain("来自缓存");
  });

  it("keeps an amendment's module compiled with its base (importing it) and alone (whole) apart", async () => {
    const own = join(dir, "pair");
    mkdirSync(own);
    copyFileSync(join(ROOT, "packages/compiler/src/__golden__/small.policy"), join(own, "small.policy"));
    const amendment = join(own, "amend.policy");
    writeFileSync(amendment, ["政策 门诊统筹示例修订 {", "  文号 「示例〔2019〕1号」", "  机关 「示例市医疗保障局」", "  发布 2019-01-01", "  基于 「small.policy」", "}", "", "参数 年度限额：金额 = 2500元", "  依据 一、（二）", ""].join("\n"));
    const compile = async (out: string, ...policies: string[]) => (await zhengce(["compile", ...policies, "--target", "js", "--out-dir", join(dir, out)])).status;
    expect(await compile("with-base", join(own, "small.policy"), amendment)).toBe(0);
    const withBase = join(dir, "with-base", "amend.js");
    expect(readFileSync(withBase, "utf8")).toContain(`from "./small.js"`);
    for (const { path, entry } of values()) {
      const files = (entry.value as unknown as { result?: { files: { name: string; content: string }[] } }).result?.files ?? [];
      for (const f of files) if (f.name === "amend.js") f.content += "// 来自缓存\n";
      writeFileSync(path, JSON.stringify(entry));
    }
    expect(await compile("alone", amendment)).toBe(0);
    const alone = readFileSync(join(dir, "alone", "amend.js"), "utf8");
    expect(alone).not.toContain(`from "./small.js"`);
    expect(alone).not.toContain("来自缓存");
    expect(await compile("with-base", join(own, "small.policy"), amendment)).toBe(0);
    expect(readFileSync(withBase, "utf8")).toContain("来自缓存");
  });

  it("--no-cache neither reads nor writes it", async () => {
    const empty = join(dir, "no-cache");
    const r = await zhengce(["calc", "2018.policy", "住院结算", "--input", input, "--no-cache"], empty);
    expect(r.status).toBe(0);
    expect(existsSync(empty)).toBe(false);
  });

  afterAll(() => {
    process.env.ZHENGCE_CACHE_DIR = outerCache;
  });

  // Separate processes: what the temporary file and the rename protect against.
  it("four processes filling an empty cache at once all succeed and leave whole entries", async () => {
    const shared = join(dir, "shared");
    const runs = Array.from(
      { length: 4 },
      () =>
        new Promise<{ code: number | null; out: string }>((done) => {
          const child = spawn(process.execPath, [CLI, "calc", "base.policy", "住院结算", "--input", input], { cwd: dir, env: { ...process.env, ZHENGCE_CACHE_DIR: shared } });
          let out = "";
          child.stdout.on("data", (d: Buffer) => (out += d.toString()));
          child.on("exit", (code) => done({ code, out }));
        }),
    );
    const results = await Promise.all(runs);
    for (const r of results) {
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out).统筹支付).toBe("7440.00");
    }
    // The compilation of 住院结算 and the diagnostics, each whole.
    const names = readdirSync(shared);
    expect(names.filter((n) => n.endsWith(".json"))).toHaveLength(2);
    expect(names.filter((n) => n.endsWith(".tmp"))).toEqual([]);
    for (const n of names) expect(() => JSON.parse(readFileSync(join(shared, n), "utf8"))).not.toThrow();
  });
});
