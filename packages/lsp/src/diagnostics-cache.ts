// The diagnostics a server process published for a file it had just opened (or closed as it is on
// disk: edited, saved and closed, it opens at once the next time), kept in the command line's
// cache store (@zhengce/compiler/store: one store for both, an entry keyed by the build, the
// file's text and every file the analysis read — the `基于` bases and the cited notice — or that
// it was absent). The front of a server process (front.ts) publishes them for an unchanged text
// before the language front end has loaded; the server then checks as ever and publishes its own.
// Without the compiler package (it is optional) there is no cache; `--no-cache` turns it off.
import { fileURLToPath } from "node:url";
import type { Diagnostic } from "./protocol.js";

const KIND = "lsp-diagnostics";

export interface DiagnosticsCache {
  /** What was published for `text` at `uri`, while every file its analysis read is unchanged on disk. */
  get(uri: string, text: string): Diagnostic[] | undefined;
  /** Keep what was published for the first of `sources` (each file the analysis read: URI, text, null when absent). */
  put(diagnostics: Diagnostic[], sources: readonly (readonly [string, string | null])[]): void;
}

const pathOf = (uri: string): string | undefined => {
  try {
    return uri.startsWith("file:") ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
};

export async function openDiagnosticsCache(argv: readonly string[] = process.argv): Promise<DiagnosticsCache | undefined> {
  if (argv.includes("--no-cache")) return undefined;
  try {
    const { ArtefactStore, cacheDirectory } = await import("@zhengce/compiler/store");
    // The build is this module's directory (the server's), the dsl's and the runtime's; in the
    // server's build (scripts/bundle.mjs defines the variable) its directory alone.
    const store = new ArtefactStore(cacheDirectory(), import.meta.url, process.env.ZHENGCE_SERVER_BUNDLE === "1");
    return {
      get(uri, text) {
        const path = pathOf(uri);
        return path === undefined ? undefined : store.get<Diagnostic[]>(KIND, path, [], text);
      },
      put(diagnostics, sources) {
        const paths = sources.map(([uri, text]) => [pathOf(uri), text] as const);
        const main = paths[0]?.[0];
        if (main === undefined || paths.some(([p]) => p === undefined)) return;
        store.put(KIND, main, [], diagnostics, paths as [string, string | null][]);
      },
    };
  } catch {
    return undefined;
  }
}
