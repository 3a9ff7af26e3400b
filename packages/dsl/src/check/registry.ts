// The checks, registered in one place (the Langium way), in three passes over the merged model:
// collection and amendment merge; typing (TYPING: the type of every expression in its scope,
// a calculator's outputs and the parameters it uses — what the checks read); then the checks
// (CHECKS), each on every declaration of its kind, in the order below. Each run is isolated: an
// exception in one becomes an E900 diagnostic on that declaration, and the others still run.
import type * as A from "../ast.js";
import { INTERNAL_ERROR } from "../diagnostics.js";
import type { CalculatorInfo, Model } from "../model.js";
import { checkBracketStatic } from "./brackets.js";
import { checkCalculator, typeCalculator } from "./calculators.js";
import { Checker, type RawDiagnostic, type SourceFile } from "./typing.js";
import { collect } from "./collect.js";
import { checkEnum, checkUnusedEnums } from "./enums.js";
import { checkExample } from "./examples.js";
import { checkParamStatic, checkUnusedParams, typeParam } from "./params.js";
import { Reuse } from "./reuse.js";

export interface Check<T> {
  /** What is being checked, as the E900 message names it. */
  what: string;
  items(model: Model): Iterable<T>;
  run(ctx: Checker, item: T): void;
  /** Where an internal error in this check is reported. */
  at(item: T, model: Model): { name: string; span: A.Span; uri: string };
  /**
   * The declaration the check is run on, when its result follows from that declaration and the
   * names it looks up (then an unchanged one is not checked again: check/reuse.ts).
   */
  of?(item: T): { uri: string; decl: { span: A.Span } };
  /** What the result depends on besides the names the check looks up. */
  depends?(item: T): string[];
  /** The calculator a typing check fills in. */
  fills?(item: T): CalculatorInfo;
}

const register = <T>(c: Check<T>) => c as Check<unknown>;

/** Typing: parameters' values in the file's scope, then each calculator in its own. */
export const TYPING: readonly Check<unknown>[] = [
  register({ what: "参数的类型", items: (m) => m.params.values(), run: typeParam, at: (p) => ({ name: p.decl.name.text, span: p.decl.name.span, uri: p.uri }), of: (p) => p }),
  register({
    what: "计算的类型",
    items: (m) => m.calculators.values(),
    run: typeCalculator,
    at: (c) => ({ name: c.name, span: c.decl.name.span, uri: c.uri }),
    of: (c) => c,
    fills: (c) => c,
  }),
];

export const CHECKS: readonly Check<unknown>[] = [
  register({ what: "枚举", items: (m) => m.enums.values(), run: checkEnum, at: (e) => ({ name: e.name.text, span: e.name.span, uri: e.uri }), of: (e) => ({ uri: e.uri, decl: e }) }),
  register({
    what: "参数",
    items: (m) => m.params.values(),
    run: (ctx, p) => checkParamStatic(ctx, p.decl, p.uri),
    at: (p) => ({ name: p.decl.name.text, span: p.decl.name.span, uri: p.uri }),
    of: (p) => p,
  }),
  register({
    what: "分段",
    items: (m) => m.brackets.values(),
    run: (ctx, b) => checkBracketStatic(ctx, b.decl, b.uri),
    at: (b) => ({ name: b.decl.name.text, span: b.decl.name.span, uri: b.uri }),
    of: (b) => b,
  }),
  register({
    what: "计算",
    items: (m) => m.calculators.values(),
    run: checkCalculator,
    at: (c) => ({ name: c.name, span: c.decl.name.span, uri: c.uri }),
    of: (c) => c,
    // What its typing made (outputs, parameters used, references to its inputs).
    depends: (c) => [`calc:${c.key}`],
  }),
  register({ what: "未被使用的参数和分段", items: (m) => [m], run: (ctx) => checkUnusedParams(ctx), at: (m) => ({ name: "", span: { start: 0, end: 0 }, uri: m.uri }) }),
  register({ what: "示例", items: (m) => m.examples, run: checkExample, at: (ex) => ({ name: ex.title, span: ex.calculator.span, uri: ex.uri }), of: (ex) => ({ uri: ex.uri, decl: ex }) }),
  register({ what: "未被使用的枚举", items: (m) => [m], run: (ctx) => checkUnusedEnums(ctx), at: (m) => ({ name: "", span: { start: 0, end: 0 }, uri: m.uri }) }),
];

export interface CheckOptions {
  checks?: readonly Check<unknown>[];
  typing?: readonly Check<unknown>[];
  /** Remember each declaration's checks for the next version (the editor's analyses). */
  incremental?: boolean;
  /** The model of the previous version: a declaration's checks whose inputs are unchanged are replayed, not run. */
  previous?: Model;
}

/** Checks the files (bases first, the file being checked last): the merged model and every diagnostic that is not a syntax error. */
export function check(files: SourceFile[], options: CheckOptions = {}): { model: Model; diagnostics: RawDiagnostic[] } {
  const { checks = CHECKS, typing = TYPING } = options;
  const ctx = new Checker(files);
  isolated(ctx, "声明", () => collect(ctx), { name: "", span: { start: 0, end: 0 }, uri: ctx.main.uri });
  const reuse = options.incremental || options.previous ? Reuse.start(ctx, options.previous) : undefined;
  for (const c of [...typing, ...checks]) {
    for (const item of [...c.items(ctx.model)]) {
      const at = c.at(item, ctx.model);
      const run = () => isolated(ctx, c.what, () => c.run(ctx, item), at);
      const own = reuse && c.of?.(item);
      if (own) reuse.unit(c.what, at.name, own, run, { calc: c.fills?.(item), depends: c.depends?.(item) });
      else run();
    }
  }
  reuse?.finish();
  return { model: ctx.model, diagnostics: ctx.diagnostics };
}

function isolated(ctx: Checker, what: string, run: () => void, at: { name: string; span: A.Span; uri: string }) {
  try {
    run();
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    ctx.report(INTERNAL_ERROR, at.span, `检查${what}${at.name ? `「${at.name}」` : ""}时出现内部错误（这是检查程序的缺陷，请报告）：${reason}`, at.uri);
  }
}
