// `pnpm bench`, command line: `zhengce calc` (one claim) and `zhengce check` of 江门 base.policy
// as whole processes with a warm cache of compiled policies, beside a bare `node -e 0`, so the
// figures read as multiples of Node's own start-up on this machine at this moment; and the
// parser's start-up (Chevrotain and the grammar's self-analysis), timed inside a fresh process.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export interface CliFigures {
  calcMs: number;
  checkMs: number;
  nodeStartMs: number;
  /** Importing the dsl's parser in a fresh process: Chevrotain loaded, the grammar built and self-analysed. */
  parserStartMs: number;
}

const CLI = fileURLToPath(new URL("../cli/main.js", import.meta.url));

function medianMs(args: string[], runs = 7): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { encoding: "utf8" });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

/** Median ms a fresh process takes to import the dsl's parser (timed inside that process). */
function parserStartMs(root: string, runs = 5): number {
  const url = pathToFileURL(resolve(root, "packages/dsl/dist/parser.js")).href;
  const script = `const t = performance.now(); await import(${JSON.stringify(url)}); console.log(performance.now() - t);`;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`parser import exited ${r.status}: ${r.stderr}`);
    times.push(Number(r.stdout.trim()));
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

export function cliBench(root: string): CliFigures {
  const dir = mkdtempSync(join(tmpdir(), "zhengce-bench-cli-"));
  try {
    const policy = resolve(root, "policies/jiangmen/base.policy");
    const input = join(dir, "claim.json");
    writeFileSync(input, JSON.stringify({ 参保身份: "城乡居民", 医院级别: "二级", 政策范围内费用: 10000, 连续缴费月数: 30 }));
    const calc = [CLI, "calc", policy, "住院结算", "--input", input];
    const check = [CLI, "check", policy];
    medianMs(calc, 1); // fills the cache
    const figures: CliFigures = {
      nodeStartMs: Math.round(medianMs(["-e", "0"])),
      calcMs: Math.round(medianMs(calc)),
      checkMs: Math.round(medianMs(check)),
      parserStartMs: Math.round(parserStartMs(root)),
    };
    console.log("命令行（整个进程，缓存已热，中位数）：");
    console.log(`  node -e 0                  ${String(figures.nodeStartMs).padStart(6)} ms`);
    console.log(`  zhengce calc（一件）        ${String(figures.calcMs).padStart(6)} ms  = ${(figures.calcMs / figures.nodeStartMs).toFixed(1)}× Node 启动`);
    console.log(`  zhengce check base.policy  ${String(figures.checkMs).padStart(6)} ms  = ${(figures.checkMs / figures.nodeStartMs).toFixed(1)}× Node 启动`);
    console.log(`  解析器启动（导入 parser）  ${String(figures.parserStartMs).padStart(6)} ms  = ${(figures.parserStartMs / figures.nodeStartMs).toFixed(1)}× Node 启动（进程内计时）`);
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
