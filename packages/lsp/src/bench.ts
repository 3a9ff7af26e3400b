// Benchmark: the time from a didChange to the published diagnostics, measured over JSON-RPC
// (the server in this process over a pair of streams, so serialisation is included), on the
// largest policy of the repository and on a generated 5 000-line policy; the median of many
// one-character edits, side by side with a bare parse() of the same text.
// The editor's debounce (150 ms) is set to 0 here: what is measured is the work, not the wait.
//
//   pnpm bench (calls runBench()), or node packages/lsp/dist/bench.js [--runs N] [--root DIR]
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath, pathToFileURL } from "node:url";
import { analyze, parse } from "@zhengce/dsl";
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from "vscode-languageserver-protocol/node.js";
import { streamConnection } from "./connection.js";
import { startServer, type ServerOptions } from "./server.js";

export interface BenchRow {
  name: string;
  lines: number;
  /** Median ms of a bare parse() of the text. */
  parse: number;
  /** Median ms from didChange to publishDiagnostics, worked examples not run. */
  diagnostics: number;
  /** The same with the policy's worked examples run (when the compiler is built and the policy has examples). */
  withExamples?: number;
  edits: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Digits 0–9 as characters a name may hold (names cannot contain ASCII digits). */
const cn = (n: number) => [...String(n)].map((d) => "零一二三四五六七八九"[Number(d)]).join("");

/** A valid policy of about `lines` lines: blocks of an enum, a table, a versioned rate, a bracket and a calculator. */
export function generatePolicy(lines: number): string {
  const out = ["# 生成的基准测试政策", "政策 基准测试 {", "  文号 「基准〔2024〕1号」", "}", ""];
  for (let i = 1; out.length < lines; i++) {
    const s = cn(i);
    out.push(
      `枚举 级别${s} { 甲${s}、乙${s}、丙${s} }`,
      `  依据 一、（${s}）`,
      "",
      `参数 起付${s}：金额 按 级别${s} {`,
      `  甲${s}：300元`,
      `  乙${s}：500元`,
      `  丙${s}：800元`,
      `  依据 二、（一）「起付标准分别为300元、500元、800元。」`,
      "}",
      "",
      `参数 比例${s}：比例 {`,
      "  自 2020-01-01 至 2020-12-31：80%",
      "  自 2021-01-01 起：85%",
      "  依据 二、（二）",
      "}",
      "",
      `分段 大额${s}（累进）{`,
      "  不超过 1万元：50%",
      "  超过 1万元 至 5万元（含）：60%",
      "  超过 5万元：70%",
      "  依据 二、（三）",
      "}",
      "",
      `计算 结算${s} {`,
      "  有效期 2020-01-01 起",
      "  输入 {",
      `    级别：级别${s}`,
      "    费用：金额",
      "  }",
      `  令 起付 = 起付${s}[级别]`,
      "    依据 二、（一）",
      `  令 实际比例 = 比例${s}`,
      `    当 级别 = 丙${s}：降低 5个百分点`,
      "  输出 统筹支付 = 正值（费用 − 起付）× 实际比例",
      `  输出 大额支付 = 大额${s}（费用）`,
      "  输出 个人负担 = 费用 − 统筹支付",
      "}",
      "",
    );
  }
  return out.join("\n");
}

class BenchClient {
  private waiting?: { version: number; resolve: () => void };
  private constructor(readonly connection: ProtocolConnection) {
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      if (this.waiting && (p.version ?? -1) >= this.waiting.version) {
        const w = this.waiting;
        this.waiting = undefined;
        w.resolve();
      }
    });
    connection.onRequest("client/registerCapability", () => null);
    connection.listen();
  }

  static async start(options: ServerOptions) {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const server = startServer(streamConnection(toServer, toClient), { ...options, debounceMs: 0 });
    const client = new BenchClient(createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer)));
    await client.connection.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, workspaceFolders: null, capabilities: {} });
    await client.connection.sendNotification(InitializedNotification.type, {});
    await server.ready;
    return { client, server };
  }

  published(version: number): Promise<void> {
    return new Promise((resolve) => (this.waiting = { version, resolve }));
  }

  /**
   * Open `text`, then time `edits` one-character edits at `at`: a digit typed, then deleted, in
   * turn (as typing does, each moves everything after it). After each, `between` runs with the
   * edited text (the bare parse is timed there, under the same load).
   */
  async time(uri: string, text: string, at: { line: number; character: number }, edits: number, between?: (text: string) => void): Promise<number[]> {
    const lines = text.split("\n");
    const offset = lines.slice(0, at.line).reduce((n, l) => n + l.length + 1, 0) + at.character;
    let wait = this.published(1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "policy", version: 1, text } });
    await wait;
    const times: number[] = [];
    for (let v = 2; v < edits + 2; v++) {
      // Even versions type a 1 before the digit at `at`, odd ones delete it again.
      const typed = v % 2 === 0;
      const range = { start: at, end: typed ? at : { line: at.line, character: at.character + 1 } };
      wait = this.published(v);
      const t0 = performance.now();
      await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: v },
        contentChanges: [{ range, text: typed ? "1" : "" }],
      });
      await wait;
      times.push(performance.now() - t0);
      between?.(typed ? `${text.slice(0, offset)}1${text.slice(offset)}` : text);
    }
    return times;
  }
}

/** Where a digit of a money amount sits in the middle of the text (the edit types a digit before it). */
function editPoint(text: string): { line: number; character: number } {
  const lines = text.split("\n");
  const middle = Math.floor(lines.length / 2);
  for (let k = 0; k < lines.length; k++) {
    const i = (middle + k) % lines.length;
    const m = /：\s*[0-9]+元/.exec(lines[i]);
    if (m) return { line: i, character: m.index + m[0].indexOf("元") - 1 };
  }
  return { line: 0, character: 0 };
}

export async function benchLsp(options: { root: string; runs: number; log?: (s: string) => void }): Promise<BenchRow[]> {
  const policies: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith(".policy")) policies.push(p);
    }
  };
  walk(join(options.root, "policies"));
  const largest = policies.sort((a, b) => statSync(b).size - statSync(a).size)[0];
  const cases: { name: string; uri: string; text: string; runs: number }[] = [];
  if (largest) {
    cases.push({ name: relative(options.root, largest), uri: pathToFileURL(largest).href, text: readFileSync(largest, "utf8"), runs: options.runs });
  }
  const generated = generatePolicy(5000);
  cases.push({ name: "生成的 5000 行政策", uri: pathToFileURL(join(options.root, "policies", "bench-generated.policy")).href, text: generated, runs: Math.max(5, Math.ceil(options.runs / 2)) });

  const plain = await BenchClient.start({ loadCompiler: async () => undefined, loadFormatter: async () => undefined });
  const full = await BenchClient.start({ loadFormatter: async () => undefined });
  const rows: BenchRow[] = [];
  for (const c of cases) {
    const errors = analyze(c.text, c.uri).diagnostics.filter((d) => d.severity === "error").length;
    if (errors) options.log?.(`注意：${c.name} 有 ${errors} 个错误（示例不会运行）`);
    const parseTimes: number[] = [];
    const timeParse = (t: string) => {
      const t0 = performance.now();
      parse(t);
      parseTimes.push(performance.now() - t0);
    };
    const at = editPoint(c.text);
    const diagnostics = median(await plain.client.time(c.uri, c.text, at, c.runs, timeParse));
    const hasExamples = /^例\s/m.test(c.text);
    const withExamples = hasExamples ? median(await full.client.time(c.uri, c.text, at, c.runs, timeParse)) : undefined;
    rows.push({ name: c.name, lines: c.text.split("\n").length, parse: median(parseTimes), diagnostics, withExamples, edits: c.runs });
  }
  plain.server.dispose();
  full.server.dispose();
  plain.client.connection.dispose();
  full.client.connection.dispose();
  return rows;
}

export function formatRows(rows: BenchRow[]): string {
  const ms = (x: number | undefined) => (x === undefined ? "—" : `${x.toFixed(1)} ms`);
  const out = [
    "语言服务器：didChange → publishDiagnostics（中位数；防抖 150 ms 不计入）",
    "",
    "| 政策 | 行数 | 次数 | parse() | 诊断 | 诊断/parse | 诊断+示例 | (诊断+示例)/parse |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const r of rows) {
    const ratio = (x: number | undefined) => (x === undefined ? "—" : `${(x / r.parse).toFixed(1)}×`);
    out.push(`| ${r.name} | ${r.lines} | ${r.edits} | ${ms(r.parse)} | ${ms(r.diagnostics)} | ${ratio(r.diagnostics)} | ${ms(r.withExamples)} | ${ratio(r.withExamples)} |`);
  }
  return out.join("\n");
}

/** Where the server's cache stands as it starts (firstDiagnostics). */
export type StartCase = "warm" | "code" | "empty";

/** A median over the starts of one case: wall time, and the server's main thread on a CPU (Linux only). */
export interface StartFigure {
  ms: number;
  cpuMs?: number;
}

/**
 * From spawning the built server (`zhengce-lsp --stdio`, as an editor starts it) to the first
 * diagnostics of `path`: process start, initialize, didOpen, the first analysis. Medians of
 * `runs` starts of each case, the cases taking turns so that a busy moment of a shared machine
 * falls on all three:
 * - `"warm"`: the server has opened the same text before (the cache holds what it published then);
 * - `"code"`: the server has run before, on another policy (`other`), so the cache holds its
 *   compiled code (code-cache.ts) but nothing of this text: a policy opened for the first time;
 * - `"empty"`: each start with an empty cache directory (the server's first start on the machine).
 * Beside the wall time, the main thread's time on a CPU until then (/proc's schedstat): what the
 * server itself spent, whatever else the machine was doing.
 */
export async function firstDiagnostics(path: string, other: string, runs = 11): Promise<Record<StartCase, StartFigure>> {
  // From the sources (tests) and from dist alike: the built bin.
  const main = fileURLToPath(new URL("../dist/server/bin.cjs", import.meta.url));
  const dirs: string[] = [];
  const fresh = () => {
    const dir = mkdtempSync(join(tmpdir(), "zhengce-bench-lsp-"));
    dirs.push(dir);
    return dir;
  };
  const open = async (dir: string, file: string) => {
    const uri = pathToFileURL(file).href;
    const text = readFileSync(file, "utf8");
    const t0 = performance.now();
    const child = spawn(process.execPath, [main, "--stdio"], { stdio: ["pipe", "pipe", "ignore"], env: { ...process.env, ZHENGCE_CACHE_DIR: dir } });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const published = new Promise<void>((done) => connection.onNotification(PublishDiagnosticsNotification.type, (p) => p.uri === uri && done()));
    connection.onRequest("client/registerCapability", () => null);
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, workspaceFolders: null, capabilities: {} });
    await connection.sendNotification(InitializedNotification.type, {});
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "policy", version: 1, text } });
    await published;
    const ms = performance.now() - t0;
    return {
      ms,
      cpuMs: mainThreadCpuMs(child.pid),
      stop: () => {
        connection.dispose();
        child.kill();
      },
    };
  };
  /** Open `file` once in `dir` and wait until the server has written an entry under `sub`. */
  const prime = async (dir: string, file: string, sub: string, suffix: string) => {
    const first = await open(dir, file);
    const written = () => readdirSync(join(dir, sub), { withFileTypes: true }).some((e) => e.isFile() && e.name.endsWith(suffix));
    for (let i = 0; i < 200 && !(existsSync(join(dir, sub)) && written()); i++) await new Promise((r) => setTimeout(r, 50));
    first.stop();
  };
  try {
    const warm = fresh();
    await prime(warm, path, ".", ".json");
    const primed = fresh();
    await prime(primed, other, "v8", ".bin");
    const start: Record<StartCase, () => string> = {
      warm: () => warm,
      code: () => {
        const dir = fresh();
        cpSync(join(primed, "v8"), join(dir, "v8"), { recursive: true });
        return dir;
      },
      empty: fresh,
    };
    const samples = { warm: [] as number[][], code: [] as number[][], empty: [] as number[][] };
    for (let i = 0; i < runs; i++) {
      for (const c of ["warm", "code", "empty"] as const) {
        const run = await open(start[c](), path);
        samples[c].push([run.ms, run.cpuMs ?? NaN]);
        run.stop();
      }
    }
    const figure = (xs: number[][]): StartFigure => {
      const cpu = xs.map((x) => x[1]).filter((x) => !Number.isNaN(x));
      return { ms: median(xs.map((x) => x[0])), ...(cpu.length === xs.length && { cpuMs: median(cpu) }) };
    };
    return { warm: figure(samples.warm), code: figure(samples.code), empty: figure(samples.empty) };
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

/** ms the main thread of process `pid` has spent on a CPU (Linux's schedstat), undefined elsewhere. */
function mainThreadCpuMs(pid: number | undefined): number | undefined {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, "utf8").split(" ")[0]) / 1e6;
  } catch {
    return undefined;
  }
}

export interface CheckRow {
  lines: number;
  /** Whole process, `zhengce check --no-cache` of a generated policy. */
  ms: number;
  peakRssMb: number;
  /** Did it check (exit 0), or run out of its 2 GB heap / time? */
  ok: boolean;
}

/**
 * `zhengce check --no-cache` of generated policies of growing size, each once, as a whole
 * process with a 2 GB heap: time and peak RSS, to see that both grow linearly.
 */
export function benchCheck(sizes: number[] = [10_000, 100_000, 1_000_000]): CheckRow[] {
  const cli = fileURLToPath(new URL("../../compiler/dist/cli/main.js", import.meta.url));
  // The process prints its own peak RSS as it ends (Node offers no child's rusage).
  const peak = `data:text/javascript,process.on("exit",()=>process.stderr.write("\\npeakRssKb "+process.resourceUsage().maxRSS+"\\n"))`;
  const dir = mkdtempSync(join(tmpdir(), "zhengce-bench-check-"));
  try {
    return sizes.map((lines) => {
      const file = join(dir, `generated-${lines}.policy`);
      writeFileSync(file, generatePolicy(lines));
      const t0 = performance.now();
      const r = spawnSync(process.execPath, ["--max-old-space-size=2048", "--import", peak, cli, "check", file, "--no-cache"], {
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
        timeout: 600_000,
      });
      const ms = performance.now() - t0;
      const kb = Number(/peakRssKb (\d+)/.exec(r.stderr ?? "")?.[1] ?? NaN);
      rmSync(file);
      return { lines, ms, peakRssMb: kb / 1024, ok: r.status === 0 };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatCheckRows(rows: CheckRow[]): string {
  const out = [
    "zhengce check --no-cache（整个进程，生成的政策，各一次；堆上限 2 GB）",
    "",
    "| 行数 | 时间 | 每千行 | 峰值 RSS | 每千行 | 结果 |",
    "| ---: | ---: | ---: | ---: | ---: | --- |",
  ];
  for (const r of rows) {
    out.push(
      `| ${r.lines} | ${(r.ms / 1000).toFixed(1)} s | ${(r.ms / (r.lines / 1000)).toFixed(0)} ms | ${r.peakRssMb.toFixed(0)} MB | ${(r.peakRssMb / (r.lines / 1000)).toFixed(1)} MB | ${r.ok ? "通过" : "未完成"} |`,
    );
  }
  return out.join("\n");
}

/** The language server's figures of `pnpm bench --json`. */
export interface LspFigures {
  /** Start to first diagnostics of base.policy, opened unchanged since the server last had it open (cache warm). */
  firstDiagnosticsMs: number;
  /** The same for a policy the server never opened, having run before (its compiled code cached, code-cache.ts). */
  firstDiagnosticsNewFileMs: number;
  /** The same with an empty cache: the server's first start. */
  firstDiagnosticsColdMs: number;
  /** The server's main thread on a CPU until then, in the same three cases (Linux only). */
  firstDiagnosticsCpuMs?: { warm: number; newFile: number; cold: number };
  editMs: number;
  edit5000Ms: number;
}

/**
 * What `pnpm bench` calls (packages/compiler/src/bench/run.ts): print the tables for this
 * workspace and return the figures. `ZHENGCE_BENCH_CHECK_LINES` (comma-separated) sets the sizes
 * of the check scaling, `0` skips it.
 */
export async function runBench(runs = 31): Promise<{ lsp: LspFigures; check?: CheckRow[] }> {
  const root = fileURLToPath(new URL("../../../", import.meta.url));
  const rows = await benchLsp({ root, runs, log: (s) => console.error(s) });
  const base = join(root, "policies/jiangmen/base.policy");
  const starts = 11;
  const first = await firstDiagnostics(base, join(root, "policies/tonghua/base.policy"), starts);
  console.log(formatRows(rows));
  console.log(`\n语言服务器启动到首次诊断（zhengce-lsp --stdio 打开 policies/jiangmen/base.policy，三种情形轮流各 ${starts} 次的中位数；括号内为服务器主线程占用 CPU 的时间；目标 ≤ 500 ms）`);
  const shown = (f: StartFigure) => `${f.ms.toFixed(0)} ms${f.cpuMs === undefined ? "" : `（CPU ${f.cpuMs.toFixed(0)} ms）`}`;
  console.log(`  缓存已热（上次打开过同一文本）：${shown(first.warm)}`);
  console.log(`  首次打开此文件（服务器运行过，缓存中只有它编译好的代码）：${shown(first.code)}`);
  console.log(`  缓存为空（服务器首次启动）：${shown(first.empty)}`);
  const cpu = first.warm.cpuMs !== undefined && first.code.cpuMs !== undefined && first.empty.cpuMs !== undefined;
  const lsp: LspFigures = {
    firstDiagnosticsMs: Math.round(first.warm.ms),
    firstDiagnosticsNewFileMs: Math.round(first.code.ms),
    firstDiagnosticsColdMs: Math.round(first.empty.ms),
    ...(cpu && { firstDiagnosticsCpuMs: { warm: Math.round(first.warm.cpuMs!), newFile: Math.round(first.code.cpuMs!), cold: Math.round(first.empty.cpuMs!) } }),
    editMs: round1(rows[0].diagnostics),
    edit5000Ms: round1(rows[rows.length - 1].diagnostics),
  };
  const sizes = (process.env.ZHENGCE_BENCH_CHECK_LINES ?? "10000,100000,1000000").split(",").map(Number).filter((n) => n > 0);
  if (!sizes.length) return { lsp };
  const check = benchCheck(sizes);
  console.log(`\n${formatCheckRows(check)}`);
  return { lsp, check };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

const invoked = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invoked) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const root = resolve(arg("--root") ?? fileURLToPath(new URL("../../../", import.meta.url)));
  const runs = Number(arg("--runs") ?? 31);
  benchLsp({ root, runs, log: (s) => console.error(s) })
    .then((rows) => {
      console.log(formatRows(rows));
      process.exit(0);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
