// The formatter never changes what a policy computes (issue 14, item 2). For every policy of the
// repository that checks without errors, and for variants that mean the same (whitespace moved,
// comments added, punctuation in the other width, keywords in the other script), formatting
// gives a text that checks without errors, whose emitted calculator code is exactly the
// original's, whose worked examples give the same outcomes, and which formatting leaves as it is.
import { describe, expect, it } from "vitest";
import { analyze, keywordSpellings, tokenize, type Analysis } from "@zhengce/dsl";
import { compileAnalysis, emit, lower } from "@zhengce/compiler";
import { formatPolicySync } from "../../packages/prettier-plugin/src/index.js";
import { budget, corpus, diskHost, LONG, type Source } from "../fuzz/support.js";
import { mutate, rng } from "./mutate.js";

const errorsOf = (a: Analysis) => a.diagnostics.filter((d) => d.severity === "error");
/**
 * The emitted calculators, comments and spacing aside. The trace's 说明 sentences quote the
 * source as written, so formatting may change them, but only in spacing and in the width of
 * punctuation (a modifier's `:` is printed `：`): the comparison folds those, nothing else.
 */
const HALF: Record<string, string> = { "：": ":", "，": ",", "（": "(", "）": ")" };
const code = (a: Analysis) =>
  emit(lower(a), { typed: false, module: "function", sourceName: a.uri })
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/^\s*\/\/.*$/gm, "")
    .replace(/\s+/g, "")
    .replace(/[：，（）]/g, (c) => HALF[c]);
const outcomes = (a: Analysis) =>
  compileAnalysis(a)
    .runExamples()
    .map(({ line: _line, ...o }) => o);

// ── variants that mean the same ──

const WIDTH: Record<string, string> = { "：": ":", ":": "：", "（": "(", "(": "（", "）": ")", ")": "）", "，": ",", ",": "，" };
const SWAPPABLE = new Set(["Colon", "Comma", "LParen", "RParen"]);

/** Replaces some tokens, chosen by `pick`, by `replace(image)`; the rest of the text as it was. */
function retoken(text: string, seed: number, pick: (name: string, image: string) => boolean, replace: (name: string, image: string) => string): string {
  const r = rng(seed);
  let out = "";
  let at = 0;
  for (const t of tokenize(text).tokens) {
    if (!pick(t.tokenType.name, t.image) || r() < 0.5) continue;
    out += text.slice(at, t.startOffset) + replace(t.tokenType.name, t.image);
    at = t.endOffset! + 1;
  }
  return out + text.slice(at);
}

const spellings = keywordSpellings() as Record<string, readonly string[]>;

type Variant = (text: string, seed: number) => string;
const KINDS: [string, Variant][] = [
  ["whitespace", mutate],
  ["punctuation width", (text, seed) => retoken(text, seed, (n, img) => SWAPPABLE.has(n) && img in WIDTH, (_n, img) => WIDTH[img])],
  ["keyword script", (text, seed) => retoken(text, seed, (n) => (spellings[n]?.length ?? 0) > 1, (n, img) => spellings[n].find((s) => s !== img && s.length === img.length) ?? img)],
  [
    "comments",
    (text, seed) => {
      const r = rng(seed * 7919);
      return text
        .split("\n")
        .map((l) => (r() < 0.1 && !l.trimStart().startsWith("依据") ? `# 插入的注释\n${l}` : l))
        .join("\n");
    },
  ],
];

/** The text as written and its variants: by default one kind per file (in turn), under `pnpm fuzz` every kind with four seeds. */
function variants(text: string, index: number): [string, string][] {
  const kinds = LONG ? KINDS : [KINDS[index % KINDS.length]];
  const out: [string, string][] = [["as written", text]];
  for (let seed = 1; seed <= budget(1, 4); seed++) for (const [name, make] of kinds) out.push([`${name} ${seed}`, make(text, seed)]);
  return out;
}

// ── the property ──

const checking = corpus.filter((s) => errorsOf(analyze(s.text, s.path, diskHost)).length === 0);

/**
 * The formatted variant checks, computes with the same code (the trace's 说明 quotes the source
 * as written, so whitespace aside) and gives the same example outcomes; a second pass changes nothing.
 */
function sameMeaning(source: Source, name: string, variant: string): boolean {
  const a = analyze(variant, source.path, diskHost);
  if (errorsOf(a).length) return false; // a variant that does not check says nothing about the formatter
  const formatted = formatPolicySync(variant);
  expect(formatPolicySync(formatted), `${name}: formatting twice`).toBe(formatted);
  if (formatted === variant) return true;
  const f = analyze(formatted, source.path, diskHost);
  expect(errorsOf(f), `${name}: the formatted text checks`).toEqual([]);
  expect(code(f), `${name}: the formatted text compiles to the same code`).toBe(code(a));
  expect(outcomes(f), `${name}: the same example outcomes`).toEqual(outcomes(a));
  return true;
}

describe("formatting never changes what a policy computes", () => {
  it("every encoded notice checks, so each is compared", () => {
    for (const s of corpus.filter((c) => c.name.startsWith("policies/"))) expect(checking.map((c) => c.name)).toContain(s.name);
  });

  it.each(checking.map((s, i) => [s.name, s, i] as const))("%s", (_name, source, index) => {
    let compared = 0;
    for (const [name, text] of variants(source.text, index)) if (sameMeaning(source, name, text)) compared++;
    expect(compared).toBeGreaterThanOrEqual(2);
  });
});
