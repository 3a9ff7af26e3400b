// A batch worker thread: loads the policy itself (through the same compiler module as
// the main thread), then turns chunks of raw cases into chunks of output lines.
import { parentPort, workerData } from "node:worker_threads";
import { caseRunner, runChunk, type CaseRunner, type ChunkResult, type RawCase } from "./cases.js";
import { loadCompiled } from "./policy.js";

export interface WorkerSetup {
  /** URL or absolute path of the module exporting `loadPolicy` (a fake in tests). */
  compilerModule: string;
  /** Absolute path of the policy file. */
  policyPath: string;
  /** The calculator's name in the policy's own spelling (already resolved by the main thread). */
  calculator: string;
  explain: boolean;
  /** `--decimal`: every case on decimal.js. */
  decimal?: boolean;
  header?: string[];
  /** Take the policy from the cache of compiled policies (the main thread has just put it there). */
  cache: boolean;
}

export interface ChunkRequest {
  id: number;
  cases: RawCase[];
}

export type WorkerReply =
  | { type: "ready" }
  | ({ type: "done"; id: number } & ChunkResult)
  | { type: "fatal"; message: string };

async function prepare(setup: WorkerSetup): Promise<CaseRunner> {
  const policy = await loadCompiled({ compilerModule: setup.compilerModule }, setup.policyPath, setup.cache, setup.calculator);
  const calculator = policy.calculators.find((c) => c.name === setup.calculator);
  if (!calculator) throw new Error(`工作线程加载的政策中没有计算器「${setup.calculator}」`);
  return caseRunner(calculator, { explain: setup.explain, header: setup.header, decimal: setup.decimal });
}

if (parentPort) {
  const port = parentPort;
  prepare(workerData as WorkerSetup).then(
    (run) => {
      port.on("message", (request: ChunkRequest) => {
        port.postMessage({ type: "done", id: request.id, ...runChunk(run, request.cases) } satisfies WorkerReply);
      });
      port.postMessage({ type: "ready" } satisfies WorkerReply);
    },
    (e: unknown) => {
      port.postMessage({ type: "fatal", message: e instanceof Error ? e.message : String(e) } satisfies WorkerReply);
    },
  );
}
