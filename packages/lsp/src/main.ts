#!/usr/bin/env node
// The bin `zhengce-lsp`: the server on stdio behind its front (front.ts), from its build while that is up to date.
import { loadServer } from "./start.js";

(await loadServer()).runServer();
