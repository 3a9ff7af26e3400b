// What the runner answers (main.ts wires it to the worker's port): analyses per text, the
// language server's worked examples, the page's calculators, runs, curves and comparisons, and
// what stops work whose text has been replaced.
import { findCalculator } from "@zhengce/compiler";
import type { Analysis } from "@zhengce/dsl";
import { analyzeJob, sameJob, type AnalysisJob } from "@zhengce/lsp/job";
import { formatError, stepLabel, type TraceStep } from "@zhengce/runtime";
import * as P from "../protocol.js";
import { burdenCurves } from "./burden.js";
import { calculatorsOf, compile, runnable } from "./calculators.js";
import { compare, type AnalysisOf } from "./compare.js";
import { stepLocator } from "./locate.js";

interface Known {
  job: AnalysisJob;
  analysis?: Analysis;
  /** The analysis of the text before, until this one is made from it (incrementally). */
  previous?: Analysis;
}
const known = new Map<string, Known>();

/** The analyses a request may read: those of its jobs, each made once per text. */
function world(jobs: AnalysisJob[]): AnalysisOf {
  for (const job of jobs) {
    const k = known.get(job.uri);
    if (k && sameJob(k.job, job)) continue;
    known.set(job.uri, { job, previous: k?.analysis ?? k?.previous });
  }
  const asked = new Set(jobs.map((j) => j.uri));
  return (uri) => {
    const k = asked.has(uri) ? known.get(uri) : undefined;
    if (!k) return undefined;
    if (!k.analysis) {
      k.analysis = analyzeJob(k.job, { previous: k.previous, incremental: true });
      delete k.previous;
    }
    return k.analysis;
  };
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Edits of each file the editor has sent: work for an older text stops at its next pause. */
const edits = new Map<string, number>();
function pauseFor(uri: string): () => Promise<boolean> {
  const seen = edits.get(uri);
  return async () => {
    await nextTask();
    return edits.get(uri) === seen;
  };
}

function calculator(p: P.RunParams, of: AnalysisOf) {
  const { analysis } = runnable(p.uri, of(p.uri));
  const policy = analysis && compile(analysis);
  const calc = policy && findCalculator(policy, p.calculator);
  return analysis && calc ? { analysis, calc } : undefined;
}

const examplesAsked = new Map<string, number>();
let comparing = 0;

const handlers: Record<string, (params: any, of: AnalysisOf, id: number) => unknown> = {
  // Compiling and running hold this thread only: a newer request for the same file drops the old.
  [P.EXAMPLES]: async (p: P.ExamplesParams, of, id) => {
    examplesAsked.set(p.uri, id);
    const current = async () => (await nextTask(), examplesAsked.get(p.uri) === id);
    const analysis = of(p.uri);
    if (!analysis || !(await current())) return undefined;
    const policy = compile(analysis);
    if (!(await current())) return undefined;
    return policy.runExamples();
  },

  [P.CALCULATORS]: (p: P.CalculatorsParams, of): P.CalculatorsResult => calculatorsOf(p.uri, of(p.uri), p.position),

  [P.RUN]: (p: P.RunParams, of): P.RunResult => {
    const found = calculator(p, of);
    if (!found) return { error: { message: `没有可运行的计算「${p.calculator}」` } };
    try {
      const { 计算过程, ...outputs } = found.calc.run(p.input, { 计算过程: true }) as Record<string, unknown> & { 计算过程: TraceStep[] };
      const locate = stepLocator(found.analysis, found.calc.name);
      return { outputs, steps: 计算过程.map((s) => ({ ...s, ...stepLabel(s), location: locate(s) })) };
    } catch (e) {
      const field = (e as { field?: unknown }).field;
      return { error: { message: formatError(e), ...(typeof field === "string" && field ? { field } : {}) } };
    }
  },

  [P.BURDEN]: async (p: P.BurdenParams, of): Promise<P.BurdenResult> => {
    const pause = pauseFor(p.uri);
    const found = calculator(p, of);
    if (!found) return { curves: [], error: `没有可运行的计算「${p.calculator}」` };
    const summary = calculatorsOf(p.uri, found.analysis).calculators.find((c) => c.name === found.calc.name);
    return (await burdenCurves(found.calc, summary?.outputs ?? [], p, pause)) ?? { curves: [], cancelled: true };
  },

  // A newer comparison stops the one still sampling.
  [P.COMPARE]: (p: P.CompareParams, of): Promise<P.CompareResult> => {
    const id = ++comparing;
    const pause = () => new Promise<boolean>((resolve) => setTimeout(() => resolve(id === comparing), 0));
    return compare(p, of, pause);
  },
};

/** One message from the language server's worker; a request's answer goes to `reply`. */
export function receive(m: P.RunnerMessage, reply: (message: P.RunnerReply) => void): void {
  if (m.method === P.CHANGED) {
    const { uri } = m.params as P.ChangedParams;
    edits.set(uri, (edits.get(uri) ?? 0) + 1);
    return;
  }
  const id = m.id ?? 0;
  const handler = handlers[m.method];
  if (!handler) return reply({ id, error: `未知的请求 ${m.method}` });
  new Promise((resolve) => resolve(handler(m.params, world(m.jobs ?? []), id))).then(
    (result) => reply({ id, result }),
    (e: unknown) => reply({ id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
}
