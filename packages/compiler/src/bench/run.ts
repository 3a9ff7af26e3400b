#!/usr/bin/env node
// `pnpm bench`: speed measured side by side in one run, printed as ratios.
// 1. 江门 住院结算: compiled calculator vs hand-written integer cents vs hand-written decimal.js.
// 2. zhengce impact against zhengce batch on the same sampled population.
// 3. The language server's didChange → diagnostics latency, when packages/lsp provides a bench.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { findCalculator, loadPolicy } from "../load.js";
import { batchBench } from "./batch.js";
import { cliBench } from "./cli.js";
import { impactBench } from "./impact.js";
import { inpatientCents, inpatientDecimal, type Claim } from "./inpatient-baselines.js";

const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../../..");

function claims(n: number): Claim[] {
  let seed = 20180101;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  return Array.from({ length: n }, () => ({
    参保身份: pick(["城乡居民", "职工在职", "职工退休"] as const),
    医院级别: pick(["一级及以下", "二级", "三级", "非定点"] as const),
    政策范围内费用: (Math.floor(rnd() * 50000000) / 100).toFixed(2),
    连续缴费月数: Math.floor(rnd() * 40),
    特殊人群: rnd() < 0.1 ? [pick(["特困供养", "低保", "建档立卡"])] : [],
  }));
}

function time(label: string, runs: number, f: () => void): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    f();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  console.log(`  ${label.padEnd(28)} ${median.toFixed(1).padStart(8)} ms`);
  return median;
}

async function calculators() {
  const policy = await loadPolicy(resolve(root, "policies/jiangmen/base.policy"));
  const calc = findCalculator(policy, "住院结算");
  if (!calc) throw new Error("住院结算 not found");
  const cases = claims(20000);
  // Same answers first: a benchmark of different computations means nothing.
  for (const c of cases.slice(0, 2000)) {
    const got = calc.run(c, { explain: false });
    const cents = inpatientCents(c);
    const dec = inpatientDecimal(c);
    for (const k of Object.keys(cents)) {
      if (got[k] !== cents[k] || dec[k] !== cents[k]) throw new Error(`disagreement on ${JSON.stringify(c)} ${k}: compiled ${got[k]}, cents ${cents[k]}, decimal ${dec[k]}`);
    }
  }
  console.log(`江门 住院结算，${cases.length} 件（中位数，越小越快）：`);
  const cents = time("手写整数分", 9, () => cases.forEach(inpatientCents));
  const dec = time("手写 decimal.js", 5, () => cases.forEach(inpatientDecimal));
  const compiled = time("编译所得（不含计算过程）", 5, () => cases.forEach((c) => calc.run(c, { explain: false })));
  const traced = time("编译所得（含计算过程）", 5, () => cases.forEach((c) => calc.run(c, { explain: true })));
  console.log(`  比值：编译/整数分 ${(compiled / cents).toFixed(1)}×，编译/手写decimal ${(compiled / dec).toFixed(2)}×，含过程/不含 ${(traced / compiled).toFixed(2)}×`);
}

async function languageServer() {
  try {
    const mod = (await import(new URL("../../../lsp/dist/bench.js", import.meta.url).href)) as { runBench?: () => Promise<void> };
    if (mod.runBench) await mod.runBench();
  } catch (e) {
    console.log(`语言服务器基准未运行：${(e as Error).message.split("\n")[0]}`);
  }
}

await calculators();
await impactBench(root);
const batch = await batchBench(root);
const cli = cliBench(root);
await languageServer();
// `--json`: one object on the last line.
const { compileAllMs, ...cliFigures } = cli;
if (process.argv.includes("--json")) console.log(JSON.stringify({ batch, cli: cliFigures, compileAllMs }));
