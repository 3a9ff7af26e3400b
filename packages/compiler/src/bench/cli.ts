// `pnpm bench`, command line, every figure a whole process beside a bare `node -e 0` measured in
// the same run, so they read as multiples of Node's own start-up on this machine at this moment:
// `zhengce calc` (one claim) and `zhengce check` of 江门 base.policy with a warm cache of compiled
// policies and with an empty one (cold); checking and compiling every policy (warm); importing a
// compiled calculator module (`compile --target js`), timed inside a fresh process; the
// parser's start-up (Chevrotain and the grammar's self-analysis), timed the same way; and
// `compile` of 江门 base.policy after one rate is edited, beside the same with `--no-cache`. The
// cache is the bench's own, never the user's.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { displayWidth } from "../report/explain.js";

export interface CliFigures {
  nodeStartMs: number;
  /** Warm cache. */
  calcMs: number;
  checkMs: number;
  /** An empty cache (the run fills it). */
  calcColdMs: number;
  checkColdMs: number;
  /** `zhengce check` and then `zhengce compile --target js` of every policy, warm. */
  compileAllMs: number;
  /** `import()` of the compiled 江门 base module in a fresh process. */
  importModuleMs: number;
  /** Importing the dsl's parser in a fresh process as the tools do (Chevrotain's single-file build): Chevrotain loaded, the lexer and the grammar built. */
  parserStartMs: number;
  /** `compile` of 江门 base.policy (`--target js`) just after its 三级 住院 rate is edited, the cache warm with the text before. */
  compileEditMs: number;
  /** The same compile with `--no-cache`. */
  compileNoCacheMs: number;
}

const CLI = fileURLToPath(new URL("../cli/main.js", import.meta.url));
const BUNDLED_CHEVROTAIN = (root: string) =>
  `(await import(${JSON.stringify(pathToFileURL(resolve(root, "packages/dsl/dist/node/bundled-chevrotain.js")).href)})).preferBundledChevrotain(); `;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Wall time of one process, which must succeed. */
function timeProcess(args: string[], env: NodeJS.ProcessEnv): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: "utf8", env });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** The median of `runs` runs of the processes `args` one after the other; `before` runs untimed before each (to empty the cache). */
function medianMs(args: string[][], env: NodeJS.ProcessEnv, runs: number, before?: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    before?.();
    times.push(args.reduce((sum, a) => sum + timeProcess(a, env), 0));
  }
  return median(times);
}

/** Median ms a fresh process takes to import `url`, timed inside that process (after `before`, untimed). */
function importMs(url: string, runs: number, before = ""): number {
  const script = `${before}const t = performance.now(); await import(${JSON.stringify(url)}); console.log(performance.now() - t);`;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`import ${url} exited ${r.status}: ${r.stderr}`);
    times.push(Number(r.stdout.trim()));
  }
  return median(times);
}

function policiesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".policy"))
    .map((name) => join(dir, name))
    .sort();
}

export function cliBench(root: string, runs = 7): CliFigures {
  const dir = mkdtempSync(join(tmpdir(), "zhengce-bench-cli-"));
  // Inside the repository, so the compiled module's `@zhengce/runtime` import resolves.
  const out = resolve(root, "node_modules/.cache/zhengce-bench");
  try {
    const policy = resolve(root, "policies/jiangmen/base.policy");
    const input = join(dir, "claim.json");
    writeFileSync(input, JSON.stringify({ 参保身份: "城乡居民", 医院级别: "二级", 政策范围内费用: 10000, 连续缴费月数: 30 }));
    const cache = join(dir, "cache");
    const env = { ...process.env, ZHENGCE_CACHE_DIR: cache };
    const empty = () => rmSync(cache, { recursive: true, force: true });
    const calc = [CLI, "calc", policy, "住院结算", "--input", input];
    const check = [CLI, "check", policy];
    const all = policiesUnder(resolve(root, "policies"));
    const compileAll = [[CLI, "check", ...all], [CLI, "compile", ...all, "--target", "js", "--out-dir", out]];
    const cold = Math.max(3, Math.ceil(runs / 2));
    const figures: CliFigures = {
      nodeStartMs: medianMs([["-e", "0"]], env, runs),
      calcColdMs: medianMs([calc], env, cold, empty),
      checkColdMs: medianMs([check], env, cold, empty),
      calcMs: medianMs([calc], env, runs),
      checkMs: medianMs([check], env, runs),
      compileAllMs: (medianMs(compileAll, env, 1), medianMs(compileAll, env, 3)),
      importModuleMs: 0,
      // As the CLI and the language server load it: Chevrotain from its single-file build.
      parserStartMs: importMs(pathToFileURL(resolve(root, "packages/dsl/dist/parser.js")).href, 5, BUNDLED_CHEVROTAIN(root)),
      compileEditMs: 0,
      compileNoCacheMs: 0,
    };
    // A copy of 江门's folder (the notice the policy cites with it), compiled once; then each run
    // edits the rate to a value not compiled before, so the emit entry misses and the chunks'
    // formats are those of the run before.
    const own = join(dir, "jiangmen");
    cpSync(resolve(root, "policies/jiangmen"), own, { recursive: true });
    const copy = join(own, "base.policy");
    const text = readFileSync(copy, "utf8");
    // Without the line the copy would never change and every timed run would be a cache hit.
    if (!text.includes("  三级：55%\n")) throw new Error("bench: 江门 base.policy 不再有「三级：55%」这一行，请换一个要改的比例");
    let rate = 55;
    const edit = () => writeFileSync(copy, text.replace("  三级：55%\n", `  三级：${++rate}%\n`));
    const compileCopy = [CLI, "compile", copy, "--target", "js", "--out-dir", join(dir, "edited")];
    medianMs([compileCopy], env, 1);
    figures.compileEditMs = medianMs([compileCopy], env, cold, edit);
    figures.compileNoCacheMs = medianMs([[...compileCopy, "--no-cache"]], env, cold, edit);
    // From an ES module project ("type": "module", as packages/compiler/README.md asks): without
    // it Node 20.19 first reads the 450 KB module as CommonJS to find out what it is (10-13 ms).
    writeFileSync(join(out, "package.json"), JSON.stringify({ type: "module" }));
    figures.importModuleMs = importMs(pathToFileURL(join(out, "jiangmen/base.js")).href, runs);
    for (const k of Object.keys(figures) as (keyof CliFigures)[]) figures[k] = Math.round(figures[k]);
    const node = figures.nodeStartMs;
    const row = (what: string, ms: number, note = "") =>
      console.log(`  ${what}${" ".repeat(Math.max(0, 34 - displayWidth(what)))} ${String(ms).padStart(6)} ms  ${(ms / node).toFixed(1).padStart(5)}× Node 启动${note}`);
    console.log(`命令行（整个进程，中位数；江门 base.policy，${all.length} 个政策文件）：`);
    row("node -e 0", node);
    row("zhengce calc（一件，缓存已热）", figures.calcMs, `  目标 ≤ ${Math.max(300, 3 * node)} ms`);
    row("zhengce check（缓存已热）", figures.checkMs, `  目标 ≤ ${Math.max(300, 3 * node)} ms`);
    row("zhengce calc（缓存为空）", figures.calcColdMs, "  目标 ≤ 1000 ms");
    row("zhengce check（缓存为空）", figures.checkColdMs, "  目标 ≤ 1000 ms");
    row("check + compile 全部政策（已热）", figures.compileAllMs, "  目标 < 1000 ms");
    row("导入编译所得模块 base.js", figures.importModuleMs, "  目标 ≤ 50 ms（进程内计时）");
    row("解析器启动（导入 parser）", figures.parserStartMs, "  （进程内计时）");
    row("compile base.policy（改一个比例后）", figures.compileEditMs, `  同一改动 --no-cache：${figures.compileNoCacheMs} ms`);
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
}
