// A Vite (and Rollup / Rolldown) plugin: `import { 住院结算 } from "./policies/base.policy"` gives
// the policy's calculators as an ES module — the same code `zhengce compile --target js` writes —
// and, beside each imported policy, `<name>.d.policy.ts` with its types, which TypeScript reads
// for that import under `allowArbitraryExtensions`. A policy with errors fails the build (or shows
// Vite's error overlay) with the Chinese diagnostics; editing a policy or any base it reads
// reloads the module.
import { writeFile, readFile } from "node:fs/promises";
import { dirname, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { baseIR, describeAnalysis, emit, emitDeclarations, fileHost, lower } from "@zhengce/compiler";
import { analyze } from "@zhengce/dsl";

export interface ZhengceOptions {
  /** Write `<name>.d.policy.ts` beside each imported policy (default true). */
  declarations?: boolean;
}

/** The structural subset of Vite's / Rollup's plugin interface this plugin uses. */
export interface PolicyPlugin {
  name: string;
  enforce: "pre";
  resolveId(this: PluginContext, source: string, importer: string | undefined): Promise<string | null>;
  load(this: PluginContext, id: string): Promise<{ code: string; map: null } | null>;
}

interface PluginContext {
  addWatchFile(id: string): void;
  error(message: string): never;
  resolve(source: string, importer?: string, options?: { skipSelf?: boolean }): Promise<{ id: string } | null>;
}

const POLICY = /\.policy$/;
const RUNTIME = "@zhengce/runtime";

export function zhengce(options: ZhengceOptions = {}): PolicyPlugin {
  const declarations = options.declarations ?? true;
  return {
    name: "zhengce",
    enforce: "pre",

    // The generated module imports @zhengce/runtime. The app's own copy is used when it has one
    // (so `instanceof InputError` holds in the app); otherwise the copy this plugin brings.
    async resolveId(source, importer) {
      if (source !== RUNTIME || importer === undefined || !POLICY.test(importer)) return null;
      const own = await this.resolve(source, importer, { skipSelf: true }).catch(() => null);
      if (own) return own.id;
      return fileURLToPath(import.meta.resolve(RUNTIME));
    },

    async load(id) {
      const path = id.split("?")[0]!;
      if (!POLICY.test(path)) return null;
      // One analysis; the code unformatted (a bundler reads it, and Prettier would cost seconds).
      const analysis = analyze(readFileSync(path, "utf8"), path, fileHost);
      for (const source of describeAnalysis(analysis).sources) this.addWatchFile(source);
      const errors = analysis.diagnostics.filter((d) => d.severity === "error");
      if (errors.length > 0) {
        const where = (uri: string | undefined) => relative(process.cwd(), uri ?? path);
        this.error(
          `政策文件「${where(path)}」有 ${errors.length} 个错误：\n` +
            errors.map((d) => `${where(d.uri)}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.code} ${d.message}`).join("\n"),
        );
      }
      const ir = lower(analysis);
      const sourceName = relative(process.cwd(), path);
      // An amendment imports its base's `.policy` (this plugin's module of it) for what it leaves unchanged.
      const base = baseIR(analysis, (basePath) => {
        const rel = relative(dirname(path), basePath).split(sep).join("/");
        return rel.startsWith(".") ? rel : `./${rel}`;
      });
      const js = emit(ir, { typed: false, module: "esm", sourceName, ...(base && { base }) });
      if (declarations) await writeIfChanged(path.replace(POLICY, ".d.policy.ts"), emitDeclarations(ir, sourceName, base));
      return { code: js, map: null };
    },
  };
}

/** Rewriting an unchanged file would wake every watcher (tsc --watch, the editor) for nothing. */
async function writeIfChanged(path: string, content: string): Promise<void> {
  const old = await readFile(path, "utf8").catch(() => undefined);
  if (old !== content) await writeFile(path, content);
}

export default zhengce;
