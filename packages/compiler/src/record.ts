// The explanation on the integer path (issue 7): a calculator computed on scaled integers records,
// at each trace point it reaches, the point's number and the case's values the point reads (its
// leaves: inputs, accumulators, steps), as scaled integers. Everything else a step shows — its
// rule, 依据, quoted sentence, source text — is known when compiling. The steps are built from
// that record when 计算过程 is read, by one function per calculator (emit.ts `materialiser`). The
// decimal path records the same points with its decimals and builds its steps with the same
// function, so both paths' steps are the same, field for field, whenever their numbers are.
import type { IRExpr, IRStmt, Sym, Ty } from "./ir.js";

/** A value a trace point reads: what the integer path records for it. */
export type Leaf = { k: "input"; name: string; type: Ty } | { k: "acc"; name: string; field?: string } | { k: "local"; sym: Sym; type: Ty };

/** The scale each value of each point is recorded at on the integer path (null: not a number), by point number. */
export type RecordScales = Map<number, (number | null)[]>;

/** A value the explanation would need that the integer path holds in another form (a table, a list of numbers). */
export class NoRecord extends Error {
  constructor() {
    super("计算过程的数值无法按定标整数记录");
  }
}

const MONEY: Ty = { k: "money" };
const DATE: Ty = { k: "date" };

/**
 * The values a statement's explanation reads, in the order they are recorded: inputs, then
 * accumulators, then steps (the materialiser declares them in that order).
 */
export function pointLeaves(s: IRStmt): Leaf[] {
  const found = new Map<string, Leaf>();
  const bound = new Set<number>();
  const local = (sym: Sym, type: Ty) => {
    if (!bound.has(sym.slot) && !found.has(`l:${sym.slot}`)) found.set(`l:${sym.slot}`, { k: "local", sym, type });
  };
  const visit = (e: IRExpr | null | undefined): void => {
    if (!e) return;
    switch (e.k) {
      case "input":
        found.set(`i:${e.name}`, { k: "input", name: e.name, type: e.type });
        return;
      case "date-input":
        found.set(`i:日期`, { k: "input", name: "日期", type: DATE });
        return;
      case "acc":
        found.set(`a:${e.name}.${e.field ?? ""}`, { k: "acc", name: e.name, ...(e.field !== undefined ? { field: e.field } : {}) });
        return;
      case "local":
        local(e.sym, e.type);
        return;
      case "version":
        found.set(`i:日期`, { k: "input", name: "日期", type: DATE });
        return;
      case "versions-lit":
        found.set(`i:日期`, { k: "input", name: "日期", type: DATE });
        for (const v of e.versions) visit(v.value);
        return;
      case "map":
        // The row is bound by the map itself, not read from the case.
        bound.add(e.row.slot);
        visit(e.table);
        visit(e.body);
        return;
      default:
        for (const v of Object.values(e)) {
          if (Array.isArray(v)) for (const y of v) visitAny(y);
          else visitAny(v);
        }
    }
  };
  const visitAny = (v: unknown) => {
    if (v && typeof v === "object") {
      if ("k" in v && typeof (v as { k: unknown }).k === "string") visit(v as IRExpr);
      else if ("key" in v && "value" in v) visit((v as { value: IRExpr }).value);
    }
  };
  if (s.k === "trace") {
    const p = s.point;
    switch (p.k) {
      case "rule":
      case "modifier":
        visit(p.value);
        local(p.result, p.type);
        break;
      case "layer":
        visit(p.value);
        local(p.rest, MONEY);
        break;
      case "consumed":
        local(p.rest, MONEY);
        local(p.amount, MONEY);
        break;
      case "adjusted":
        break;
    }
  } else if (s.k === "slices") {
    for (const sl of s.slices) {
      visit(sl.lower);
      visit(sl.upper);
      visit(sl.value);
      visit(sl.step?.width);
      visit(sl.step?.increment);
    }
  }
  const order = { input: 0, acc: 1, local: 2 };
  return [...found.values()].sort((a, b) => order[a.k] - order[b.k]);
}

/**
 * The statements a calculator records, numbered in body order: every trace point (in branches
 * too) and the slices a step shows. Both paths number them alike.
 */
export function recordPoints(body: readonly IRStmt[]): Map<IRStmt, number> {
  const shown = tracedSlices(body);
  const out = new Map<IRStmt, number>();
  const walk = (stmts: readonly IRStmt[]): void => {
    for (const s of stmts) {
      if (s.k === "trace" || (s.k === "slices" && shown.has(s.sym.slot))) out.set(s, out.size);
      else if (s.k === "when") for (const b of s.branches) walk(b.body);
    }
  };
  walk(body);
  return out;
}

/** The slices some step of the body shows (a bracket's explanation lists its slices). */
export function tracedSlices(body: readonly IRStmt[]): Set<number> {
  const out = new Set<number>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) for (const y of v) visit(y);
    else if (v && typeof v === "object") {
      const o = v as { k?: string; slices?: Sym };
      if ((o.k === "bracket" || o.k === "cap-point") && o.slices && "slot" in o.slices) out.add(o.slices.slot);
      for (const y of Object.values(o)) visit(y);
    }
  };
  const inTraces = (stmts: readonly IRStmt[]): void => {
    for (const s of stmts) {
      if (s.k === "trace") visit(s.point);
      else if (s.k === "when") for (const b of s.branches) inTraces(b.body);
    }
  };
  inTraces(body);
  return out;
}
