export * from "./decimal.js";
export * from "./money.js";
export * from "./bracket.js";
export * from "./trace.js";
export * from "./errors.js";
export * from "./fold.js";
export * from "./input.js";
export * from "./sequence.js";
