// Bundles the client (dist/extension.js) and the language server — its front (dist/server.js)
// and the server it loads (dist/server-main.cjs, src/server.ts says why two) — with esbuild. All
// are CommonJS for Node (VS Code 1.85 loads extensions with require); only `vscode` stays
// external. Prettier's core is left out of the server: nothing the server runs needs it (the
// formatter uses prettier/doc; the compiler imports Prettier only to emit code).
import { build } from "esbuild";
import { asciiOnly } from "../../../scripts/ascii-only.mjs";

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
const server = {
  ...common,
  plugins: [prettierCore],
  // The cache's build stamp: the extension's dist/ alone (@zhengce/lsp's diagnostics-cache.ts).
  define: { ...common.define, "process.env.ZHENGCE_SERVER_BUNDLE": '"1"' },
  // The store's `import.meta.resolve` is for the command line's stamp, never called here.
  logOverride: { "empty-import-meta": "silent" },
};
await build({ ...server, entryPoints: { server: "src/server.ts" }, outdir: "dist" });
// ASCII, so that it decodes on Node's fast path at every start; then no source map fits it.
await build({ ...server, entryPoints: ["src/server-main.ts"], outfile: "dist/server-main.cjs", sourcemap: false });
asciiOnly(`${here}dist/server-main.cjs`);
console.log(`bundled in ${Date.now() - t0} ms`);
