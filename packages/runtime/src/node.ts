// `@zhengce/runtime` as Node's own loader imports it (package.json's `node` condition; types,
// browsers and bundlers keep ./index.js, whose modules they link themselves).
//
// Node's ES module loader pays for every file it resolves, reads and compiles: the twelve modules
// of index.js and decimal.js took 25–40 ms to import, their single-file build
// (dist/runtime.bundle.cjs, made by scripts/bundle.mjs after `tsc -b`) 9–14 ms, most of what a
// compiled calculator module costs to import. That build is used only while it is at least as new
// as the runtime's last `tsc -b` (its tsconfig.tsbuildinfo), so a `tsc -b` alone never runs stale
// code; a published package has no build info and uses it as shipped. Either way a process loads
// one instance of the runtime, hence of the fold tables that compiled policies register and
// `foldKey` reads.
import { createRequire } from "node:module";

// The build is CommonJS and loaded with require(), and nothing here awaits: an ES module graph
// with a top-level await cannot be require()d (ERR_REQUIRE_ASYNC_MODULE), and Node 20.19 and 22
// let a CommonJS program require() a compiled calculator module, hence this entry. fs comes
// through require as well: importing `node:fs` builds its ES module facade, 3-6 ms of this import
// in a process that has not imported it yet. (The modules, when the build is stale, are ES
// modules: require() of them needs Node 20.19; only a development checkout ever takes that path.)
const require = createRequire(import.meta.url);
const { statSync } = require("node:fs") as typeof import("node:fs");
const mtime = (name: string): number | undefined => statSync(new URL(name, import.meta.url), { throwIfNoEntry: false })?.mtimeMs;
const made = mtime("./runtime.bundle.cjs");
const fresh = made !== undefined && made >= (mtime("../tsconfig.tsbuildinfo") ?? 0);
const runtime = require(fresh ? "./runtime.bundle.cjs" : "./index.js") as typeof import("./index.js");

export const {
  BOOLEAN_EXPECTED, Carrying, D, Decimal, HUNDRED, INPUT_ERROR_CODES, InputError, MONEY_EXPECTED,
  MONEY_LIMIT, NO_STEPS, NO_TRACE, ONE, RATE_EXPECTED, RefusalError, TRACE_KINDS,
  TRACE_KINDS_COMPLETE, Trace, ZERO, addDays, addFoldTable, addMonths, booleanWord, centsText,
  checkValidity, clampRate, consume, countOf, divide, endOfMonth, explainLater, firstOfNextMonth,
  foldKey, formatError, formatMoney, formatRate, formatScaled, fromScaled, fromScaledValue,
  integerExpected, joinPath, makeInputParser, makeScaledParser, marginal, marginalInverse,
  marginalOver, marginalOverScaled, marginalParts, marginalScaled, maxOf, minOf, minOfScaled,
  moneyExpected, monthOf, monthsBetween, parseDate, parseMoney, parseRate, percentText, periodKey,
  pickVersion, pos, present, requireDate, rescaleNullable, roundMoney, roundScaled, runCase,
  runRecorded, runScaled, runSequence, shouldBe, showTerm, showValue, stepLabel, subjectOf, sumOf,
  termLeaf, termOp, termText, termValue, tier, tierIndex, tierScaled, validateSlices, versionIndex,
  yearOf,
} = runtime;

// Every value index.ts exports is listed above: a name added there and not here fails the build.
type Unlisted = Exclude<keyof typeof import("./index.js"), keyof typeof import("./node.js")>;
type NoneOf<T extends never> = T;
type _EveryExportListed = NoneOf<Unlisted>;
