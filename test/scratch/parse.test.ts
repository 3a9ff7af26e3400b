import { test } from "vitest";
import { readFileSync } from "node:fs";
import { parse } from "../../packages/dsl/src/parse.js";
test("scratch", () => {
  const text = readFileSync(process.env.F ?? "policies/jiangmen/base.policy", "utf8");
  const r = parse(text);
  console.log("lex", r.lexErrors);
  console.log("parse", r.parseErrors.map((e) => [e.message, e.token.image, e.token.startLine]));
  console.log(JSON.stringify(r.ast.declarations.map((d: any) => [d.kind, d.name?.text])));
  if (process.env.D) console.log(JSON.stringify(r.ast.declarations.find((d: any) => d.name?.text === process.env.D), (k, v) => (k === "span" || k === "key" ? undefined : v), 1));
});
