// Worked examples off the server's thread. Compiling a policy and running its examples takes
// far longer than checking it; in a worker thread it never delays a diagnostic, a hover or a
// completion. The worker is the server's own entry started again (runServer() sees it is the
// worker and serves jobs instead of a client), so a bundled server needs no second file. A job
// carries the texts the analysis read; the worker analyses them again, compiles and runs the
// examples. A newer job for the same document cancels the one running (the worker is stopped
// and started afresh) and replaces the one waiting.
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { Analysis } from "@zhengce/dsl";
import { analyzeJob, jobOf, type AnalysisJob } from "./job.js";
import type { CompilerApi, ExampleOutcome } from "./optional.js";

/** Runs the worked examples of an analysis somewhere else than the server's thread. */
export interface ExampleRunner {
  /** The outcomes; undefined when a newer run for the same document replaced this one, or when examples cannot run. */
  run(analysis: Analysis): Promise<ExampleOutcome[] | undefined>;
  dispose(): void;
}

/** A job: the texts the analysis read (job.ts), numbered. */
type Job = AnalysisJob & { id: number };

type Reply = { id: number; outcomes?: ExampleOutcome[]; error?: string };

const MARK = "zhengce-examples";

/** Is this thread the examples worker of a server (started by threadExamples())? */
export const isExamplesWorker = () => !isMainThread && (workerData as { role?: string } | undefined)?.role === MARK;

/** The runner of a server process: a worker thread running this process's entry again. */
export function threadExamples(log: (message: string) => void): ExampleRunner {
  const start = () =>
    new Worker(process.argv[1], {
      argv: process.argv.slice(2),
      execArgv: process.execArgv,
      workerData: { role: MARK },
      // Whatever the entry prints must not reach the client's stdout.
      stdout: true,
      stderr: true,
    });
  return new WorkerExamples(start, log);
}

export class WorkerExamples implements ExampleRunner {
  private worker?: Worker;
  private running?: { id: number; uri: string; resolve: (r: ExampleOutcome[] | undefined) => void };
  private readonly waiting = new Map<string, { job: Job; resolve: (r: ExampleOutcome[] | undefined) => void }>();
  private ids = 0;
  /** Workers started so far (a test counts the cancellations). */
  started = 0;

  constructor(
    private readonly start: () => Worker,
    private readonly log: (message: string) => void,
  ) {}

  run(analysis: Analysis): Promise<ExampleOutcome[] | undefined> {
    return new Promise((resolve) => {
      const uri = analysis.uri;
      this.waiting.get(uri)?.resolve(undefined);
      this.waiting.set(uri, { job: { ...jobOf(analysis), id: ++this.ids }, resolve });
      if (this.running?.uri === uri) {
        // The text it runs for is gone: stop it mid-run.
        this.running.resolve(undefined);
        this.running = undefined;
        this.stop();
      }
      this.next();
    });
  }

  dispose() {
    for (const w of this.waiting.values()) w.resolve(undefined);
    this.waiting.clear();
    this.running?.resolve(undefined);
    this.running = undefined;
    this.stop();
  }

  private stop() {
    const w = this.worker;
    this.worker = undefined;
    void w?.terminate();
  }

  private next() {
    if (this.running) return;
    const [uri, entry] = this.waiting.entries().next().value ?? [];
    if (!uri || !entry) return;
    this.waiting.delete(uri);
    this.running = { id: entry.job.id, uri, resolve: entry.resolve };
    let worker = this.worker;
    if (!worker) {
      try {
        worker = this.spawn();
      } catch (e) {
        this.log(`[examples] ${String(e)}`);
        this.finish(entry.job.id, undefined);
        return;
      }
    }
    worker.postMessage(entry.job);
  }

  private finish(id: number, outcomes: ExampleOutcome[] | undefined) {
    if (this.running?.id !== id) return;
    const r = this.running;
    this.running = undefined;
    r.resolve(outcomes);
    this.next();
  }

  private spawn(): Worker {
    const worker = this.start();
    this.started++;
    this.worker = worker;
    worker.stdout?.resume();
    worker.stderr?.resume();
    worker.on("message", (m: Reply) => {
      if (m.error) this.log(`[examples] ${m.error}`);
      this.finish(m.id, m.outcomes);
    });
    const gone = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      if (why) this.log(`[examples] ${why}`);
      if (this.running) this.finish(this.running.id, undefined);
    };
    worker.on("error", (e) => gone(e instanceof Error ? (e.stack ?? e.message) : String(e)));
    worker.on("exit", (code) => gone(code ? `示例线程退出（${code}）` : ""));
    return worker;
  }
}

/** The worker's side: analyse each job's texts, compile, run the examples, reply. */
export function serveExamples(load: () => Promise<CompilerApi | undefined>): void {
  const port = parentPort!;
  const compiler = load().catch(() => undefined);
  port.on("message", async (job: Job) => {
    try {
      const api = await compiler;
      if (!api) return port.postMessage({ id: job.id } satisfies Reply);
      // Compiling reads the AST and the model only: no tokens or CST kept for this analysis.
      const analysis = analyzeJob(job, { keepSyntax: false });
      const outcomes = await (await api.compileAnalysis(analysis)).runExamples();
      port.postMessage({ id: job.id, outcomes } satisfies Reply);
    } catch (e) {
      port.postMessage({ id: job.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies Reply);
    }
  });
}
