#!/usr/bin/env node
// The server process as an ES module: the bin (bin.ts, dist/server/bin.cjs) hands over to it while
// the server's build is stale, and it runs the compiled files then (start.ts).
import { loadServer } from "./start.js";

(await loadServer()).runServer();
