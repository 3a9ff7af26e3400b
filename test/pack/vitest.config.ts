// `pnpm test:pack`: the pack-and-install test alone (it needs the npm registry).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { include: ["test/pack/**/*.test.ts"], testTimeout: 15 * 60_000, hookTimeout: 15 * 60_000, root: new URL("../../", import.meta.url).pathname },
});
