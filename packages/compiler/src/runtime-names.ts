import { BUILTINS } from "@zhengce/dsl";

/** The runtime function that implements a built-in (language/builtins.ts). */
export function runtimeEntry(name: string): string {
  return BUILTINS.find((b) => b.name === name)!.runtime;
}

// The runtime helpers generated code calls; policy names must not shadow them.
export const RUNTIME_NAMES = [
  "D", "Trace", "InputError", "RefusalError", "roundMoney", "formatMoney", "formatRate", "pos", "minOf", "maxOf",
  "clampRate", "marginal", "marginalOver", "tier", "makeInputParser", "pickVersion", "checkValidity",
  "requireDate", "foldKey", "addFoldTable", "ZERO", "addMonths", "firstOfNextMonth", "monthsBetween", "marginalInverse", "endOfMonth", "addDays",
  "runCase", "runSequence", "consume", "divide", "present", "termLeaf", "termOp", "termValue", "showTerm",
  "runScaled", "fromScaled", "roundScaled", "formatScaled", "rescaleNullable", "minOfScaled", "marginalScaled", "marginalOverScaled", "tierScaled",
  ...BUILTINS.map((b) => b.runtime),
].filter((n, i, all) => all.indexOf(n) === i);
