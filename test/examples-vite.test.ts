// examples/vite-app: the 江门 policy imported through @zhengce/vite-plugin, bundled for the
// browser (a form) and for Node (`vite build --ssr`, a command). Both builds run here; the Node
// bundle settles examples/inpatient-case.json, the page settles its form in headless Chromium,
// and the app type-checks against the declarations the plugin wrote.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchChromium } from "./browser/chromium.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const APP = join(ROOT, "examples/vite-app");

describe("examples/vite-app", () => {
  beforeAll(async () => {
    const config = { root: APP, configFile: join(APP, "vite.config.ts"), logLevel: "silent" as const };
    await build(config);
    await build({ ...config, build: { ssr: "src/settle.ts", outDir: "dist-node" } });
  });

  it("settles a claim from Node", () => {
    const out = execFileSync(process.execPath, [join(APP, "dist-node/settle.js"), join(ROOT, "examples/inpatient-case.json")], { encoding: "utf8" });
    // 城乡居民 at 一级及以下, 10000 元, 36 months: 起付 500, (10000 − 500) × 85% = 8075 (江府办〔2017〕20号 二、（四）1.（1）).
    expect(JSON.parse(out)).toEqual({ 起付标准: "500.00", 统筹支付: "8075.00", 二档支付: "0.00", 大病支付: "0.00", 个人负担: "1925.00" });
  });

  it("type-checks under strict settings against the plugin's declarations", () => {
    execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(APP, "tsconfig.json")], { stdio: "pipe" });
  });

  it.skipIf(!hasChromium)("settles the form in the browser and shows bad input in Chinese", async () => {
    const types: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8" };
    const server = createServer((req, res) => {
      const path = join(APP, "dist", req.url === "/" ? "index.html" : decodeURIComponent(req.url!.split("?")[0]!));
      let body: Buffer;
      try {
        body = readFileSync(path);
      } catch {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" }).end(body);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as { port: number };
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${port}/`);
      // The form's default claim: 城乡居民, 二级, 12000 元, 30 months: 起付 600, (12000 − 600) × 80% = 9120.
      await page.waitForSelector("#统筹支付");
      expect(await page.textContent("#起付标准")).toBe("600.00 元");
      expect(await page.textContent("#统筹支付")).toBe("9120.00 元");
      expect(await page.textContent("#个人负担")).toBe("2880.00 元");
      await page.fill("input[name=政策范围内费用]", "-5");
      await page.click("button");
      await page.waitForSelector("#错误");
      expect(await page.textContent("#错误")).toContain("字段「政策范围内费用」");
    } finally {
      await browser.close();
      server.close();
    }
  });
});
