// The Web Worker: the project's language server (startBrowserServer of @zhengce/lsp) on this
// worker's message port, with the compiler and the formatter handed in, an in-memory file set,
// and the page's own requests (catalogue, calculators, run, burden curves, the comparison with a
// base) on the same connection.
import { MemoryFiles, startBrowserServer, type MessageEndpoint } from "@zhengce/lsp/browser";
import { findCalculator } from "@zhengce/compiler";
import { formatPolicy } from "prettier-plugin-zhengce";
import { parse, type Analysis } from "@zhengce/dsl";
import { formatError, stepLabel, type TraceStep } from "@zhengce/runtime";
import { pathToFileURL } from "../shims/node-url.js";
import { burdenCurves } from "./burden.js";
import { calculatorsOf, compile, runnable } from "./calculators.js";
import { compare } from "./compare.js";
import { stepLocator } from "./locate.js";
import * as P from "../protocol.js";

const files = new MemoryFiles();
const { connection, server } = startBrowserServer(self as unknown as MessageEndpoint, {
  files,
  // Checking starts as soon as the page stops typing; the page measures edit → diagnostics.
  debounceMs: 20,
  loadCompiler: async () => ({ compileAnalysis: examplesUnlessReplaced }),
  loadFormatter: async () => ({ formatPolicy }),
});
const ws = server.workspace;

// The editor comes first. Everything a check sets off after its diagnostics are out (the worked
// examples, the 运行 tab's curves) lets a keystroke that has arrived in first, and is dropped
// when the text it was for has been replaced: the next check sets it off again.
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const replaced = (analysis: Analysis) => {
  const doc = ws.openDocument(analysis.uri);
  return !!doc && doc.getText() !== analysis.text;
};

async function examplesUnlessReplaced(analysis: Analysis) {
  await nextTask();
  return replaced(analysis) ? { runExamples: () => [] } : compile(analysis);
}

/** A pause for work on the current text of `uri`: false once that text has changed. */
function pauseFor(uri: string): () => Promise<boolean> {
  const version = ws.openDocument(uri)?.version;
  return async () => {
    await nextTask();
    return ws.openDocument(uri)?.version === version;
  };
}

connection.onNotification(P.FILES, (p: P.FilesParams) => {
  for (const f of p.files) {
    files.set(f.path, f.text);
    ws.invalidate(pathToFileURL(f.path).href);
  }
});

connection.onRequest(P.CATALOGUE, (): P.CatalogueEntry[] =>
  files.policies("/").map((path) => {
    const uri = pathToFileURL(path).href;
    const header = parse(files.read(path) ?? "").ast.declarations.find((d) => d.kind === "PolicyHeader");
    const title = header?.kind === "PolicyHeader" ? header.name.text : (path.split("/").pop() ?? path);
    const basedOn = header?.kind === "PolicyHeader" ? header.basedOn?.path : undefined;
    return { uri, title, ...(basedOn ? { base: ws.host().resolve(uri, basedOn) } : {}) };
  }),
);

connection.onRequest(P.CALCULATORS, (p: P.CalculatorsParams): P.CalculatorsResult => calculatorsOf(p.uri, ws.analysis(p.uri), p.position));

function calculator(p: P.RunParams) {
  const { analysis } = runnable(p.uri, ws.analysis(p.uri));
  const policy = analysis && compile(analysis);
  const calc = policy && findCalculator(policy, p.calculator);
  return analysis && calc ? { analysis, calc } : undefined;
}

connection.onRequest(P.RUN, (p: P.RunParams): P.RunResult => {
  const found = calculator(p);
  if (!found) return { error: { message: `没有可运行的计算「${p.calculator}」` } };
  try {
    const { 计算过程, ...outputs } = found.calc.run(p.input, { 计算过程: true }) as Record<string, unknown> & { 计算过程: TraceStep[] };
    const locate = stepLocator(found.analysis, found.calc.name);
    return { outputs, steps: 计算过程.map((s) => ({ ...s, ...stepLabel(s), location: locate(s) })) };
  } catch (e) {
    const field = (e as { field?: unknown }).field;
    return { error: { message: formatError(e), ...(typeof field === "string" && field ? { field } : {}) } };
  }
});

connection.onRequest(P.BURDEN, async (p: P.BurdenParams): Promise<P.BurdenResult> => {
  const pause = pauseFor(p.uri);
  const found = calculator(p);
  if (!found) return { curves: [], error: `没有可运行的计算「${p.calculator}」` };
  const summary = calculatorsOf(p.uri, found.analysis).calculators.find((c) => c.name === found.calc.name);
  return (await burdenCurves(found.calc, summary?.outputs ?? [], p, pause)) ?? { curves: [], cancelled: true };
});

// A newer comparison stops the one still sampling: between slices it lets the editor's messages in.
let comparing = 0;
connection.onRequest(P.COMPARE, async (p: P.CompareParams): Promise<P.CompareResult> => {
  const id = ++comparing;
  const pause = () => new Promise<boolean>((resolve) => setTimeout(() => resolve(id === comparing), 0));
  return compare(p, (uri) => ws.analysis(uri), pause);
});
