// Single-file builds of what the command line and the language server load at start-up, made
// after `tsc -b` (scripts/build.mjs) from the compiled dist files:
// - packages/compiler/dist/load.bundle.js: the compiler module the CLI imports to check and
//   compile (load.js with the dsl and Chevrotain's single-file build);
// - packages/runtime/dist/runtime.bundle.cjs: the runtime with decimal.js, what a compiled
//   calculator module and the CLI get for `@zhengce/runtime` under Node (packages/runtime/src/node.ts);
// - packages/lsp/dist/server/: the server process: bin.cjs, the bin with the front (front.ts,
//   which answers `initialize` and publishes cached diagnostics with Node's built-ins alone; front.js
//   is the same front for start.ts, the command line's way in), and server.cjs, the
//   server it then loads (bundled.js: connection.js with the dsl, Chevrotain, the formatter,
//   vscode-languageserver and the runtime), one CommonJS file run through V8's code cache
//   (packages/lsp/src/code-cache.ts).
// A CPU profile of the server's start put about a third of it into resolving, loading and
// translating some 300 files one by one (and Chevrotain's module hook thread); one file loads in
// a fraction of that. The entry points use a bundle only while it is newer than the packages it
// was made from (`freshBundle`, @zhengce/dsl/bundled-chevrotain; the runtime's node.ts), so a `tsc -b` alone never runs stale code.
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { asciiOnly } from "./ascii-only.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const { build } = createRequire(`${root}packages/compiler/package.json`)("esbuild");
const chevrotain = createRequire(`${root}packages/dsl/package.json`).resolve("chevrotain");

// Chevrotain's package entry imports about 640 lodash-es files; its single-file build has the
// same exports.
const singleFileChevrotain = {
  name: "single-file-chevrotain",
  setup(b) {
    b.onResolve({ filter: /^chevrotain$/ }, () => ({ path: fileURLToPath(new URL("../chevrotain.mjs", `file://${chevrotain}`)) }));
  },
};

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  logLevel: "warning",
  absWorkingDir: root,
  plugins: [singleFileChevrotain],
  // CommonJS dependencies (vscode-languageserver) call require() for Node's built-ins.
  banner: { js: 'import { createRequire as __zhengceRequire } from "node:module"; const require = __zhengceRequire(import.meta.url);' },
};

// The server process's CommonJS files (dist/server/bin.cjs, server.cjs), which know their own URL.
const server = {
  ...common,
  format: "cjs",
  banner: { js: 'const __zhengceModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
  define: { "process.env.ZHENGCE_SERVER_BUNDLE": '"1"', "import.meta.url": "__zhengceModuleUrl" },
  // The store's `import.meta.resolve` finds the dsl and the runtime for the CLI's build stamp;
  // the server's stamps its own directory alone and never calls it.
  logOverride: { "empty-import-meta": "silent" },
  // Without comments and spaces (names kept for stack traces): server.cjs, read, decoded and
  // hashed at every start, goes from 1.5 to 1.1 MB.
  minifyWhitespace: true,
  minifySyntax: true,
};

// The server's files are named by their content: the directory is made afresh, no stale chunk left.
rmSync(`${root}packages/lsp/dist/server`, { recursive: true, force: true });
// The runtime's build was an ES module under this name until it became CommonJS (.cjs): a checkout
// built before would otherwise keep packing it.
rmSync(`${root}packages/runtime/dist/runtime.bundle.js`, { force: true });

await Promise.all([
  // The runtime stays a package import: compiled calculators import it too, and the fold tables
  // they register must be the ones the CLI's foldKey reads. Prettier loads only to emit code.
  build({
    ...common,
    entryPoints: ["packages/compiler/dist/load.js"],
    outfile: "packages/compiler/dist/load.bundle.js",
    external: ["@zhengce/runtime", "@zhengce/runtime/*", "prettier"],
  }),
  // The runtime with decimal.js, what Node's loader gets for `@zhengce/runtime` while it is
  // fresh (packages/runtime/src/node.ts): CommonJS, which node.ts require()s without awaiting.
  // Without its spaces (a third less to read and compile; names kept for stack traces): dist/
  // has the modules.
  build({
    ...common,
    format: "cjs",
    banner: undefined,
    minifyWhitespace: true,
    minifySyntax: true,
    entryPoints: ["packages/runtime/dist/index.js"],
    outfile: "packages/runtime/dist/runtime.bundle.cjs",
  }),
  // The front: an ES module of its own, small, so that it answers at once.
  build({
    ...common,
    entryPoints: ["packages/lsp/dist/front.js"],
    outdir: "packages/lsp/dist/server",
    // The cache's build stamp: this directory alone (diagnostics-cache.ts).
    define: { "process.env.ZHENGCE_SERVER_BUNDLE": '"1"' },
    splitting: true,
    chunkNames: "[name]-[hash]",
  }),
  // The bin: the front with the start-up of a fresh build, one CommonJS file (src/bin.ts says
  // why). The dsl's hook for the examples' worker and the compiler stay packages.
  build({
    ...server,
    entryPoints: ["packages/lsp/dist/bin.js"],
    outfile: "packages/lsp/dist/server/bin.cjs",
    external: ["@zhengce/dsl/bundled-chevrotain", "@zhengce/compiler"],
  }),
  // The server: one CommonJS file, which the bin and start.ts run through V8's code cache (Node
  // 20 offers none for ES modules). The formatter is linked in (bundled.ts), the cache store
  // (@zhengce/compiler/store) too; the bin and start.ts hand in the compiler, which the worked
  // examples load in their worker, and Prettier loads only to format.
  build({
    ...server,
    entryPoints: ["packages/lsp/dist/bundled.js"],
    outfile: "packages/lsp/dist/server/server.cjs",
    external: ["prettier", "prettier/*"],
  }),
]);

// server.cjs as ASCII (ascii-only.mjs says why).
asciiOnly(`${root}packages/lsp/dist/server/server.cjs`);

// The code V8 compiles for the server's start, shipped beside server.cjs: the bin started once on
// 通化 base.policy with a cache directory of its own, which it fills once it has published
// (code-cache.ts reads this entry where a user's cache has none). A server's first start on a
// machine then deserialises what it would otherwise compile: medians of 11 starts, first
// diagnostics of 江门 base.policy, 507 ms with the cache empty and 449 ms with its code cached.
await shipCodeCache();

async function shipCodeCache() {
  const dir = mkdtempSync(join(tmpdir(), "zhengce-bundle-"));
  const policy = `${root}policies/tonghua/base.policy`;
  const child = spawn(process.execPath, [`${root}packages/lsp/dist/server/bin.cjs`, "--stdio"], { stdio: ["pipe", "ignore", "inherit"], env: { ...process.env, ZHENGCE_CACHE_DIR: dir } });
  const send = (message) => {
    const text = JSON.stringify({ jsonrpc: "2.0", ...message });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
  };
  try {
    send({ id: 1, method: "initialize", params: { processId: null, rootUri: null, capabilities: {} } });
    send({ method: "initialized", params: {} });
    send({ method: "textDocument/didOpen", params: { textDocument: { uri: pathToFileURL(policy).href, languageId: "policy", version: 1, text: readFileSync(policy, "utf8") } } });
    const v8 = join(dir, "v8");
    let entry;
    for (let waited = 0; !entry && waited < 30_000; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
      entry = existsSync(v8) ? readdirSync(v8).find((n) => n.endsWith(".bin")) : undefined;
    }
    if (!entry) throw new Error("bundle: 语言服务器启动后没有写出编译好的代码（code-cache.ts）");
    copyFileSync(join(v8, entry), `${root}packages/lsp/dist/server/${entry}`);
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
