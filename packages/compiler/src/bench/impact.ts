// `pnpm bench`, impact: `zhengce impact` against `zhengce batch` on the same sampled population,
// both in this process on one thread, side by side. impact runs two policies per case, batch one.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Readable, Writable } from "node:stream";
import { runCli } from "../cli/cli.js";
import type { Io } from "../cli/io.js";

const discard = (): Io => ({
  stdout: new Writable({ write: (_c, _e, done) => done() }),
  stderr: new Writable({ write: (_c, _e, done) => done() }),
  stdin: Readable.from([]),
});

async function timed(args: string[]): Promise<number> {
  const t = process.hrtime.bigint();
  const code = await runCli(args, discard());
  if (code !== 0) throw new Error(`zhengce ${args[0]} exited ${code}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export async function impactBench(root: string, cases = 20_000): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "zhengce-bench-"));
  try {
    const base = resolve(root, "policies/jiangmen/base.policy");
    const amended = resolve(root, "policies/jiangmen/2018.policy");
    const population = join(dir, "population.jsonl");
    await timed(["sample", amended, "特定病种门诊", "-n", String(cases), "--seed", "bench", "-o", population]);
    // Warm both paths once (policies loaded and compiled), then take medians.
    await timed(["batch", amended, "特定病种门诊", "--input", population, "--workers", "1", "-o", join(dir, "out.jsonl")]);
    await timed(["impact", base, amended, "特定病种门诊", "--population", population, "--format", "json"]);
    const median = async (args: string[]) => {
      const runs = [await timed(args), await timed(args), await timed(args)].sort((a, b) => a - b);
      return runs[1];
    };
    const batch = await median(["batch", amended, "特定病种门诊", "--input", population, "--workers", "1", "-o", join(dir, "out.jsonl")]);
    const impact = await median(["impact", base, amended, "特定病种门诊", "--population", population, "--format", "json"]);
    console.log(`江门 特定病种门诊，抽样 ${cases} 例（中位数，单线程）：`);
    console.log(`  batch（一份政策，写出每例结果）  ${batch.toFixed(0).padStart(8)} ms  每秒 ${Math.round((cases / batch) * 1000)} 例`);
    console.log(`  impact（两份政策，累计比较）     ${impact.toFixed(0).padStart(8)} ms  每秒 ${Math.round((cases / impact) * 1000)} 例`);
    console.log(`  比值：impact/batch ${(impact / batch).toFixed(2)}×（impact 每例计算两份政策）`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
