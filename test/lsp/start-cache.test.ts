// The front of a server process (packages/lsp/src/front.ts) and the cache of what the server
// published for a file just opened (diagnostics-cache.ts, in the command line's cache store):
// started again, the server publishes the kept diagnostics of an unchanged text before it has
// loaded, then its own; and never once a file the check read has changed — the `基于` base, the
// notice the file cites. The built binary, spawned as an editor starts it. And the code cache of
// the server's single-file build (code-cache.ts), each run in a process of its own.
import { afterAll, beforeAll, expect, test } from "vitest";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Diagnostic } from "vscode-languageserver-protocol/node.js";
import { ROOT, TestClient, uriOf } from "./harness.js";

// The bin as an editor starts it (package.json `bin`).
const MAIN = `${ROOT}packages/lsp/dist/server/bin.cjs`;
let dir: string;
let cache: string;

beforeAll(() => {
  try {
    // TypeScript's own bin: through npx, the same up-to-date check cost 1.3 s CPU instead of 0.5 s.
    execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-b", "packages/lsp", "packages/compiler"], { cwd: ROOT, stdio: "pipe" });
  } catch (e) {
    if (!existsSync(MAIN)) throw e;
  }
  dir = mkdtempSync(join(tmpdir(), "zhengce-lsp-cache-"));
  cache = join(dir, "cache");
  // The amendment of the fixtures, citing a notice as well.
  cpSync(join(ROOT, "test/lsp/fixtures/base.policy"), join(dir, "base.policy"));
  const amend = readFileSync(join(ROOT, "test/lsp/fixtures/amend.policy"), "utf8");
  writeFileSync(join(dir, "amend.policy"), amend.replace("  基于 「./base.policy」\n", "  基于 「./base.policy」\n  原文 「notice.txt」\n"));
  writeFileSync(join(dir, "notice.txt"), "测试市医疗保障局关于调整住院起付标准的通知\n\n一、起付标准各下调100元。\n");
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/**
 * The built server with its cache in `cache`. The variable is set only while the child is made
 * (spawn copies the environment): test files share worker processes, and the suite's own cache
 * directory must stay what test/setup/global.ts made it.
 */
function spawnServer(args = ["--stdio"]): Promise<TestClient> {
  const suite = process.env.ZHENGCE_CACHE_DIR;
  process.env.ZHENGCE_CACHE_DIR = cache;
  try {
    return TestClient.spawn(MAIN, uriOf(`${dir}/`), args);
  } finally {
    if (suite === undefined) delete process.env.ZHENGCE_CACHE_DIR;
    else process.env.ZHENGCE_CACHE_DIR = suite;
  }
}

/** A diagnostic no check makes: put into the kept entries, it shows a publication came from the cache. */
const MARK: Diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: 4, source: "zhengce", message: "（测试：来自缓存）" };
const marked = (d: Diagnostic[]) => d.some((x) => x.message === MARK.message);

const entries = () => (existsSync(cache) ? readdirSync(cache).filter((n) => n.endsWith(".json")) : []);

/** Mark every kept entry. */
function markEntries() {
  for (const name of entries()) {
    const entry = JSON.parse(readFileSync(join(cache, name), "utf8")) as { value: Diagnostic[] };
    entry.value.push(MARK);
    writeFileSync(join(cache, name), JSON.stringify(entry));
  }
}

/** A server started afresh opens amend.policy: its first publication, and the server's own after it. */
async function open(): Promise<{ first: Diagnostic[]; own: Diagnostic[] }> {
  const before = new Map(entries().map((n) => [n, readFileSync(join(cache, n), "utf8")]));
  const client = await spawnServer();
  const path = join(dir, "amend.policy");
  const uri = uriOf(path);
  const first = await client.open(uri, readFileSync(path, "utf8"));
  const own = marked(first) ? await client.until(uri, (d) => !marked(d)) : first;
  // A check that was not served from the cache keeps what it published: wait for the entry.
  if (!marked(first)) {
    for (let i = 0; i < 600 && entries().every((n) => before.get(n) === readFileSync(join(cache, n), "utf8")); i++) await new Promise((r) => setTimeout(r, 50));
  }
  await client.stop();
  return { first, own };
}

test("the diagnostics of an unchanged file come from the cache first; a changed base or notice is not served", async () => {
  // Empty cache: the server's own diagnostics, kept after.
  const cold = await open();
  expect(marked(cold.first)).toBe(false);
  expect(entries()).toHaveLength(1);

  // Unchanged: the kept list is published first, then the server's own, the same as before.
  markEntries();
  const warm = await open();
  expect(warm.first).toEqual([...cold.own, MARK]);
  expect(warm.own).toEqual(cold.own);

  // The base changed (a comment added): not served, checked and kept again.
  writeFileSync(join(dir, "base.policy"), `${readFileSync(join(dir, "base.policy"), "utf8")}\n# 改动\n`);
  const baseChanged = await open();
  expect(marked(baseChanged.first)).toBe(false);
  expect(baseChanged.own).toEqual(cold.own);

  markEntries();
  expect(marked((await open()).first)).toBe(true);

  // The cited notice changed: not served either.
  writeFileSync(join(dir, "notice.txt"), `${readFileSync(join(dir, "notice.txt"), "utf8")}\n`);
  const noticeChanged = await open();
  expect(marked(noticeChanged.first)).toBe(false);
  expect(noticeChanged.own).toEqual(cold.own);
});

test("a document closed as it is on disk is kept too: edited, saved and closed, it opens from the cache", async () => {
  const path = join(dir, "amend.policy");
  const uri = uriOf(path);
  const edited = `${readFileSync(path, "utf8")}\n# 保存过的改动\n`;
  // A cache of its own: one entry for the text opened, a second for the text closed.
  cache = join(dir, "cache-closed");
  const client = await spawnServer();
  await client.open(uri, readFileSync(path, "utf8"));
  const diagnostics = await client.change(uri, edited);
  writeFileSync(path, edited);
  await client.close(uri);
  for (let i = 0; i < 600 && entries().length < 2; i++) await new Promise((r) => setTimeout(r, 50));
  await client.stop();
  markEntries();
  const again = await open();
  expect(again.first).toEqual([...diagnostics, MARK]);
  expect(again.own).toEqual(diagnostics);
});

test("a notice the check looked for and did not find is kept as absent: created, it is not served", async () => {
  cache = join(dir, "cache-absent");
  const path = join(dir, "amend.policy");
  writeFileSync(path, readFileSync(path, "utf8").replace("原文 「notice.txt」", "原文 「later.txt」"));
  const cold = await open();
  expect(cold.own.map((d) => d.code)).toContain("W200");
  markEntries();
  expect(marked((await open()).first)).toBe(true);
  writeFileSync(join(dir, "later.txt"), readFileSync(join(dir, "notice.txt"), "utf8"));
  const created = await open();
  expect(marked(created.first)).toBe(false);
  expect(created.own.map((d) => d.code)).not.toContain("W200");
});

test("with --no-cache the server writes nothing in the cache directory", async () => {
  cache = join(dir, "cache-none");
  const client = await spawnServer(["--stdio", "--no-cache"]);
  const path = join(dir, "base.policy");
  await client.open(uriOf(path), readFileSync(path, "utf8"));
  // What a server with a cache writes once it has published (its diagnostics, its compiled code), had it been allowed to.
  await new Promise((r) => setTimeout(r, 1000));
  await client.stop();
  expect(existsSync(cache)).toBe(false);
});

test("the code cache is used by the next process, and never for a file of another content, even of the same length", () => {
  const code = join(dir, "code");
  mkdirSync(code);
  const file = join(code, "bundle.cjs");
  const entries = join(code, "cache");
  /** requireCodeCached(file) in a process of its own, then save(): was the entry used, and what does the module say. */
  const run = (cacheDir: string) =>
    JSON.parse(
      execFileSync(
        process.execPath,
        [
          "--input-type=module",
          "-e",
          `import { requireCodeCached } from ${JSON.stringify(`${ROOT}packages/lsp/dist/code-cache.js`)};
           const m = requireCodeCached(${JSON.stringify(file)}, ${JSON.stringify(cacheDir)});
           m.save();
           console.log(JSON.stringify({ used: m.used, says: m.exports.says() }));`,
        ],
        { encoding: "utf8" },
      ),
    ) as { used: boolean; says: string };
  const source = (word: string) => `"use strict";\nexports.says = function () { return ${JSON.stringify(word)}; };\n`;

  writeFileSync(file, source("甲"));
  expect(run(entries)).toEqual({ used: false, says: "甲" });
  expect(readdirSync(join(entries, "v8"))).toHaveLength(1);
  expect(run(entries)).toEqual({ used: true, says: "甲" });

  // An entry beside the file (the build's, scripts/bundle.mjs) serves a cache directory that has
  // none; that start still keeps an entry of its own.
  const [made] = readdirSync(join(entries, "v8"));
  renameSync(join(entries, "v8", made), join(code, made));
  const fresh = join(code, "fresh");
  expect(run(fresh)).toEqual({ used: true, says: "甲" });
  expect(readdirSync(join(fresh, "v8"))).toEqual([made]);
  rmSync(join(code, made));
  expect(run(fresh)).toEqual({ used: true, says: "甲" });

  // V8 checks a cached script's length only: the entry is named by the content.
  writeFileSync(file, source("乙"));
  expect(run(entries)).toEqual({ used: false, says: "乙" });
  expect(run(entries)).toEqual({ used: true, says: "乙" });

  // The build's entry is named the same way: by the server file's content.
  const server = readFileSync(join(ROOT, "packages/lsp/dist/server/server.cjs"));
  const key = createHash("sha256").update(`${process.versions.v8}\0${process.arch}\0`).update(server).digest("hex").slice(0, 40);
  expect(readdirSync(join(ROOT, "packages/lsp/dist/server")).filter((n) => n.endsWith(".bin"))).toEqual([`lsp-${key}.bin`]);

  // A cache directory that cannot be made (a file stands there): the module runs all the same.
  const blocked = join(code, "blocked");
  writeFileSync(blocked, "");
  expect(run(blocked)).toEqual({ used: false, says: "乙" });
});
