import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import { hasChromium, launchChromium } from "./chromium.js";

describe.skipIf(!hasChromium)("headless Chromium", () => {
  it("opens a page served on localhost and reads its text", async () => {
    const server = createServer((_, res) => res.end("<!doctype html><meta charset=utf-8><p id=p>政策</p>"));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as { port: number };
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${port}/`);
      expect(await page.textContent("#p")).toBe("政策");
    } finally {
      await browser.close();
      server.close();
    }
  });
});
