// `pnpm run build`: the TypeScript packages (`tsc -b`, itself incremental), the single-file
// builds of the CLI's compiler module and of the language server (scripts/bundle.mjs), then the VS Code
// extension and the playground, each only when what it is built from changed since it was last
// built here. `pnpm install` builds everything (postinstall) and `pnpm test` builds again: CI
// bundled both twice (a minute of a five-minute run). `--force` rebuilds both regardless.
//
// "What it is built from" is the content of its own package and of the packages it bundles,
// hashed; the hash is kept beside the build output, so deleting the output rebuilds it.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const force = process.argv.includes("--force");
const TS_PACKAGES = ["runtime", "dsl", "prettier-plugin", "compiler", "lsp", "vite-plugin"];
/** What the extension's server and the playground's worker bundle. */
const BUNDLED = ["runtime", "dsl", "prettier-plugin", "compiler", "lsp"].map((p) => `packages/${p}`);
const SKIP = new Set(["node_modules", "dist", ".cache", "out"]);

const targets = [
  { script: "build:vsix", from: ["packages/vscode", "scripts/ascii-only.mjs", ...BUNDLED], output: "packages/vscode/dist", made: ["zhengce-vscode.vsix", "server.js", "server-main.cjs", "extension.js"] },
  { script: "build:playground", from: ["packages/playground", ...BUNDLED, "policies"], output: "packages/playground/dist", made: ["index.html", "main.js", "worker.js"] },
];

function run(command, args) {
  const r = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** The hash of every file of `from`, and below its directories (build outputs, dependencies and tests aside), with its path. */
function contentHash(from) {
  const hash = createHash("sha256");
  for (const f of ["package.json", "pnpm-lock.yaml", "tsconfig.base.json"]) hash.update(`${f}\0`).update(readFileSync(join(root, f)));
  const walk = (rel) => {
    for (const e of readdirSync(join(root, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (SKIP.has(e.name) || e.name.endsWith(".tsbuildinfo") || e.name.endsWith(".test.ts")) continue;
      const path = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(path);
      else if (e.isFile()) hash.update(`${path}\0`).update(readFileSync(join(root, path)));
    }
  };
  for (const d of from) {
    if (statSync(join(root, d)).isDirectory()) walk(d);
    else hash.update(`${d}\0`).update(readFileSync(join(root, d)));
  }
  return hash.digest("hex");
}

run(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-b", ...TS_PACKAGES.map((p) => `packages/${p}`)]);
// The single-file builds the CLI and the language server start from (about a second).
run(process.execPath, [join(root, "scripts/bundle.mjs")]);

for (const t of targets) {
  const stamp = join(root, t.output, ".built-from");
  const before = contentHash(t.from);
  const built = t.made.every((f) => existsSync(join(root, t.output, f))) && existsSync(stamp) && readFileSync(stamp, "utf8") === before;
  if (built && !force) {
    console.log(`${t.script}：没有变化，不再构建`);
    continue;
  }
  run("pnpm", ["run", t.script]);
  // The hash from before the build: a file edited while it ran is seen next time.
  writeFileSync(stamp, before);
}
