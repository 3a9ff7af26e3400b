// A calculator in the browser: the 江门 住院结算 module `zhengce compile --target js` writes,
// bundled by Vite, is small (no Ajv, no OpenCC dictionary, no code generated at run time) and runs
// in headless Chromium under `Content-Security-Policy: script-src 'self'`, folding a traditional-
// script, full-width claim through the policy's own table.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emitPolicy } from "@zhengce/compiler";
import { hasChromium, launchChromium } from "../browser/chromium.js";
import { buildStandalone, serveWithCsp } from "./standalone.mjs";

let built: Awaited<ReturnType<typeof buildStandalone>>;

// One build and one browser. What the time goes to (load ~20 on this machine): importing the
// compiler's sources ~14 s, the build ~11 s (compiling the policy, Prettier on the 9 000-line
// module, Vite), Chromium's start and the page ~11 s. No own timeouts: the suite's hang guard
// catches a hang, and no verdict depends on how busy the machine is.
beforeAll(async () => {
  built = await buildStandalone(emitPolicy, "test");
});
afterAll(() => built?.remove());

describe("江门 住院结算 bundled for the browser", () => {
  it("is at most 60 KiB gzipped", () => {
    expect(built.gzipBytes).toBeLessThanOrEqual(60 * 1024);
  });

  it("generates no code at run time and carries no dictionary", () => {
    const code = built.js.join("\n");
    expect(code).not.toMatch(/new Function|\beval\(/);
    // Phrases of OpenCC's dictionaries that no policy name contains.
    expect(code).not.toContain("一目瞭然");
    expect(code).not.toContain("乾乾淨淨");
  });

  it.skipIf(!hasChromium)("settles claims in headless Chromium under script-src 'self'", async () => {
    const server = await serveWithCsp(built.dist);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") violations.push(`${m.text()} ${m.location().url}`);
      });
      await page.goto(server.url);
      await page.waitForFunction(() => document.getElementById("out")?.textContent !== "");
      const { results } = JSON.parse((await page.textContent("#out"))!) as { results: Record<string, unknown>[] };
      expect(violations.filter((v) => !v.endsWith("/favicon.ico"))).toEqual([]);
      // 城乡居民, 二级, 12000 元: 起付 600, (12000 − 600) × 80% = 9120 (江府办〔2017〕20号 二、（四）1.（1）).
      expect(results[0]).toMatchObject({ 起付标准: "600.00", 统筹支付: "9120.00", 二档支付: "0.00", 大病支付: "0.00", 个人负担: "2880.00" });
      // 職工退休, 三級, ８００００ 元: 起付 900 − 100 = 800; (80000 − 800) × (55% + 5) = 47520; 自付 31680 in 二档:
      // 5000 × 50% + 26680 × 85% = 25178; 大病 base 31680 − 25178 = 6502 < 10000 → 0; 个人负担 7302.
      expect(results[1]).toMatchObject({ 起付标准: "800.00", 统筹支付: "47520.00", 二档支付: "25178.00", 大病支付: "0.00", 个人负担: "7302.00" });
      expect((results[1]!.计算过程 as unknown[]).length).toBeGreaterThan(0);
      expect(results[2]).toMatchObject({ 字段: "政策范围内费用" });
      expect(String(results[2]!.错误)).toContain("最多两位小数");
    } finally {
      await browser.close();
      server.close();
    }
  });
});
