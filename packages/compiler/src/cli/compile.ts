// `zhengce compile`: emit the calculator code and JSON Schema of one or more policies, each file
// written atomically. Outputs mirror the policies' directories below their common directory, so
// policies of several cities (jiangmen/base, heshan/base) never overwrite each other; a base
// compiled with its amendments also gets a version index that picks the version in force on a
// claim's 日期. `--watch` compiles again whenever a policy or one of its bases changes.
// All outputs are replaced together or not at all (output.ts).
import { createHash } from "node:crypto";
import { readFileSync, watch, type FSWatcher } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { PRINT_WIDTH, type FormatMemory } from "../format.js";
import type { IndexTarget, PolicyVersion } from "../versions.js";
import type { ArtefactStore } from "./cache.js";
import { parseCommandArgs, requirePositionals, stringOption } from "./args.js";
import { HELP } from "./help.js";
import { writeFilesAtomic } from "./output.js";
import {
  CliError,
  displayPath,
  EXIT_FAILED,
  EXIT_OK,
  guard,
  ioErrorText,
  oneLine,
  resolvePath,
  type ExitCode,
  type Io,
} from "./io.js";
import {
  countBySeverity,
  defaultDeps,
  formatDiagnostic,
  importCompiler,
  openStore,
  sortDiagnostics,
  type CompilerModule,
  type Deps,
  type EmitResult,
  type EmitTarget,
} from "./policy.js";

/** What each `--target` writes; the JSON Schema goes with every target. */
const TARGETS: Record<string, EmitTarget[]> = {
  ts: ["ts", "schema"],
  js: ["js", "dts", "schema"],
  dts: ["dts", "schema"],
  all: ["ts", "js", "dts", "schema"],
};

const INDEX_EXTENSION: Record<IndexTarget, string> = { ts: ".ts", js: ".js", dts: ".d.ts" };

interface Job {
  /** Absolute paths of the policies, sorted. */
  policies: string[];
  emits: EmitTarget[];
  outDir: string;
  /** Read the policies' headers and sources: for version indexes (two or more policies) and `--watch`. */
  describe: boolean;
  /** `--decimal`: every calculator on decimal.js. */
  decimal: boolean;
  /** `--explain-paths`: say on stderr which arithmetic each calculator got and why. */
  explainPaths: boolean;
  /** The cache of what the compiler made (absent with `--no-cache`). */
  store?: ArtefactStore;
  /** Each policy's module chunks as last formatted (`--watch` compiles again in this process). */
  formats: Map<string, Map<string, string>>;
}

export async function runCompile(args: string[], io: Io, deps: Deps = defaultDeps): Promise<ExitCode> {
  return guard(io, async () => {
    const { values, positionals, help } = parseCommandArgs("compile", args, {
      target: { type: "string" },
      "out-dir": { type: "string" },
      watch: { type: "boolean", short: "w" },
      decimal: { type: "boolean" },
      "explain-paths": { type: "boolean" },
      "no-cache": { type: "boolean" },
    });
    if (help) {
      io.stdout.write(HELP.compile);
      return EXIT_OK;
    }
    requirePositionals("compile", positionals, ["政策文件或目录"], false);
    const target = stringOption(values.target) ?? "ts";
    const emits = TARGETS[target];
    if (!emits) throw new CliError(`未知的编译目标「${target}」，可用 ts、js、dts、all`, { code: "C002" });
    const policies = await policyFiles(io, positionals);
    // Loaded on the first policy the cache does not hold.
    let loaded: Promise<CompilerModule> | undefined;
    const compiler = () =>
      (loaded ??= importCompiler(deps).then((c) => {
        if (typeof c.emitPolicy !== "function") throw new CliError("编译器没有提供 emitPolicy", { code: "C042" });
        return c;
      }));
    const outOption = stringOption(values["out-dir"]);
    const watching = values.watch === true;
    const outDir = outOption === undefined ? commonDirectory(policies) : resolvePath(io, outOption);
    const store = values["no-cache"] === true ? undefined : await openStore(deps);
    const job: Job = {
      policies,
      emits,
      outDir,
      describe: watching || policies.length > 1,
      decimal: values.decimal === true,
      explainPaths: values["explain-paths"] === true,
      ...(store && { store }),
      formats: new Map(),
    };
    if (watching) return watchCompile(io, compiler, job, positionals.map((p) => resolvePath(io, p)));
    return (await compileOnce(io, compiler, job)).code;
  });
}

/** The policy files named on the command line; a directory stands for every `.policy` below it. */
async function policyFiles(io: Io, positionals: string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const p of positionals) {
    const abs = resolvePath(io, p);
    const info = await stat(abs).catch(() => undefined);
    if (info?.isFile()) found.add(abs);
    else if (info?.isDirectory()) {
      const inside = await policiesUnder(abs);
      if (inside.length === 0) throw new CliError(`目录「${p}」中没有 .policy 文件`, { code: "C010" });
      for (const f of inside) found.add(f);
    } else throw new CliError(`找不到政策文件「${p}」`, { code: "C010" });
  }
  return [...found].sort();
}

async function policiesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await policiesUnder(path)));
    else if (entry.isFile() && entry.name.endsWith(".policy")) out.push(path);
  }
  return out;
}

/** The deepest directory holding every policy: outputs keep the paths below it. */
function commonDirectory(paths: string[]): string {
  let common = dirname(paths[0]);
  for (const p of paths) while (relative(common, p).startsWith("..")) common = dirname(common);
  return common;
}

/** Output path of a policy's file `name` (from the emitter, e.g. `base.ts`), mirroring the policy's directory. */
function outputPath(job: Job, policy: string, name: string): string {
  const root = commonDirectory(job.policies);
  return resolve(job.outDir, relative(root, dirname(policy)), name);
}

/**
 * An amendment's module imports its base's module when this run writes that module too: the
 * specifier from the amendment's output to the base's `.js` (a `.ts` importer resolves it to `.ts`).
 */
function baseSpecifier(job: Job, policy: string, basePath: string): string | undefined {
  if (!job.policies.includes(basePath) || !job.emits.some((t) => t === "ts" || t === "js")) return undefined;
  const from = dirname(outputPath(job, policy, "x"));
  const rel = relative(from, outputPath(job, basePath, basename(basePath).replace(/\.policy$/, ".js"))).split(sep).join("/");
  return rel.startsWith(".") ? rel : `./${rel}`;
}

/** Two outputs that differ only in letter case or Unicode normalisation are one file on some systems. */
const sameFileKey = (path: string) => path.normalize("NFC").toLowerCase();

interface Outcome {
  code: ExitCode;
  /** Every file the policies read (themselves and their bases), for `--watch`. */
  sources: string[];
}

/**
 * Compile every policy, then write every file — or, when a policy has errors or two outputs
 * would land on the same path, write nothing and say why.
 */
async function compileOnce(io: Io, compiler: () => Promise<CompilerModule>, job: Job): Promise<Outcome> {
  const files: { path: string; content: string; from: string }[] = [];
  const read = new Map<string, string[]>();
  let errors = 0;
  for (const policy of job.policies) {
    const shown = displayPath(io, policy);
    let result;
    try {
      result = await emitPolicy(compiler, job, policy);
      read.set(policy, result.read);
    } catch (e) {
      if (e instanceof CliError) throw e;
      throw new CliError(`编译「${shown}」失败：${oneLine(e instanceof Error ? e.message : String(e))}`);
    }
    const diagnostics = sortDiagnostics(result.diagnostics);
    for (const d of diagnostics) io.stderr.write(formatDiagnostic(io, d, shown));
    const count = countBySeverity(diagnostics).error;
    if (count > 0) io.stderr.write(`政策文件「${shown}」有 ${count} 个错误，未写出任何文件\n`);
    errors += count;
    if (job.explainPaths) for (const p of result.paths ?? []) io.stderr.write(`「${shown}」计算「${p.calculator}」：${p.why}\n`);
    for (const { name, content } of result.files) {
      const path = outputPath(job, policy, name);
      if (relative(job.outDir, path).startsWith("..")) throw new CliError(`编译器给出的文件名「${name}」不在输出目录内`, { code: "C099" });
      files.push({ path, content, from: policy });
    }
  }
  const versions = job.describe ? await describeAll(job, read) : [];
  const sources = [...new Set([...job.policies, ...versions.flatMap((v) => v.sources)])];
  if (errors > 0) return { code: EXIT_FAILED, sources };
  files.push(...(await cachedIndexFiles(job, versions)));

  const seen = new Map<string, { path: string; from: string }>();
  for (const f of files) {
    const key = sameFileKey(f.path);
    const other = seen.get(key);
    if (other) {
      const who = other.from === f.from ? `「${displayPath(io, f.from)}」` : `「${displayPath(io, other.from)}」和「${displayPath(io, f.from)}」`;
      throw new CliError(`输出文件「${displayPath(io, f.path)}」会被${who}重复写出，未写出任何文件；请给这些政策文件不同的文件名，或分别编译到不同的 --out-dir`, { code: "C052" });
    }
    seen.set(key, f);
  }
  try {
    await writeFilesAtomic(files);
  } catch (e) {
    const why = ioErrorText(e);
    const where = files.length === 1 ? displayPath(io, files[0].path) : displayPath(io, job.outDir);
    throw new CliError(`无法写入「${where}」：${why.text}；未写出任何文件`, { code: why.code });
  }
  for (const f of files) io.stdout.write(displayPath(io, f.path) + "\n");
  return { code: EXIT_OK, sources };
}

/** What `emitPolicy` gave, and the base modules' specifiers it asked for. */
interface EmitEntry {
  result: Omit<EmitResult, "sources">;
  /** The files the analysis read. */
  sources: string[];
  bases: [string, string | null][];
}

/** Where the module of each of `bases` is imported from in this run (null: not written by it). */
const basesKey = (job: Job, policy: string, bases: [string, string | null][]) => JSON.stringify(bases.map(([base]) => [base, baseSpecifier(job, policy, base) ?? null]));

let prettierVersion: string | undefined;
/** A chunk's format is Prettier's of that version for that parser. */
function formatKey(parser: string, chunk: string): string {
  prettierVersion ??= (createRequire(import.meta.url)("prettier/package.json") as { version: string }).version;
  return createHash("sha256").update(`${prettierVersion}\0${parser}\0${PRINT_WIDTH}\0${chunk}`).digest("hex");
}

/**
 * A policy's files, from the cache while the policy, its bases, the compiler, the targets and
 * `--decimal`, the working directory (the code names the policy by its path from there) and the places of the
 * base modules it imports are what they were.
 */
async function emitPolicy(compiler: () => Promise<CompilerModule>, job: Job, policy: string): Promise<Omit<EmitResult, "sources"> & { read: string[] }> {
  const parts = [process.cwd(), job.emits.join(","), job.decimal ? "decimal" : ""];
  const current = (entry: EmitEntry) => entry.bases.every(([base, specifier]) => (baseSpecifier(job, policy, base) ?? null) === specifier);
  // An amendment compiled with its base and alone imports the base's module or not: one entry of
  // each, found from the last one's bases, so the two runs in turn do not evict each other.
  const last = job.store?.get<EmitEntry>("emit", policy, parts);
  const hit = last && !current(last) ? job.store?.get<EmitEntry>("emit", policy, [...parts, basesKey(job, policy, last.bases)]) : last;
  if (hit && current(hit)) return { ...hit.result, read: hit.sources };
  const bases: [string, string | null][] = [];
  const baseModule = (basePath: string) => {
    const specifier = baseSpecifier(job, policy, basePath);
    bases.push([basePath, specifier ?? null]);
    return specifier;
  };
  const known = job.formats.get(policy) ?? new Map(job.store?.get<[string, string][]>("formats", undefined, [policy]));
  const used = new Map<string, string>();
  const formats: FormatMemory = {
    get(parser, chunk) {
      const key = formatKey(parser, chunk);
      const formatted = known.get(key);
      if (formatted !== undefined) used.set(key, formatted);
      return formatted;
    },
    set: (parser, chunk, formatted) => void used.set(formatKey(parser, chunk), formatted),
  };
  const { sources, ...result } = await (await compiler()).emitPolicy!(policy, job.emits, { decimal: job.decimal, baseModule, formats });
  // The files it read that exist (watched, described); the entry also keeps those that were absent.
  const read = sources?.filter(([, text]) => text !== null).map(([p]) => p);
  if (sources && read) {
    const entry: EmitEntry = { result, sources: read, bases };
    job.store?.put<EmitEntry>("emit", policy, parts, entry, sources);
    if (bases.length > 0) job.store?.put<EmitEntry>("emit", policy, [...parts, basesKey(job, policy, bases)], entry, sources);
  }
  // Only what this policy's modules are made of now: the entry stays the size of its modules.
  if (used.size > 0) {
    job.formats.set(policy, used);
    job.store?.put("formats", undefined, [policy], [...used]);
  }
  return { ...result, read: read ?? [policy] };
}

/**
 * The policies' headers, calculators and source files. Imported when needed, like the compiler
 * itself, so the CLI loads without it; a file the real front end cannot read as a policy (the
 * CLI's test doubles) simply joins no family. Cached like the emitted files: `read` holds the
 * files each policy's emit read, whose texts are taken before the description is made, so an
 * edit in between can only make a later run miss the entry, never take a stale one.
 */
async function describeAll(job: Job, read: Map<string, string[]>): Promise<PolicyVersion[]> {
  const out: PolicyVersion[] = [];
  for (const policy of job.policies) {
    const hit = job.store?.get<PolicyVersion>("describe", policy);
    if (hit) {
      out.push(hit);
      continue;
    }
    const { describePolicy } = await import("../versions.js");
    try {
      const texts = (read.get(policy) ?? []).map((p): [string, string] => [p, readFileSync(p, "utf8")]);
      const version = describePolicy(policy);
      if (version.sources.every((p) => texts.some(([t]) => t === p))) job.store?.put("describe", policy, [], version, texts);
      out.push(version);
    } catch {
      // not a policy: no family, no sources beyond itself
    }
  }
  return out;
}

/** The version indexes, from the cache while the policies' descriptions and the places of their modules are what they were. */
async function cachedIndexFiles(job: Job, versions: PolicyVersion[]): Promise<{ path: string; content: string; from: string }[]> {
  if (versions.length < 2) return [];
  const parts = [JSON.stringify({ versions, policies: job.policies, outDir: job.outDir, emits: job.emits })];
  const hit = job.store?.get<{ path: string; content: string; from: string }[]>("index", undefined, parts);
  if (hit) return hit;
  const files = await indexFiles(job, versions);
  job.store?.put("index", undefined, parts, files);
  return files;
}

/** `<base>.versions.ts` (or .js and .d.ts) beside the module of each family's base. */
async function indexFiles(job: Job, versions: PolicyVersion[]): Promise<{ path: string; content: string; from: string }[]> {
  const targets: IndexTarget[] = (["ts", "js", "dts"] as const).filter((t) => job.emits.includes(t));
  const out: { path: string; content: string; from: string }[] = [];
  if (versions.length < 2) return out;
  const { emitIndex, families } = await import("../versions.js");
  for (const family of families(versions)) {
    const stem = basename(family.root.path).replace(/\.policy$/, "");
    const indexPath = outputPath(job, family.root.path, `${stem}.versions`);
    const specifiers = family.members.map((m) => {
      const module = outputPath(job, m.path, basename(m.path).replace(/\.policy$/, ".js"));
      const rel = relative(dirname(indexPath), module).split(sep).join("/");
      return rel.startsWith(".") ? rel : `./${rel}`;
    });
    const sourceNames = family.members.map((m) => relative(dirname(family.root.path), m.path).split(sep).join("/"));
    for (const t of targets) {
      out.push({ path: indexPath + INDEX_EXTENSION[t], content: await emitIndex({ family, specifiers, sourceNames }, t), from: family.root.path });
    }
  }
  return out;
}

// ── --watch ──

/**
 * Compile, then again after each change of a policy or of any base it reads (and of the `.policy`
 * files under a directory argument). A failed compile leaves the previous output as it was.
 * Runs until SIGINT or SIGTERM.
 */
async function watchCompile(io: Io, compiler: () => Promise<CompilerModule>, job: Job, roots: string[]): Promise<ExitCode> {
  const directories = new Set<string>();
  for (const a of roots) if ((await stat(a).catch(() => undefined))?.isDirectory()) directories.add(a);
  // One watcher per directory, kept across builds: closing and re-opening them after each build
  // left a moment in which a save went unseen (and the watch waited for it for ever).
  const watchers = new Map<string, FSWatcher>();
  let watched = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;

  const build = async () => {
    running = true;
    let sources: string[] = job.policies;
    let status: string;
    try {
      if (directories.size > 0) job.policies = await policyFiles(io, roots);
      const outcome = await compileOnce(io, compiler, job);
      sources = outcome.sources;
      status = outcome.code === EXIT_OK ? `${stamp()} 已编译 ${job.policies.length} 个政策文件\n` : `${stamp()} 编译失败，保留上次的输出\n`;
    } catch (e) {
      status = `错误：${oneLine(e instanceof Error ? e.message : String(e))}\n${stamp()} 编译失败，保留上次的输出\n`;
    }
    // Watching before the status line: a save made on seeing it is never missed.
    rewatch(sources);
    io.stderr.write(status);
    running = false;
    if (again) {
      again = false;
      schedule();
    }
  };
  const schedule = () => {
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(() => void build(), 80);
  };
  // Editors save by writing a new file and renaming it over the old one, which ends a watch on
  // the file itself: watch the directories and filter by name.
  const rewatch = (sources: string[]) => {
    watched = new Set(sources.map((s) => resolve(s)));
    const dirs = new Set([...watched].map((s) => dirname(s)));
    for (const [dir, w] of watchers) {
      if (!dirs.has(dir)) {
        w.close();
        watchers.delete(dir);
      }
    }
    for (const dir of dirs) {
      if (watchers.has(dir)) continue;
      try {
        watchers.set(
          dir,
          watch(dir, (_event, name) => {
            if (name !== null && watched.has(join(dir, name.toString()))) schedule();
          }),
        );
      } catch {
        // a directory that went away: its files are reported missing on the next build
      }
    }
  };
  // A directory argument: every `.policy` file under it, new ones included.
  const directoryWatchers: FSWatcher[] = [];
  for (const dir of directories) {
    try {
      directoryWatchers.push(
        watch(dir, { recursive: true }, (_event, name) => {
          if (name !== null && name.toString().endsWith(".policy")) schedule();
        }),
      );
    } catch {
      // a directory that went away: reported on the next build
    }
  }

  await build();
  io.stderr.write(`监视中：政策文件或其基础政策改动后自动重新编译（Ctrl+C 退出）\n`);
  return new Promise<ExitCode>((done) => {
    const stop = () => {
      clearTimeout(timer);
      for (const w of [...watchers.values(), ...directoryWatchers]) w.close();
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      done(EXIT_OK);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

function stamp(): string {
  return `[${new Date().toTimeString().slice(0, 8)}]`;
}
