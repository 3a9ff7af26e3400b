// The report commands run in-process on the real policies.
import { join } from "node:path";
import { runCli } from "../../packages/compiler/src/cli/cli.js";
import { memoryIo, ROOT, tempDir, writeTemp } from "../cli/helpers.js";

export { ROOT, tempDir, writeTemp };
export const policy = (path: string) => join(ROOT, "policies", path);

export async function zhengce(args: string[], options: { stdin?: string } = {}) {
  const io = memoryIo({ cwd: ROOT, stdin: options.stdin });
  const code = await runCli(args, io);
  return { code, out: io.out, err: io.err };
}
