// Fuzzing the language core and its tools (issue 14, item 1): truncations, token-level
// mutations, very long lines and deep nesting of the repository's policies. For each text,
// analyze(), the formatter, the compiler and the language server's features never throw, every
// diagnostic lies inside the text, and every position the server returns is one the LSP allows.
// Bounded budget here; `pnpm fuzz` runs the long one (see support.ts).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "@zhengce/dsl";
import {
  analyzeChecked, applyEdits, budget, compileChecked, corpus, diskHost, formatChecked, FRAGMENTS, HOSTILE,
  languageServerChecked, LONG, SEED, tokenSpans, type Edit, type Source,
} from "./support.js";

/** Runs every tool on one text, as the fuzzed file would sit beside `source`. */
function everyTool(text: string, source: Source, offsets: number[], options: { format?: boolean; compile?: boolean } = {}) {
  const uri = source.path.replace(/\.policy$/, ".fuzz.policy");
  const a = analyzeChecked(text, uri, diskHost);
  languageServerChecked(a, offsets, diskHost);
  if (options.format ?? text.length < 40_000) formatChecked(text);
  if (options.compile ?? true) compileChecked(a, text.length < 40_000);
}

/** Consecutive declarations of a policy (with what lies between them): small texts that still read like policies. */
function excerpts(source: Source): string[] {
  const decls = parse(source.text).ast.declarations;
  const out: string[] = [];
  for (let i = 0; i < decls.length; i += 3) {
    const last = decls[Math.min(i + 2, decls.length - 1)];
    out.push(source.text.slice(i === 0 ? 0 : decls[i - 1].span.end, last.span.end) + "\n");
  }
  return out;
}

const pieces = corpus.flatMap((s) => excerpts(s).map((text) => ({ source: s, text })));
const params = (runs: number) => ({ seed: SEED, numRuns: runs, endOnFailure: !LONG });

describe("truncation", () => {
  it("there is a corpus to fuzz", () => {
    expect(corpus.length).toBeGreaterThan(5);
    expect(pieces.length).toBeGreaterThan(100);
  });

  // Every offset of every excerpt under `pnpm fuzz`; a sample here.
  it("of excerpts at any offset", () => {
    fc.assert(
      fc.property(fc.nat({ max: pieces.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), (i, at) => {
        const { source, text } = pieces[i];
        const cut = text.slice(0, Math.floor(at * text.length));
        everyTool(cut, source, [cut.length, Math.floor(cut.length / 2)]);
      }),
      params(budget(100, 4_000)),
    );
  });

  it.skipIf(!LONG)("of the smaller files at every offset", () => {
    for (const source of corpus.filter((s) => s.text.length < 4000)) {
      for (let k = 0; k <= source.text.length; k++) everyTool(source.text.slice(0, k), source, [k], { compile: false });
    }
  });

  it("of whole policies at a few offsets each", () => {
    fc.assert(
      fc.property(fc.nat({ max: corpus.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), (i, at) => {
        const source = corpus[i];
        const cut = source.text.slice(0, Math.floor(at * source.text.length));
        everyTool(cut, source, [cut.length], { format: false });
      }),
      params(budget(6, 150)),
    );
  });
});

const edit: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom("delete", "duplicate", "swap", "insert"),
  at: fc.nat(),
  other: fc.nat(),
  insert: fc.oneof(fc.constantFrom(...HOSTILE), fc.constantFrom(...FRAGMENTS), fc.string({ unit: "binary", maxLength: 4 })),
}) as fc.Arbitrary<Edit>;

describe("token-level mutations", () => {
  it("of excerpts: delete, duplicate, swap, insert CJK / full-width / emoji / BOM / NUL / lone CR", () => {
    fc.assert(
      fc.property(fc.nat({ max: pieces.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 4 }), (i, edits) => {
        const { source, text } = pieces[i];
        const m = applyEdits(text, edits);
        everyTool(m, source, [0, Math.floor(m.length / 3), m.length]);
      }),
      params(budget(120, 8_000)),
    );
  });

  it("of whole policies", () => {
    fc.assert(
      fc.property(fc.nat({ max: corpus.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 3 }), (i, edits) => {
        const source = corpus[i];
        everyTool(applyEdits(source.text, edits), source, [source.text.length >> 1], { format: false });
      }),
      params(budget(4, 200)),
    );
  });
});

describe("very long lines and deep nesting", () => {
  const source = corpus.find((s) => s.name === "policies/jiangmen/base.policy")!;
  const long: fc.Arbitrary<string> = fc.oneof(
    fc.nat({ max: 200_000 }).map((n) => `参数 甲：金额 = ${"9".repeat(n + 1)}元\n`),
    fc.nat({ max: 200_000 }).map((n) => `# ${"注".repeat(n)}\n参数 甲：金额 = 1元\n`),
    fc.nat({ max: 200_000 }).map((n) => `参数 ${"名".repeat(n + 1)}：金额 = 1元\n`),
    fc.nat({ max: 200_000 }).map((n) => `参数 甲：金额 = 1元\n  依据 ${"一、".repeat(n)}「${"引".repeat(n)}」\n`),
    fc.nat({ max: 20_000 }).map((n) => `枚举 级别 { ${Array.from({ length: n + 1 }, (_, k) => `级${"甲乙丙丁戊己庚辛壬癸"[k % 10]}${"子丑寅卯辰巳午未申酉戌亥"[Math.floor(k / 10) % 12]}${"天地".repeat(Math.floor(k / 120))}`).join("、")} }\n`),
    fc.nat({ max: 50_000 }).map((n) => `参数 甲：金额 = ${Array(n + 1).fill("1元").join(" + ")}\n`),
  );
  it("lines up to 200 000 characters", () => {
    fc.assert(
      fc.property(long, (text) => everyTool(text, source, [0, text.length >> 1, text.length], { format: text.length < 40_000 })),
      params(budget(6, 50)),
    );
  });

  const opener = fc.constantFrom("（", "(", "[", "非 ", "−", "如果 是 则 ", "{", "例 C「x」{ 输入 {", "计算 C {");
  const closer = fc.constantFrom("）", ")", "]", "", " 否则 1元", "}");
  const nested: fc.Arbitrary<string> = fc
    .tuple(fc.array(opener, { minLength: 1, maxLength: 8 }), fc.nat({ max: budget(2000, 10_000) }), closer, fc.constantFrom("参数 甲：金额 = ", "计算 C {\n  输入 { 费用：金额 }\n  令 x = ", "当 "))
    .map(([open, depth, close, head]) => `${head}${Array.from({ length: depth }, (_, k) => open[k % open.length]).join("")}1元${close.repeat(depth)}\n参数 乙：金额 = 2元\n`);
  it("nesting thousands deep: brackets, 非, −, 如果, braces", () => {
    fc.assert(
      fc.property(nested, (text) => {
        everyTool(text, source, [text.length >> 1, text.length]);
      }),
      params(budget(10, 200)),
    );
  });
});

// Each input once crashed a tool or returned a position outside the text; see regressions.test.ts for the checked outcomes.
describe("texts found by fuzzing", () => {
  const source = corpus[0];
  it.each([
    ["lone CR after a comment", "参数 甲：比例 = 5%\n  # 注释\r  当 是：提高 5个百分点\n"],
    ["E002 at the very end", "参数 甲：金额 ="],
    ["impossible date in a version", "参数 费率：比例 {\n  2017-07-01 至 2017-12-31：3.0%\n  2018-13-01 起：2.8%\n}\n"],
    ["152 nested （", `参数 甲：金额 = ${"（".repeat(152)}1元${"）".repeat(152)}\n`],
    ["a NUL and a BOM inside a name", "参数 甲\u0000乙\uFEFF：金额 = 1元\n"],
    ["a lone surrogate", "参数 甲\uD83D：金额 = 1元\n"],
  ])("%s", (_name, text) => {
    everyTool(text, source, [0, text.length >> 1, text.length]);
  });
});
