// Worked examples off the server's thread (packages/lsp/src/examples.ts): the worker analyses
// the texts again, compiles and runs the examples; a newer run for the same document cancels
// the one running.
import { Worker } from "node:worker_threads";
import { afterEach, expect, test } from "vitest";
import { analyze } from "@zhengce/dsl";
import { WorkerExamples } from "../../packages/lsp/src/examples.js";
import { fixture } from "./harness.js";

const WORKER = new URL("./examples-worker.mjs", import.meta.url);
const logged: string[] = [];
let runner: WorkerExamples | undefined;
afterEach(() => {
  runner?.dispose();
  logged.length = 0;
});

const start = () => new Worker(WORKER, { workerData: { role: "zhengce-examples" } });

test("the worker runs the examples of the analysed text, with the base texts the analysis read", async () => {
  runner = new WorkerExamples(start, (m) => logged.push(m));
  const base = fixture("base.policy");
  const amend = fixture("amend.policy");
  // The base as the editor has it (not as on disk): 二级's 起付线 lowered to 350元 in the amendment.
  const texts = new Map([[base.uri, base.text]]);
  const host = { readFile: (u: string) => texts.get(u), resolve: () => base.uri };
  const edited = amend.text.replace("二级：400元", "二级：350元");
  const outcomes = await runner.run(analyze(edited, amend.uri, host));
  // 调整后二级医院: 起付 350, (10400 − 350) × 80% = 8040 ≠ 8000; 个人 10400 − 8040 = 2360 ≠ 2400.
  expect(outcomes?.map((o) => [o.title, o.passed, o.failures.map((f) => [f.field, f.expected, f.actual])])).toEqual([
    ["调整后二级医院", false, [["统筹支付", "8000.00", "8040.00"], ["个人负担", "2400.00", "2360.00"]]],
  ]);
  expect(logged).toEqual([]);
});

test("a newer run for the same document cancels the one running; another document's waits its turn", async () => {
  runner = new WorkerExamples(start, (m) => logged.push(m));
  const base = fixture("base.policy");
  const first = runner.run(analyze(base.text, base.uri));
  const other = runner.run(analyze(base.text, `${base.uri}.copy.policy`));
  const second = runner.run(analyze(base.text.replace("个人负担：2500元", "个人负担：2600元"), base.uri));
  expect(await first).toBeUndefined();
  // The first worker was stopped mid-run and a new one started.
  expect(runner.started).toBe(2);
  expect((await second)?.map((o) => o.passed)).toEqual([false]);
  expect((await other)?.map((o) => o.passed)).toEqual([true]);
  expect(runner.started).toBe(2);
  expect(logged).toEqual([]);
});
