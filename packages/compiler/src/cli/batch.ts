// `zhengce batch`: many independent cases, one output line each, in input order.
//
// The output file appears only when complete (output.ts). SIGINT or SIGTERM stops the run
// after the chunks in flight: it says how far it got and keeps the complete lines as
// `<output>.partial`, from which `--resume` continues.
//
// Cases are run in chunks. Small inputs run in this thread. Past `threshold` cases (and
// with more than one worker allowed) the chunks go to worker threads, each of which loads
// the policy itself; this thread runs chunks only until the first worker is ready. Chunk
// results are written strictly in input order, with at most a few chunks in flight, so
// memory stays bounded however long the input is.
//
// This thread only reads, hands out and writes: JSON Lines go to the workers as the bytes
// read (input.ts) and come back as the bytes to write (cases.ts), and the workers of a large
// input file start with the run, not once its first cases are counted.
import type { EventEmitter } from "node:events";
import { createReadStream, existsSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { parseCommandArgs, requirePositionals, stringOption } from "./args.js";
import type { ChunkRequest, WorkerReply, WorkerSetup } from "./batch-worker.js";
import { caseRunner, linesOf, runChunk, type CaseRunner, type ChunkResult, type RawCase } from "./cases.js";
import { HELP } from "./help.js";
import { countCases, formatOf, openCases } from "./input.js";
import { CliError, displayPath, EXIT_FAILED, EXIT_OK, guard, requireFile, resolvePath, type ExitCode, type Io } from "./io.js";
import { atomicFileSink, readPartial, stdoutSink, type Sink } from "./output.js";
import { defaultDeps, loadCalculator, type Deps } from "./policy.js";

/** More cases than this go to worker threads, by default. */
const THRESHOLD = 2000;
/**
 * An input file of more bytes than this per case of the threshold starts the workers before its
 * cases are counted: a JSON Lines case of the seed policies' calculators takes 60–120 bytes.
 * A smaller file that has more cases starts them once counted; a larger one with fewer leaves
 * them unused.
 */
const EARLY_BYTES_PER_CASE = 100;

/** The size of the file at `path`, 0 where it cannot be read (the error comes when it is opened). */
function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

export interface BatchTuning {
  /** More cases than this go to worker threads (default 2000). */
  threshold?: number;
  /** Cases per chunk sent to a worker (default 2000). */
  chunkSize?: number;
  /** The worker entry (default: batch-worker.js beside this file). */
  workerScript?: URL;
  /** Where SIGINT and SIGTERM come from (default: the process). */
  signals?: EventEmitter;
  /** The cores `--workers` is bounded by (default: availableParallelism()). */
  cores?: number;
}

interface Totals {
  done: number;
  failed: number;
  /** The input line of the last case written. */
  lastLine: number;
}

export async function runBatch(
  args: string[],
  io: Io,
  deps: Deps = defaultDeps,
  tuning: BatchTuning = {},
): Promise<ExitCode> {
  return guard(io, async () => {
    const { values, positionals, help } = parseCommandArgs("batch", args, {
      input: { type: "string", short: "i" },
      output: { type: "string", short: "o" },
      format: { type: "string" },
      explain: { type: "boolean" },
      decimal: { type: "boolean" },
      workers: { type: "string" },
      resume: { type: "boolean" },
      "no-cache": { type: "boolean" },
    });
    if (help) {
      io.stdout.write(HELP.batch);
      return EXIT_OK;
    }
    requirePositionals("batch", positionals, ["政策文件", "计算器"]);
    const [policyPath, calculatorName] = positionals;
    const inputPath = stringOption(values.input);
    if (!inputPath) throw new CliError("batch 需要 --input <cases.jsonl | cases.csv>", { code: "C002" });
    const format = formatOf(inputPath, stringOption(values.format));
    const workers = parseWorkers(io, stringOption(values.workers), tuning.cores ?? availableParallelism());
    const explain = values.explain === true;
    const decimal = values.decimal === true;
    const outputPath = stringOption(values.output);
    if (values.resume === true && !outputPath) throw new CliError("--resume 需要 --output <文件>：续算接着上次写到该文件的结果", { code: "C002" });

    // A large input file goes to worker threads: they start now, beside the policy's loading
    // (a worker took 90–150 ms to be ready, the main thread ~0.2 s to reach its first case).
    // Without a compiled worker entry (running from TypeScript sources) the work stays on this thread.
    const entry = tuning.workerScript ?? new URL("./batch-worker.js", import.meta.url);
    const script = existsSync(fileURLToPath(entry)) ? entry : undefined;
    const threads = workers ?? availableParallelism();
    const early = threads > 1 && script !== undefined && inputPath !== "-" && sizeOf(resolvePath(io, inputPath)) > (tuning.threshold ?? THRESHOLD) * EARLY_BYTES_PER_CASE;
    const pool = early ? new WorkerPool(script, threads) : undefined;
    try {
      const { calculator } = await loadCalculator(io, deps, policyPath, calculatorName, { cache: values["no-cache"] !== true });
      const inputAbs = inputPath === "-" ? undefined : await requireFile(io, inputPath, "输入文件");
      const open = () => (inputAbs ? createReadStream(inputAbs) : io.stdin);
      const input = open();
      // A resumed run skips cases by count, so it reads them one by one.
      const source = await openCases(input, format, () => io.stderr.write("提示：输入文件不是 UTF-8 编码，按 GB18030 读取\n"), {
        blocks: values.resume !== true,
      });
      const run = caseRunner(calculator, { explain, header: source.header, decimal }); // checks the CSV header
      const progress = new Progress(io, inputAbs && io.stderr.isTTY ? await countCases(open(), format) : undefined);

      // From here until the output is final or kept, a signal stops the run instead of the process.
      const stop = new Stop();
      const signals = tuning.signals ?? process;
      const onSignal = (signal: string) => stop.set(signal);
      signals.on("SIGINT", onSignal);
      signals.on("SIGTERM", onSignal);
      let sink: Sink | undefined;
      let kept = false;
      const totals: Totals = { done: 0, failed: 0, lastLine: 0 };
      try {
        const target = outputPath === undefined ? undefined : resolvePath(io, outputPath);
        const partial = target && values.resume === true ? await readPartial(target) : undefined;
        if (target && values.resume === true && !partial) io.stderr.write(`提示：没有找到上次中断留下的「${outputPath}.partial」，从头计算\n`);
        const skip = partial?.lines ?? 0;
        totals.done = skip;
        sink = target ? await atomicFileSink(target, outputPath!, partial) : stdoutSink(io);
        const setup: WorkerSetup = {
          compilerModule: deps.compilerModule,
          policyPath: resolvePath(io, policyPath),
          calculator: calculator.name,
          explain,
          decimal,
          header: source.header,
          cache: values["no-cache"] !== true,
        };
        await processCases(source.slices, run, setup, sink, totals, progress, { ...tuning, workerScript: script, workers: threads, skip, stop, pool });
        if (stop.signal) {
          const path = await sink.keep();
          kept = true;
          const where = totals.lastLine > 0 ? `，到输入第 ${totals.lastLine} 行` : "";
          const next = path ? `；已完成的结果在「${displayPath(io, path)}」，用同样的命令加 --resume 接着算` : "";
          throw new CliError(`已中断（${stop.signal}）：完成 ${totals.done} 例${where}${next}`, { code: "C060" });
        }
        await sink.commit();
      } catch (e) {
        if (!kept) await sink?.abort();
        throw e;
      } finally {
        signals.off("SIGINT", onSignal);
        signals.off("SIGTERM", onSignal);
        progress.finish(totals.done);
        // a read still waiting (stdin after a signal) must not keep the process alive
        (input as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      }
      return totals.failed > 0 ? EXIT_FAILED : EXIT_OK;
    } finally {
      await pool?.close();
    }
  });
}

/**
 * Set by SIGINT or SIGTERM: stop reading (even a read waiting on stdin), finish what is in flight.
 * One waiter at a time, dropped when its read settles: a `Promise.race` against one long-lived
 * promise leaves a reaction on it per read, each holding that read's cases, so memory grew with
 * the input (the main thread ran out of a 96 MB heap on 1 000 000 cases).
 */
export class Stop {
  signal: string | undefined;
  private wake: (() => void) | undefined;

  /**
   * The result of the read `start` begins, or done as soon as a signal comes. After a signal no
   * read begins: one begun then had no reader, and its rejection once the input was closed
   * (ERR_STREAM_PREMATURE_CLOSE) ended the process with status 1 (4 runs in 50 under load).
   */
  race<T>(start: () => Promise<IteratorResult<T>>): Promise<IteratorResult<T>> {
    if (this.signal) return Promise.resolve({ done: true, value: undefined });
    const read = start();
    return new Promise((resolve, reject) => {
      this.wake = () => resolve({ done: true, value: undefined });
      read.then(
        (r) => {
          this.wake = undefined;
          resolve(r);
        },
        (e: unknown) => {
          this.wake = undefined;
          reject(e);
        },
      );
    });
  }

  set(signal: string): void {
    this.signal ??= signal;
    this.wake?.();
  }
}

/** A worker per core at most: more only compete for the same cores, each with its own copy of the policy. */
function parseWorkers(io: Io, text: string | undefined, cores: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`--workers 应为正整数，而不是「${text}」`, { code: "C002" });
  if (n > cores) {
    io.stderr.write(`提示：--workers ${n} 多于 CPU 核数 ${cores}，按 ${cores} 个工作线程计算\n`);
    return cores;
  }
  return n;
}

async function processCases(
  slices: AsyncIterator<RawCase[]>,
  run: CaseRunner,
  setup: WorkerSetup,
  sink: Sink,
  totals: Totals,
  progress: Progress,
  options: BatchTuning & { workerScript: URL | undefined; workers: number; skip: number; stop: Stop; pool?: WorkerPool },
): Promise<void> {
  const threshold = options.threshold ?? THRESHOLD;
  const chunkSize = options.chunkSize ?? 2000;
  const script = options.workerScript;

  // Cases already in a resumed output are skipped, by count (a resumed run's cases come one a line: openCases).
  let skip = options.skip;
  const next = async (): Promise<IteratorResult<RawCase[]>> => {
    for (;;) {
      const r = await options.stop.race(() => slices.next());
      if (r.done || skip === 0) return r;
      if (r.value.length <= skip) {
        skip -= r.value.length;
        totals.lastLine = r.value[r.value.length - 1].line;
        continue;
      }
      totals.lastLine = r.value[skip - 1].line;
      const rest = r.value.slice(skip);
      skip = 0;
      return { done: false, value: rest };
    }
  };

  // Read ahead just past the threshold to decide between this thread and workers.
  const head: RawCase[] = [];
  let headLines = 0;
  let exhausted = false;
  while (headLines <= threshold) {
    const r = await next();
    if (r.done) {
      exhausted = true;
      break;
    }
    for (const raw of r.value) {
      head.push(raw);
      headLines += linesOf(raw);
    }
  }
  const workers = options.workers;
  const pooled = !exhausted && workers > 1 && script !== undefined;

  async function* all(): AsyncGenerator<RawCase[]> {
    if (head.length) yield head;
    for (let r = await next(); !r.done; r = await next()) yield r.value;
  }

  // Workers load the policy themselves, which takes a while: until the first is ready, this
  // thread runs the chunks (yielding between them so the workers' messages get in).
  const pool = pooled ? (options.pool ?? new WorkerPool(script, workers)) : undefined;
  if (!pooled) await options.pool?.close();
  pool?.start(setup);
  try {
    const inFlight: Promise<ChunkResult>[] = [];
    const flush = async () => {
      const result = await inFlight.shift()!;
      await sink.write(result.output);
      totals.done += result.count;
      totals.failed += result.failed;
      totals.lastLine = result.lastLine;
      progress.update(totals.done);
    };
    let chunk: RawCase[] = [];
    let chunkLines = 0;
    const submit = async () => {
      pool?.throwIfFailed();
      if (pool?.ready) {
        const pending = pool.run(chunk);
        pending.catch(() => {}); // awaited in order by flush; this only silences the early rejection
        inFlight.push(pending);
      } else {
        inFlight.push(Promise.resolve(runChunk(run, chunk)));
        if (pool) await new Promise((next) => setImmediate(next));
      }
      chunk = [];
      chunkLines = 0;
      if (inFlight.length >= (pool ? workers * 2 : 1)) await flush();
    };
    reading: for await (const slice of all()) {
      for (const raw of slice) {
        if (options.stop.signal) break reading;
        chunk.push(raw);
        chunkLines += linesOf(raw);
        if (chunkLines >= chunkSize) await submit();
      }
    }
    if (chunk.length && !options.stop.signal) await submit();
    while (inFlight.length) await flush();
  } finally {
    await pool?.close();
  }
}

interface Task {
  request: ChunkRequest;
  resolve(result: ChunkResult): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task?: Task;
}

/**
 * `max` worker threads, started at once; each loads the policy once given the setup, then runs
 * one chunk at a time.
 */
class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private failure: Error | undefined;
  private closed: Promise<void> | undefined;
  private nextId = 0;

  constructor(script: URL, max: number) {
    for (let i = 0; i < max; i++) this.slots.push(this.spawn(script));
  }

  start(setup: WorkerSetup): void {
    for (const slot of this.slots) slot.worker.postMessage(setup);
  }

  /** At least one worker can take chunks. */
  get ready(): boolean {
    return this.slots.some((s) => s.ready);
  }

  throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  run(cases: RawCase[]): Promise<ChunkResult> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, cases }, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length && !this.failure) {
      const slot = this.slots.find((s) => s.ready && !s.task);
      if (!slot) return;
      slot.task = this.queue.shift()!;
      slot.worker.postMessage(slot.task.request);
    }
  }

  private spawn(script: URL): Slot {
    const slot: Slot = { worker: new Worker(script), ready: false };
    slot.worker.on("message", (reply: WorkerReply) => {
      if (reply.type === "fatal") return this.fail(new CliError(`批量计算的工作线程无法启动：${reply.message}`, { code: "C070" }));
      if (reply.type === "ready") slot.ready = true;
      else {
        const task = slot.task!;
        slot.task = undefined;
        task.resolve(reply);
      }
      this.dispatch();
    });
    slot.worker.on("error", (e) => this.fail(new CliError(`批量计算的工作线程出错：${e.message}`, { code: "C070" })));
    slot.worker.on("exit", (code) => {
      if (!this.closed) this.fail(new CliError(`批量计算的工作线程意外退出（退出码 ${code}）`, { code: "C070" }));
    });
    return slot;
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const slot of this.slots) slot.task?.reject(error);
    for (const task of this.queue.splice(0)) task.reject(error);
    void this.close();
  }

  close(): Promise<void> {
    this.closed ??= Promise.all(this.slots.map((s) => s.worker.terminate())).then(() => undefined);
    return this.closed;
  }
}

/** `已完成 1200/5000 例（24%），每秒 830 例` on a terminal's stderr; nothing otherwise. */
class Progress {
  private readonly started = Date.now();
  private lastShown = 0;

  constructor(
    private readonly io: Io,
    private readonly total: number | undefined,
  ) {}

  update(done: number): void {
    if (!this.io.stderr.isTTY) return;
    const now = Date.now();
    if (now - this.lastShown < 200) return;
    this.lastShown = now;
    this.show(done);
  }

  finish(done: number): void {
    if (!this.io.stderr.isTTY) return;
    this.show(done);
    this.io.stderr.write("\n");
  }

  private show(done: number): void {
    const seconds = Math.max((Date.now() - this.started) / 1000, 0.001);
    const rate = Math.round(done / seconds);
    const of = this.total ? `/${this.total} 例（${Math.floor((done / this.total) * 100)}%）` : " 例";
    this.io.stderr.write(`\r已完成 ${done}${of}，每秒 ${rate} 例\x1b[K`);
  }
}
