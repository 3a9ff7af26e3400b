// The language's tables: one definition per concept, read by every tool.
export * from "./builtins.js";
export * from "./keywords.js";
export * from "./modifiers.js";
export * from "./symbols.js";
export * from "./text.js";
export * from "./units.js";
export * from "./dates.js";
export * from "./scripts.js";
