// The server never dies on any input: every policy of the repository, cut at every line and
// at random places, and mutated at random, is sent as an edit; after each one the server must
// still answer hover, completion and the other requests, and no handler may have thrown.
import { afterAll, beforeAll, expect, test } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Diagnostic, Position } from "vscode-languageserver-protocol/node.js";
import { FIXTURES, ROOT, TestClient, uriOf } from "./harness.js";

function policies(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? policies(p) : n.endsWith(".policy") ? [p] : [];
  });
}

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SHARDS = ["「", "」", "（", "）", "{", "}", "：", "、", "[", "]", "=", "−", "×", "#", "\n", " ", "依据 ", "当 ", "参数 ", "分段 ", "计算 ", "例 ", "超过 ", "（含）", "5000元", "85%", "10个百分点", "2018-01-01", "剩余", "已累计 ", "年度累计.", "\uD83D", "\u3000", "基于 「./x.policy」"];

// The default suite sends about 15 texts per file (45 made this file 23 s of a 220 s suite; the
// tools behind each request are fuzzed in-process by test/fuzz); `pnpm fuzz` (ZHENGCE_FUZZ=long)
// about 70.
const LONG = process.env.ZHENGCE_FUZZ === "long";
const [PREFIXES, CUTS, MUTATIONS] = LONG ? [40, 15, 15] : [8, 3, 4];

function variants(text: string, rnd: () => number): string[] {
  const out: string[] = [];
  const lines = text.split("\n");
  const step = Math.max(1, Math.ceil(lines.length / PREFIXES));
  for (let i = 0; i < lines.length; i += step) out.push(lines.slice(0, i + 1).join("\n"));
  for (let i = 0; i < CUTS; i++) out.push(text.slice(0, Math.floor(rnd() * text.length)));
  for (let i = 0; i < MUTATIONS; i++) {
    const at = Math.floor(rnd() * text.length);
    const len = Math.floor(rnd() * 40);
    const insert = Array.from({ length: Math.floor(rnd() * 3) }, () => SHARDS[Math.floor(rnd() * SHARDS.length)]).join("");
    out.push(text.slice(0, at) + insert + text.slice(at + len));
  }
  return out;
}

let client: TestClient;
beforeAll(async () => {
  client = await TestClient.inProcess({ debounceMs: 0 });
});
afterAll(async () => {
  await client.stop();
});

const files = [...policies(join(ROOT, "policies")), ...policies(FIXTURES)];

test.each(files.map((f) => [f.slice(ROOT.length)]))("survives every prefix and mutation of %s", async (rel) => {
  const path = join(ROOT, rel);
  const text = readFileSync(path, "utf8");
  const rnd = random(text.length);
  // The fuzzed document sits beside the real file, so `基于` resolves as it would there.
  const uri = uriOf(path.replace(/\.policy$/, ".fuzz.policy"));
  await client.open(uri, "");
  let count = 0;
  for (const v of variants(text, rnd)) {
    const diags: Diagnostic[] = await client.change(uri, v);
    const lines = v.split("\n");
    const at = (): Position => {
      const line = Math.floor(rnd() * lines.length);
      return { line, character: Math.floor(rnd() * (lines[line].length + 1)) };
    };
    const doc = { textDocument: { uri } };
    const p = at();
    const answers = await Promise.all([
      client.request("textDocument/hover", { ...doc, position: at() }),
      client.request("textDocument/hover", { ...doc, position: p }),
      client.request("textDocument/completion", { ...doc, position: at() }),
      client.request("textDocument/completion", { ...doc, position: { line: lines.length - 1, character: lines[lines.length - 1].length } }),
      client.request("textDocument/definition", { ...doc, position: p }),
      client.request("textDocument/references", { ...doc, position: p, context: { includeDeclaration: true } }),
      client.request("textDocument/prepareRename", { ...doc, position: p }),
      client.request("textDocument/documentSymbol", doc),
      client.request("textDocument/semanticTokens/full", doc),
      client.request("textDocument/foldingRange", doc),
      client.request("textDocument/codeAction", { ...doc, range: { start: p, end: p }, context: { diagnostics: diags } }),
    ]);
    expect(answers[2]).toBeInstanceOf(Array);
    count++;
  }
  await client.close(uri);
  expect(count).toBeGreaterThan(CUTS + MUTATIONS);
  expect(client.errors).toEqual([]);
  // And it still answers on the whole file.
  await client.open(uri, text);
  expect(await client.request("textDocument/completion", { textDocument: { uri }, position: { line: 0, character: 0 } })).toBeInstanceOf(Array);
  await client.close(uri);
});
