// The language server's Web Worker: the project's language server (startBrowserServer of
// @zhengce/lsp) on this worker's message port, with the formatter handed in and an in-memory file
// set, and the page's own requests on the same connection. It holds no compiler: the worked
// examples and the page's runs, curves and comparisons go to the runner (a second worker), with
// the texts of the analyses they read, so that a keystroke's check never waits behind them.
import { MemoryFiles, startBrowserServer, type MessageEndpoint } from "@zhengce/lsp/browser";
import { jobOf, type AnalysisJob } from "@zhengce/lsp/job";
import { formatPolicy } from "prettier-plugin-zhengce";
import { parse, type Analysis } from "@zhengce/dsl";
import { calculatorAt } from "../cursor.js";
import { pathToFileURL } from "../shims/node-url.js";
import { Runner } from "./runner.js";
import * as P from "../protocol.js";

const files = new MemoryFiles();
const runner = new Runner(new URL("run.js", location.href).href);
const { connection, server } = startBrowserServer(self as unknown as MessageEndpoint, {
  files,
  // Checking starts as soon as the page stops typing; the page measures edit → diagnostics.
  debounceMs: 20,
  examples: runner.examples(),
  loadFormatter: async () => ({ formatPolicy }),
});
const ws = server.workspace;

// Each edit tells the runner at once: curves it is drawing for the old text stop.
self.addEventListener("message", (e: MessageEvent) => {
  const m = e.data as { method?: string; params?: { textDocument?: { uri?: string } } };
  const uri = m?.method === "textDocument/didChange" ? m.params?.textDocument?.uri : undefined;
  if (uri) runner.notify(P.CHANGED, { uri } satisfies P.ChangedParams);
});

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

/** The current analyses of `uris` and of the files they are based on, as texts for the runner. */
function jobs(uris: string[]): AnalysisJob[] {
  const out = new Map<string, AnalysisJob>();
  const add = (uri: string) => {
    const a = out.has(uri) ? undefined : ws.analysis(uri);
    if (!a) return;
    out.set(uri, jobOf(a));
    for (const f of a.files.slice(0, -1)) add(f.uri);
  };
  uris.forEach(add);
  return [...out.values()];
}

const errorsIn = (a: Analysis | undefined) => (a ? a.diagnostics.filter((d) => d.severity === "error").length : 0);

// The page's runs and curves are answered by the runner. A text with errors is not sent: the
// runner runs the last version that checked, without analysing one it cannot run; the number of
// errors and the calculator under the cursor are read here, from the analysis the check made.
connection.onRequest(P.CALCULATORS, async (p: P.CalculatorsParams): Promise<P.CalculatorsResult> => {
  const current = ws.analysis(p.uri);
  const errors = errorsIn(current);
  const r = await runner.request<P.CalculatorsResult>(P.CALCULATORS, p, current && !errors ? [jobOf(current)] : []);
  if (!current || !errors) return r;
  const atCursor = p.position && calculatorAt(current, p.position);
  return { ...r, errors, ...(atCursor ? { atCursor } : {}) };
});
for (const method of [P.RUN, P.BURDEN]) {
  connection.onRequest(method, (p: P.RunParams) => {
    const current = ws.analysis(p.uri);
    return runner.request(method, p, current && !errorsIn(current) ? [jobOf(current)] : []);
  });
}
// The comparison reads both texts as they are (it says how many errors each has).
connection.onRequest(P.COMPARE, (p: P.CompareParams) => runner.request(P.COMPARE, p, jobs([p.uri, ...p.open])));
