import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { threadId } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBatch } from "../../packages/compiler/src/cli/batch.js";
import { deps, fixture, memoryIo, tempDir, transpileCli, writeTemp } from "./helpers.js";

const lines = (text: string) => text.trimEnd().split("\n").map((l) => JSON.parse(l));

async function batch(args: string[], options: { stdin?: string | Buffer; tty?: boolean } = {}) {
  const io = memoryIo(options);
  const code = await runBatch(args, io, deps);
  return { code, out: io.out, err: io.err };
}

describe("batch (in this thread)", () => {
  it("keeps input order, skips blank lines and reports bad lines with their line number", async () => {
    const input = [
      '{"序号":1}',
      "",
      '{"序号":2,"失败":true}',
      '{"序号":3,',
      "   ",
      '{"序号":4,"多余":1}',
      "[]",
      "42",
      '{"序号":5}\r',
      '{"序号":6}',
    ].join("\n");
    const r = await batch(["ok.policy", "回显", "--input", writeTemp(tempDir(), "cases.jsonl", input)]);
    expect(r.code).toBe(1);
    expect(r.err).toBe("");
    const out = lines(r.out);
    expect(out).toHaveLength(8);
    expect(out[0]).toMatchObject({ 序号: 1 });
    expect(out[1]).toEqual({ 错误: "字段「失败」为 true，第 2 号案例按要求出错", 行: 3, 代码: "R199", 字段: "失败" });
    expect(out[2]).toEqual({ 错误: "不是合法的 JSON：此处应为用双引号括起的字段名，内容意外结束(列 9)", 行: 4, 代码: "C020" });
    expect(out[3]).toMatchObject({ 行: 6, 错误: expect.stringContaining("多余") });
    expect(out[4]).toEqual([]);
    expect(out[5]).toEqual({ 错误: "输入应为一个 JSON 对象（或同一人按日期排列的对象数组）", 行: 8, 代码: "C023" });
    expect(out[6]).toMatchObject({ 序号: 5 });
    expect(out[7]).toMatchObject({ 序号: 6 });
  });

  it("exits 0 when every case succeeds, and drops 计算过程 unless --explain", async () => {
    const path = writeTemp(tempDir(), "c.jsonl", '{"参保身份":"城乡居民","政策范围内费用":1500,"连续缴费月数":3}\n');
    const plain = await batch(["ok.policy", "住院结算", "--input", path]);
    expect(plain.code).toBe(0);
    expect(lines(plain.out)).toEqual([{ 起付标准: "500.00", 统筹支付: "800.00", 个人负担: "700.00" }]);
    const explained = await batch(["ok.policy", "住院结算", "--input", path, "--explain"]);
    expect(lines(explained.out)[0].计算过程).toHaveLength(2);
  });

  it("runs a line holding an array as one person's sequence", async () => {
    const c = { 参保身份: "城乡居民", 政策范围内费用: 1500, 连续缴费月数: 3 };
    const path = writeTemp(tempDir(), "c.jsonl", JSON.stringify([c, c]) + "\n");
    const r = await batch(["ok.policy", "住院结算", "--input", path]);
    expect(lines(r.out)[0].map((x: { 统筹支付: string }) => x.统筹支付)).toEqual(["800.00", "200.00"]);
  });

  it("reads CSV: header names fields, dotted headers nest, physical line numbers for errors", async () => {
    const csv = [
      "参保身份,政策范围内费用,连续缴费月数,特殊人群,家庭病床转诊,年度累计.统筹支付",
      "城乡居民,1500,36,,,",
      '城乡居民,"1,500",36,,,',
      '"城乡居民",30000.50,36,特困供养、低保,否,900',
      "城乡居民,1500,36,,是,",
      '"城乡\n居民",1,1,,,',
      "城乡居民,1500,36",
    ].join("\r\n");
    const r = await batch(["ok.policy", "住院结算", "--input", writeTemp(tempDir(), "c.csv", csv)]);
    expect(r.code).toBe(1);
    const out = lines(r.out);
    expect(out).toHaveLength(6);
    expect(out[0]).toEqual({ 起付标准: "500.00", 统筹支付: "800.00", 个人负担: "700.00" });
    expect(out[1]).toMatchObject({ 行: 3, 错误: expect.stringContaining("政策范围内费用") });
    expect(out[2]).toEqual({ 起付标准: "0.00", 统筹支付: "100.00", 个人负担: "29900.50" });
    expect(out[3]).toEqual({ 起付标准: "0.00", 统筹支付: "1000.00", 个人负担: "500.00" });
    expect(out[4]).toMatchObject({ 行: 6, 错误: expect.stringContaining("参保身份") });
    expect(out[5]).toEqual({ 错误: "这一行有 3 个单元格，表头有 6 列", 行: 8, 代码: "C031" });
  });

  it("reads a GB18030 CSV (as saved by spreadsheets on Chinese Windows) after a note", async () => {
    // 序号,备注 / 1,中文 in GBK bytes.
    const bytes = Buffer.from([0xd0, 0xf2, 0xba, 0xc5, 0x2c, 0xb1, 0xb8, 0xd7, 0xa2, 0x0a, 0x31, 0x2c, 0xd6, 0xd0, 0xce, 0xc4, 0x0a]);
    const r = await batch(["ok.policy", "回显", "--input", writeTemp(tempDir(), "gbk.csv", bytes)]);
    expect(r.code).toBe(0);
    expect(lines(r.out)[0]).toMatchObject({ 序号: 1, 备注: "中文" });
    expect(r.err).toContain("GB18030");
  });

  it("fails with exit 2 on a bad CSV header, an empty CSV, a missing file or a bad option", async () => {
    const dir = tempDir();
    const dup = await batch(["ok.policy", "回显", "--input", writeTemp(dir, "d.csv", "序号,序号\n1,2\n")]);
    expect([dup.code, dup.out]).toEqual([2, ""]);
    expect(dup.err).toBe("错误[C032]：CSV 表头「序号」与「序号」是同一个字段\n");
    const empty = await batch(["ok.policy", "回显", "--input", writeTemp(dir, "e.csv", "\n\n")]);
    expect(empty.code).toBe(2);
    expect(empty.err).toContain("CSV 文件是空的");
    const missing = await batch(["ok.policy", "回显", "--input", join(dir, "none.jsonl")]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("找不到输入文件");
    const workers = await batch(["ok.policy", "回显", "--input", join(dir, "d.csv"), "--workers", "0"]);
    expect(workers.code).toBe(2);
    expect(workers.err).toContain("--workers 应为正整数");
  });

  it("reads stdin with --input - (JSON Lines, or CSV with --format csv)", async () => {
    const jsonl = await batch(["ok.policy", "回显", "--input", "-"], { stdin: '{"序号":7}\n' });
    expect(lines(jsonl.out)[0]).toMatchObject({ 序号: 7 });
    const csv = await batch(["ok.policy", "回显", "--input", "-", "--format", "csv"], { stdin: "序号,标签\n8,甲|乙\n" });
    expect(lines(csv.out)[0]).toMatchObject({ 序号: 8, 标签: ["甲", "乙"] });
  });

  it("writes --output only when complete, and nothing on stdout", async () => {
    const dir = tempDir();
    const input = writeTemp(dir, "in.jsonl", '{"序号":1}\n{"序号":2,"失败":true}\n');
    const output = join(dir, "sub", "out.jsonl");
    const r = await batch(["ok.policy", "回显", "--input", input, "--output", output]);
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(lines(readFileSync(output, "utf8"))).toHaveLength(2);
    expect(readdirSync(join(dir, "sub"))).toEqual(["out.jsonl"]);
  });

  it("shows progress on stderr only on a terminal", async () => {
    const input = writeTemp(tempDir(), "in.jsonl", '{"序号":1}\n{"序号":2}\n');
    const quiet = await batch(["ok.policy", "回显", "--input", input]);
    expect(quiet.err).toBe("");
    const tty = await batch(["ok.policy", "回显", "--input", input], { tty: true });
    expect(tty.err).toContain("已完成 2/2 例（100%）");
    expect(lines(tty.out)).toHaveLength(2);
  });
});

describe("batch with worker threads", () => {
  let cli: ReturnType<typeof transpileCli>;
  let runBatchJs: typeof runBatch;
  beforeAll(async () => {
    cli = transpileCli();
    ({ runBatch: runBatchJs } = await import(join(cli.dir, "batch.js")));
  });
  afterAll(() => cli?.cleanup());

  function echoCases(n: number, failEvery: number): string {
    const out: string[] = [];
    for (let i = 1; i <= n; i++) out.push(JSON.stringify({ 序号: i, 主线程慢: true, ...(i % failEvery === 0 && { 失败: true }) }));
    return out.join("\n") + "\n";
  }

  it("keeps input order across chunks run by several workers", async () => {
    const n = 5000;
    const input = writeTemp(tempDir(), "many.jsonl", echoCases(n, 997));
    const io = memoryIo();
    const code = await runBatchJs(["ok.policy", "回显", "--input", input, "--workers", "3"], io, deps, { chunkSize: 300, cores: 3 });
    expect(io.err).toBe("");
    expect(code).toBe(1);
    const out = lines(io.out);
    expect(out).toHaveLength(n);
    const threads = new Set<number>();
    out.forEach((row, i) => {
      if ((i + 1) % 997 === 0) expect(row).toEqual({ 错误: `字段「失败」为 true，第 ${i + 1} 号案例按要求出错`, 行: i + 1, 代码: "R199", 字段: "失败" });
      else {
        expect(row.序号).toBe(i + 1);
        threads.add(row.线程);
      }
    });
    // This thread runs chunks only until the first worker has loaded the policy.
    threads.delete(threadId);
    expect(threads.size).toBeGreaterThan(0);
  });

  it("reads lines in blocks across the file's chunks as it would one by one: blank lines, a bad byte, CRLF, text split mid-character", async () => {
    // 6000 lines of about 90 bytes, over eight 64 KB reads: most lines pass to the workers
    // undecoded (input.ts). Line 3001 holds an invalid byte, line 4500 ends in CRLF, every
    // 7th line is blank, and 备注 is Chinese, so some reads end inside a character.
    const parts: Buffer[] = [];
    for (let i = 1; i <= 6000; i++) {
      if (i % 7 === 0) parts.push(Buffer.from("\n"));
      else if (i === 3001) parts.push(Buffer.from('{"序号":3001,"备注":"坏'), Buffer.from([0xff]), Buffer.from('"}\n'));
      else parts.push(Buffer.from(`${JSON.stringify({ 序号: i, 备注: "住院费用按政策范围内费用计算".repeat(2) })}${i === 4500 ? "\r\n" : "\n"}`));
    }
    const input = writeTemp(tempDir(), "blocks.jsonl", Buffer.concat(parts));
    const expected = Array.from({ length: 6000 }, (_, k) => k + 1).filter((i) => i % 7 !== 0);
    for (const workers of ["3", "1"]) {
      const io = memoryIo();
      const code = await runBatchJs(["ok.policy", "回显", "--input", input, "--workers", workers], io, deps, { cores: 3 });
      expect(io.err).toBe("");
      expect(code).toBe(1);
      const out = lines(io.out);
      expect(out).toHaveLength(expected.length);
      out.forEach((row, k) => {
        const i = expected[k];
        if (i === 3001) expect(row).toEqual({ 错误: "这一行不是合法的 UTF-8 文本（请以 UTF-8 编码保存）", 行: 3001, 代码: "C014" });
        else expect([row.序号, row.备注]).toEqual([i, "住院费用按政策范围内费用计算住院费用按政策范围内费用计算"]);
      });
    }
  });

  it("stays in this thread for small inputs or --workers 1", async () => {
    const input = writeTemp(tempDir(), "some.jsonl", echoCases(50, 1000));
    for (const extra of [[], ["--workers", "1"]]) {
      const io = memoryIo();
      const code = await runBatchJs(["ok.policy", "回显", "--input", input, ...extra], io, deps, { threshold: extra.length ? 10 : 2000 });
      expect(code).toBe(0);
      expect(new Set(lines(io.out).map((r) => r.线程))).toEqual(new Set([threadId]));
    }
  });

  it("uses workers for CSV too, with the header passed to each worker", async () => {
    const rows = ["序号,标签,主线程慢"];
    for (let i = 1; i <= 3000; i++) rows.push(`${i},甲、丙,是`);
    const input = writeTemp(tempDir(), "many.csv", rows.join("\n"));
    const io = memoryIo();
    const code = await runBatchJs(["ok.policy", "回显", "--input", input, "--workers", "2"], io, deps, { chunkSize: 300 });
    expect(code).toBe(0);
    const out = lines(io.out);
    expect(out.map((r) => r.序号)).toEqual(Array.from({ length: 3000 }, (_, i) => i + 1));
    expect(out[2999].标签).toEqual(["甲", "丙"]);
    expect(out.some((r) => r.线程 !== threadId)).toBe(true);
  });

  it("fails with exit 2 and writes no output file when a worker cannot load the policy", async () => {
    const dir = tempDir();
    // Slow enough in this thread that the workers report before it could finish alone.
    const input = writeTemp(dir, "many.jsonl", echoCases(5000, 100000));
    const output = join(dir, "out.jsonl");
    const io = memoryIo();
    const workerDeps = { compilerModule: fixture("fake-compiler-main-only.mjs") };
    const code = await runBatchJs(["ok.policy", "回显", "--input", input, "--output", output, "--workers", "2"], io, workerDeps, {
      threshold: 10,
      chunkSize: 10,
    });
    expect(code).toBe(2);
    expect(io.err).toMatch(/^错误\[C070\]：批量计算的工作线程无法启动：[^\n]*只能在主线程加载\n$/);
    expect(existsSync(output)).toBe(false);
    expect(readdirSync(dir)).toEqual(["many.jsonl"]);
  });
});
