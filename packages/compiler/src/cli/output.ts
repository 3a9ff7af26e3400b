// Output that is never half-written. A file output is written to a temporary file beside
// it (`.<name>.<pid>.<random>.tmp`) and renamed into place when complete; on an error it is
// removed. A batch interrupted by SIGINT/SIGTERM keeps its complete lines as `<name>.partial`,
// from which `--resume` continues. A temporary file left by a process that was killed
// outright (SIGKILL, power loss) is removed by the next run that writes the same output.
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { copyFile, mkdir, readdir, rename, stat, truncate, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { CliError, ioErrorText, tempPathFor, write, type Io } from "./io.js";

/** Remove temporary files of `target` whose process is gone. */
async function sweepStale(target: string): Promise<void> {
  const prefix = `.${basename(target)}.`;
  let names: string[];
  try {
    names = await readdir(dirname(target));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(".tmp")) continue;
    const pid = Number(/^(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name.slice(prefix.length))?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || alive(pid)) continue;
    await unlink(join(dirname(target), name)).catch(() => {});
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Write several files so that either all of them are replaced or none: every temporary file
 * first, then the renames. A failure (a full disk, no permission) or a signal removes the
 * temporary files and leaves every target as it was.
 */
export async function writeFilesAtomic(files: readonly { path: string; content: string }[]): Promise<void> {
  const temps: string[] = [];
  const cleanup = () => Promise.all(temps.map((t) => unlink(t).catch(() => {})));
  const onSignal = (signal: NodeJS.Signals) => {
    void cleanup().then(() => process.kill(process.pid, signal));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    for (const f of files) {
      await mkdir(dirname(f.path), { recursive: true });
      const temp = tempPathFor(f.path);
      temps.push(temp);
      await writeFile(temp, f.content, "utf8");
    }
    for (let i = 0; i < files.length; i++) await rename(temps[i], files[i].path);
  } catch (e) {
    await cleanup();
    throw e;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

/** Where a streaming command writes: stdout, or a file that appears only when complete. */
export interface Sink {
  write(text: string | Uint8Array): Promise<void> | void;
  /** Make the output final (rename the temporary file into place). */
  commit(): Promise<void>;
  /** Throw the partial output away. */
  abort(): Promise<void>;
  /** Keep what was written as `<target>.partial`, for `--resume`; returns its path (undefined for stdout). */
  keep(): Promise<string | undefined>;
}

export function stdoutSink(io: Io): Sink {
  return { write: (text) => write(io.stdout, text), commit: async () => {}, abort: async () => {}, keep: async () => undefined };
}

export const partialPath = (target: string) => `${target}.partial`;

/** The complete lines of an interrupted run's output: how many, and where they end. */
export async function readPartial(target: string): Promise<{ path: string; lines: number; bytes: number } | undefined> {
  const path = partialPath(target);
  if (!(await stat(path).catch(() => undefined))?.isFile()) return undefined;
  let lines = 0;
  let bytes = 0;
  let offset = 0;
  for await (const chunk of createReadStream(path)) {
    const buf = chunk as Buffer;
    for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) {
      lines++;
      bytes = offset + i + 1;
    }
    offset += buf.length;
  }
  return { path, lines, bytes };
}

/** An output file's write error as the user's message: which file, why, and that nothing was left. */
export function writeError(shown: string, e: unknown): CliError {
  const why = ioErrorText(e);
  return new CliError(`无法写入输出文件「${shown}」：${why.text}；未留下写了一半的文件`, { code: why.code });
}

/**
 * A file sink. With `resume` (a partial output of `target`), the new output starts with its
 * complete lines. Errors opening or writing it are CliErrors naming `shown`.
 */
export async function atomicFileSink(target: string, shown: string, resume?: { path: string; bytes: number }): Promise<Sink> {
  const temp = tempPathFor(target);
  let stream: WriteStream;
  try {
    await mkdir(dirname(target), { recursive: true });
    await sweepStale(target);
    if (resume) {
      await copyFile(resume.path, temp);
      await truncate(temp, resume.bytes);
    }
    stream = createWriteStream(temp, { encoding: "utf8", flags: resume ? "a" : "w" });
    await new Promise<void>((done, fail) => {
      stream.once("open", () => done());
      stream.once("error", fail);
    });
  } catch (e) {
    await unlink(temp).catch(() => {});
    throw writeError(shown, e);
  }
  let failure: unknown;
  stream.on("error", (e) => (failure ??= e));
  const closed = () =>
    new Promise<void>((done) => {
      if (stream.closed) return done();
      stream.once("close", () => done());
    });
  const fail = async (e: unknown): Promise<never> => {
    stream.destroy();
    await closed();
    await unlink(temp).catch(() => {});
    throw writeError(shown, e);
  };
  return {
    async write(text) {
      if (failure) return fail(failure);
      try {
        await write(stream, text);
      } catch (e) {
        await fail(e);
      }
    },
    async commit() {
      stream.end();
      await closed();
      if (failure) await fail(failure);
      try {
        await rename(temp, target);
      } catch (e) {
        await fail(e);
      }
      await unlink(partialPath(target)).catch(() => {});
    },
    async abort() {
      stream.destroy();
      await closed();
      await unlink(temp).catch(() => {});
    },
    async keep() {
      stream.end();
      await closed();
      if (failure) await fail(failure);
      await rename(temp, partialPath(target));
      return partialPath(target);
    },
  };
}
