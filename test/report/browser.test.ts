// Handbooks and impact reports of every seed policy, opened in headless Chromium (one browser for
// the file): no console errors, the tables and the charts are there. Screenshots are kept in
// artifacts/screenshots/ (git-ignored) for a person to look at.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildHandbook } from "../../packages/compiler/src/report/handbook/build.js";
import { handbookHtml } from "../../packages/compiler/src/report/handbook/render-html.js";
import { comparedOutputs, ImpactAccumulator } from "../../packages/compiler/src/report/impact.js";
import { impactHtml } from "../../packages/compiler/src/report/impact-render.js";
import { sampler } from "../../packages/compiler/src/report/sample.js";
import { fileName, loadBaseView, loadView, type PolicyView } from "../../packages/compiler/src/report/view.js";
import { hasChromium, launchChromium, pageProblems } from "../browser/chromium.js";
import { policy, ROOT, tempDir } from "./helpers.js";

const SHOTS = join(ROOT, "artifacts/screenshots");

// What-if amendments of the policies that have no second year, one number each, so that every
// seed policy has an impact report with something in it.
const WHAT_IF: Record<string, { calculator: string; text: string }> = {
  "tonghua/base.policy": { calculator: "居民住院结算", text: "参数 居民统筹年度最高支付限额：金额 = 25万元\n  依据 试算\n" },
  "jiangmen/poverty.policy": { calculator: "精准扶贫结算", text: "参数 扶贫资金自费负担比例：比例 = 85%\n  依据 试算\n" },
  "heshan/base.policy": {
    calculator: "城乡居保缴费",
    text: "分段 政府补贴标准：金额（全额）{\n  不超过 360元：100元\n  超过 360元：130元\n  依据 试算\n}\n",
  },
};

interface Page {
  name: string;
  file: string;
  charts: boolean;
}

const pages: Page[] = [];

function impactPage(dir: string, name: string, oldView: PolicyView, newView: PolicyView, calculator: string): Page {
  const newCalc = newView.compiled.calculators.find((c) => c.name === calculator)!;
  const oldCalc = oldView.compiled.calculators.find((c) => c.name === calculator)!;
  const acc = new ImpactAccumulator(oldCalc, newCalc, comparedOutputs(oldView, newView, calculator));
  const draw = sampler(newView, newCalc, { seed: "browser" });
  for (let i = 1; i <= 200; i++) acc.add(draw.next(), i);
  const summary = (v: PolicyView) => ({ name: v.analysis.model.meta.name, docNumber: v.analysis.model.meta.docNumber, file: fileName(v.uri) });
  const file = join(dir, `${name}.html`);
  writeFileSync(file, impactHtml(acc.result(), { old: summary(oldView), new: summary(newView), population: "zhengce sample（200 例）" }));
  return { name, file, charts: true };
}

beforeAll(() => {
  const dir = tempDir();
  const handbooks: [string, string, boolean][] = [
    ["jiangmen/base.policy", "手册-江门", true],
    ["jiangmen/2018.policy", "手册-江门2018", true],
    ["jiangmen/poverty.policy", "手册-江门精准扶贫", true],
    ["tonghua/base.policy", "手册-通化", true],
    ["heshan/base.policy", "手册-鹤山", false],
    [join(ROOT, "test/fixtures/jiangmen-traditional.policy"), "手册-江门繁体", true],
  ];
  for (const [path, name, charts] of handbooks) {
    const view = loadView(path.startsWith("/") ? path : policy(path));
    const file = join(dir, `${name}.html`);
    writeFileSync(file, handbookHtml(buildHandbook(view, loadBaseView(view))));
    pages.push({ name, file, charts });
  }
  const jiangmen = loadView(policy("jiangmen/base.policy"));
  const y2018 = loadView(policy("jiangmen/2018.policy"));
  pages.push(impactPage(dir, "影响-2018-特定病种门诊", jiangmen, y2018, "特定病种门诊"));
  pages.push(impactPage(dir, "影响-2018-住院结算", jiangmen, y2018, "住院结算"));
  for (const [path, w] of Object.entries(WHAT_IF)) {
    const amended = join(dir, `${path.replace("/", "-")}`);
    writeFileSync(amended, `政策 「试算：${path}」{\n  基于 「${policy(path)}」\n}\n\n${w.text}`);
    const base = loadView(policy(path));
    const what = loadView(amended);
    expect(what.compiled.hasErrors).toBe(false);
    pages.push({ ...impactPage(dir, `影响-${path.split("/")[0]}-${w.calculator}`, base, what, w.calculator), charts: true });
  }
  mkdirSync(SHOTS, { recursive: true });
});

describe.skipIf(!hasChromium)("reports in headless Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("opens every handbook and impact report without console errors, with its tables and charts", async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1200 } });
    // Self-contained pages: a console error, an exception or any request beyond the file is a defect.
    const errors = pageProblems(page);
    for (const p of pages) {
      await page.goto(pathToFileURL(p.file).href);
      const found = await page.evaluate(() => ({
        tables: document.querySelectorAll("table").length,
        rows: document.querySelectorAll("tbody tr").length,
        charts: [...document.querySelectorAll("svg")].filter((s) => s.getBoundingClientRect().width > 100).length,
        title: document.querySelector("h1")?.textContent ?? "",
      }));
      expect(errors, p.name).toEqual([]);
      expect(found.title, p.name).not.toBe("");
      expect(found.tables, p.name).toBeGreaterThan(0);
      expect(found.rows, p.name).toBeGreaterThan(2);
      if (p.charts) expect(found.charts, p.name).toBeGreaterThan(0);
      // One picture a page: a handbook where its charts begin, a report from its top (totals and chart).
      if (p.name.startsWith("手册") && p.charts) await page.locator(".charts").first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, `${p.name}.png`) });
    }
    await page.close();
  });
});
