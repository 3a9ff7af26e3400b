// `pnpm bench`, batch: `zhengce batch` (the whole process, every core) against the I/O floor —
// a bare read → JSON.parse → JSON.stringify → write loop over the same file, in this run — and
// the batch process's peak memory. The ratio is what counts: both run on the same machine at
// the same moment.
import { spawn } from "node:child_process";
import { appendFileSync, createReadStream, createWriteStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";

export interface BatchFigures {
  casesPerSec: number;
  ioFloorCasesPerSec: number;
  peakRssMb: number;
}

/** The same seeded claims every run (江门 住院结算 inputs), written to `path` 100 000 lines at a time. */
function writePopulation(path: string, n: number): void {
  let seed = 20181231;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  writeFileSync(path, "");
  for (let done = 0; done < n; ) {
    const lines: string[] = [];
    for (const end = Math.min(n, done + 100_000); done < end; done++) {
      lines.push(
        JSON.stringify({
          参保身份: pick(["城乡居民", "职工在职", "职工退休"]),
          医院级别: pick(["一级及以下", "二级", "三级", "非定点"]),
          政策范围内费用: (Math.floor(rnd() * 50_000_000) / 100).toFixed(2),
          连续缴费月数: Math.floor(rnd() * 40),
        }),
      );
    }
    appendFileSync(path, lines.join("\n") + "\n");
  }
}

/** The floor: what reading, parsing, stringifying and writing the cases costs, nothing more. */
async function ioFloor(input: string, output: string): Promise<number> {
  const t = process.hrtime.bigint();
  const out = createWriteStream(output);
  let cases = 0;
  for await (const line of createInterface({ input: createReadStream(input), crlfDelay: Infinity })) {
    if (!line) continue;
    if (!out.write(JSON.stringify(JSON.parse(line)) + "\n")) await new Promise<void>((r) => out.once("drain", () => r()));
    cases++;
  }
  await new Promise<void>((r) => out.end(() => r()));
  return (cases / Number(process.hrtime.bigint() - t)) * 1e9;
}

/**
 * `zhengce batch` as its own process, started through a wrapper that reports the process's peak
 * RSS (worker threads included) as it exits.
 */
function batchProcess(wrapper: string, policy: string, input: string, output: string, cache: string): Promise<{ ms: number; peakRssMb: number }> {
  return new Promise((done, fail) => {
    const t = process.hrtime.bigint();
    const env = { ...process.env, ZHENGCE_CACHE_DIR: cache };
    const child = spawn(process.execPath, [wrapper, "batch", policy, "住院结算", "--input", input, "-o", output], { env });
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("exit", (code) => {
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      const rss = /MAXRSS (\d+)/.exec(err);
      if (code !== 0 || !rss) return fail(new Error(`zhengce batch exited ${code}: ${err.trim()}`));
      done({ ms, peakRssMb: Number(rss[1]) / 1024 });
    });
  });
}

/**
 * The goal is stated for 1 000 000 cases: at 200 000, the workers' start (~0.2 s each, beside
 * the main thread's) weighed a sixth of the run, and the same build read 1/1.9 there and 1/1.1
 * at 1 000 000.
 */
export async function batchBench(root: string, cases = Number(process.env.ZHENGCE_BENCH_CASES ?? 1_000_000)): Promise<BatchFigures> {
  const dir = mkdtempSync(join(tmpdir(), "zhengce-bench-batch-"));
  try {
    const input = join(dir, "cases.jsonl");
    writePopulation(input, cases);
    const policy = resolve(root, "policies/jiangmen/base.policy");
    const wrapper = join(dir, "zhengce.mjs");
    writeFileSync(
      wrapper,
      `process.on("exit", () => process.stderr.write("\\nMAXRSS " + process.resourceUsage().maxRSS + "\\n"));\nawait import(${JSON.stringify(new URL("../cli/main.js", import.meta.url).href)});\n`,
    );
    const cache = join(dir, "cache"); // the bench's own, never the user's
    await batchProcess(wrapper, policy, input, join(dir, "warm.jsonl"), cache); // fills the cache of compiled policies
    const floors: number[] = [];
    const runs: { ms: number; peakRssMb: number }[] = [];
    for (let i = 0; i < 3; i++) {
      floors.push(await ioFloor(input, join(dir, "floor.jsonl")));
      runs.push(await batchProcess(wrapper, policy, input, join(dir, "out.jsonl"), cache));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const figures: BatchFigures = {
      casesPerSec: Math.round(median(runs.map((r) => (cases / r.ms) * 1000))),
      ioFloorCasesPerSec: Math.round(median(floors)),
      peakRssMb: Math.round(Math.max(...runs.map((r) => r.peakRssMb))),
    };
    console.log(`batch：江门 住院结算 ${cases} 例 JSON Lines（整个进程，中位数）：`);
    console.log(`  zhengce batch              每秒 ${figures.casesPerSec} 例，峰值内存 ${figures.peakRssMb} MB`);
    console.log(`  读 → JSON.parse → stringify → 写   每秒 ${figures.ioFloorCasesPerSec} 例`);
    console.log(`  比值：batch/读写下限 1/${(figures.ioFloorCasesPerSec / figures.casesPerSec).toFixed(1)}`);
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
