// Bundles the client (dist/extension.js) and the language server (dist/server.js) with
// esbuild. Both are CommonJS for Node (VS Code 1.85 loads extensions with require); only
// `vscode` stays external. Prettier's core is left out of the server: nothing the server runs
// needs it (the formatter uses prettier/doc; the compiler imports Prettier only to emit code).
import { build } from "esbuild";

const here = new URL("..", import.meta.url).pathname;
const common = {
  bundle: true,
  platform: "node",
  target: "node18",
  format: "cjs",
  sourcemap: true,
  minify: process.env.MINIFY !== "0",
  logLevel: "info",
  absWorkingDir: here,
  // Sources written as ESM use import.meta.url; give them the CommonJS equivalent.
  define: { "import.meta.url": "__import_meta_url" },
  banner: { js: 'const __import_meta_url = require("url").pathToFileURL(__filename).href;' },
};

const prettierCore = {
  name: "prettier-core-external",
  setup(b) {
    b.onResolve({ filter: /^prettier$/ }, () => ({ path: "prettier", external: true }));
  },
};

const t0 = Date.now();
await build({ ...common, entryPoints: { extension: "src/extension.ts" }, outdir: "dist", external: ["vscode"] });
await build({ ...common, entryPoints: { server: "src/server.ts" }, outdir: "dist", plugins: [prettierCore] });
console.log(`bundled in ${Date.now() - t0} ms`);
