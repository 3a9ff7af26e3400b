// The language server's Web Worker: the project's language server (startBrowserServer of
// @zhengce/lsp) on this worker's message port, with the formatter handed in and an in-memory file
// set, and the page's own requests on the same connection. It holds no compiler: the worked
// examples and the page's runs, curves and comparisons go to the runner (a second worker), with
// the texts of the analyses they read, so that a keystroke's check never waits behind them.
import { MemoryFiles, startBrowserServer, type MessageEndpoint } from "@zhengce/lsp/browser";
import { jobOf, type AnalysisJob } from "@zhengce/lsp/job";
import { formatPolicy } from "prettier-plugin-zhengce";
import { parse } from "@zhengce/dsl";
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

/** The current analyses of `uris` (and of the files they are based on), as texts for the runner. */
function jobs(uris: string[], withBases = false): AnalysisJob[] {
  const out = new Map<string, AnalysisJob>();
  const add = (uri: string) => {
    const a = out.has(uri) ? undefined : ws.analysis(uri);
    if (!a) return;
    out.set(uri, jobOf(a));
    if (withBases) for (const f of a.files.slice(0, -1)) add(f.uri);
  };
  uris.forEach(add);
  return [...out.values()];
}

// The page's runs, curves and comparisons are answered by the runner.
for (const method of [P.CALCULATORS, P.RUN, P.BURDEN]) {
  connection.onRequest(method, (p: { uri: string }) => runner.request(method, p, jobs([p.uri])));
}
connection.onRequest(P.COMPARE, (p: P.CompareParams) => runner.request(P.COMPARE, p, jobs([p.uri, ...p.open], true)));
