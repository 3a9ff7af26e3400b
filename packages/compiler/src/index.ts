export * from "./api.js";
export { loadPolicy, compileAnalysis, findCalculator, emitPolicy, baseIR, fileHost, type Target, type EmittedFiles } from "./load.js";
export { lower } from "./lower.js";
export { emit, emitDeclarations, type EmitOptions } from "./emit.js";
export type * from "./ir.js";
export { describePolicy, describeAnalysis, type PolicyVersion } from "./versions.js";
// The reports that need no disk, for a page that compares a policy with its base (the playground's
// worker): diff, a seeded sample, impact, and their JSON and charts as the CLI writes them.
export type { PolicyView } from "./report/view.js";
export { diffPolicies, type PolicyDiff } from "./report/diff.js";
export { diffJson, summaryLine, type DiffJson } from "./report/diff-render.js";
export { sampler, SampleError, type Sampler } from "./report/sample.js";
export { comparedOutputs, ImpactAccumulator, type ImpactResult } from "./report/impact.js";
export { differencesSvg, impactJson, totalsSvg, type ImpactContext, type ImpactJson } from "./report/impact-render.js";
