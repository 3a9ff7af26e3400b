// The runtime helpers generated code calls; policy names must not shadow them.
export const RUNTIME_NAMES = [
  "D", "Trace", "InputError", "RefusalError", "roundMoney", "formatMoney", "formatRate", "pos", "minOf", "maxOf",
  "clampRate", "marginal", "marginalOver", "tier", "makeInputParser", "pickVersion", "checkValidity",
  "requireDate", "ZERO", "addMonths", "firstOfNextMonth", "monthsBetween", "marginalInverse", "endOfMonth", "addDays",
  "runCase", "runSequence", "consume", "divide",
];
