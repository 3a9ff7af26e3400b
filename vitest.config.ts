import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const pkg = (name: string) => fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url));

const INCLUDE = ["packages/*/src/**/*.test.ts", "test/**/*.test.ts"];
// Needs the npm registry: `pnpm test:pack`, run by CI after `pnpm test`.
const EXCLUDE = ["test/pack/**", "**/node_modules/**"];
/** Files that change a module for their own run (vi.mock of node:fs): each runs in a fresh module graph. */
const ISOLATED = ["test/cli/failure.test.ts"];

const common = {
  resolve: {
    // Tests run on the TypeScript sources; the built dist/ is only for the CLI.
    alias: [
      ...Object.entries({
        // Before the package's own entry, which would otherwise take this subpath as a prefix.
        "@zhengce/runtime/fold-names": fileURLToPath(new URL("./packages/runtime/src/fold-names.ts", import.meta.url)),
        "@zhengce/runtime/fold": fileURLToPath(new URL("./packages/runtime/src/fold.ts", import.meta.url)),
        "@zhengce/runtime": pkg("runtime"),
        "@zhengce/dsl/bundled-chevrotain": fileURLToPath(new URL("./packages/dsl/src/node/bundled-chevrotain.ts", import.meta.url)),
        "@zhengce/dsl": pkg("dsl"),
        "@zhengce/compiler": pkg("compiler"),
      }).map(([find, replacement]) => ({ find, replacement })),
      // Prettier with the formats of generated code kept for the run (test/setup/prettier.ts).
      { find: /^prettier$/, replacement: fileURLToPath(new URL("./test/setup/prettier.ts", import.meta.url)) },
    ],
  },
};

const test = {
  // ZHENGCE_CACHE_DIR in a temporary folder: no test writes into ~/.cache/zhengce.
  globalSetup: ["test/setup/global.ts"],
  // No verdict may depend on timing on a shared machine: the timeout only catches a hang.
  testTimeout: 15 * 60_000,
  hookTimeout: 15 * 60_000,
};

export default defineConfig({
  ...common,
  test: {
    ...test,
    // Two workers on this 2-core machine (vitest's default is cores − 1, one worker, every file
    // in turn): while one waits on a child process, a browser or the disk, the other computes.
    maxWorkers: 2,
    projects: [
      // The files share one module graph per worker (isolate: false): the dsl, the compiler and
      // the Chevrotain grammar load once per worker instead of once per file, which took 146 s
      // of 380 s ("import") on 13 files of this suite under load, 30 s without isolation.
      // `pnpm fuzz` (ZHENGCE_FUZZ=long) isolates: what one long file leaves in memory goes with it.
      { ...common, test: { ...test, name: "shared", include: INCLUDE, exclude: [...EXCLUDE, ...ISOLATED], isolate: process.env.ZHENGCE_FUZZ === "long" } },
      { ...common, test: { ...test, name: "isolated", include: ISOLATED, exclude: EXCLUDE } },
    ],
  },
});
