// What `prettier` is for the code under test (vitest.config.ts aliases it here): Prettier itself,
// except that a format of generated code — only `parser` and `printWidth` given, no plugin — is
// kept for the run in a folder every worker shares (test/setup/global.ts), keyed by Prettier's
// version, the options and the text. Several files compile the same seed policies with the same
// options (compile.test, compile/outputs, cli/demo, examples/, the hostile catalogue); formatting
// was most of their time (61 % of demo's profile, 59 % of outputs', 37 % of compile.test's).
//
// The emitted modules differ only in their first line, a comment naming the policy's path (a
// temporary folder in most tests): Prettier prints a leading line comment as it is and formats
// what follows independently of the comment's words, so that line is left out of the key and put
// back in front of the kept format. ZHENGCE_TEST_FORMAT_VERIFY=1 formats every kept text again
// and throws on any difference.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as prettier from "prettier/index.mjs";

export * from "prettier/index.mjs";

const DIR = process.env.ZHENGCE_TEST_FORMAT_DIR;

export async function format(source: string, options: prettier.Options = {}): Promise<string> {
  const plain = Object.keys(options).every((k) => k === "parser" || k === "printWidth");
  if (!DIR || !plain) return prettier.format(source, options);
  // A leading `// …` line (not a Prettier pragma), left out of the key.
  const head = /^\/\/(?![^\n]*@(?:format|prettier|noformat))[^\n]*\n/.exec(source)?.[0] ?? "";
  const key = createHash("sha256").update(JSON.stringify([prettier.version, options.parser, options.printWidth, source.slice(head.length)])).digest("hex");
  const file = join(DIR, `${key}.txt`);
  if (process.env.ZHENGCE_TEST_FORMAT_LOG) writeFileSync(process.env.ZHENGCE_TEST_FORMAT_LOG, `${key} ${source.length}\n`, { flag: "a" });
  let rest: string | undefined;
  try {
    rest = readFileSync(file, "utf8");
  } catch {
    // not formatted yet in this run
  }
  if (rest !== undefined) {
    const kept = head + rest;
    if (process.env.ZHENGCE_TEST_FORMAT_VERIFY && kept !== (await prettier.format(source, options))) throw new Error(`test/setup/prettier.ts: the kept format of ${key} differs`);
    return kept;
  }
  const out = await prettier.format(source, options);
  // Kept only when Prettier printed the leading line as it was.
  if (out.startsWith(head)) {
    mkdirSync(DIR, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, out.slice(head.length));
    renameSync(temp, file);
  }
  return out;
}
