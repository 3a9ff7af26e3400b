import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const pkg = (name: string) => fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run on the TypeScript sources; the built dist/ is only for the CLI.
    alias: {
      "@zhengce/runtime": pkg("runtime"),
      "@zhengce/dsl": pkg("dsl"),
      "@zhengce/compiler": pkg("compiler"),
    },
  },
  test: {
    include: ["packages/*/src/**/*.test.ts", "test/**/*.test.ts"],
    // Needs the npm registry: `pnpm test:pack`, run by CI after `pnpm test`.
    exclude: ["test/pack/**", "**/node_modules/**"],
    // ZHENGCE_CACHE_DIR in a temporary folder: no test writes into ~/.cache/zhengce.
    globalSetup: ["test/setup/global.ts"],
    // No verdict may depend on timing on a shared machine: the timeout only catches a hang.
    testTimeout: 15 * 60_000,
    hookTimeout: 15 * 60_000,
  },
});
