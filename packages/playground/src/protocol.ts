// The requests the page sends the worker beside LSP: the files it knows, and running the
// calculators of the policy being edited; and what that worker asks the runner (the second
// worker, which holds the compiler). Positions and ranges are LSP's (UTF-16, 0-based).
import type { DiffJson, ImpactJson } from "@zhengce/compiler";
import type { AnalysisJob } from "@zhengce/lsp/job";
import type { FieldSpec, TraceStep } from "@zhengce/runtime";
import type { Range } from "vscode-languageserver-protocol";

/** A policy the page knows, by absolute POSIX path (`/policies/jiangmen/base.policy`). */
export interface SiteFile {
  path: string;
  text: string;
  /** `zhengce serve` accepts this file saved back to disk. */
  writable?: boolean;
}

/** `policies/index.json` of the site (written by the build, or by `zhengce serve`). */
export interface SiteIndex {
  files: SiteFile[];
  /** Served by `zhengce serve`: files marked writable can be saved back with PUT. */
  served?: boolean;
  /** The file to open first (the first one named to `zhengce serve`). */
  open?: string;
}

/** Notification page → worker: add or replace files of the in-memory file set. */
export const FILES = "zhengce/files";
export interface FilesParams {
  files: { path: string; text: string }[];
}

/** Request: every known policy with its title and the policy it amends. */
export const CATALOGUE = "zhengce/catalogue";
export interface CatalogueEntry {
  uri: string;
  title: string;
  /** The base an amendment names (`基于`), resolved. */
  base?: string;
}

/** Request: the calculators of a policy, and the one the cursor is in. */
export const CALCULATORS = "zhengce/calculators";
export interface CalculatorsParams {
  uri: string;
  position?: { line: number; character: number };
}
export interface CalculatorSummary {
  name: string;
  inputFields: FieldSpec[];
  outputs: { name: string; type: string }[];
}
export interface CalculatorsResult {
  /** The text has errors: the calculators are those of the last version that checked. */
  stale: boolean;
  errors: number;
  calculators: CalculatorSummary[];
  /** The calculator whose declaration or worked example holds the cursor. */
  atCursor?: string;
  /** Worked examples of the file: how many passed. */
  examples?: { total: number; failed: number };
}

/** Request: run one case with its explanation. */
export const RUN = "zhengce/run";
export interface RunParams {
  uri: string;
  calculator: string;
  input: Record<string, unknown>;
}
/** A step of the runtime's trace (its kind and typed fields), placed in the editor. */
export type ExplainedStep = TraceStep & {
  /** What the page shows for it (runtime `stepLabel`): the item, or what the detail of the item is. */
  label: string;
  detail: boolean;
  /** The rule this step evaluates, in the editor. */
  location?: { uri: string; range: Range };
};
export interface RunResult {
  outputs?: Record<string, unknown>;
  steps?: ExplainedStep[];
  /** Bad input or a refusal, in the runtime's words; `field` names the input. */
  error?: { message: string; field?: string };
}

/** Request: the burden curves — the case run over a range of one money input, per member of an enum input. */
export const BURDEN = "zhengce/burden";
export interface BurdenParams extends RunParams {
  /** The money input on the x axis (the cost). */
  x: string;
  /** The enum input with one curve per member (the hospital level). */
  series?: string;
  /** The x axis runs from 0 to this amount (yuan); absent: far enough to show every cap. */
  max?: number;
  /** Points per curve. */
  samples?: number;
}
export interface BurdenCurve {
  member?: string;
  /** [cost, fund share 0–1, personal burden in yuan]; a case the policy refuses is left out. */
  points: [number, number, number][];
  /** Where a payment stops growing: the cost at which it reaches its cap. */
  caps: { output: string; cost: string; amount: string }[];
  /** Why the curve is empty (every case refused, say). */
  error?: string;
}
export interface BurdenResult {
  /** The output read as the personal burden. */
  burden?: string;
  /** The x axis's end, as asked or as chosen. */
  max?: number;
  curves: BurdenCurve[];
  error?: string;
  /** The text changed before the curves were done: the page asks again after the next check. */
  cancelled?: boolean;
}

/**
 * Request: the open policy against its base — `zhengce diff`, and `zhengce impact` on a seeded
 * sample — computed in the worker by the compiler's report code. `uri` is the active tab: an
 * amendment is compared with its base; a base, with the first of `open` that amends it.
 */
export const COMPARE = "zhengce/compare";
export interface CompareParams {
  uri: string;
  open: string[];
  /** The calculator whose impact is shown; absent: the first both policies define. */
  calculator?: string;
  seed: string;
  /** Cases in the sample. */
  count: number;
}
export interface CompareSide {
  uri: string;
  /** `base.policy`, as the diff's 位置 names the file. */
  file: string;
  name: string;
  docNumber?: string;
}
export interface CompareImpact {
  calculator: string;
  seed: string;
  count: number;
  /** The window 日期 was drawn from. */
  window: { from: string; to: string };
  json: ImpactJson;
  /** SVG text, as the HTML report draws them: the totals, and each changed output's differences. */
  charts: { totals: string; outputs: Record<string, string> };
}
export type { DiffJson, ImpactJson };

export interface CompareResult {
  /** A newer request replaced this one before it finished. */
  cancelled?: boolean;
  /** Why there is nothing to compare (the policy amends nothing and nothing open amends it). */
  notice?: string;
  old?: CompareSide;
  new?: CompareSide;
  /** Errors in either text: the comparison is of the last versions that checked. */
  stale?: boolean;
  errors?: number;
  diff?: DiffJson;
  /** The diff in one sentence (共 N 处不同 …). */
  summary?: string;
  /** Calculators both policies define, with money outputs in common. */
  calculators?: string[];
  impact?: CompareImpact;
  /** Why no impact could be computed (no common calculator, no case the policy accepts). */
  impactError?: string;
}

// ── the language server's worker ↔ the runner ──
// CALCULATORS, RUN, BURDEN and COMPARE are passed on as the page sent them, with the texts of
// the analyses they read; the runner answers them and EXAMPLES.

/** Request to the runner: the outcomes of the worked examples of `uri` (undefined once a newer text replaced it). */
export const EXAMPLES = "zhengce/examples";
export interface ExamplesParams {
  uri: string;
}

/** Notification to the runner: the editor changed `uri`; work still running for its old text stops. */
export const CHANGED = "zhengce/changed";
export interface ChangedParams {
  uri: string;
}

export interface RunnerMessage {
  /** Absent for a notification. */
  id?: number;
  method: string;
  params: unknown;
  /** The analyses the request may read, as their texts: the runner sees no other file. */
  jobs?: AnalysisJob[];
}

export interface RunnerReply {
  id: number;
  result?: unknown;
  error?: string;
}
