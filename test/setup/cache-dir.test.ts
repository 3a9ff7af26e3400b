// test/setup/global.ts points the CLI's compile cache at a temporary folder for the whole run.
import { tmpdir } from "node:os";
import { expect, it } from "vitest";
import { cacheDirectory } from "../../packages/compiler/src/cli/cache.js";

it("the tests' compile cache is a temporary folder, never ~/.cache/zhengce", () => {
  expect(cacheDirectory()).toContain(`${tmpdir()}/zhengce-test-cache-`);
});
