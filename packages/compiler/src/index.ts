export * from "./api.js";
export { loadPolicy, compileAnalysis, findCalculator, emitPolicy, fileHost, type Target, type EmittedFiles } from "./load.js";
export { lower } from "./lower.js";
export { emit, emitDeclarations, type EmitOptions } from "./emit.js";
export type * from "./ir.js";
export { describePolicy, describeAnalysis, type PolicyVersion } from "./versions.js";
