// Builds the static site into dist/: index.html, style.css, main.js (the page: CodeMirror and
// the LSP client), worker.js (the language server with the formatter), run.js (the runner: the
// compiler, for the worked examples, the 运行 and 对比 tabs) and policies/index.json (every policy under the repository's policies/). Any static file server
// can serve dist/; `zhengce serve` does, with the user's own policies.
//
// Browser bundles of the workspace packages: the `node:` built-ins they import at the top are
// shimmed (nothing on the browser's paths calls them), opencc-js is its traditional → simplified
// build (the only direction the runtime converts), and Prettier's core stays out (only
// prettier/doc belongs in the page). import.meta.url appears only in the language server's
// loaders for a Node install, which the browser entry replaces.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = fileURLToPath(new URL("..", import.meta.url));
const root = join(here, "../..");
const out = join(here, "dist");
const t0 = Date.now();

// Type-check the page and worker sources (esbuild only strips types).
try {
  execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(here, "tsconfig.json")], { stdio: "inherit" });
} catch {
  console.error("playground: 类型检查未通过");
  process.exit(1);
}

const shim = (name) => join(here, "src/shims", `${name}.ts`);
const browserPackages = {
  name: "browser-packages",
  setup(b) {
    b.onResolve({ filter: /^opencc-js$/ }, (a) => b.resolve("opencc-js/t2cn", { resolveDir: a.resolveDir, kind: a.kind }));
    // Only `zhengce compile` formats generated code with Prettier's core (load.ts, never called here).
    b.onResolve({ filter: /^prettier$/ }, () => ({ path: "prettier", external: true }));
  },
};

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "policies"), { recursive: true });
const common = {
  bundle: true,
  platform: "browser",
  format: "iife",
  target: "es2022",
  minify: process.env.MINIFY !== "0",
  sourcemap: "linked",
  legalComments: "none",
  charset: "utf8",
  logLevel: "warning",
  absWorkingDir: here,
  alias: { "node:fs": shim("node-fs"), "node:path": shim("node-path"), "node:url": shim("node-url") },
  plugins: [browserPackages],
  define: { "import.meta.url": "location.href" },
};
let worker, runner;
try {
  [, worker, runner] = await Promise.all([
    build({ ...common, entryPoints: { main: "src/page/main.ts" }, outdir: out }),
    build({ ...common, entryPoints: { worker: "src/worker/main.ts" }, outdir: out, metafile: true }),
    build({ ...common, entryPoints: { run: "src/runner/main.ts" }, outdir: out, metafile: true }),
  ]);
} catch {
  console.error("playground: 打包失败（见上面的错误）");
  process.exit(1);
}
const inputs = (bundle, pattern) => Object.keys(bundle.metafile.inputs).filter((f) => pattern.test(f));
// The language server's worker holds no compiler: nothing it could run may hold up a check.
const compilerInWorker = inputs(worker, /compiler\/(src|dist)\//);
// The runner takes the compiler's report code (diff, sample, impact) from its entry; the CLI's
// modules (files, streams, processes) must never come with it.
const nodeOnly = inputs(runner, /compiler\/(src|dist)\/cli\//);
if (compilerInWorker.length || nodeOnly.length) {
  if (compilerInWorker.length) console.error(`playground: worker.js（语言服务器）不应包含编译器：${compilerInWorker.join("、")}`);
  if (nodeOnly.length) console.error(`playground: run.js 不应包含命令行模块：${nodeOnly.join("、")}`);
  process.exit(1);
}
for (const f of ["index.html", "style.css"]) cpSync(join(here, "src", f), join(out, f));

// The seed policies, by their path in the repository.
const policies = [];
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    // The notices beside them (原文), so that their 依据 are checked in the browser too.
    else if (name.endsWith(".policy") || name.endsWith(".txt")) policies.push({ path: `/${relative(root, p).split("\\").join("/")}`, text: readFileSync(p, "utf8") });
  }
};
walk(join(root, "policies"));
writeFileSync(join(out, "policies/index.json"), JSON.stringify({ files: policies }));

// What a browser downloads, compressed as a server would send it.
const files = ["index.html", "style.css", "main.js", "worker.js", "run.js", "policies/index.json"];
let total = 0;
const rows = files.map((f) => {
  const data = readFileSync(join(out, f));
  const gz = gzipSync(data, { level: 9 }).length;
  total += gz;
  return `  ${f.padEnd(22)} ${(data.length / 1024).toFixed(0).padStart(6)} KiB  ${(gz / 1024).toFixed(0).padStart(5)} KiB gzip`;
});
console.log(`playground: dist/ built in ${Date.now() - t0} ms\n${rows.join("\n")}\n  ${"total".padEnd(22)} ${"".padStart(10)}  ${(total / 1024).toFixed(0).padStart(5)} KiB gzip`);
