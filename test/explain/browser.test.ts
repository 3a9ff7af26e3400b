// The `zhengce explain --format html` page in headless Chromium (Debian's, via playwright-core):
// it opens without console errors or requests beyond the file, its tables are there, and a
// screenshot is kept in artifacts/screenshots/ for a person to look at.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { explanation, explanationHtml } from "../../packages/compiler/src/report/explain.js";
import { loadView } from "../../packages/compiler/src/report/view.js";
import { hasChromium, launchChromium, pageProblems } from "../browser/chromium.js";
import { ROOT, tempDir } from "../cli/helpers.js";

const SHOTS = join(ROOT, "artifacts/screenshots");

describe.skipIf(!hasChromium)("the explanation page in headless Chromium", () => {
  it("opens without console errors, with its inputs, results and steps", async () => {
    const view = loadView(join(ROOT, "policies/jiangmen/2018.policy"));
    const calc = view.compiled.calculators.find((c) => c.name === "住院结算")!;
    const input = {
      日期: "2018-08-01", 参保身份: "城乡居民", 医院级别: "三级", 政策范围内费用: 100000, 连续缴费月数: 36,
      年度累计: { 统筹支付: 60000, 二档支付: 0, 大病支付: 20000, 二档自付基数: 0, 大病自付基数: 100000 },
    };
    const meta = view.analysis.model.meta;
    const file = join(tempDir(), "说明.html");
    writeFileSync(file, explanationHtml(explanation(meta.name, meta.docNumber, calc.name, input, calc.run(input, { 计算过程: true }))));

    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
      const errors = pageProblems(page);
      await page.goto(pathToFileURL(file).href);
      const found = await page.evaluate(() => ({
        title: document.querySelector("h1")?.textContent ?? "",
        tables: document.querySelectorAll("table").length,
        steps: document.querySelectorAll("table.steps tbody tr").length,
        slices: [...document.querySelectorAll("table.steps tr.detail td.item")].filter((td) => td.textContent === "分段").length,
        paid: [...document.querySelectorAll("table.outputs tr")].find((tr) => tr.querySelector("th")?.textContent === "大病支付")?.querySelector("td")?.textContent,
      }));
      expect(errors).toEqual([]);
      expect(found).toEqual({ title: "住院结算 计算说明", tables: 3, steps: expect.any(Number), slices: 2, paid: "29216.50元" });
      expect(found.steps).toBeGreaterThan(15);
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, "计算说明-2018-住院结算.png"), fullPage: true });
      await page.close();
    } finally {
      await browser.close();
    }
  });
});
