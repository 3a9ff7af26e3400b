// The server process behind its front (front.ts): the entry of the server's single-file build
// (dist/server/server.cjs, scripts/bundle.mjs), and of the compiled files when that build is not
// up to date (start.ts). The server itself (bundled.ts) is evaluated only when the front loads
// it; the front and the server share one copy of vscode-jsonrpc.
import { runServer as runFront } from "./front.js";
import type { ServerOptions } from "./server.js";

/** `published`: called once the server has published its first diagnostics (start.ts keeps the code V8 compiled then). */
export function runServer(options: ServerOptions = {}, published?: () => void): Promise<void> {
  return runFront(options, async () => ({ ...(await import("./bundled.js")), published }));
}
