export * from "./api.js";
export { loadPolicy, compileAnalysis, findCalculator, emitPolicy, fileHost, type Target, type EmittedFiles } from "./load.js";
export { lower } from "./lower.js";
export { emit, type EmitOptions } from "./emit.js";
export type * from "./ir.js";
export { describePolicy, type PolicyVersion } from "./versions.js";
