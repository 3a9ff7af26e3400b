// `pnpm bench`, calculators: every calculator of every policy, without 计算过程, on its compiled
// path (exact integers where the compiler proved them, else decimal.js) against the same
// calculator forced onto decimal.js, in the same run on the same seeded cases — and, for 江门
// 住院结算, the hand-written integer-cent baseline. Only cases that compute are timed (inputs a
// calculator refuses would measure its error path).
import { readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { FieldSpec, FieldType } from "@zhengce/runtime";
import { loadPolicy } from "../load.js";
import { claims, inpatientCents, type Claim } from "./inpatient-baselines.js";

export interface CalculatorFigures {
  /** Claims per second. */
  compiled: number;
  decimal: number;
  baseline?: number;
}

function policies(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? policies(join(dir, e.name)) : e.name.endsWith(".policy") ? [join(dir, e.name)] : []))
    .sort();
}

/** A plausible value of each field: amounts up to 50万元 (round ones too), small counts, dates 2017–2021. */
function sample(fields: readonly FieldSpec[], rnd: () => number): Record<string, unknown> {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const value = (t: FieldType): unknown => {
    switch (t.kind) {
      case "money":
        return rnd() < 0.3 ? String(Math.floor(rnd() * 100) * 60) : (Math.floor(rnd() * 50_000_000) / 100).toFixed(2);
      case "rate":
        return `${Math.floor(rnd() * 100)}%`;
      case "integer": {
        const min = t.min ?? 0;
        return min + Math.floor(rnd() * Math.min(60, (t.max ?? 60) - min + 1));
      }
      case "date":
        return `${pick([2017, 2018, 2019, 2020, 2021])}-${String(1 + Math.floor(rnd() * 12)).padStart(2, "0")}-15`;
      case "boolean":
        return rnd() < 0.5;
      case "text":
        return "";
      case "enum":
        return pick(t.members);
      case "set":
        return t.members.filter(() => rnd() < 0.2).slice(0, t.nonEmpty ? undefined : 2).concat(t.nonEmpty ? [pick(t.members)] : []).filter((m, i, all) => all.indexOf(m) === i);
      case "list":
        return [value(t.of)];
      case "record":
        return sample(t.fields, rnd);
    }
  };
  const out: Record<string, unknown> = {};
  for (const f of fields) if (f.required || rnd() < 0.5) out[f.name] = value(f.type);
  return out;
}

/**
 * Claims per second of each of `fs` over `cases`: the median of `runs` timed passes after two
 * warm-up passes, the functions taking turns in each round so that a busy moment of the machine
 * falls on all of them.
 */
function rates(cases: readonly unknown[], runs: number, fs: ((c: unknown) => unknown)[]): number[] {
  for (let w = 0; w < 2; w++) for (const f of fs) for (const c of cases) f(c);
  const samples = fs.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    fs.forEach((f, k) => {
      const t = process.hrtime.bigint();
      for (const c of cases) f(c);
      samples[k].push(Number(process.hrtime.bigint() - t));
    });
  }
  return samples.map((s) => {
    s.sort((a, b) => a - b);
    return (cases.length / s[Math.floor(s.length / 2)]) * 1e9;
  });
}

const fmt = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : n.toFixed(0));

/** Every calculator of every policy under `root/policies`; prints a table and returns the figures by `<policy>#<calculator>`. */
export async function calculatorsBench(root: string, options: { cases?: number; runs?: number } = {}): Promise<Record<string, CalculatorFigures>> {
  const n = options.cases ?? 1000;
  const runs = options.runs ?? 5;
  const out: Record<string, CalculatorFigures> = {};
  console.log(`各计算器（不含计算过程），每秒件数（${runs} 次中位数）与比值：`);
  console.log(`  ${"计算器".padEnd(36)} ${"编译所得".padStart(9)} ${"decimal".padStart(9)} ${"手写整数分".padStart(9)}  编译/decimal  编译/手写`);
  for (const file of policies(resolve(root, "policies"))) {
    const policy = await loadPolicy(file);
    const name = relative(resolve(root, "policies"), file).replace(/\.policy$/, "");
    for (const calc of policy.calculators) {
      let seed = 20180101;
      const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
      const cases: unknown[] = [];
      for (let tries = 0; cases.length < n && tries < n * 20; tries++) {
        const c = sample(calc.inputFields, rnd);
        try {
          calc.run(c, { 计算过程: false, 十进制: true });
          cases.push(c);
        } catch {
          // refused or invalid: not timed
        }
      }
      const key = `${name}#${calc.name}`;
      // 江门 住院结算 also against the hand-written integer-cent code, on claims both accept.
      const baseline = key === "jiangmen/base#住院结算";
      if (baseline) cases.splice(0, cases.length, ...claims(n));
      if (cases.length === 0) {
        console.log(`  ${key.padEnd(36)} （生成的案例都被拒绝，未计时）`);
        continue;
      }
      const fs = [(c: unknown) => calc.run(c, { 计算过程: false }), (c: unknown) => calc.run(c, { 计算过程: false, 十进制: true })];
      if (baseline) fs.push((c) => inpatientCents(c as Claim));
      const [compiled, decimal, cents] = rates(cases, runs, fs);
      const figures: CalculatorFigures = { compiled, decimal };
      if (baseline) figures.baseline = cents;
      out[key] = figures;
      const base = figures.baseline === undefined ? "" : fmt(figures.baseline);
      const vsBase = figures.baseline === undefined ? "" : `1/${(figures.baseline / compiled).toFixed(1)}`;
      console.log(`  ${key.padEnd(36)} ${fmt(compiled).padStart(9)} ${fmt(decimal).padStart(9)} ${base.padStart(9)}  ${`${(compiled / decimal).toFixed(1)}×`.padStart(10)}  ${vsBase.padStart(8)}`);
    }
  }
  const slow = Object.entries(out).filter(([, f]) => f.compiled < 50 * f.decimal);
  console.log(`  整数路径比 --decimal 快 ≥ 50×（issue 7 的目标）：${Object.keys(out).length - slow.length}/${Object.keys(out).length} 个计算器达到`);
  return out;
}
