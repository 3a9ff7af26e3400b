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
import { calculatorsBench } from "./calculators.js";
import { claims, inpatientCents, inpatientDecimal } from "./inpatient-baselines.js";

const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../../..");

function time(label: string, runs: number, f: () => void): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    f();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  console.log(`  ${label.padEnd(36)} ${median.toFixed(1).padStart(8)} ms`);
  return median;
}

async function calculators() {
  const policy = await loadPolicy(resolve(root, "policies/jiangmen/base.policy"));
  const calc = findCalculator(policy, "住院结算");
  if (!calc) throw new Error("住院结算 not found");
  const cases = claims(20000);
  // Same answers first: a benchmark of different computations means nothing.
  for (const c of cases.slice(0, 2000)) {
    const got = calc.run(c, { 计算过程: false });
    const forced = calc.run(c, { 计算过程: false, 十进制: true });
    const cents = inpatientCents(c);
    const dec = inpatientDecimal(c);
    for (const k of Object.keys(cents)) {
      if (got[k] !== cents[k] || forced[k] !== cents[k] || dec[k] !== cents[k]) {
        throw new Error(`disagreement on ${JSON.stringify(c)} ${k}: compiled ${got[k]}, compiled decimal ${forced[k]}, cents ${cents[k]}, decimal ${dec[k]}`);
      }
    }
  }
  console.log(`江门 住院结算，${cases.length} 件（中位数，越小越快）：`);
  const cents = time("手写整数分", 9, () => cases.forEach(inpatientCents));
  const dec = time("手写 decimal.js", 5, () => cases.forEach(inpatientDecimal));
  const compiled = time("编译所得（整数路径，不含计算过程）", 9, () => cases.forEach((c) => calc.run(c, { 计算过程: false })));
  const forced = time("编译所得（--decimal，不含计算过程）", 5, () => cases.forEach((c) => calc.run(c, { 计算过程: false, 十进制: true })));
  const traced = time("编译所得（含计算过程）", 5, () => cases.forEach((c) => calc.run(c, { 计算过程: true })));
  console.log(
    `  比值：编译/整数分 ${(compiled / cents).toFixed(1)}×，含过程/整数分 ${(traced / cents).toFixed(1)}×，decimal/整数路径 ${(forced / compiled).toFixed(1)}×，编译/手写decimal ${(compiled / dec).toFixed(2)}×`,
  );
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
const perCalculator = await calculatorsBench(root, { cases: Number(process.env.ZHENGCE_BENCH_CASES ?? 1000) });
await impactBench(root);
const batch = await batchBench(root);
const cli = cliBench(root);
await languageServer();
// `--json`: one object on the last line.
const { compileAllMs, ...cliFigures } = cli;
if (process.argv.includes("--json")) console.log(JSON.stringify({ calculators: perCalculator, batch, cli: cliFigures, compileAllMs }));
