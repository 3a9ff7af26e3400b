// Run once by vitest before any test file (vitest.config.ts `globalSetup`): the compile cache of
// every CLI the tests start (in process, in a worker, as a child process) lives in a temporary
// folder removed at the end, never in the user's ~/.cache/zhengce; so do the formats of generated
// code the workers share (test/setup/prettier.ts). Set here, before vitest starts its workers, so
// that each inherits them; a test that needs its own cache sets its own.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const MARK = "zhengce-test-cache-";

export default function setup(): () => void {
  // Each project of vitest.config.ts runs its global set-up: the first one makes the folders.
  if (process.env.ZHENGCE_CACHE_DIR?.includes(MARK)) return () => undefined;
  const dir = mkdtempSync(join(tmpdir(), MARK));
  const formats = mkdtempSync(join(tmpdir(), "zhengce-test-formats-"));
  process.env.ZHENGCE_CACHE_DIR = dir;
  process.env.ZHENGCE_TEST_FORMAT_DIR = formats;
  return () => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(formats, { recursive: true, force: true });
  };
}
