#!/usr/bin/env node
// The bin `zhengce-lsp`: the server on stdio, from its single-file build while that is up to date.
import { loadServer } from "./start.js";

(await loadServer()).runServer();
