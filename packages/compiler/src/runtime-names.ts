import { BUILTINS } from "@zhengce/dsl";
import type { BuiltinFn } from "./ir.js";

/** The runtime function that implements a built-in (language/builtins.ts), by its IR id. */
export function runtimeEntry(id: string): string {
  return BUILTINS.find((b) => b.id === id)!.runtime;
}

/** A built-in's name as analysts write it (for the explanation), by its IR id. */
export function builtinName(id: string): string {
  return BUILTINS.find((b) => b.id === id)!.name;
}

/** A built-in's IR id, by the name the analyst wrote. */
export function builtinId(name: string): BuiltinFn {
  return BUILTINS.find((b) => b.name === name)!.id as BuiltinFn;
}

// The runtime helpers generated code calls; policy names must not shadow them.
export const RUNTIME_NAMES = [
  "D", "Trace", "InputError", "RefusalError", "roundMoney", "formatMoney", "formatRate", "pos", "minOf", "maxOf",
  "clampRate", "marginal", "marginalOver", "tier", "makeInputParser", "pickVersion", "checkValidity",
  "requireDate", "foldKey", "addFoldTable", "ZERO", "addMonths", "firstOfNextMonth", "monthsBetween", "marginalInverse", "endOfMonth", "addDays",
  "runCase", "runSequence", "consume", "divide", "present", "termLeaf", "termOp", "termValue", "showTerm",
  "runScaled", "runRecorded", "explainLater", "fromScaledValue", "makeScaledParser", "Carrying", "NO_STEPS", "fromScaled", "roundScaled", "formatScaled", "rescaleNullable", "minOfScaled", "marginalScaled", "marginalOverScaled", "tierScaled",
  ...BUILTINS.map((b) => b.runtime),
].filter((n, i, all) => all.indexOf(n) === i);
