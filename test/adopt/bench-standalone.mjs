// pnpm bench:standalone — the 江门 住院结算 calculator as a browser app ships it (compile --target js,
// bundled by Vite): its gzipped size, and the time from importing it to the first result in headless
// Chromium under `Content-Security-Policy: script-src 'self'` (median of fresh page loads), each
// beside its budget (issue 8: 60 KiB, 50 ms). On a shared machine the wall clock also measures the
// other work, so the page's own CPU time is printed beside it.
import { chromium } from "playwright-core";
import { buildStandalone, ROOT, serveWithCsp } from "./standalone.mjs";

const LOADS = Number(process.argv[process.argv.indexOf("--loads") + 1]) || 7;
const BUDGET = { gzip: 60 * 1024, firstResult: 50 };

const { emitPolicy } = await import(`${ROOT}packages/compiler/dist/index.js`);
const built = await buildStandalone(emitPolicy, "bench");
const server = await serveWithCsp(built.dist);
const browser = await chromium.launch({
  executablePath: process.env.ZHENGCE_CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run"],
});
const walls = [];
const cpus = [];
try {
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext(); // nothing cached between loads
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    const before = await cdp.send("Performance.getMetrics");
    await page.goto(server.url);
    await page.waitForFunction(() => document.getElementById("out")?.textContent !== "");
    const after = await cdp.send("Performance.getMetrics");
    const metric = (m, name) => m.metrics.find((x) => x.name === name)?.value ?? 0;
    walls.push(JSON.parse(await page.textContent("#out")).ms);
    cpus.push((metric(after, "ScriptDuration") - metric(before, "ScriptDuration")) * 1000);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
  built.remove();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const line = (label, value, budget, unit) => console.log(`${label.padEnd(34)} ${value.toFixed(1).padStart(8)} ${unit}  budget ${budget} ${unit}  ratio ${(value / budget).toFixed(2)}`);
line("bundle (gzip, all chunks)", built.gzipBytes / 1024, BUDGET.gzip / 1024, "KiB");
line(`import → first result (median of ${LOADS})`, median(walls), BUDGET.firstResult, "ms");
console.log(`${"  page script CPU, whole load".padEnd(34)} ${median(cpus).toFixed(1).padStart(8)} ms`);
