// Streams, exit codes, and the file operations every command shares.
// Commands are functions `(args, io, deps) => Promise<ExitCode>`: they never touch
// `process` directly, so tests run them in-process with their own streams.
import { isUtf8 } from "node:buffer";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { CliErrorCode } from "./codes.js";

export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  /** Directory that relative paths are resolved against (default: `process.cwd()`). */
  cwd?: string;
}

/** 0 success · 1 the policy / an example / a batch case failed · 2 usage, I/O or input error. */
export type ExitCode = 0 | 1 | 2;

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/**
 * A failure that ends the command with a one-line Chinese message on stderr. `code` is
 * stable (codes.ts, or an input error's R-code); the second argument is either the exit
 * code or `{ code, exitCode }`.
 */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  readonly code: string;
  constructor(message: string, how: ExitCode | { code?: CliErrorCode | (string & {}); exitCode?: ExitCode } = EXIT_USAGE) {
    super(message);
    this.name = "CliError";
    const options = typeof how === "number" ? { exitCode: how } : how;
    this.exitCode = options.exitCode ?? EXIT_USAGE;
    this.code = options.code ?? "C000";
  }
}

/** The single stderr line of an error: `错误[C010]：…`, never a stack trace, never several lines. */
export function errorLine(message: string, code = "C000"): string {
  return `错误[${code}]：${oneLine(message).replace(/^错误(\[[A-Z]\d+\])?[：:]\s*/, "")}\n`;
}

/** What an operating-system error means for the user, in Chinese (for reading and writing files). */
export function ioErrorText(e: unknown): { text: string; code: CliErrorCode } {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case "ENOSPC":
    case "EDQUOT":
      return { text: "磁盘空间不足", code: "C051" };
    case "EACCES":
    case "EPERM":
      return { text: "没有权限", code: "C050" };
    case "EROFS":
      return { text: "文件系统是只读的", code: "C050" };
    case "EISDIR":
      return { text: "这是一个目录", code: "C050" };
    case "ENOTDIR":
    case "ENOENT":
    case "EEXIST": // mkdir of a directory where a file is
      return { text: "路径中的目录不存在或不是目录", code: "C050" };
    default:
      return { text: oneLine(err?.message ?? String(e)), code: "C050" };
  }
}

export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

export function cwdOf(io: Io): string {
  return io.cwd ?? process.cwd();
}

export function resolvePath(io: Io, path: string): string {
  return resolve(cwdOf(io), path);
}

/** How a path is shown to the user: relative to the working directory when inside it. */
export function displayPath(io: Io, pathOrUri: string): string {
  const abs = pathOrUri.startsWith("file:") ? fileURLToPath(pathOrUri) : resolvePath(io, pathOrUri);
  const rel = relative(cwdOf(io), abs);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? abs : rel;
}

/** Write, honouring back-pressure (resolves once the stream can take more). */
export function write(stream: NodeJS.WritableStream, text: string | Uint8Array): Promise<void> | void {
  if (stream.write(text)) return;
  return new Promise((done, fail) => {
    const cleanup = () => {
      stream.off("drain", onDrain);
      stream.off("error", onError);
    };
    const onDrain = () => (cleanup(), done());
    const onError = (e: Error) => (cleanup(), fail(e));
    stream.on("drain", onDrain);
    stream.on("error", onError);
  });
}

export async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Throws a CliError (exit 2) naming the file when it is missing, a directory or unreadable. */
export async function requireFile(io: Io, path: string, what: string): Promise<string> {
  const abs = resolvePath(io, path);
  const info = await stat(abs).catch((e: NodeJS.ErrnoException) => e);
  if (info instanceof Error) {
    if (info.code === "ENOENT" || info.code === "ENOTDIR") throw new CliError(`找不到${what}「${path}」`, { code: "C010" });
    throw new CliError(`无法读取${what}「${path}」：${ioErrorText(info).text}`, { code: "C012" });
  }
  if (info.isDirectory()) throw new CliError(`${what}「${path}」是一个目录，应为文件`, { code: "C011" });
  return abs;
}

/** Above this, a file is not one case: `calc` refuses it and points to `batch`. */
export const MAX_TEXT_BYTES = 64 * 1024 * 1024;

/** A whole UTF-8 text file (or stdin for `-`), BOM dropped; invalid UTF-8 is refused naming its line. */
export async function readText(io: Io, path: string, what: string): Promise<string> {
  let bytes: Buffer;
  if (path === "-") bytes = await readStreamBytes(io.stdin, what);
  else {
    const abs = await requireFile(io, path, what);
    const size = (await stat(abs)).size;
    if (size > MAX_TEXT_BYTES) throw tooLarge(what, size);
    try {
      bytes = await readFile(abs);
    } catch (e) {
      throw new CliError(`无法读取${what}「${path}」：${ioErrorText(e).text}`, { code: "C012" });
    }
  }
  return decodeUtf8(bytes, what);
}

function tooLarge(what: string, size: number): CliError {
  const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
  return new CliError(
    `${what}超过 ${mb(MAX_TEXT_BYTES)}（${size > MAX_TEXT_BYTES ? mb(size) : "标准输入"}），不是一个案例；大量案例请用 zhengce batch（JSON Lines 或 CSV，每行一个案例）`,
    { code: "C013" },
  );
}

async function readStreamBytes(stream: NodeJS.ReadableStream, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    if (size > MAX_TEXT_BYTES) throw tooLarge(what, 0);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/** UTF-8 bytes → text without a BOM; invalid bytes are an error naming the first line that has them. */
export function decodeUtf8(bytes: Buffer, what: string): string {
  if (!isUtf8(bytes)) {
    let line = 1;
    let start = 0;
    for (;;) {
      const end = lineEnd(bytes, start);
      if (!isUtf8(bytes.subarray(start, end)) || end === bytes.length) break;
      line++;
      start = end + (bytes[end] === 13 && bytes[end + 1] === 10 ? 2 : 1);
    }
    throw new CliError(`${what}第 ${line} 行不是合法的 UTF-8 文本（请以 UTF-8 编码保存）`, { code: "C014" });
  }
  return stripBom(bytes.toString("utf8"));
}

/** Where the line starting at `start` ends: the index of its LF or CR (CRLF, LF and a lone CR all end a line), or the length. */
export function lineEnd(bytes: Uint8Array, start: number): number {
  for (let i = start; i < bytes.length; i++) if (bytes[i] === 10 || bytes[i] === 13) return i;
  return bytes.length;
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A temporary file beside `target`, named after it and this process (so a later run can tell it is stale). */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

/** Write a whole file atomically: a temporary file beside it, then rename. */
export async function writeFileAtomic(target: string, content: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const temp = tempPathFor(target);
  try {
    await writeFile(temp, content, "utf8");
    await rename(temp, target);
  } catch (e) {
    await unlink(temp).catch(() => {});
    throw e;
  }
}

/** Run a command body: a CliError becomes its `错误：…` line and exit code; anything else is an internal error (exit 2), never a stack trace. */
export async function guard(io: Io, body: () => Promise<ExitCode>): Promise<ExitCode> {
  try {
    return await body();
  } catch (e) {
    // The reader went away (`… | head`): nothing to say, and no one to say it to.
    if ((e as NodeJS.ErrnoException)?.code === "EPIPE") return EXIT_USAGE;
    if (e instanceof CliError) {
      io.stderr.write(errorLine(e.message, e.code));
      return e.exitCode;
    }
    io.stderr.write(errorLine(`内部错误：${e instanceof Error ? e.message : String(e)}`, "C099"));
    return EXIT_USAGE;
  }
}

/**
 * The real process's streams. A reader that closes the pipe early (`zhengce batch … | head`)
 * is not an error of ours: EPIPE on stdout ends output quietly instead of crashing.
 */
export function processIo(): Io {
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") process.stderr.write(errorLine(`无法写标准输出：${ioErrorText(e).text}`, ioErrorText(e).code));
    process.exitCode ||= EXIT_USAGE;
  });
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    // Lazy: touching process.stdin opens it, which only calc/batch with `-` need.
    get stdin() {
      return process.stdin;
    },
  };
}
