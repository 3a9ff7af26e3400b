// An analysis as the texts it read, to be analysed again on another thread: the examples' worker
// thread of a server process (examples.ts), the playground's second Web Worker. Strings only, so
// that it crosses a postMessage as it is.
import { analyze, type Analysis, type AnalyzeOptions } from "@zhengce/dsl";

export interface AnalysisJob {
  uri: string;
  text: string;
  /** The bases' texts, by URI. */
  files: [string, string][];
  /** Each file's `基于`, as the server's host resolved it: file URI → its base's URI. */
  bases: [string, string][];
}

export function jobOf(analysis: Analysis): AnalysisJob {
  const bases: [string, string][] = [];
  // The files are in the order analyze() loaded them: each base before the file that names it.
  for (let i = 1; i < analysis.files.length; i++) bases.push([analysis.files[i].uri, analysis.files[i - 1].uri]);
  return {
    uri: analysis.uri,
    text: analysis.text,
    files: analysis.files.slice(0, -1).map((f) => [f.uri, f.text]),
    bases,
  };
}

/** The same analysis again, from the job's texts alone. */
export function analyzeJob(job: AnalysisJob, options?: AnalyzeOptions): Analysis {
  const texts = new Map(job.files);
  const bases = new Map(job.bases);
  return analyze(job.text, job.uri, { readFile: (u) => texts.get(u), resolve: (from, relative) => bases.get(from) ?? relative }, options);
}

/** Do two jobs hold the same texts (and so give the same analysis)? */
export function sameJob(a: AnalysisJob, b: AnalysisJob): boolean {
  const same = (x: [string, string][], y: [string, string][]) => x.length === y.length && x.every(([u, t], i) => y[i][0] === u && y[i][1] === t);
  return a.uri === b.uri && a.text === b.text && same(a.files, b.files) && same(a.bases, b.bases);
}
