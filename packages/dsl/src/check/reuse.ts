// Incremental checking for the editor: each run of a check on one declaration (a unit) is
// remembered with what it read of the model, so that the next version of the file replays it
// instead of running it again when the declaration's text and everything it looked up are
// unchanged. A unit's dependencies are the names it looked up (found or not: a name declared
// later must re-check its users); each is fingerprinted by the text of the declaration that
// answers it, or, for a calculator, by the run of its typing that made its inputs and outputs.
// A declaration that only moved (an edit above it) gets a new parse of the same shape: what the
// remembered run refers to is carried over to the new nodes by walking both side by side.
import type * as A from "../ast.js";
import type { Annotations, CalculatorInfo, Model, Reference, Sym } from "../model.js";
import { movedFrom } from "../reparse.js";
import { parsedDecl } from "./collect.js";
import type { RawDiagnostic, SourceFile } from "./context.js";

/** What a run of one check on one declaration wrote, and what it read. */
interface UnitRun {
  /** Each dependency and its fingerprint when the unit ran. */
  deps: [string, string][];
  /** The declarations the run may refer to: the unit's own, then each dependency's answers. */
  decls: Located[];
  reports: RawDiagnostic[];
  refs: Reference[];
  /** Annotations made outside any calculator (a parameter's values, an example's). */
  ann: Annotations;
  /** A calculator's typing: what it made of the calculator, and which run made it. */
  calc?: { generation: number } & Pick<CalculatorInfo, "inputs" | "accumulators" | "outputs" | "uses" | "ann">;
}

interface Located {
  uri: string;
  decl: { span: A.Span };
}

/** What one analysis remembers for the next, by the model it made: each check's units by declaration text. */
const memory = new WeakMap<Model, Map<string, Map<string, UnitRun>>>();
/**
 * A declaration's file and text, one string per declaration of the syntax tree: the same string
 * next time makes looking it up and comparing it cheap (its hash is kept, equality is identity).
 * A declaration that an edit only moved has the string of the one it is a copy of (reparse.ts
 * movedFrom): the profile of typing into base.policy showed each moved declaration's text
 * copied, hashed and compared anew at a tenth of the checks' time.
 */
const texts = new WeakMap<object, string>();
/** A parameter's or bracket's fingerprint with the type it was made for, by declaration of the syntax tree (moved ones too). */
const typed = new WeakMap<object, { type: string; fp: string }>();

/** What `memo` knows of a declaration of the syntax tree, or of the one it was moved from (the same text, in the same file). */
function known<V>(memo: WeakMap<object, V>, decl: object): V | undefined {
  const v = memo.get(decl);
  if (v !== undefined) return v;
  const from = movedFrom(decl);
  const carried = from && memo.get(from);
  if (carried !== undefined) memo.set(decl, carried);
  return carried;
}
/** How each analysis's checks went (tests read it to see what was reused). */
const stats = new WeakMap<Model, ReuseStats>();
let generations = 0;

export interface ReuseStats {
  /** Units replayed from the previous version. */
  reused: number;
  /** Units that ran, as `check「name」`. */
  ran: string[];
}

/** How the checks of the analysis that made `model` went: what ran, how much was reused. */
export function reuseStats(model: Model): ReuseStats | undefined {
  return stats.get(model);
}

/** What the checker offers the memo: the model as built so far and the recording hooks. */
export interface Recordable {
  model: Model;
  files: SourceFile[];
  diagnostics: RawDiagnostic[];
  report(code: RawDiagnostic["code"], span: A.Span, message: string, uri: string): void;
  /** The unit being recorded: each report and dependency goes to it. */
  recording?: { reports: RawDiagnostic[]; deps: Set<string> };
  /** Annotations made in the file's scope by the current unit. */
  unitAnn?: Annotations;
  canonical(sym: Sym): Sym;
  membersNamed(key: string): { enumKey: string; enumName: string; name: A.Name; uri: string }[];
}

export class Reuse {
  private readonly next = new Map<string, Map<string, UnitRun>>();
  private readonly sources = new Map<string, string>();
  private readonly fingerprints = new Map<string, { fp: string; answers: Located[] }>();
  private readonly generation = new Map<string, number>();
  private readonly seen = new Map<string, number>();
  private readonly carried = new Map<object, object>();
  private readonly paired = new Set<object>();
  readonly stats: ReuseStats = { reused: 0, ran: [] };

  private constructor(
    private readonly ctx: Recordable,
    private readonly previous: Map<string, Map<string, UnitRun>> | undefined,
  ) {
    for (const f of ctx.files) this.sources.set(f.uri, f.text);
  }

  /** The declaration's file and text (see `texts`). */
  private textOf(x: Located): string {
    const decl = parsedDecl(x.decl);
    let t = known(texts, decl);
    if (t === undefined) texts.set(decl, (t = `${x.uri}\u0000${this.sources.get(x.uri)?.slice(x.decl.span.start, x.decl.span.end)}`));
    return t;
  }

  /** A memo for this check, when every file has its text (the editor's analyses do). */
  static start(ctx: Recordable, previous: Model | undefined): Reuse | undefined {
    if (ctx.files.some((f) => typeof f.text !== "string")) return undefined;
    return new Reuse(ctx, previous && memory.get(previous));
  }

  /** Keeps what this check made for the next version. */
  finish() {
    memory.set(this.ctx.model, this.next);
    stats.set(this.ctx.model, this.stats);
  }

  /**
   * Runs the check `what` on the declaration `decl` (of `uri`), or replays its previous run.
   * `calc` is the calculator whose typing this is; `depends` are dependencies known beforehand.
   */
  unit(what: string, name: string, own: Located, run: () => void, options: { calc?: CalculatorInfo; depends?: string[] } = {}) {
    let key = this.textOf(own);
    let next = this.next.get(what);
    if (!next) this.next.set(what, (next = new Map()));
    // The same text twice (a duplicate declaration): each occurrence is its own unit.
    if (next.has(key)) {
      const n = (this.seen.get(key) ?? 0) + 1;
      this.seen.set(key, n);
      key += `\u0000${n}`;
    }
    const before = this.previous?.get(what)?.get(key);
    const replayed = before && this.replay(before, own, options.calc);
    if (replayed) {
      next.set(key, replayed);
      if (options.calc && replayed.calc) this.generation.set(options.calc.key, replayed.calc.generation);
      this.stats.reused++;
      return;
    }
    this.stats.ran.push(`${what}「${name}」`);
    const ctx = this.ctx;
    const recording = { reports: [] as RawDiagnostic[], deps: new Set(options.depends ?? []) };
    const refsFrom = ctx.model.references.length;
    const ann: Annotations = { types: new Map(), refs: new Map() };
    ctx.recording = recording;
    ctx.unitAnn = ann;
    try {
      run();
    } finally {
      ctx.recording = undefined;
      ctx.unitAnn = undefined;
    }
    merge(ctx.model.ann, ann);
    const deps: [string, string][] = [];
    const decls: Located[] = [own];
    for (const d of recording.deps) {
      const f = this.fingerprint(d);
      deps.push([d, f.fp]);
      decls.push(...f.answers);
    }
    const c = options.calc;
    const result: UnitRun = { deps, decls, reports: recording.reports, refs: ctx.model.references.slice(refsFrom), ann };
    if (c) {
      const generation = ++generations;
      this.generation.set(c.key, generation);
      result.calc = { generation, inputs: c.inputs, accumulators: c.accumulators, outputs: c.outputs, uses: c.uses, ann: c.ann };
    }
    next.set(key, result);
  }

  /**
   * Replays a previous run when its dependencies are unchanged, and returns it as this version
   * remembers it (on this version's nodes); undefined when it must run again.
   */
  private replay(before: UnitRun, own: Located, calc: CalculatorInfo | undefined): UnitRun | undefined {
    const now: Located[] = [own];
    for (const [d, fp] of before.deps) {
      const f = this.fingerprint(d);
      if (f.fp !== fp) return undefined;
      now.push(...f.answers);
    }
    if (now.length !== before.decls.length || (calc && !before.calc)) return undefined;
    // Declarations that moved: their new nodes stand for the old ones.
    const shifts: { uri: string; start: number; end: number; delta: number }[] = [];
    before.decls.forEach((old, i) => {
      const cur = now[i];
      if (old.decl === cur.decl) return;
      if (!this.paired.has(old.decl)) {
        this.paired.add(old.decl);
        walkTogether(old.decl, cur.decl, this.carried);
      }
      shifts.push({ uri: old.uri, start: old.decl.span.start, end: old.decl.span.end, delta: cur.decl.span.start - old.decl.span.start });
    });
    const ctx = this.ctx;
    if (shifts.length === 0) {
      for (const r of before.reports) ctx.report(r.code, r.span, r.message, r.uri);
      for (const r of before.refs) {
        const sym = this.adopt(r.sym);
        ctx.model.references.push(sym === r.sym ? r : { ...r, sym });
      }
      merge(ctx.model.ann, before.ann);
      if (calc && before.calc) {
        const b = before.calc;
        calc.inputs = b.inputs;
        calc.accumulators = b.accumulators;
        calc.outputs = b.outputs;
        calc.uses = b.uses.map((s) => this.adopt(s));
        calc.ann = b.ann;
      }
      return before;
    }
    const node = <T>(x: T): T => ((x && (this.carried.get(x as object) as T)) ?? x);
    const span = (s: A.Span, uri: string): A.Span => {
      const carried = this.carried.get(s) as A.Span | undefined;
      if (carried) return carried;
      const shift = shifts.find((m) => m.uri === uri && m.start <= s.start && s.end <= m.end);
      return shift ? { start: s.start + shift.delta, end: s.end + shift.delta } : s;
    };
    const syms = new Map<Sym, Sym>();
    const sym = (s: Sym): Sym => {
      let out = syms.get(s);
      if (out) return out;
      switch (s.kind) {
        case "enum":
          out = { ...s, decl: this.ctx.model.enums.get(s.decl.name.key) ?? node(s.decl) };
          break;
        case "member":
          out = { ...s, name: node(s.name) };
          break;
        case "param":
        case "bracket":
        case "calculator":
        case "accumulator":
        case "step":
          out = { ...s, decl: node(s.decl) } as Sym;
          break;
        case "input":
          out = { ...s, field: node(s.field) };
          break;
        default:
          out = s;
      }
      out = this.adopt(out);
      syms.set(s, out);
      return out;
    };
    const annotations = (a: Annotations): Annotations => {
      const out: Annotations = { types: new Map(), refs: new Map() };
      for (const [e, t] of a.types) out.types.set(node(e), t);
      for (const [e, s] of a.refs) out.refs.set(node(e), sym(s));
      return out;
    };
    // Remembered on the new nodes: the old parse is not kept alive for the next version.
    const after: UnitRun = {
      deps: before.deps,
      decls: now,
      reports: before.reports.map((r) => ({ ...r, span: span(r.span, r.uri) })),
      refs: before.refs.map((r) => ({ span: span(r.span, r.uri), uri: r.uri, sym: sym(r.sym) })),
      ann: annotations(before.ann),
    };
    for (const r of after.reports) ctx.report(r.code, r.span, r.message, r.uri);
    for (const r of after.refs) ctx.model.references.push(r);
    merge(ctx.model.ann, after.ann);
    if (calc && before.calc) {
      const b = before.calc;
      after.calc = {
        generation: b.generation,
        inputs: b.inputs.map((i) => ({ ...i, field: node(i.field) })),
        accumulators: b.accumulators.map((a) => ({ ...a, decl: node(a.decl) })),
        outputs: b.outputs.map((o) => ({ ...o, decl: node(o.decl) })),
        uses: b.uses.map(sym),
        ann: annotations(b.ann),
      };
      calc.inputs = after.calc.inputs;
      calc.accumulators = after.calc.accumulators;
      calc.outputs = after.calc.outputs;
      calc.uses = after.calc.uses;
      calc.ann = after.calc.ann;
    }
    return after;
  }

  /** The one symbol object of a parameter or bracket in this model. */
  private adopt(s: Sym): Sym {
    return s.kind === "param" || s.kind === "bracket" ? this.ctx.canonical(s) : s;
  }

  /** What a dependency is now: its fingerprint and the declarations that answer it. */
  private fingerprint(dep: string): { fp: string; answers: Located[] } {
    let f = this.fingerprints.get(dep);
    if (f) return f;
    const m = this.ctx.model;
    const cut = dep.indexOf(":");
    const kind = dep.slice(0, cut);
    const key = dep.slice(cut + 1);
    const text = (x: Located) => this.textOf(x);
    const withType = (x: Located, t: unknown) => {
      const type = JSON.stringify(t);
      const decl = parsedDecl(x.decl);
      let fp = known(typed, decl);
      if (fp?.type !== type) typed.set(decl, (fp = { type, fp: `${text(x)}\u0000${type}` }));
      return fp.fp;
    };
    switch (kind) {
      case "param": {
        const p = m.params.get(key);
        f = p ? { fp: withType(p, p.type), answers: [p] } : { fp: "", answers: [] };
        break;
      }
      case "bracket": {
        const b = m.brackets.get(key);
        f = b ? { fp: withType(b, b.resultType), answers: [b] } : { fp: "", answers: [] };
        break;
      }
      case "enum": {
        const e = m.enums.get(key);
        f = e ? { fp: text({ uri: e.uri, decl: e }), answers: [{ uri: e.uri, decl: e }] } : { fp: "", answers: [] };
        break;
      }
      case "member": {
        // Which enums have a member of that name (an unknown name may be one of them).
        const answers = this.ctx.membersNamed(key).map((x) => {
          const e = m.enums.get(x.enumKey)!;
          return { uri: e.uri, decl: e };
        });
        f = { fp: answers.map(text).join("\u0001"), answers };
        break;
      }
      case "calc": {
        const c = m.calculators.get(key);
        f = c ? { fp: `${c.uri}\u0000${this.generation.get(key) ?? "?"}`, answers: [{ uri: c.uri, decl: c.decl }] } : { fp: "", answers: [] };
        break;
      }
      default:
        f = { fp: "?", answers: [] };
    }
    this.fingerprints.set(dep, f);
    return f;
  }
}

function merge(into: Annotations, from: Annotations) {
  for (const [e, t] of from.types) into.types.set(e, t);
  for (const [e, s] of from.refs) into.refs.set(e, s);
}

/**
 * Maps each object of `old` to the object at the same place in `now` (two parses of the same
 * text). Arrays are walked, not mapped (nothing looks one up), and an object met twice is mapped
 * again to the same place: the profile of typing showed this walk at a sixth of an edit.
 */
function walkTogether(old: unknown, now: unknown, out: Map<object, object>) {
  if (!old || typeof old !== "object" || !now || typeof now !== "object") return;
  if (Array.isArray(old)) {
    const n = now as unknown[];
    for (let i = 0; i < old.length; i++) walkTogether(old[i], n[i], out);
    return;
  }
  out.set(old, now);
  const n = now as Record<string, unknown>;
  for (const k in old as Record<string, unknown>) walkTogether((old as Record<string, unknown>)[k], n[k], out);
}
