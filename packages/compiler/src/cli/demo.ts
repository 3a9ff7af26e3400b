#!/usr/bin/env node
// `pnpm demo`: check and compile every policy, then settle a few claims of 住院结算 and
// explain each result step by step, in Chinese. A missing policy is skipped, not an error.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { CompiledPolicy } from "../api.js";
import { runCheck } from "./check.js";
import { runCompile } from "./compile.js";
import { caseError, EXPLANATION, runInput } from "./cases.js";
import { parseJson } from "./json.js";
import { CliError, EXIT_FAILED, EXIT_OK, guard, isFile, oneLine, processIo, type ExitCode, type Io } from "./io.js";
import { defaultDeps, loadPolicyFile, sameName, type Deps } from "./policy.js";

export interface DemoOptions {
  /** Repository root (default: four levels above this file, i.e. from dist/cli or src/cli). */
  root?: string;
  deps?: Deps;
}

const MAIN_POLICY = join("policies", "jiangmen", "base.policy");
const CLAIMS = join("examples", "demo-claims.json");

interface Claims {
  计算器: string;
  案例: { 标题: string; 输入: unknown }[];
}

interface Step {
  说明?: string;
  依据?: string;
}

export async function runDemo(io: Io, options: DemoOptions = {}): Promise<ExitCode> {
  const root = options.root ?? fileURLToPath(new URL("../../../../", import.meta.url));
  const deps = options.deps ?? defaultDeps;
  // Everything in reading order on one stream: the commands' diagnostics as well.
  const out: Io = { ...io, stderr: io.stdout, cwd: root };
  const say = (text = "") => io.stdout.write(text + "\n");
  return guard(out, async () => {
    say("══ Zhengce 演示：政策即代码 ══");
    const policies = await findPolicies(root);
    if (!policies.includes(MAIN_POLICY)) say(`（未找到 ${MAIN_POLICY}，跳过）`);
    if (policies.length === 0) {
      say("没有可演示的政策文件。");
      return EXIT_OK;
    }

    let runnable: string | undefined; // the first policy offering the claims' calculator
    const claims = await readClaims(root);
    let failed = false;
    for (const path of policies) {
      say();
      say(`── ${path} ──`);
      let policy: CompiledPolicy;
      try {
        policy = await loadPolicyFile(out, deps, path);
      } catch (e) {
        if (!(e instanceof CliError)) throw e;
        say(`无法加载：${e.message}`);
        continue;
      }
      if (policy.hasErrors && path !== MAIN_POLICY) {
        say(`有错误，跳过（运行 pnpm -s zhengce check ${path} 查看）`);
        continue;
      }
      say("检查：");
      await runCheck([path], out, deps);
      if (policy.hasErrors) {
        failed = true;
        continue;
      }
      say(`计算器：${policy.calculators.map((c) => c.name).join("、")}`);
      say("编译：");
      const outDir = join("out", "demo", dirname(relative("policies", path)));
      if ((await runCompile([path, "--target", "all", "--out-dir", outDir], out, deps)) !== EXIT_OK) failed = true;
      if (!runnable && claims && policy.calculators.some((c) => sameName(c.name, claims.计算器))) runnable = path;
    }

    if (!claims) {
      say(`\n（未找到 ${CLAIMS}，不演示计算）`);
    } else if (!runnable) {
      say(`\n（没有可用的政策提供计算器「${claims.计算器}」，不演示计算）`);
    } else {
      const policy = await loadPolicyFile(out, deps, runnable);
      const calculator = policy.calculators.find((c) => sameName(c.name, claims.计算器))!;
      say();
      say(`══ 用 ${runnable} 的「${calculator.name}」计算 ${claims.案例.length} 个案例（${CLAIMS}）══`);
      claims.案例.forEach((claim, i) => {
        say();
        say(`【${i + 1}】${claim.标题}`);
        try {
          const result = runInput(calculator, claim.输入, true);
          if (Array.isArray(claim.输入)) {
            claim.输入.forEach((input, k) => {
              say(`  第 ${k + 1} 次住院`);
              say(explain(input, (result as Record<string, unknown>[])[k], "    "));
            });
          } else {
            say(explain(claim.输入, result as Record<string, unknown>, "  "));
          }
        } catch (e) {
          say(`  输入不合法：${caseError(e).text}`);
          failed = true;
        }
      });
    }
    say();
    say("（用 pnpm -s zhengce --help 查看全部命令；编译结果在 out/demo/）");
    return failed ? EXIT_FAILED : EXIT_OK;
  });
}

/** The main policy first, then every other policies/**\/*.policy in path order. */
async function findPolicies(root: string): Promise<string[]> {
  let found: string[] = [];
  try {
    found = (readdirSync(join(root, "policies"), { recursive: true }) as string[])
      .filter((p) => p.endsWith(".policy"))
      .map((p) => join("policies", p))
      .sort();
  } catch {
    return [];
  }
  const checked = await Promise.all(found.map(async (p) => ((await isFile(join(root, p))) ? p : undefined)));
  const policies = checked.filter((p): p is string => p !== undefined);
  return policies.includes(MAIN_POLICY) ? [MAIN_POLICY, ...policies.filter((p) => p !== MAIN_POLICY)] : policies;
}

async function readClaims(root: string): Promise<Claims | undefined> {
  const path = join(root, CLAIMS);
  if (!(await isFile(path))) return undefined;
  try {
    return parseJson(readFileSync(path, "utf8")) as Claims;
  } catch (e) {
    throw new CliError(`${CLAIMS} 不是合法的 JSON：${(e as Error).message}`);
  }
}

function show(value: unknown): string {
  if (value === null || value === undefined) return "无";
  if (Array.isArray(value)) return value.length ? value.map(show).join("、") : "（无）";
  if (typeof value === "object") {
    return Object.entries(value)
      .map(([k, v]) => `${k} ${show(v)}`)
      .join("，");
  }
  if (typeof value === "boolean") return value ? "是" : "否";
  return String(value);
}

/** One claim: its input, the explanation steps (说明, 依据), and the result, as readable text. */
function explain(input: unknown, result: Record<string, unknown>, indent: string): string {
  const lines: string[] = [];
  lines.push(`${indent}输入：${show(input)}`);
  const steps = (result[EXPLANATION] ?? []) as Step[];
  if (steps.length) lines.push(`${indent}计算过程：`);
  steps.forEach((step, i) => {
    lines.push(`${indent}  ${String(i + 1).padStart(2)}. ${oneLine(step.说明 ?? "")}`);
    if (step.依据) lines.push(`${indent}      依据：${step.依据}`);
  });
  const outputs = Object.entries(result)
    .filter(([k]) => k !== EXPLANATION)
    .map(([k, v]) => `${k} ${typeof v === "string" && /^-?\d+\.\d{2}$/.test(v) ? `${v} 元` : show(v)}`);
  lines.push(`${indent}结果：${outputs.join("；")}`);
  return lines.join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void runDemo(processIo()).then((code) => {
    process.exitCode = code;
  });
}
