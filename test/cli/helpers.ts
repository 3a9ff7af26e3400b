// Shared test kit for the CLI: in-memory streams, the fake compiler, and a JavaScript
// copy of the CLI sources for the tests that need real worker threads or a real process.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import type { Io } from "../../packages/compiler/src/cli/io.js";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));
export const fixture = (name: string) => join(FIXTURES, name);
export const deps = { compilerModule: fixture("fake-compiler.mjs") };

class Collector extends Writable {
  text = "";
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

export interface MemoryIo extends Io {
  readonly out: string;
  readonly err: string;
}

export function memoryIo(options: { stdin?: string | Buffer; tty?: boolean; cwd?: string } = {}): MemoryIo {
  const stdout = new Collector();
  const stderr = Object.assign(new Collector(), { isTTY: options.tty ?? false });
  return {
    stdout,
    stderr,
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    cwd: options.cwd ?? FIXTURES,
    get out() {
      return stdout.text;
    },
    get err() {
      return stderr.text;
    },
  };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "zhengce-cli-"));
}

export function writeTemp(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/**
 * The CLI sources transpiled to JavaScript (type-only, no checking) under
 * packages/compiler/.cache/, so worker threads and child processes can run them without
 * depending on the whole compiler package building. Bare imports (@zhengce/runtime)
 * resolve from there through packages/compiler/node_modules.
 */
export function transpileCli(): { dir: string; cleanup(): void } {
  const cache = join(ROOT, "packages/compiler/.cache");
  mkdirSync(cache, { recursive: true });
  const base = mkdtempSync(join(cache, "cli-test-"));
  const dir = join(base, "cli");
  mkdirSync(dir);
  const src = join(ROOT, "packages/compiler/src/cli");
  for (const name of readdirSync(src)) {
    if (!name.endsWith(".ts") || name.endsWith(".test.ts")) continue;
    const { outputText } = ts.transpileModule(readFileSync(join(src, name), "utf8"), {
      fileName: name,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    writeFileSync(join(dir, name.replace(/\.ts$/, ".js")), outputText);
  }
  // cli.ts reads ../../package.json for --version.
  writeFileSync(join(base, "..", "package.json"), JSON.stringify({ type: "module", version: "0.0.0-test" }));
  return { dir, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}
