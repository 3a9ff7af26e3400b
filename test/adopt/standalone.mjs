// The 江门 住院结算 calculator as a browser app would ship it: `zhengce compile --target js`'s
// module, imported by a page's script and bundled by Vite. Shared by the bundle-size and CSP tests
// and by `pnpm bench:standalone`.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "vite";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Below the repository's node_modules, so the page resolves @zhengce/runtime as an app would. */
const CACHE = join(ROOT, "node_modules/.cache");

/** The claims the page settles, written as people type them (traditional script, full-width digits). */
export const CLAIMS = [
  { 日期: "2018-06-01", 参保身份: "城乡居民", 医院级别: "二级", 政策范围内费用: "12000", 连续缴费月数: 30 },
  { 日期: "２０１８-０６-０１", 參保身份: "職工退休", 醫院級別: "三級", 政策範圍內費用: "８００００", 連續繳費月數: 36 },
  { 日期: "2018-06-01", 参保身份: "城乡居民", 医院级别: "二级", 政策范围内费用: "30000.505", 连续缴费月数: 30 },
];

const PAGE = `<!doctype html>
<html lang="zh-CN">
  <head><meta charset="utf-8" /><title>住院结算</title></head>
  <body>
    <pre id="out"></pre>
    <script type="module" src="./main.js"></script>
  </body>
</html>
`;

// Import and first result are timed around a dynamic import, so the calculator is its own chunk.
const MAIN = `const claims = ${JSON.stringify(CLAIMS)};
const t0 = performance.now();
const { 住院结算 } = await import("./base.js");
const first = 住院结算(claims[0], { 计算过程: false });
const t1 = performance.now();
const results = claims.map((c) => {
  try {
    return 住院结算(c, { 计算过程: true });
  } catch (e) {
    return { 错误: e.message, 字段: e.field };
  }
});
document.getElementById("out").textContent = JSON.stringify({ results, first, ms: t1 - t0 });
`;

/**
 * Compiles the policy to JS with `emitPolicy` (the compiler's, passed in: vitest runs its sources,
 * the bench its dist), writes the page, bundles it with Vite, in a folder of its own (two runs in
 * one checkout never share it); returns the output directory, the bundled JavaScript and `remove`.
 */
export async function buildStandalone(emitPolicy, name = "page") {
  mkdirSync(CACHE, { recursive: true });
  const dir = mkdtempSync(join(CACHE, `zhengce-standalone-${name}-`));
  const { files } = await emitPolicy(join(ROOT, "policies/jiangmen/base.policy"), ["js"]);
  for (const f of files) writeFileSync(join(dir, f.name), f.content);
  writeFileSync(join(dir, "index.html"), PAGE);
  writeFileSync(join(dir, "main.js"), MAIN);
  const dist = join(dir, "dist");
  await build({ root: dir, base: "./", configFile: false, logLevel: "silent", build: { outDir: dist, emptyOutDir: true, target: "es2022" } });
  const js = readdirSync(join(dist, "assets")).filter((f) => f.endsWith(".js")).map((f) => readFileSync(join(dist, "assets", f), "utf8"));
  return { dist, js, gzipBytes: js.reduce((n, code) => n + gzipSync(code, { level: 9 }).length, 0), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Serves `dist` on a loopback port with the Content Security Policy a careful site sends. */
export async function serveWithCsp(dist) {
  const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8" };
  const server = createServer((req, res) => {
    const path = join(dist, req.url === "/" ? "index.html" : decodeURIComponent(req.url.split("?")[0]));
    let body;
    try {
      body = readFileSync(path);
    } catch {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream", "content-security-policy": "script-src 'self'" }).end(body);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}
