// Pieces written by other packages that the server uses when they are there: the compiler's
// compileAnalysis() (to run a policy's worked examples) and the Prettier plugin's formatPolicy().
// Both are imported dynamically; while one is missing its feature is skipped, never an error.
import type { Analysis, SourceFile } from "@zhengce/dsl";

import type { ExampleOutcome } from "@zhengce/compiler";
export type { ExampleOutcome };

export interface CompilerApi {
  compileAnalysis(analysis: Analysis): { runExamples(): ExampleOutcome[] | Promise<ExampleOutcome[]> } | Promise<{ runExamples(): ExampleOutcome[] | Promise<ExampleOutcome[]> }>;
}

export interface FormatterApi {
  formatPolicy(text: string): Promise<string> | string;
  /** The same from a text already parsed (the analysis's), when the formatter offers it. */
  formatParsed?(parsed: SourceFile): string;
}

/** Import the first of `specifiers` that loads and exports `member` as a function. */
async function importFirst<T>(specifiers: string[], member: string): Promise<T | undefined> {
  for (const spec of specifiers) {
    try {
      const mod = (await import(spec)) as Record<string, unknown>;
      if (typeof mod[member] === "function") return mod as T;
      const def = mod.default as Record<string, unknown> | undefined;
      if (def && typeof def[member] === "function") return def as T;
    } catch {
      // not built or not installed: try the next place
    }
  }
  return undefined;
}

/** @zhengce/compiler by name, else the built sibling package of this workspace. */
export function loadCompiler(): Promise<CompilerApi | undefined> {
  return importFirst<CompilerApi>(
    ["@zhengce/compiler", new URL("../../compiler/dist/index.js", import.meta.url).href],
    "compileAnalysis",
  );
}

/** prettier-plugin-zhengce by name, else the built sibling package of this workspace. */
export function loadFormatter(): Promise<FormatterApi | undefined> {
  return importFirst<FormatterApi>(
    [
      "prettier-plugin-zhengce",
      new URL("../../prettier-plugin/dist/index.js", import.meta.url).href,
      // Under vitest the sources load directly.
      ...(process.env.VITEST ? [new URL("../../prettier-plugin/src/index.ts", import.meta.url).href] : []),
    ],
    "formatPolicy",
  );
}
