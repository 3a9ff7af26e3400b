// `zhengce explain` (issue 9, item 1): terminal, Markdown and HTML renderings of a case's steps;
// bad input refused in Chinese with exit 2 and nothing on stdout.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { runCli } from "../../packages/compiler/src/cli/cli.js";
import { displayWidth } from "../../packages/compiler/src/report/explain.js";
import { memoryIo, ROOT, tempDir, writeTemp } from "../cli/helpers.js";

const JIANGMEN = join(ROOT, "policies/jiangmen/base.policy");
// 职工退休, 三级, 80 000 元: 起付 900 − 100 = 800, 统筹 79 200 × 60% = 47 520, 二档 2 500 + 22 678 = 25 178.
const CASE = { 日期: "2018-06-01", 参保身份: "职工退休", 医院级别: "三级", 政策范围内费用: 80000, 连续缴费月数: 36 };

async function explain(args: string[], options: { tty?: boolean; stdin?: string } = {}) {
  const io = memoryIo({ cwd: ROOT, stdin: options.stdin });
  if (options.tty) Object.assign(io.stdout, { isTTY: true });
  const code = await runCli(["explain", ...args], io);
  return { code, out: io.out, err: io.err };
}

describe("zhengce explain", () => {
  it("prints aligned columns without colour when stdout is not a terminal", async () => {
    const r = await explain([JIANGMEN, "住院结算", "--input", JSON.stringify(CASE)]);
    expect([r.code, r.err]).toEqual([0, ""]);
    expect(r.out).not.toContain("\x1b[");
    const lines = r.out.split("\n");
    const slice = lines.find((l) => l.includes("二档住院比例 5000元 至 20万元"))!;
    expect(slice).toContain("（本次 5000.00 至 31680.00）：26680.00 × 85% = 22678.00");
    // The 说明 column starts where the 依据 lines are indented to, on every step line (CJK counted two wide).
    const at = lines.find((l) => l.trimStart().startsWith("依据 "))!.search(/\S/);
    const stepLines = lines.filter((l) => /^\s+\d+\s{2}/.test(l));
    expect(stepLines.length).toBeGreaterThan(20);
    for (const l of stepLines) {
      let w = 0;
      let i = 0;
      for (const ch of l) {
        if (w >= at) break;
        w += displayWidth(ch);
        i += ch.length;
      }
      expect([w, l.slice(i - 2, i), l[i] !== " "], l).toEqual([at, "  ", true]);
    }
    expect(r.out).toContain("依据 江府办〔2017〕20号 二、（四）1.（1）「在上述住院基金支付比例基础上提高5个百分点。」");
    expect(r.out).toMatch(/结果\n(.*\n)*\s+统筹支付\s+47520\.00元/);
  });

  it("colours the terminal form on a TTY, unless NO_COLOR is set", async () => {
    // Whatever the environment running the tests says (https://no-color.org).
    vi.stubEnv("NO_COLOR", undefined);
    try {
      const r = await explain([JIANGMEN, "住院结算", "--input", JSON.stringify(CASE)], { tty: true });
      expect(r.code).toBe(0);
      expect(r.out).toContain("\x1b[1m计算过程\x1b[0m");
      vi.stubEnv("NO_COLOR", "1");
      const plain = await explain([JIANGMEN, "住院结算", "--input", JSON.stringify(CASE)], { tty: true });
      expect([plain.code, plain.out.includes("\x1b[")]).toEqual([0, false]);
      expect(plain.out).toContain("计算过程");
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("reads a JSON file or standard input, and writes Markdown", async () => {
    const file = writeTemp(tempDir(), "case.json", JSON.stringify(CASE));
    const a = await explain([JIANGMEN, "住院结算", "--input", file, "--format", "md"]);
    const b = await explain([JIANGMEN, "住院结算", "--input", "-", "--format", "md"], { stdin: JSON.stringify(CASE) });
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect(a.out).toContain("| 16 | └ 分段 | 二档住院比例 5000元 至 20万元（本次 5000.00 至 31680.00）：26680.00 × 85% = 22678.00 | 22678.00 |");
    expect(a.out).toContain("| 统筹支付 | 47520.00元 |");
  });

  it("writes an HTML page to a file", async () => {
    const out = join(tempDir(), "说明.html");
    const r = await explain([JIANGMEN, "住院结算", "--input", JSON.stringify(CASE), "-o", out]);
    expect(r.code).toBe(0);
    const html = readFileSync(out, "utf8");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("<title>住院结算 计算说明</title>");
    expect(html).toContain("26680.00 × 85% = 22678.00");
    expect(html).not.toMatch(/<script/);
  });

  it("explains each claim of a sequence", async () => {
    const r = await explain([JIANGMEN, "住院结算", "--input", JSON.stringify([CASE, CASE])]);
    expect(r.code).toBe(0);
    // The second claim's 二档 counts on from the first's 31 680 (50% of nothing left, 85% up to 20 万).
    expect(r.out).toContain("【第2项】");
    expect(r.out).toContain("二档住院比例：累计 31680.00元 → 63360.00元（本次 31680.00元），各段合计 26928.00元");
  });

  it.each([
    [{ ...CASE, 政策范围内费用: -5 }, /字段「政策范围内费用」/],
    [{ ...CASE, 医院级别: "四级" }, /字段「医院级别」/],
    [{ ...CASE, 费用: 1 }, /「费用」/],
  ])("bad input %j → exit 2, a Chinese message naming the field, nothing on stdout", async (input, message) => {
    const r = await explain([JIANGMEN, "住院结算", "--input", JSON.stringify(input)]);
    expect([r.code, r.out]).toEqual([2, ""]);
    expect(r.err).toMatch(message);
    expect(r.err).toMatch(/^错误\[R\d+\]：/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it("malformed JSON text, a missing file and an unknown format exit 2", async () => {
    const bad = await explain([JIANGMEN, "住院结算", "--input", "{\"日期\":"]);
    expect([bad.code, bad.out]).toEqual([2, ""]);
    expect(bad.err).toContain("--input 给出的文本不是合法的 JSON");
    const missing = await explain([JIANGMEN, "住院结算", "--input", "nope.json"]);
    expect([missing.code, missing.err]).toEqual([2, expect.stringContaining("找不到输入文件「nope.json」")]);
    const format = await explain([JIANGMEN, "住院结算", "--input", JSON.stringify(CASE), "--format", "pdf"]);
    expect([format.code, format.err]).toEqual([2, expect.stringContaining("不支持的格式「pdf」")]);
  });

  it("is listed in the help", async () => {
    const io = memoryIo();
    await runCli(["help"], io);
    expect(io.out).toContain("explain <政策文件> <计算器> --input");
    const h = memoryIo();
    await runCli(["explain", "--help"], h);
    expect(h.out).toMatch(/^用法：zhengce explain/);
  });
});
