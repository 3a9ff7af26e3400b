// Debian's Chromium driven by playwright-core, for the tests that open pages (handbooks, reports,
// the playground, calculators under a Content Security Policy). `.ci/run` installs the browser
// with apt when it is missing; a download of Playwright's own build cannot work here.
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM = process.env.ZHENGCE_CHROMIUM ?? "/usr/bin/chromium";

/**
 * Whether browser tests run: when the browser is installed, or always under `.ci/run`
 * (ZHENGCE_REQUIRE_BROWSER=1), where a missing browser must fail rather than skip.
 */
export const hasChromium = existsSync(CHROMIUM) || process.env.ZHENGCE_REQUIRE_BROWSER === "1";

/**
 * Headless Chromium with the flags this closed network needs (no background connections).
 * No verdict may depend on timing: the launch and every page it opens wait without Playwright's
 * 30-second defaults (a loaded machine exceeds them); the test's own timeout catches a hang.
 */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({
    timeout: 0,
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.setDefaultTimeout(0);
    return context;
  };
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (options) => {
    const page = await newPage(options);
    page.setDefaultTimeout(0);
    return page;
  };
  return browser;
}

/**
 * Console errors and warnings, uncaught exceptions, and requests beyond `file:` URLs (a
 * self-contained page makes none) of `page`, collected as they happen.
 */
export function pageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(String(e)));
  page.on("request", (r) => {
    if (!r.url().startsWith("file:")) problems.push(`request: ${r.url()}`);
  });
  return problems;
}
