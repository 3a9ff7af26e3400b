// The playground end to end in Debian's Chromium, served by `zhengce serve` from the built site:
// pick 江门 base.policy, misspell a parameter (typed through an input method's composition) and
// see the diagnostic where it is, accept the quick fix, hover for the 依据, settle a 职工退休 三级
// 80 000 元 claim, change 三级's rate in the editor (the result, the chart and the worked examples
// follow), and come back through the share link; then compare the 2018 amendment with its base
// in the 对比 tab, before and after an edit.
// Screenshots go to artifacts/screenshots/playground/ (git-ignored; CI keeps them).
//
// The expected amounts are worked out from contract §1 (江府办〔2017〕20号):
//   起付标准 三级 900 − 100 (职工退休) = 800;  比例 55% + 5 points (职工退休) = 60%;
//   统筹支付 = (80000 − 800) × 60% = 47520.00  (cap 200000 × 100% for 36 months, not reached);
//   自付 = 80000 − 800 − 47520 = 31680;  二档支付 = 5000 × 50% + 26680 × 85% = 2500 + 22678 = 25178.00.
// With 三级 at 60% instead of 55%: 比例 65%, 统筹支付 = 79200 × 65% = 51480.00,
//   自付 = 80000 − 800 − 51480 = 27720, 二档支付 = 2500 + 22720 × 85% = 2500 + 19312 = 21812.00.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { collectFiles, DEFAULT_SITE, startServe, type Served } from "../../packages/compiler/src/cli/serve.js";
import { memoryIo } from "../cli/helpers.js";
import { hasChromium, launchChromium } from "../browser/chromium.js";

const ARTIFACTS = fileURLToPath(new URL("../../artifacts/screenshots/playground/", import.meta.url));
// Waits that only bound a hang: no verdict here may depend on timing, and with five test suites
// on this 2-core machine the whole suite took 18–25 min, so one step may take minutes.
const WAIT = 10 * 60_000;
const poll = { timeout: WAIT };

describe.skipIf(!hasChromium)("playground in the browser", () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  const shot = (name: string) => page.screenshot({ path: `${ARTIFACTS}${name}.png` });

  beforeAll(async () => {
    if (!existsSync(`${DEFAULT_SITE}index.html`)) throw new Error(`the site is not built (${DEFAULT_SITE}): pnpm build:playground`);
    mkdirSync(ARTIFACTS, { recursive: true });
    served = await startServe({ site: DEFAULT_SITE, files: [], port: 0, host: "127.0.0.1" });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 960 } });
    page.setDefaultTimeout(WAIT);
  }, WAIT);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  }, WAIT);

  /** The editor line holding `needle`. */
  const line = (needle: string) => page.locator(".editor:not([hidden]) .cm-line", { hasText: needle }).first();
  const output = (name: string) => page.locator(`tr[data-output="${name}"] td.value`);

  /** Put the cursor on `needle` (found with the editor's search) and select its characters [from, to). */
  async function selectIn(needle: string, from: number, to: number) {
    await page.locator(".editor:not([hidden]) .cm-content").click();
    await page.keyboard.press("Control+f");
    const search = page.locator(".cm-search input[name=search]");
    await search.fill(needle);
    // The search panel reads its field on key up: End commits the query, Enter selects the match.
    await search.press("End");
    await search.press("Enter");
    await page.keyboard.press("Escape");
    await page.keyboard.press("ArrowLeft");
    for (let i = 0; i < from; i++) await page.keyboard.press("ArrowRight");
    for (let i = from; i < to; i++) await page.keyboard.press("Shift+ArrowRight");
  }

  /** A walk-through that keeps a screenshot of where it stopped when it fails. */
  const walk = (failure: string, steps: () => Promise<void>) => async () => {
    try {
      await steps();
    } catch (e) {
      await shot(failure).catch(() => undefined);
      throw e;
    }
  };

  test("open, check, fix, hover, run, chart, share", walk("failure", walkThrough));

  /** A fresh page with 江门 2018.policy picked: an amendment opens with its base, as a pair of tabs. */
  async function openAmendment() {
    await page.goto(served.url);
    await page.waitForSelector("body[data-ready]");
    await page.selectOption("#policy", "/policies/jiangmen/2018.policy");
    await expect.poll(() => page.locator("#tabs .tab").allTextContents(), poll).toEqual(["2018.policy", "base.policy"]);
  }

  async function walkThrough() {
    await openAmendment();

    // Pick 江门 base.policy.
    await page.selectOption("#policy", "/policies/jiangmen/base.policy");
    await expect.poll(() => page.locator("#tabs .tab").allTextContents(), poll).toEqual(["base.policy"]);
    await expect.poll(() => page.textContent("#status"), poll).toBe("检查通过");
    await shot("1-opened");

    // Misspell 起付标准表 as 起付标淮表, typing 淮 through an input method (composition events).
    await selectIn("起付标准表[医院级别]", 3, 4);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Input.imeSetComposition", { text: "huai", selectionStart: 4, selectionEnd: 4 });
    await cdp.send("Input.imeSetComposition", { text: "淮", selectionStart: 1, selectionEnd: 1 });
    await cdp.send("Input.insertText", { text: "淮" });
    await expect.poll(() => line("输出 起付标准 =").textContent(), poll).toBe("  输出 起付标准 = 起付标淮表[医院级别]");
    const error = page.locator(".editor:not([hidden]) .cm-lintRange-error");
    await expect.poll(() => error.allTextContents(), poll).toEqual(["起付标淮表"]);
    // At the right place: on the 输出 起付标准 line, covering exactly the misspelt name.
    expect(await error.evaluate((el) => el.closest(".cm-line")?.textContent)).toBe("  输出 起付标准 = 起付标淮表[医院级别]");
    await expect.poll(() => page.textContent("#status"), poll).toBe("1 个错误");
    // The 运行 tab keeps the last version that checked, and says so.
    await expect.poll(() => page.textContent("#run-pane .notice"), poll).toBe("政策有 1 个错误：下面运行的是上一次通过检查的版本。");

    // Accept the quick fix from the diagnostic's tooltip; the error clears. (The fixes arrive just
    // after the diagnostic, replacing a tooltip opened before them: hover again until they show.)
    const fix = page.locator(".cm-tooltip-lint .cm-diagnosticAction", { hasText: "改为「起付标准表」" });
    await expect
      .poll(async () => {
        await page.mouse.move(0, 0);
        await error.hover();
        return fix.waitFor({ timeout: 5000 }).then(
          () => true,
          () => false,
        );
      }, poll)
      .toBe(true);
    expect(await page.locator(".cm-tooltip-lint").textContent()).toContain("未知的名称「起付标淮表」");
    await shot("2-diagnostic-and-fix");
    await fix.click();
    await expect.poll(() => line("输出 起付标准 =").textContent(), poll).toBe("  输出 起付标准 = 起付标准表[医院级别]");
    await expect.poll(() => error.count(), poll).toBe(0);
    await expect.poll(() => page.textContent("#status"), poll).toBe("检查通过");

    // Hover the parameter: its values with the 依据 and the quoted clause.
    const hover = page.locator(".cm-lsp-hover-tooltip");
    const name = line("输出 起付标准 =").locator(".zc-variable", { hasText: /^起付标准表$/ });
    await expect
      .poll(async () => {
        // A hover shows after the pointer rests; move off and back until it does.
        await page.mouse.move(0, 0);
        await name.hover();
        return hover.textContent({ timeout: 5000 }).catch(() => "");
      }, poll)
      .toContain("依据 二、（四）1.（1）");
    expect(await hover.textContent()).toContain("起付标准分别为一级及以下定点医疗机构500元");
    await shot("3-hover");
    await page.mouse.move(0, 0);

    // Settle a 职工退休 三级 80 000 元 claim (36 months of contributions: 系数 100%).
    await page.selectOption("#calculator", "住院结算");
    await page.selectOption('select[name="参保身份"]', "职工退休");
    await page.selectOption('select[name="医院级别"]', "三级");
    await page.fill('input[name="政策范围内费用"]', "80000");
    await page.fill('input[name="连续缴费月数"]', "36");
    await expect.poll(() => output("统筹支付").getAttribute("data-value"), poll).toBe("47520.00");
    expect(await output("二档支付").getAttribute("data-value")).toBe("25178.00");
    expect(await output("起付标准").getAttribute("data-value")).toBe("800.00");
    // The explanation: each payment's step with its clause.
    const step = (item: string) => page.locator(".steps .step", { has: page.locator(".step-item", { hasText: new RegExp(`^${item}$`) }) });
    expect(await step("统筹支付").locator(".step-value").textContent()).toBe("47520.00元");
    expect(await step("统筹支付").locator(".step-cite").textContent()).toBe("依据 江府办〔2017〕20号 二、（四）1.（1）");
    expect(await step("二档支付").locator(".step-value").textContent()).toBe("25178.00元");
    expect(await step("二档支付").locator(".step-cite").textContent()).toBe("依据 江府办〔2017〕20号 二、（四）2.（1）");
    // A step links back to its rule: the 职工退休 −100 元 modifier of 起付标准.
    await step("起付标准").nth(1).click();
    await expect.poll(() => page.locator(".editor:not([hidden]) .cm-activeLine").textContent(), poll).toContain("当 参保身份 = 职工退休");
    // The chart: one curve per hospital level, caps marked — 三级's 统筹支付 (60% above 800) reaches
    // 200000 × 100% where round((c − 800) × 60%) = 200000: c − 800 = 333333.33, c = 334133.33.
    const curve = (level: string) => page.locator(`.burden-chart .panel-0 path.curve[data-member="${level}"]`);
    const cap = (level: string, output: string) => page.locator(`.burden-chart .panel-0 circle.cap[data-member="${level}"][data-output="${output}"] title`);
    await expect.poll(() => page.locator(".burden-chart .panel-0 path.curve").count(), poll).toBe(4);
    await expect.poll(() => cap("三级", "统筹支付").textContent(), poll).toContain("政策范围内费用 334133.33 元时达到上限 200000.00 元");
    // A fixed axis for the comparison (the automatic one follows the caps, which move with the rate).
    await page.fill('input[aria-label="横轴上限"]', "500000");
    await page.press('input[aria-label="横轴上限"]', "Tab");
    await expect.poll(() => page.locator(".burden-chart .panel-0 text.tick").last().textContent(), poll).toBe("50万");
    const before = { third: await curve("三级").getAttribute("d"), first: await curve("一级及以下").getAttribute("d") };
    await page.locator(".burden").scrollIntoViewIfNeeded();
    await shot("4-result-and-chart");

    // Change 三级's rate from 55% to 60% in the editor: the result and the chart follow.
    await selectIn("三级：55%", 3, 5);
    await page.keyboard.type("60");
    await expect.poll(() => output("统筹支付").getAttribute("data-value"), poll).toBe("51480.00");
    expect(await output("二档支付").getAttribute("data-value")).toBe("21812.00");
    // 三级 at 65%: round((c − 800) × 65%) = 200000 from c − 800 = 307692.30 (× 65% = 199999.995,
    // rounded half up), c = 308492.30 — the chart is the new policy's; 一级及以下 is unchanged.
    await expect.poll(() => cap("三级", "统筹支付").textContent(), poll).toContain("政策范围内费用 308492.30 元时达到上限 200000.00 元");
    expect(await curve("三级").getAttribute("d")).not.toBe(before.third);
    expect(await curve("一级及以下").getAttribute("d")).toBe(before.first);
    // The worked examples ran again on the new text: the one written for 55% (its comment:
    // 统筹 49100 × 55% = 27005) now gets 49100 × 60% = 29460, marked on its expected value.
    await page.locator(".editor:not([hidden]) .cm-content").focus();
    await page.keyboard.press("Control+Shift+M");
    const failure = page.locator(".cm-panel-lint li", { hasText: "示例「城乡居民三级医院住院五万元，进入大病保险」未通过：「统筹支付」" });
    await expect.poll(() => failure.textContent(), poll).toContain("期望 27005.00，实际 29460.00");
    await shot("5-rate-changed");
    await page.keyboard.press("Escape");

    // The share link brings back the same text, inputs and result.
    await page.click("#share");
    // The link is made asynchronously (the text is deflated first).
    await expect.poll(() => page.locator("#share-link").inputValue(), poll).toMatch(/#s=/);
    const link = await page.locator("#share-link").inputValue();
    await page.goto("about:blank");
    await page.goto(link);
    await page.waitForSelector("body[data-ready]");
    await expect.poll(() => output("统筹支付").getAttribute("data-value"), poll).toBe("51480.00");
    expect(await output("二档支付").getAttribute("data-value")).toBe("21812.00");
    expect(await line("三级：60%").count()).toBe(1);
    expect(await page.inputValue('select[name="参保身份"]')).toBe("职工退休");
    expect(await page.inputValue('select[name="医院级别"]')).toBe("三级");
    expect(await page.inputValue('input[name="政策范围内费用"]')).toBe("80000");
    expect(await page.locator("#tabs .tab").allTextContents()).toEqual(["base.policy"]);
    await shot("6-from-share-link");
  }

  // The 对比 tab on 江门 2018.policy (鹤人社〔2017〕209号 附件2) against base.policy: the 二类特定病种
  // 一档 monthly limit goes from 1500 to 2500 元 (附表 of 江府办〔2017〕20号 → 三、（一）), so on
  // 特定病种门诊 the fund pays more on some claims and never less, and by at most 2500 − 1500 = 1000
  // 元 a claim. Raised to 3000 元 in the editor, the diff says so and a claim gains up to 1500 元.
  test("对比: the amendment against its base — diff and impact, redone as the policy is edited", walk("failure-compare", compareWalkThrough));

  async function compareWalkThrough() {
    await openAmendment();
    await page.click('#side-tabs button[data-pane="compare-pane"]');

    const entry = (subject: string, item: string) => page.locator(".diff-table", { has: page.locator("caption", { hasText: new RegExp(`^参数「${subject}」$`) }) }).locator(`tr[data-item="${item}"]`);
    const limit = entry("一档二类月支付限额", "值");
    await expect.poll(() => limit.locator("td.new .diff-value").textContent(), poll).toBe("2500元");
    expect(await limit.locator("td.old .diff-value").textContent()).toBe("1500元");
    expect(await limit.getAttribute("data-kind")).toBe("修改");
    expect(await limit.locator("td.new cite").first().textContent()).toContain("鹤人社〔2017〕209号");
    expect(await page.locator(".compare-head").textContent()).toContain("base.policy");

    // Impact on a sample of 特定病种门诊 claims (seeded: the same each time).
    await page.selectOption('select[aria-label="影响估算的计算"]', "特定病种门诊");
    const row = (output: string) => page.locator(`.impact-table[data-calculator="特定病种门诊"] tr[data-output="${output}"]`);
    const cells = (output: string) => row(output).locator("td").allTextContents();
    await expect.poll(() => row("统筹支付").count(), poll).toBe(1);
    // 变化案例, 增加, 减少, 变化前合计, 变化后合计, 差额: more paid, on no claim less.
    const [changed, up, down] = (await cells("统筹支付")).map((t) => t.replace(/,/g, ""));
    expect(Number(changed)).toBeGreaterThan(0);
    expect([up, down]).toEqual([changed, "0"]);
    expect(Number(await row("统筹支付").locator("td.diff").getAttribute("data-value"))).toBeGreaterThan(0);
    expect((await cells("个人负担"))[1]).toBe("0");
    // The report's charts: the totals, and the differences of 统筹支付, none above 1000 元.
    await expect.poll(() => page.locator(".impact img.report-chart").count(), poll).toBeGreaterThan(1);
    const bins = await page.locator('.output-impact[data-output="统筹支付"] img').getAttribute("alt");
    expect(bins).toMatch(/^统筹支付：每个案例的差额分布：\+/);
    expect(bins).not.toMatch(/\+1000~|\+1000以上|−/);
    await shot("8-compare");

    // A place in the diff opens the rule in the editor.
    await limit.locator("td.new button.place").click();
    await expect.poll(() => page.locator(".editor:not([hidden]) .cm-activeLine").textContent(), poll).toBe("参数 一档二类月支付限额 = 2500元");
    expect(await page.locator("#tabs .tab[aria-selected=true]").textContent()).toBe("2018.policy");

    // Edit the amendment: 2500 → 3000. The diff and the impact follow.
    await selectIn("一档二类月支付限额 = 2500元", 12, 14);
    await page.keyboard.type("30");
    await expect.poll(() => limit.locator("td.new .diff-value").textContent(), poll).toBe("3000元");
    // Up to 3000 − 1500 = 1500 元 a claim now: some claim gains more than 1000 元.
    await expect.poll(() => page.locator('.output-impact[data-output="统筹支付"] img').getAttribute("alt"), poll).toMatch(/\+1000~2000 \d+ 例/);
    expect((await cells("统筹支付"))[2]).toBe("0");
    await page.locator(".impact").scrollIntoViewIfNeeded();
    await shot("9-compare-edited");
  }

  test("a file from disk: served, edited and saved back; the traditional copy dropped in runs as in the CLI", async () => {
    const dir = mkdtempSync(join(tmpdir(), "zhengce-playground-"));
    const own = join(dir, "my.policy");
    copyFileSync(fileURLToPath(new URL("../lsp/fixtures/base.policy", import.meta.url)), own);
    const mine = await startServe({ site: DEFAULT_SITE, files: await collectFiles(memoryIo({ cwd: dir }), ["my.policy"]), port: 0, host: "127.0.0.1" });
    try {
      await page.goto(mine.url);
      await page.waitForSelector("body[data-ready]");
      await expect.poll(() => page.locator("#tabs .tab").allTextContents(), poll).toEqual(["my.policy"]);
      // A comment typed at the top, then 保存: the file on disk is the editor's text.
      await page.locator(".editor:not([hidden]) .cm-content").click();
      await page.keyboard.press("Control+Home");
      // One insertion, line break included: no key is pressed after it that a completion list
      // opening in between could take (Enter would accept a completion).
      await page.keyboard.insertText("# saved from the playground\n");
      await expect.poll(() => page.locator(".editor:not([hidden]) .cm-line").first().textContent(), poll).toBe("# saved from the playground");
      await page.click("#save");
      await expect.poll(() => page.textContent("#message"), poll).toBe("已写回磁盘：my.policy");
      expect(readFileSync(own, "utf8")).toBe(`# saved from the playground\n${readFileSync(fileURLToPath(new URL("../lsp/fixtures/base.policy", import.meta.url)), "utf8")}`);

      // The traditional-script copy of 江门 base.policy, dropped on the editor: checked, and its
      // 住院結算 gives the same 统筹支付 / 二档支付 for the 职工退休 三级 80 000 元 claim.
      const traditional = readFileSync(fileURLToPath(new URL("../fixtures/jiangmen-traditional.policy", import.meta.url)), "utf8");
      await page.evaluate((text) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], "江門.policy", { type: "text/plain" }));
        document.querySelector("#editors")!.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, traditional);
      await expect.poll(() => page.locator("#tabs .tab[aria-selected=true]").textContent(), poll).toBe("江門.policy");
      await expect.poll(() => page.textContent("#status"), poll).toBe("检查通过");
      await page.selectOption("#calculator", "住院結算");
      await page.selectOption('select[name="參保身份"]', "職工退休");
      await page.selectOption('select[name="醫院級別"]', "三級");
      await page.fill('input[name="政策範圍內費用"]', "８００００");
      await page.fill('input[name="連續繳費月數"]', "36");
      await expect.poll(() => output("統籌支付").getAttribute("data-value"), poll).toBe("47520.00");
      expect(await output("二檔支付").getAttribute("data-value")).toBe("25178.00");
      await shot("7-traditional");
    } finally {
      await mine.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
