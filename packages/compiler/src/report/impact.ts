// `zhengce impact`: both policies on the same population, accumulated case by case so that memory
// stays flat however many cases come: exact sums in integer cents, a fixed set of histogram bins
// for the differences, the few largest gains and losses, and per-group tallies for every enum,
// set and boolean input.
import type { FieldSpec } from "@zhengce/runtime";
import { fold } from "@zhengce/runtime/fold-names";
import { foldName } from "@zhengce/dsl";
import type { CompiledCalculator } from "../api.js";
import { centsOf } from "./format.js";
import type { PolicyView } from "./view.js";

export interface ImpactOptions {
  /** Largest gains and losses kept per output (default 5). */
  top?: number;
}

/** A sum of integer cents, exact however many terms: a float while it is safe, a bigint beyond. */
export class ExactSum {
  private big = 0n;
  private small = 0;
  add(cents: number): void {
    this.small += cents;
    if (this.small > 2 ** 52 || this.small < -(2 ** 52)) this.flush();
  }
  private flush(): void {
    this.big += BigInt(this.small);
    this.small = 0;
  }
  get value(): bigint {
    return this.big + BigInt(this.small);
  }
}

export interface Extreme {
  /** Line of the case in the population file. */
  line: number;
  /** Cents. */
  diff: number;
  old: number;
  new: number;
  input: unknown;
}

export interface Bin {
  /** Difference range in cents: lo < d ≤ hi for gains, lo ≤ d < hi for losses. */
  lo: number;
  hi: number;
  count: number;
}

export interface OutputImpact {
  name: string;
  changed: number;
  increased: number;
  decreased: number;
  sumOld: bigint;
  sumNew: bigint;
  /** Differences of the changed cases, in bins from the largest loss to the largest gain (empty bins dropped). */
  bins: Bin[];
  gains: Extreme[];
  losses: Extreme[];
}

export interface GroupMember {
  label: string;
  count: number;
  /** Per output, in the order of `outputs`. */
  outputs: { changed: number; sumOld: bigint; sumNew: bigint }[];
}

export interface GroupImpact {
  field: string;
  kind: "enum" | "set" | "boolean";
  members: GroupMember[];
}

export interface FailureReason {
  /** Which policy refused the case: 旧, 新, or 两者 (both). */
  side: "旧" | "新" | "两者";
  reason: string;
  count: number;
  firstLine: number;
}

export interface ImpactResult {
  calculator: string;
  cases: number;
  compared: number;
  oldOnly: number;
  newOnly: number;
  neither: number;
  reasons: FailureReason[];
  outputs: OutputImpact[];
  groups: GroupImpact[];
}

// Bins of a difference's size (yuan), 1–2–5 per decade: the same for every report, so that no
// pass over the data is needed to choose them.
const EDGES_YUAN = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7];
const EDGES = EDGES_YUAN.map((y) => y * 100);

function binOf(absCents: number): number {
  let lo = 0, hi = EDGES.length - 1;
  if (absCents > EDGES[hi]) return hi; // the last bin is open-ended
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (absCents > EDGES[mid + 1]) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface OutputState {
  name: string;
  changed: number;
  increased: number;
  decreased: number;
  sumOld: ExactSum;
  sumNew: ExactSum;
  up: number[];
  down: number[];
  gains: Extreme[];
  losses: Extreme[];
}

interface MemberState {
  count: number;
  changed: number[];
  sumOld: ExactSum[];
  sumNew: ExactSum[];
}

interface GroupState {
  field: FieldSpec;
  kind: GroupImpact["kind"];
  /** Folded spelling → the policy's spelling. */
  canonical: Map<string, string>;
  members: Map<string, MemberState>;
}

/** The money outputs both calculators produce (a limit that may be 无 is not an amount paid). */
export function comparedOutputs(oldView: PolicyView, newView: PolicyView, calculator: string): string[] {
  const key = foldName(calculator);
  const oldInfo = oldView.analysis.model.calculators.get(key);
  const newInfo = newView.analysis.model.calculators.get(key);
  if (!oldInfo || !newInfo) return [];
  const inOld = new Set(oldInfo.outputs.filter((o) => o.type.k === "money" && !o.type.nullable).map((o) => o.key));
  return newInfo.outputs.filter((o) => o.type.k === "money" && !o.type.nullable && inOld.has(o.key)).map((o) => o.name);
}

export class ImpactAccumulator {
  private readonly outputs: OutputState[];
  private readonly groups: GroupState[];
  private readonly top: number;
  private readonly reasons = new Map<string, FailureReason>();
  private cases = 0;
  private compared = 0;
  private oldOnly = 0;
  private newOnly = 0;
  private neither = 0;

  constructor(
    private readonly oldCalc: CompiledCalculator,
    private readonly newCalc: CompiledCalculator,
    outputs: string[],
    options: ImpactOptions = {},
  ) {
    this.top = options.top ?? 5;
    this.outputs = outputs.map((name) => ({
      name,
      changed: 0,
      increased: 0,
      decreased: 0,
      sumOld: new ExactSum(),
      sumNew: new ExactSum(),
      up: new Array(EDGES.length).fill(0),
      down: new Array(EDGES.length).fill(0),
      gains: [],
      losses: [],
    }));
    this.groups = newCalc.inputFields
      .filter((f) => f.type.kind === "enum" || f.type.kind === "set" || f.type.kind === "boolean")
      .map((f) => {
        const members = f.type.kind === "boolean" ? ["是", "否"] : f.type.kind === "enum" || f.type.kind === "set" ? f.type.members : [];
        const group: GroupState = {
          field: f,
          kind: f.type.kind as GroupState["kind"],
          canonical: new Map(members.map((m) => [fold(m), m])),
          members: new Map(),
        };
        if (f.type.kind === "set") group.members.set("（无）", this.memberState());
        for (const m of members) group.members.set(m, this.memberState());
        return group;
      });
  }

  private memberState(): MemberState {
    const n = this.outputs.length;
    return {
      count: 0,
      changed: new Array(n).fill(0),
      sumOld: Array.from({ length: n }, () => new ExactSum()),
      sumNew: Array.from({ length: n }, () => new ExactSum()),
    };
  }

  /** One line of the population: a case, or one person's claims in date order. */
  add(input: unknown, line: number): void {
    if (Array.isArray(input)) {
      const olds = attempt(() => this.oldCalc.runSequence(input, { 计算过程: false }));
      const news = attempt(() => this.newCalc.runSequence(input, { 计算过程: false }));
      input.forEach((claim, i) => this.record(claim, line, olds.value?.[i], news.value?.[i], olds.error, news.error));
      return;
    }
    const old = attempt(() => this.oldCalc.run(input, { 计算过程: false }));
    const neu = attempt(() => this.newCalc.run(input, { 计算过程: false }));
    this.record(input, line, old.value, neu.value, old.error, neu.error);
  }

  /** A line that could not be read as a case at all (bad JSON, a malformed CSV row). */
  unreadable(line: number, reason: string): void {
    this.cases++;
    this.neither++;
    this.reason("两者", reason, line);
  }

  private record(input: unknown, line: number, old: Record<string, unknown> | undefined, neu: Record<string, unknown> | undefined, oldError: unknown, newError: unknown): void {
    this.cases++;
    if (!old || !neu) {
      if (!old && !neu) {
        this.neither++;
        const a = message(oldError), b = message(newError);
        this.reason("两者", a === b ? a : `旧：${a}；新：${b}`, line);
      } else if (!neu) {
        this.oldOnly++;
        this.reason("新", message(newError), line);
      } else {
        this.newOnly++;
        this.reason("旧", message(oldError), line);
      }
      return;
    }
    this.compared++;
    const members = this.groupMembers(input);
    for (const m of members) m.count++;
    for (let i = 0; i < this.outputs.length; i++) {
      const o = this.outputs[i];
      const a = centsOf(old[o.name]) ?? 0;
      const b = centsOf(neu[o.name]) ?? 0;
      o.sumOld.add(a);
      o.sumNew.add(b);
      for (const m of members) {
        m.sumOld[i].add(a);
        m.sumNew[i].add(b);
      }
      const d = b - a;
      if (d === 0) continue;
      o.changed++;
      for (const m of members) m.changed[i]++;
      if (d > 0) {
        o.increased++;
        o.up[binOf(d)]++;
        keepTop(o.gains, { line, diff: d, old: a, new: b, input }, this.top, (x) => x.diff);
      } else {
        o.decreased++;
        o.down[binOf(-d)]++;
        keepTop(o.losses, { line, diff: d, old: a, new: b, input }, this.top, (x) => -x.diff);
      }
    }
  }

  /** The group members a case belongs to: its value of every enum and boolean input, every member of every set. */
  private groupMembers(input: unknown): MemberState[] {
    const out: MemberState[] = [];
    const record = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
    for (const g of this.groups) {
      const raw = valueOf(record, g.field);
      if (g.kind === "set") {
        const list = Array.isArray(raw) ? raw : [];
        if (list.length === 0) out.push(g.members.get("（无）")!);
        for (const v of new Set(list.map((x) => canonical(g, x)))) {
          const m = v === undefined ? undefined : g.members.get(v);
          if (m) out.push(m);
        }
      } else {
        const label = g.kind === "boolean" ? (raw === true ? "是" : raw === false ? "否" : undefined) : canonical(g, raw);
        const m = label === undefined ? undefined : g.members.get(label);
        if (m) out.push(m);
      }
    }
    return out;
  }

  private reason(side: FailureReason["side"], reason: string, line: number): void {
    const key = `${side}\u0000${reason}`;
    const known = this.reasons.get(key);
    if (known) known.count++;
    else if (this.reasons.size < 50) this.reasons.set(key, { side, reason, count: 1, firstLine: line });
    else {
      const other = `${side}\u0000其他原因`;
      const o = this.reasons.get(other);
      if (o) o.count++;
      else this.reasons.set(other, { side, reason: "其他原因", count: 1, firstLine: line });
    }
  }

  result(): ImpactResult {
    const outputs: OutputImpact[] = this.outputs.map((o) => ({
      name: o.name,
      changed: o.changed,
      increased: o.increased,
      decreased: o.decreased,
      sumOld: o.sumOld.value,
      sumNew: o.sumNew.value,
      bins: [
        ...o.down.map((count, i) => ({ lo: -(i + 1 < EDGES.length ? EDGES[i + 1] : Infinity), hi: -EDGES[i], count })).reverse(),
        ...o.up.map((count, i) => ({ lo: EDGES[i], hi: i + 1 < EDGES.length ? EDGES[i + 1] : Infinity, count })),
      ].filter((b) => b.count > 0),
      gains: o.gains,
      losses: o.losses,
    }));
    const groups: GroupImpact[] = this.groups.map((g) => ({
      field: g.field.name,
      kind: g.kind,
      members: [...g.members]
        .filter(([, m]) => m.count > 0)
        .map(([label, m]) => ({
          label,
          count: m.count,
          outputs: m.changed.map((changed, i) => ({ changed, sumOld: m.sumOld[i].value, sumNew: m.sumNew[i].value })),
        })),
    }));
    const reasons = [...this.reasons.values()].sort((a, b) => b.count - a.count);
    return {
      calculator: this.newCalc.name,
      cases: this.cases,
      compared: this.compared,
      oldOnly: this.oldOnly,
      newOnly: this.newOnly,
      neither: this.neither,
      reasons,
      outputs,
      groups,
    };
  }
}

/** The policy's spelling of a member as written in the input (folded only when it is not already). */
function canonical(g: GroupState, raw: unknown): string | undefined {
  const text = String(raw);
  return g.members.has(text) ? text : g.canonical.get(fold(text));
}

/** The input's value of a field, its default when absent (spelling folded like the calculators fold it). */
function valueOf(record: Record<string, unknown>, f: FieldSpec): unknown {
  if (Object.hasOwn(record, f.name)) return record[f.name];
  const want = fold(f.name);
  for (const k of Object.keys(record)) if (fold(k) === want) return record[k];
  return f.default;
}

/** An error's reason without the value of this case (`，收到 2019-03-02`), so that reasons group. */
function message(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.replace(/\s*[\r\n]+\s*/g, " ").replace(/[，,]\s*收到.*$/, "").trim();
}

/** Keep the `n` entries with the largest `score`, largest first. */
function keepTop(list: Extreme[], x: Extreme, n: number, score: (x: Extreme) => number): void {
  if (n <= 0) return;
  if (list.length === n && score(x) <= score(list[n - 1])) return;
  let i = list.length;
  while (i > 0 && score(list[i - 1]) < score(x)) i--;
  list.splice(i, 0, x);
  if (list.length > n) list.pop();
}

function attempt<T>(run: () => T): { value?: T; error?: unknown } {
  try {
    return { value: run() };
  } catch (error) {
    return { error };
  }
}
