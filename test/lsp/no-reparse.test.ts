// The analysis keeps what it made (tokens, comments, CST and AST of every file, bases
// included): the language server's features read it and never lex or parse again.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";

const dir = new URL("../../packages/lsp/src/", import.meta.url);
// bench.ts measures a bare parse() beside the server; it answers no request.
const modules = readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "bench.ts");

describe("language-server modules", () => {
  test.each(modules)("%s imports neither the lexer nor the parser", (file) => {
    const text = readFileSync(new URL(file, dir), "utf8");
    const imported = [...text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"@zhengce\/dsl"/g)].flatMap((m) => m[1].split(",").map((s) => s.trim().replace(/^type\s+/, "")));
    expect(imported.filter((n) => ["tokenize", "parse", "parseWithCst", "parseCst", "PolicyLexer", "parser"].includes(n))).toEqual([]);
  });
});
