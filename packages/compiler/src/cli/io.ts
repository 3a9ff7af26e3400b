// Streams, exit codes, and the file operations every command shares.
// Commands are functions `(args, io, deps) => Promise<ExitCode>`: they never touch
// `process` directly, so tests run them in-process with their own streams.
import { randomBytes } from "node:crypto";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

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

/** A failure that ends the command with a one-line Chinese message on stderr. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT_USAGE,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** The single stderr line of an error: `错误：…`, never a stack trace, never several lines. */
export function errorLine(message: string): string {
  return `错误：${oneLine(message).replace(/^错误[：:]\s*/, "")}\n`;
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
export function write(stream: NodeJS.WritableStream, text: string): Promise<void> | void {
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

/** Throws a CliError (exit 2) naming the file when it is missing or unreadable. */
export async function requireFile(io: Io, path: string, what: string): Promise<string> {
  const abs = resolvePath(io, path);
  if (!(await isFile(abs))) throw new CliError(`找不到${what}「${path}」`);
  return abs;
}

export async function readText(io: Io, path: string, what: string): Promise<string> {
  if (path === "-") return readStream(io.stdin);
  const abs = await requireFile(io, path, what);
  try {
    return stripBom(await readFile(abs, "utf8"));
  } catch (e) {
    throw new CliError(`无法读取${what}「${path}」：${(e as Error).message}`);
  }
}

export async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return stripBom(Buffer.concat(chunks).toString("utf8"));
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function tempPathFor(target: string): string {
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

/** Where a streaming command writes: stdout, or a file that appears only when complete. */
export interface Sink {
  write(text: string): Promise<void> | void;
  /** Make the output final (rename the temporary file into place). */
  commit(): Promise<void>;
  /** Throw the partial output away. */
  abort(): Promise<void>;
}

export function stdoutSink(io: Io): Sink {
  return { write: (text) => write(io.stdout, text), commit: async () => {}, abort: async () => {} };
}

export async function atomicFileSink(target: string): Promise<Sink> {
  await mkdir(dirname(target), { recursive: true });
  const temp = tempPathFor(target);
  const stream: WriteStream = createWriteStream(temp, { encoding: "utf8" });
  let failure: Error | undefined;
  stream.on("error", (e) => (failure ??= e));
  await new Promise<void>((done, fail) => {
    stream.once("open", () => done());
    stream.once("error", fail);
  });
  const closed = () =>
    new Promise<void>((done) => {
      if (stream.closed) return done();
      stream.once("close", () => done());
    });
  return {
    write(text) {
      if (failure) throw failure;
      return write(stream, text);
    },
    async commit() {
      stream.end();
      await closed();
      if (failure) {
        await unlink(temp).catch(() => {});
        throw failure;
      }
      await rename(temp, target);
    },
    async abort() {
      stream.destroy();
      await closed();
      await unlink(temp).catch(() => {});
    },
  };
}

/** Run a command body: a CliError becomes its `错误：…` line and exit code; anything else is an internal error (exit 2), never a stack trace. */
export async function guard(io: Io, body: () => Promise<ExitCode>): Promise<ExitCode> {
  try {
    return await body();
  } catch (e) {
    // The reader went away (`… | head`): nothing to say, and no one to say it to.
    if ((e as NodeJS.ErrnoException)?.code === "EPIPE") return EXIT_USAGE;
    if (e instanceof CliError) {
      io.stderr.write(errorLine(e.message));
      return e.exitCode;
    }
    io.stderr.write(errorLine(`内部错误：${e instanceof Error ? e.message : String(e)}`));
    return EXIT_USAGE;
  }
}

/**
 * The real process's streams. A reader that closes the pipe early (`zhengce batch … | head`)
 * is not an error of ours: EPIPE on stdout ends output quietly instead of crashing.
 */
export function processIo(): Io {
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") process.stderr.write(errorLine(`无法写标准输出：${e.message}`));
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
