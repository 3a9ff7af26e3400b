// `zhengce compile` of several policies: outputs mirror the policies' directories, colliding
// outputs are refused before anything is written, and a base compiled with its amendment gets a
// version index that picks the version in force on the claim's 日期.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../packages/compiler/src/cli/cli.js";
import { memoryIo, ROOT, tempDir } from "../cli/helpers.js";

const deps = { compilerModule: join(ROOT, "packages/compiler/src/load.ts") };
const cli = async (args: string[], cwd = ROOT) => {
  const io = memoryIo({ cwd });
  const code = await runCli(["compile", ...args], io, deps);
  return { code, out: io.out, err: io.err };
};

describe("output names", () => {
  it("mirrors the directories: three cities' base.policy into one --out-dir make three files", async () => {
    const out = tempDir();
    // Declarations only: the naming is the same for every target, and they are quick to format.
    const r = await cli(["policies/jiangmen/base.policy", "policies/heshan/base.policy", "policies/tonghua/base.policy", "--target", "dts", "--out-dir", out]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["heshan", "jiangmen", "tonghua"]);
    // Each file is its own policy's (the header names the source).
    for (const city of ["jiangmen", "heshan", "tonghua"]) {
      expect(readFileSync(join(out, city, "base.d.ts"), "utf8")).toContain(`从 policies/${city}/base.policy 生成`);
      expect(Object.keys(JSON.parse(readFileSync(join(out, city, "base.schema.json"), "utf8"))).length).toBeGreaterThan(0);
    }
    expect(r.out.trim().split("\n")).toHaveLength(6);
  });

  it("a directory stands for every policy below it; one policy keeps its plain name", async () => {
    const out = tempDir();
    const r = await cli(["policies/jiangmen", "--out-dir", out, "--target", "dts"]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(
      ["2018.d.ts", "2018.schema.json", "base.d.ts", "base.schema.json", "base.versions.d.ts", "poverty.d.ts", "poverty.schema.json"],
    );
    const single = tempDir();
    expect((await cli(["policies/heshan/base.policy", "--out-dir", single])).code).toBe(0);
    expect(readdirSync(single).sort()).toEqual(["base.schema.json", "base.ts"]);
  });

  it("refuses two policies whose outputs would be one file (exit 2, nothing written)", async () => {
    const src = tempDir();
    mkdirSync(join(src, "a"));
    copyFileSync(join(ROOT, "test/lsp/fixtures/base.policy"), join(src, "a/Base.policy"));
    copyFileSync(join(ROOT, "test/lsp/fixtures/base.policy"), join(src, "a/base.policy"));
    const out = join(tempDir(), "out");
    const r = await cli(["a", "--out-dir", out], src);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/^错误\[C052\]：输出文件「.*out[\\/]base\.ts」会被「a[\\/]Base\.policy」和「a[\\/]base\.policy」重复写出，未写出任何文件/);
    expect(existsSync(out)).toBe(false);
  });

  it("a policy with errors stops every file of the run", async () => {
    const src = tempDir();
    copyFileSync(join(ROOT, "test/lsp/fixtures/base.policy"), join(src, "good.policy"));
    writeFileSync(join(src, "bad.policy"), "政策 坏 {\n  文号 「x」\n}\n参数 甲：金额 = 乙\n");
    const out = join(tempDir(), "out");
    const r = await cli(["good.policy", "bad.policy", "--out-dir", out], src);
    expect(r.code).toBe(1);
    expect(r.err).toContain("政策文件「bad.policy」有 1 个错误，未写出任何文件");
    expect(existsSync(out)).toBe(false);
  });
});

describe("version index of a base and its amendment", () => {
  // Inside the repository so the generated modules resolve @zhengce/runtime.
  let out: string;
  beforeAll(async () => {
    mkdirSync(join(ROOT, ".cache"), { recursive: true });
    out = mkdtempSync(join(ROOT, ".cache", "versions-"));
    const r = await cli(["policies/jiangmen/base.policy", "policies/jiangmen/2018.policy", "--target", "all", "--out-dir", out]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("writes <base>.versions beside the base's module", () => {
    expect(readdirSync(out).filter((f) => f.includes("versions")).sort()).toEqual(["base.versions.d.ts", "base.versions.js", "base.versions.ts"]);
  });

  // 特定病种门诊, 城乡居民, 血友病 (二类), 三级 (50%), 6000 元 this month: 3000 before the monthly limit.
  // The 2018 notice raises the 二类 limit from 1500 to 2500 元/月 for 2018 only (鹤人社〔2017〕209号 三、（一）).
  const claim = { 参保身份: "城乡居民", 病种: ["血友病"], 医院级别: "三级", 当月范围内费用: "6000" };

  it("picks the amendment inside its period and the base outside it", async () => {
    const index = await import(join(out, "base.versions.js"));
    const in2018 = index.特定病种门诊({ ...claim, 日期: "2018-06-01" }, { 计算过程: false });
    expect([in2018.月支付限额, in2018.统筹支付, in2018.个人负担]).toEqual(["2500.00", "2500.00", "3500.00"]);
    const in2019 = index.特定病种门诊({ ...claim, 日期: "2019-03-01" }, { 计算过程: false });
    expect([in2019.月支付限额, in2019.统筹支付, in2019.个人负担]).toEqual(["1500.00", "1500.00", "4500.00"]);
    // The last day of the amendment's period is still the amendment's; the key may be traditional or full-width.
    expect(index.特定病种门诊({ ...claim, 日期: "２０１８-１２-３１" }, { 计算过程: false }).统筹支付).toBe("2500.00");
    // No 日期: the version in force last (the base, open-ended).
    expect(index.特定病种门诊(claim, { 计算过程: false }).统筹支付).toBe("1500.00");
    expect(index.版本.map((v: { 文号: string }) => v.文号)).toEqual(["江府办〔2017〕20号", "鹤人社〔2017〕209号"]);
  });

  it("refuses a date no version covers, naming 日期", async () => {
    const index = await import(join(out, "base.versions.js"));
    expect(() => index.特定病种门诊({ ...claim, 日期: "2017-06-01" })).toThrow(
      "字段「日期」为 2017-06-01，「特定病种门诊」没有在这一天有效的版本（有效期：2018-01-01 至 2018-12-31、2018-01-01 起）",
    );
    expect(() => index.特定病种门诊({ ...claim, 日期: "2018-02-30" })).toThrow(/字段「日期」.*这一天不存在/);
    // A year's claims must stay within one version: the accumulators cannot cross modules.
    expect(() => index.特定病种门诊序列([{ ...claim, 日期: "2018-12-01" }, { ...claim, 日期: "2019-01-02" }])).toThrow(/字段「第2项.日期」与第1项不在同一版本的有效期内/);
    const year = index.特定病种门诊序列([{ ...claim, 日期: "2019-01-02" }, { ...claim, 日期: "2019-02-02" }], { 计算过程: false });
    expect(year.map((r: { 统筹支付: string }) => r.统筹支付)).toEqual(["1500.00", "1500.00"]);
  });
  // Type-checked with a strict caller by test/adopt/strict-types.test.ts (the version index of policies/jiangmen).
});
