// Nothing lost, nothing half-written: batch stopped by SIGINT/SIGTERM keeps its complete lines
// and --resume finishes the job; a full disk or an unwritable place leaves no file behind;
// compile replaces all its outputs or none.
import { spawn, spawnSync } from "node:child_process";
import { EventEmitter } from "node:events";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it, vi } from "vitest";
import { runBatch, Stop } from "../../packages/compiler/src/cli/batch.js";
import { runCli } from "../../packages/compiler/src/cli/cli.js";
import { deps, memoryIo, ROOT, tempDir, writeTemp } from "./helpers.js";

// A full disk, on demand: writes to a path containing "full-disk" fail with ENOSPC after 100 bytes.
vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const createWriteStream = ((path: string, options: unknown) => {
    const stream = fs.createWriteStream(path, options as never);
    if (String(path).includes("full-disk")) {
      let written = 0;
      const original = stream._write.bind(stream);
      stream._write = (chunk, encoding, done) => {
        written += chunk.length;
        if (written > 100) done(Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" }));
        else original(chunk, encoding, done);
      };
    }
    return stream;
  }) as typeof fs.createWriteStream;
  return { ...fs, createWriteStream, default: { ...fs, createWriteStream } };
});
vi.mock("node:fs/promises", async (importOriginal) => {
  const fsp = await importOriginal<typeof import("node:fs/promises")>();
  let files = 0;
  const writeFile = (async (path: string, ...rest: unknown[]) => {
    if (String(path).includes("full-disk") && ++files % 2 === 0) throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
    return (fsp.writeFile as (...a: unknown[]) => Promise<void>)(path, ...rest);
  }) as typeof fsp.writeFile;
  return { ...fsp, writeFile, default: { ...fsp, writeFile } };
});

const lines = (text: string) => text.trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
const echo = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `{"序号":${from + i}}\n`);

describe("batch interrupted by a signal", () => {
  it("SIGINT keeps the complete lines as <output>.partial, says how far it got; --resume finishes the same output", async () => {
    const dir = tempDir();
    const output = join(dir, "out.jsonl");
    const signals = new EventEmitter();
    // The signal arrives while the input is being read (at its 4500th line).
    function* interrupted() {
      for (const [i, line] of echo(1, 6000).entries()) {
        if (i === 4500) signals.emit("SIGINT", "SIGINT");
        yield line;
      }
    }
    const io = memoryIo();
    io.stdin = Readable.from(interrupted());
    const code = await runBatch(["ok.policy", "回显", "--input", "-", "--output", output], io, deps, { signals, chunkSize: 1000 });
    expect(code).toBe(2);
    const m = /^错误\[C060\]：已中断（SIGINT）：完成 (\d+) 例，到输入第 (\d+) 行；已完成的结果在「(.*)」，用同样的命令加 --resume 接着算\n$/.exec(io.err);
    expect(m, io.err).not.toBeNull();
    const done = Number(m![1]);
    expect(m![2]).toBe(m![1]); // one case per line here
    expect(m![3]).toBe(`${output}.partial`);
    expect(done % 1000).toBe(0);
    expect(done).toBeGreaterThanOrEqual(1000);
    expect(done).toBeLessThanOrEqual(4500);
    expect(readdirSync(dir)).toEqual(["out.jsonl.partial"]);
    expect(lines(readFileSync(`${output}.partial`, "utf8")).map((r) => r.序号)).toEqual(Array.from({ length: done }, (_, i) => i + 1));

    const again = memoryIo({ stdin: echo(1, 6000).join("") });
    expect(await runBatch(["ok.policy", "回显", "--input", "-", "--output", output, "--resume"], again, deps, { chunkSize: 1000 })).toBe(0);
    expect(again.err).toBe("");
    expect(readdirSync(dir)).toEqual(["out.jsonl"]);
    expect(lines(readFileSync(output, "utf8")).map((r) => r.序号)).toEqual(Array.from({ length: 6000 }, (_, i) => i + 1));
  });

  it("--resume without --output is a usage error; without a partial output it starts from the beginning", async () => {
    const io = memoryIo({ stdin: echo(1, 3).join("") });
    expect(await runBatch(["ok.policy", "回显", "--input", "-", "--resume"], io, deps)).toBe(2);
    expect(io.err).toMatch(/^错误\[C002\]：--resume 需要 --output/);
    const dir = tempDir();
    const fresh = memoryIo({ stdin: echo(1, 3).join("") });
    expect(await runBatch(["ok.policy", "回显", "--input", "-", "--resume", "--output", join(dir, "o.jsonl")], fresh, deps)).toBe(0);
    expect(fresh.err).toContain("从头计算");
    expect(lines(readFileSync(join(dir, "o.jsonl"), "utf8"))).toHaveLength(3);
  });

  it("SIGTERM to a real process waiting on stdin: exit 2, the message, no temporary file left", async () => {
    const dist = join(ROOT, "packages/compiler/dist/cli/main.js");
    expect(existsSync(dist), "needs pnpm run build").toBe(true);
    const dir = tempDir();
    const output = join(dir, "out.jsonl");
    const claim = JSON.stringify({ 参保身份: "城乡居民", 医院级别: "二级", 政策范围内费用: 10000, 连续缴费月数: 30 });
    const child = spawn(process.execPath, [dist, "batch", "policies/jiangmen/base.policy", "住院结算", "--input", "-", "--output", output, "--workers", "1"], { cwd: ROOT });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
    // 5000 claims and no end of input: the first chunks (of about 2000 cases: whole lines as
    // read) are written, then it waits.
    child.stdin.write(`${claim}\n`.repeat(5000));
    const temp = () => readdirSync(dir).find((n) => n.endsWith(".tmp"));
    while (!(temp() && statSync(join(dir, temp()!)).size > 0)) await new Promise((r) => setTimeout(r, 50));
    child.kill("SIGTERM");
    expect(await exited, stderr).toBe(2);
    const done = /^错误\[C060\]：已中断（SIGTERM）：完成 (\d+) 例，到输入第 \1 行；/.exec(stderr);
    expect(done, stderr).not.toBeNull();
    expect(readdirSync(dir)).toEqual(["out.jsonl.partial"]);
    const kept = lines(readFileSync(`${output}.partial`, "utf8"));
    expect(kept.length).toBe(Number(done![1]));
    expect(kept.length).toBeGreaterThanOrEqual(2000);
    expect(kept.length).toBeLessThan(5000);
    // 城乡居民 二级 10000: (10000 − 600) × 80% = 7520.00
    for (const r of kept) expect(r.统筹支付).toBe("7520.00");

    const resumed = spawnSync(process.execPath, [dist, "batch", "policies/jiangmen/base.policy", "住院结算", "--input", "-", "--output", output, "--workers", "1", "--resume"], {
      cwd: ROOT,
      input: `${claim}\n`.repeat(5000),
      encoding: "utf8",
    });
    expect([resumed.status, resumed.stderr]).toEqual([0, ""]);
    expect(readdirSync(dir)).toEqual(["out.jsonl"]);
    expect(lines(readFileSync(output, "utf8")).map((r) => r.统筹支付)).toEqual(new Array(5000).fill("7520.00"));
  });
});

describe("the signal a batch stops at", () => {
  it("begins no read once it has come: a read nobody waits for would fail unheard when the input closes", async () => {
    const stop = new Stop();
    const first = stop.race(() => new Promise<IteratorResult<number>>(() => {}));
    stop.set("SIGTERM");
    expect(await first).toEqual({ done: true, value: undefined });
    let begun = false;
    const after = await stop.race(() => {
      begun = true;
      return Promise.reject(new Error("ERR_STREAM_PREMATURE_CLOSE"));
    });
    expect([after, begun]).toEqual([{ done: true, value: undefined }, false]);
  });
});

describe("an output that cannot be written", () => {
  it("a full disk: exit 2, says so, leaves nothing", async () => {
    const dir = join(tempDir(), "full-disk");
    mkdirSync(dir);
    const io = memoryIo({ stdin: echo(1, 50).join("") });
    expect(await runBatch(["ok.policy", "回显", "--input", "-", "--output", join(dir, "out.jsonl")], io, deps)).toBe(2);
    expect(io.err).toBe(`错误[C051]：无法写入输出文件「${join(dir, "out.jsonl")}」：磁盘空间不足；未留下写了一半的文件\n`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a path through a regular file, and (on Linux) a place without write permission", async () => {
    const dir = tempDir();
    writeTemp(dir, "file", "");
    const io = memoryIo({ stdin: echo(1, 3).join("") });
    expect(await runBatch(["ok.policy", "回显", "--input", "-", "--output", join(dir, "file", "out.jsonl")], io, deps)).toBe(2);
    expect(io.err).toMatch(/^错误\[C050\]：无法写入输出文件「.*out\.jsonl」：路径中的目录不存在或不是目录；未留下写了一半的文件\n$/);
    expect(readdirSync(dir)).toEqual(["file"]);
    if (process.platform === "linux" && existsSync("/sys/kernel")) {
      const sys = memoryIo({ stdin: echo(1, 3).join("") });
      expect(await runBatch(["ok.policy", "回显", "--input", "-", "--output", "/sys/kernel/zhengce-out.jsonl"], sys, deps)).toBe(2);
      expect(sys.err).toMatch(/^错误\[C050\]：无法写入输出文件「\/sys\/kernel\/zhengce-out\.jsonl」：(没有权限|文件系统是只读的)/);
    }
  });

  it("compile replaces every output or none: the second file failing leaves the first as it was", async () => {
    const dir = join(tempDir(), "full-disk");
    mkdirSync(dir);
    writeFileSync(join(dir, "ok.ts"), "// before\n");
    const io = memoryIo();
    const code = await runCli(["compile", "ok.policy", "--out-dir", dir], io, deps);
    expect(code).toBe(2);
    expect(io.err).toMatch(/^错误\[C051\]：无法写入「.*」：磁盘空间不足；未写出任何文件\n$/);
    expect(io.out).toBe("");
    expect(readdirSync(dir)).toEqual(["ok.ts"]);
    expect(readFileSync(join(dir, "ok.ts"), "utf8")).toBe("// before\n");
  });
});

describe("--workers", () => {
  it("more workers than cores run as many as there are cores, with a note", async () => {
    const io = memoryIo({ stdin: echo(1, 3).join("") });
    expect(await runBatch(["ok.policy", "回显", "--input", "-", "--workers", "64"], io, deps, { cores: 2 })).toBe(0);
    expect(io.err).toBe("提示：--workers 64 多于 CPU 核数 2，按 2 个工作线程计算\n");
  });
});
