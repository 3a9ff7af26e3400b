// A batch worker thread: loads the policy itself (through the same compiler module as
// the main thread), then turns chunks of raw cases into chunks of output lines. Its first
// message is the setup: it starts while the main thread still loads the policy and reads
// ahead, and loads the policy from the cache once the main thread has put it there.
import { parentPort } from "node:worker_threads";
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
  port.once("message", (setup: WorkerSetup) =>
    prepare(setup).then(
      (run) => {
        port.on("message", (request: ChunkRequest) => {
          const result = runChunk(run, request.cases);
          port.postMessage({ type: "done", id: request.id, ...result } satisfies WorkerReply, [result.output.buffer as ArrayBuffer]);
        });
        port.postMessage({ type: "ready" } satisfies WorkerReply);
      },
      (e: unknown) => {
        port.postMessage({ type: "fatal", message: e instanceof Error ? e.message : String(e) } satisfies WorkerReply);
      },
    ),
  );
}
