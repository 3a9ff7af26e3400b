// The language server's side of the runner (the second worker, ../runner/main.ts, which holds the
// compiler): started when first needed — after the first check, so that it never competes with
// it — and asked with the texts of the analyses each request reads. If it fails, what was asked
// fails with it, and the next request starts it again.
import type { ExampleOutcome, ExampleRunner } from "@zhengce/lsp/browser";
import { jobOf, type AnalysisJob } from "@zhengce/lsp/job";
import * as P from "../protocol.js";

export class Runner {
  private worker?: Worker;
  private ids = 0;
  private readonly pending = new Map<number, { resolve(result: unknown): void; reject(error: Error): void }>();

  constructor(private readonly url: string) {}

  request<R>(method: string, params: unknown, jobs: AnalysisJob[]): Promise<R> {
    const id = ++this.ids;
    return new Promise<R>((resolve, reject) => {
      // A browser that cannot start a worker from a worker fails the request, not the server.
      const worker = this.worker ?? this.start();
      this.pending.set(id, { resolve: resolve as (r: unknown) => void, reject });
      worker.postMessage({ id, method, params, jobs } satisfies P.RunnerMessage);
    });
  }

  /** A notification; a runner not started yet has nothing running to tell. */
  notify(method: string, params: unknown) {
    this.worker?.postMessage({ method, params } satisfies P.RunnerMessage);
  }

  /** The language server's worked examples, run here. */
  examples(): ExampleRunner {
    return {
      run: (analysis) => this.request<ExampleOutcome[] | undefined>(P.EXAMPLES, { uri: analysis.uri } satisfies P.ExamplesParams, [jobOf(analysis)]).catch(() => undefined),
      dispose: () => this.stop(new Error("语言服务器已关闭")),
    };
  }

  private start(): Worker {
    const worker = new Worker(this.url, { name: "runner" });
    worker.onmessage = (e: MessageEvent<P.RunnerReply>) => {
      const { id, result, error } = e.data;
      const p = this.pending.get(id);
      this.pending.delete(id);
      if (error !== undefined) p?.reject(new Error(error));
      else p?.resolve(result);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      this.stop(new Error(`运行线程出错：${e.message}`));
    };
    this.worker = worker;
    return worker;
  }

  private stop(error: Error) {
    this.worker?.terminate();
    this.worker = undefined;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}
