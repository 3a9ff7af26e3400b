// The playground's budget, measured in this machine's headless Chromium against `zhengce serve`
// (gzip, as any static server would send it):
//   transfer        every byte the first load downloads (encoded, i.e. compressed)   ≤ 1.5 MB
//   first paint     first contentful paint                                           ≤ 1 s
//   editor shown    the policy's text in the editor                                  (reported)
//   server ready    first diagnostics of policies/jiangmen/base.policy published     ≤ 1.5 s
//   first result    the 运行 tab's first result (compiled and run after the check)   (reported)
//   edit → diagnostics   a keystroke in base.policy until its diagnostics are drawn  ≤ 100 ms
//                   (a name broken and mended in turn; then, reported beside it, a comment typed:
//                   every keystroke a new text the worked examples run on again)
// Medians over cold loads (a new browser context each) and over many edits; the machine's load
// average is printed beside them, since a shared machine slows everything alike.
//
//   pnpm bench:playground [--loads N] [--edits N] [--site DIR] [--hog N]
//     --site DIR  another build of the site (a copy of dist/ from before a change), to compare
//                 two builds in the same conditions one after the other
//     --hog N     N busy processes (`node -e 'for(;;);'`, not niced) beside the browser for the
//                 whole run: the budget on a machine whose every core is taken
// (the site must be built: pnpm build:playground)
import { spawn } from "node:child_process";
import { get } from "node:http";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const LOADS = arg("--loads", 5);
const EDITS = arg("--edits", 20);
const HOGS = arg("--hog", 0);
const siteArg = process.argv.indexOf("--site");
const BUDGET = { transfer: 1.5 * 1024 * 1024, paint: 1000, ready: 1500, edit: 100 };

const { startServe, DEFAULT_SITE } = await import(`${root}packages/compiler/dist/cli/serve.js`);
const site = siteArg > 0 ? `${process.argv[siteArg + 1].replace(/\/?$/, "/")}` : DEFAULT_SITE;
const served = await startServe({ site, files: [], port: 0, host: "127.0.0.1" });
const hogs = Array.from({ length: HOGS }, () => spawn(process.execPath, ["-e", "for(;;);"], { stdio: "ignore" }));
const browser = await chromium.launch({
  executablePath: process.env.ZHENGCE_CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run"],
});
/** Bytes of a response as sent (compressed), read raw from the server. */
const encodedSize = (url) =>
  new Promise((resolve, reject) => {
    get(url, { headers: { "accept-encoding": "gzip" } }, (res) => {
      let n = 0;
      res.on("data", (c) => (n += c.length));
      res.on("end", () => resolve(n));
    }).on("error", reject);
  });
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * CPU time of the page's main thread and of each worker from the start of the trace to zc:ready
 * (or its end), and each one's longest task (CPU time): a message that arrives while a task runs
 * waits for its end, so the longest task on the language server's thread bounds what a keystroke
 * can wait there, however loaded the machine. The language server's worker is the first the page
 * starts, the runner (started by it) the second: thread ids grow.
 */
function threadTimes(events) {
  const names = new Map(events.filter((e) => e.name === "thread_name").map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
  const ready = events.find((e) => e.name === "zc:ready")?.ts ?? Infinity;
  const cpu = new Map();
  const longest = new Map();
  for (const e of events) {
    const thread = `${e.pid}:${e.tid}`;
    if (e.ph !== "X" || e.name !== "ThreadControllerImpl::RunTask" || e.ts >= ready) continue;
    const ms = (e.tdur ?? 0) / 1000;
    cpu.set(thread, (cpu.get(thread) ?? 0) + ms);
    longest.set(thread, Math.max(longest.get(thread) ?? 0, ms));
  }
  const of = (name) => [...names.keys()].filter((t) => names.get(t) === name && cpu.has(t)).sort((a, b) => Number(a.split(":")[1]) - Number(b.split(":")[1]));
  const [page] = of("CrRendererMain");
  const [worker, runner] = of("DedicatedWorker thread");
  const time = (t) => (t ? (cpu.get(t) ?? 0) : 0);
  const task = (t) => (t ? (longest.get(t) ?? 0) : 0);
  return { main: time(page), worker: time(worker), runner: time(runner), longest: { main: task(page), worker: task(worker), runner: task(runner) } };
}

let threads;
let editThreads;
let typed = [];
let typedThreads;
const loads = [];
let edits = [];
try {
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    // Every response. Playwright reports a dedicated worker's request (worker.js) without its body
    // size: that one is fetched again from the same server, gzip accepted, and its bytes counted.
    let transfer = 0;
    let responses = 0;
    const sizes = [];
    page.on("requestfinished", (request) => {
      responses++;
      sizes.push(
        request.sizes().then(async (s) => {
          transfer += s.responseHeadersSize + (s.responseBodySize || (await encodedSize(request.url())));
        }),
      );
    });
    // The first load is also traced: the CPU time each thread spent until the server was ready,
    // which a busy machine stretches far less than the wall-clock time.
    if (i === 0) await browser.startTracing(page, { categories: ["toplevel", "blink.user_timing"] });
    // When the 运行 tab first shows a result: the calculators compiled and run after the check.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (!document.querySelector("tr[data-output]")) return;
        performance.mark("bench:result");
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(served.url);
    await page.waitForSelector("body[data-ready]", { timeout: 60_000 });
    if (i === 0) threads = threadTimes(JSON.parse((await browser.stopTracing()).toString()).traceEvents);
    // Everything the first load downloads, including what is fetched once the server is ready.
    await page.waitForSelector("tr[data-output]", { state: "attached", timeout: 60_000 });
    const marks = await page.evaluate(() => {
      const mark = (n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN;
      return { paint: mark("first-contentful-paint"), editor: mark("zc:editor"), ready: mark("zc:ready"), result: mark("bench:result") };
    });
    await Promise.all(sizes);
    loads.push({ ...marks, transfer, responses });
    if (i === LOADS - 1) {
      // Edits on the line `输出 起付标准 = 起付标准表[医院级别]`: insert a character into the name (an
      // unknown name: E101) and delete it again (clean) — each followed by a full check.
      await page.locator(".cm-content").click();
      await page.keyboard.press("Control+f");
      const search = page.locator(".cm-search input[name=search]");
      await search.fill("起付标准表[医院级别]");
      await search.press("End");
      await search.press("Enter");
      await page.keyboard.press("Escape");
      await page.keyboard.press("ArrowLeft");
      await page.keyboard.press("ArrowRight");
      // The CPU time the edits cost each thread: all an edit sets off (the check, then the worked
      // examples and the 运行 tab's result and curves), which a busy machine stretches far less
      // than the wall-clock time from a keystroke to its diagnostics.
      const loop = async (keys) => {
        await page.evaluate(() => (window.__zhengce.editToDiagnostics.length = 0));
        await browser.startTracing(page, { categories: ["toplevel"] });
        for (const key of keys) {
          const before = await page.evaluate(() => window.__zhengce.editToDiagnostics.length);
          await page.keyboard.press(key);
          await page.waitForFunction((n) => window.__zhengce.editToDiagnostics.length > n, before, { timeout: 30_000 });
          await page.waitForTimeout(150);
        }
        const times = await page.evaluate(() => window.__zhengce.editToDiagnostics);
        return { times, threads: threadTimes(JSON.parse((await browser.stopTracing()).toString()).traceEvents) };
      };
      ({ times: edits, threads: editThreads } = await loop(Array.from({ length: EDITS }, (_, e) => (e % 2 ? "Backspace" : "x"))));
      // Then typing a comment at the end of that line: every keystroke a new text without errors,
      // so the worked examples are compiled and run again after each (the text mended above is
      // the one the examples already ran on, and a compiled policy is kept per text).
      await page.keyboard.press("End");
      await page.keyboard.type(" #");
      ({ times: typed, threads: typedThreads } = await loop(Array.from({ length: EDITS }, (_, e) => "abcdefghijklmnopqrstuvwxyz"[e % 26])));
    }
    await context.close();
  }
} finally {
  await browser.close();
  await served.close();
  for (const hog of hogs) hog.kill();
}

const row = (name, value, budget, unit) => {
  const ok = value <= budget;
  const shown = unit === "KiB" ? (value / 1024).toFixed(0) : value.toFixed(0);
  const limit = unit === "KiB" ? (budget / 1024).toFixed(0) : budget;
  return `  ${name.padEnd(22)} ${shown.padStart(7)} ${unit.padEnd(4)} budget ${String(limit).padStart(5)} ${unit.padEnd(4)} ${(value / budget).toFixed(2)}× ${ok ? "ok" : "OVER"}`;
};
const transfer = median(loads.map((l) => l.transfer));
const paint = median(loads.map((l) => l.paint));
const editor = median(loads.map((l) => l.editor));
const ready = median(loads.map((l) => l.ready));
const result = median(loads.map((l) => l.result));
const edit = median(edits);
const conditions = [site === DEFAULT_SITE ? "" : `site ${site}`, HOGS ? `${HOGS} busy processes beside it` : ""].filter(Boolean).join("; ");
console.log(`playground budget — ${LOADS} cold loads, ${edits.length} edits of policies/jiangmen/base.policy; load average ${loadavg().map((x) => x.toFixed(1)).join(" ")} on ${cpus().length} cores${conditions ? `; ${conditions}` : ""}`);
console.log(row("transfer (gzip)", transfer, BUDGET.transfer, "KiB") + `  (${loads[0].responses} responses)`);
console.log(row("first paint", paint, BUDGET.paint, "ms"));
console.log(`  ${"editor shown".padEnd(22)} ${editor.toFixed(0).padStart(7)} ms`);
console.log(row("language server ready", ready, BUDGET.ready, "ms"));
const runnerCpu = (t) => (t.runner ? `, runner ${t.runner.toFixed(0)} ms` : "");
if (threads) console.log(`    CPU time until ready (first load): page ${threads.main.toFixed(0)} ms, language-server worker ${threads.worker.toFixed(0)} ms${runnerCpu(threads)}`);
console.log(`  ${"first result".padEnd(22)} ${result.toFixed(0).padStart(7)} ms`);
console.log(row("edit → diagnostics", edit, BUDGET.edit, "ms"));
console.log(`  edit → diagnostics: min ${Math.min(...edits).toFixed(0)} ms, max ${Math.max(...edits).toFixed(0)} ms`);
const perEdit = (ms, n) => (ms / n).toFixed(0);
const cpuLine = (t, n) => `page ${perEdit(t.main, n)} ms, language-server worker ${perEdit(t.worker, n)} ms${t.runner ? `, runner ${perEdit(t.runner, n)} ms` : ""}`;
const longestLine = (t) => `page ${t.longest.main.toFixed(0)} ms, language-server worker ${t.longest.worker.toFixed(0)} ms${t.runner ? `, runner ${t.longest.runner.toFixed(0)} ms` : ""}`;
if (editThreads) {
  console.log(`    CPU time per edit, all it sets off: ${cpuLine(editThreads, edits.length)}`);
  console.log(`    longest task (CPU) during the edits: ${longestLine(editThreads)}`);
}
if (typed.length) {
  console.log(`  typing a comment (each keystroke a new text that checks; examples compiled and run after each): edit → diagnostics median ${median(typed).toFixed(0)} ms, max ${Math.max(...typed).toFixed(0)} ms`);
  console.log(`    CPU time per keystroke: ${cpuLine(typedThreads, typed.length)}; longest task: ${longestLine(typedThreads)}`);
}
