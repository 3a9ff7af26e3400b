// A bundle made ASCII: esbuild escapes the CJK of strings but leaves regular expression literals
// as they are. Read at every start, an ASCII file decodes on Node's fast path into a one-byte
// string (@zhengce/lsp's code-cache.ts): 4.5 against 11 ms for the language server's 1.1 MB. An
// escape is the same code unit in a regular expression, a string or a name; only a template's
// raw text would see it. Columns after an escape move: a source map of the file no longer fits.
import { readFileSync, writeFileSync } from "node:fs";

export function asciiOnly(file) {
  const escaped = readFileSync(file, "utf8").replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  if (escaped.includes("String.raw")) throw new Error(`${file} reads a template's raw text: its escapes would change it`);
  writeFileSync(file, escaped);
}
