// The server with the formatter linked in (front.ts loads it: in dist/server/server.cjs, scripts/bundle.mjs).
// Imported by name (optional.ts), the formatter would bring a second copy of the language front
// end from node_modules, Chevrotain's ~640 lodash-es files and a second grammar analysis, loaded
// on the server's thread while it checks the first document.
import { runServer as run, type FrontChannel } from "./connection.js";
import type { ServerOptions } from "./server.js";

export function runServer(options: ServerOptions = {}, channel?: FrontChannel): void {
  run({ loadFormatter: () => import("prettier-plugin-zhengce"), ...options }, channel);
}
