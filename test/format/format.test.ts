// The formatter's promises, checked on golden fixtures, on every policy in the repository and on
// whitespace-fuzzed copies of them: output as expected, a second pass changes nothing, the AST
// (spans aside) is unchanged, and a file that does not parse is refused with a Chinese message.
import { describe, expect, test } from "vitest";
import { readFileSync, readdirSync, writeFileSync, existsSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import * as prettier from "prettier";
import { parseWithCst } from "@zhengce/dsl";
import { mutate, rng } from "./mutate.js";
import plugin, {
  formatParsed,
  formatPolicy,
  formatPolicySync,
  stripSpans,
  firstDifference,
  verifySameMeaning,
  FormatMeaningError,
  PolicySyntaxError,
} from "../../packages/prettier-plugin/src/index.js";

const ROOT = join(import.meta.dirname, "../..");
const FIXTURES = join(ROOT, "test/format");
const UPDATE = process.env.UPDATE_GOLDEN === "1";

function policyFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...policyFiles(p));
    else if (e.name.endsWith(".policy")) out.push(p);
  }
  return out.sort();
}

function allPolicyFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === "node_modules" || e.name === "dist" || e.name.startsWith(".")) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...allPolicyFiles(p));
    else if (e.name.endsWith(".policy")) out.push(p);
  }
  return out.sort();
}

/** Every `policy` code block of the language reference. */
function docSnippets(): (readonly [string, string])[] {
  const out: (readonly [string, string])[] = [];
  const dir = join(ROOT, "docs");
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".md")).sort()) {
    const md = readFileSync(join(dir, f), "utf8");
    let i = 0;
    for (const m of md.matchAll(/```policy\n([\s\S]*?)```/g)) out.push([`docs/${f} #${++i}`, m[1]] as const);
  }
  return out;
}

const parses = (text: string) => {
  const p = parseWithCst(text);
  return p.lexErrors.length === 0 && p.parseErrors.length === 0;
};

const cases = readdirSync(FIXTURES).filter((d) => statSync(join(FIXTURES, d)).isDirectory() && existsSync(join(FIXTURES, d, "input.policy")));
const policies = policyFiles(join(ROOT, "policies"));
/** Every policy text of the repository outside the golden fixtures: policies, test fixtures, snippets of the docs. */
const corpus = [
  ...allPolicyFiles(ROOT)
    .filter((p) => !p.startsWith(FIXTURES))
    .map((p) => [relative(ROOT, p), readFileSync(p, "utf8")] as const),
  ...docSnippets(),
];
const valid = corpus.filter(([, text]) => parses(text));
const invalid = corpus.filter(([, text]) => !parses(text));

/**
 * formatPolicy() of a text, once per text in this file: two tests format the whole corpus, and
 * a policy already formatted (every seed policy: format:check) formats to itself, so its second
 * formatting is this same call.
 */
const formatted = new Map<string, Promise<string>>();
function formatOnce(text: string): Promise<string> {
  let out = formatted.get(text);
  if (!out) formatted.set(text, (out = formatPolicy(text)));
  return out;
}

function sameMeaning(a: string, b: string) {
  expect(stripSpans(parseWithCst(b).ast)).toEqual(stripSpans(parseWithCst(a).ast));
}

describe("golden fixtures", () => {
  test.each(cases)("%s", async (name) => {
    const input = readFileSync(join(FIXTURES, name, "input.policy"), "utf8");
    const out = await formatPolicy(input);
    const golden = join(FIXTURES, name, "output.policy");
    if (UPDATE) writeFileSync(golden, out);
    expect(out).toBe(readFileSync(golden, "utf8"));
    expect(await formatPolicy(out)).toBe(out);
    // Prettier itself, through the plugin, gives the same text.
    expect(await prettier.format(input, { parser: "zhengce", plugins: [plugin] })).toBe(out);
    sameMeaning(input, out);
  });
});

describe("every policy in the repository", () => {
  test("parseWithCst() builds the same tree as parse()", async () => {
    const { parse } = await import("@zhengce/dsl");
    for (const [name, text] of corpus) expect(parseWithCst(text).ast, name).toEqual(parse(text).ast);
  });
  test("there are policies to check", () => {
    expect(policies.length).toBeGreaterThan(0);
    for (const p of policies) expect(valid.map(([n]) => n)).toContain(relative(ROOT, p));
  });
  test.each(valid)("%s: idempotent and same AST", async (_name, input) => {
    const out = await formatOnce(input);
    expect(await formatOnce(out)).toBe(out);
    sameMeaning(input, out);
  });
  test("formatParsed() of an analysis prints exactly what formatPolicy() prints, CRLF and BOM too", async () => {
    const { analyze } = await import("@zhengce/dsl");
    for (const [name, input] of [...valid, ["crlf", "\uFEFF参数 甲 = 1元\r\n  依据 一、\r\n"] as const]) {
      expect(formatParsed(analyze(input, "file:///t.policy")), name).toBe(await formatOnce(input));
    }
    expect(() => formatParsed(analyze("参数 甲 = \n", "file:///t.policy"))).toThrow(PolicySyntaxError);
  });
  test.each(invalid.length ? invalid : [["(none)", ""] as const])("%s: has syntax errors, so it is refused", async (name, input) => {
    if (name === "(none)") return;
    await expect(formatPolicy(input)).rejects.toBeInstanceOf(PolicySyntaxError);
  });
});

// ── whitespace fuzzing ──

const tokenStream = (text: string, p = parseWithCst(text)) => {
  return [...p.tokens, ...p.comments].sort((a, b) => a.startOffset - b.startOffset).map((t) => `${t.tokenType.name}:${t.image.trimEnd()}`);
};

// Budgets: 12 whitespace seeds and 25 edits per text in the default suite, on windows of the
// large policies (see fuzzed(); whole files made this file 72 s of a 220 s suite); `pnpm fuzz`
// (ZHENGCE_FUZZ=long, ZHENGCE_FUZZ_SEEDS=40) runs 40 and 30 on whole files (200 and 100 made it
// alone run for over an hour: each whole-file mutant of base.policy is formatted twice).
const LONG = process.env.ZHENGCE_FUZZ === "long";
const WHITESPACE_SEEDS = Number(process.env.ZHENGCE_FUZZ_SEEDS ?? 12);
const EDITS = LONG ? 30 : 25;
/** Above this size the default suite mutates windows of a policy, not the whole file. */
const WHOLE = 8_000;

/**
 * What the fuzz blocks mutate: every policy and golden fixture, whole under `pnpm fuzz`. In the
 * default suite a large policy gives four windows of three consecutive declarations, spread over
 * the file: formatting base.policy once takes about a second, and every mutant is formatted twice
 * (its whole-file formatting is checked above, unmutated).
 */
function fuzzed(): (readonly [string, string])[] {
  const sources = [...valid.filter(([name]) => !name.startsWith("docs/")), ...cases.map((c) => [`test/format/${c}`, readFileSync(join(FIXTURES, c, "input.policy"), "utf8")] as const)];
  return sources.flatMap(([name, text]) => {
    if (LONG || text.length <= WHOLE) return [[name, text] as const];
    const decls = parseWithCst(text).ast.declarations;
    return [0.1, 0.35, 0.6, 0.85].map((at) => {
      const i = Math.floor(at * (decls.length - 3));
      return [`${name} (declarations ${i + 1}–${i + 3})`, text.slice(i === 0 ? 0 : decls[i - 1].span.end, decls[i + 2].span.end) + "\n"] as const;
    });
  });
}

describe("whitespace-fuzzed policies format exactly like the original", () => {
  test.each(fuzzed())("%s", async (_name, text) => {
    const expected = await formatOnce(text);
    const stream = tokenStream(text);
    const original = stripSpans(parseWithCst(text).ast);
    let valid = 0;
    for (let seed = 1; seed <= WHITESPACE_SEEDS; seed++) {
      const m = mutate(text, seed);
      const p = parseWithCst(m);
      if (p.lexErrors.length || p.parseErrors.length) continue;
      if (tokenStream(m, p).join("\n") !== stream.join("\n")) continue;
      // Line breaks and indentation can matter (a 依据 on its own line after a table's last row,
      // at the rows' indentation, cites the table): only mutants that mean the same count.
      if (firstDifference(stripSpans(p.ast), original) !== undefined) continue;
      valid++;
      const got = await formatPolicy(m);
      if (got !== expected) {
        writeFileSync("/tmp/zhengce-fuzz-failure.policy", m);
        expect(got, `seed ${seed}; mutant saved to /tmp/zhengce-fuzz-failure.policy`).toBe(expected);
      }
    }
    expect(valid).toBeGreaterThan(3);
  });
});

describe("refusals and safety", () => {
  test("a file with a syntax error is not formatted: Chinese error with a position", async () => {
    const bad = "参数 起付：金额 = \n枚举 级别 { 一级 }\n";
    await expect(formatPolicy(bad)).rejects.toBeInstanceOf(PolicySyntaxError);
    await expect(formatPolicy(bad)).rejects.toThrow(/第 1 行第 11 列有语法错误，未格式化：应为表达式/);
    await expect(prettier.format(bad, { parser: "zhengce", plugins: [plugin] })).rejects.toThrow(/语法错误/);
  });

  test("an unrecognised character is a syntax error too", async () => {
    await expect(formatPolicy("参数 甲 = 1元 @\n")).rejects.toThrow(/无法识别的字符「@」/);
  });

  test("the meaning check rejects an output that parses differently", () => {
    const ast = parseWithCst("参数 甲：金额 = 500元\n").ast;
    expect(() => verifySameMeaning(ast, "参数 甲：金额 = 500元\n")).not.toThrow();
    expect(() => verifySameMeaning(ast, "参数 甲：金额 = 5000元\n")).toThrow(FormatMeaningError);
    expect(() => verifySameMeaning(ast, "参数 甲：金额 = 500 元\n")).toThrow(/raw/);
    expect(() => verifySameMeaning(ast, "参数 甲：金额 =\n")).toThrow(/无法解析/);
    expect(() => verifySameMeaning(ast, "参数 甲：金额 = 500元 # 新注释\n")).toThrow(FormatMeaningError);
  });

  test("CRLF input, empty input, comment-only input", async () => {
    expect(await formatPolicy("参数 甲 = 1元\r\n  依据 一、\r\n")).toBe("参数 甲 = 1元\n  依据 一、\n");
    expect(await formatPolicy("参数 甲 = 1元\r\n", { endOfLine: "crlf" })).toBe("参数 甲 = 1元\r\n");
    expect(await formatPolicy("参数 甲 = 1元\r\n参数 乙 = 2元\r\n", { endOfLine: "auto" })).toBe("参数 甲 = 1元\r\n\r\n参数 乙 = 2元\r\n");
    const viaPrettier = (text: string, o: prettier.Options = {}) => prettier.format(text, { ...o, parser: "zhengce", plugins: [plugin] });
    for (const [text, o] of [
      ["参数 甲 = 1元\r\n  依据 一、\r\n", {}],
      ["参数 甲 = 1元\r\n参数 乙 = 2元\r\n", { endOfLine: "auto" }],
      ["\uFEFF参数 甲 = 1元\n", {}],
      ["参数 甲 = 「多行\n文字」\n参数 乙 = 2元\n", { endOfLine: "crlf" }],
    ] as const) {
      expect(await formatPolicy(text, o as never)).toBe(await viaPrettier(text, o as prettier.Options));
    }
    expect(await formatPolicy("")).toBe("");
    expect(await formatPolicy("  \n\n")).toBe("");
    expect(await formatPolicy("# 只有注释   \n\n\n# 第二条\n")).toBe("# 只有注释\n\n# 第二条\n");
  });

  test("keeps keyword script, quoting and number images as written", async () => {
    const src = "參數 「上限」：金額 = 10萬元\n參數 下限：金額 = ０．５ 万元\n";
    expect(await formatPolicy(src)).toBe("參數 「上限」：金額 = 10萬元\n\n參數 下限：金額 = ０．５ 万元\n");
  });

  test("printWidth can be set", async () => {
    const src = "枚举 级别 { 一级及以下、二级、三级、非定点 }\n";
    expect(await formatPolicy(src, { printWidth: 30 })).toBe("枚举 级别 {\n  一级及以下\n  二级\n  三级\n  非定点\n}\n");
  });
});

// ── structural fuzzing: comments dropped in anywhere, tokens deleted or doubled ──

describe("edited policies: whatever still parses formats idempotently and keeps its meaning", () => {
  test.each(fuzzed())("%s", (_name, text) => {
    const r = rng(text.length);
    const p = parseWithCst(text);
    const toks = [...p.tokens, ...p.comments].sort((a, b) => a.startOffset - b.startOffset);
    let checked = 0;
    for (let k = 0; k < EDITS; k++) {
      let t = text;
      const picks = Array.from({ length: 1 + Math.floor(r() * 3) }, () => toks[Math.floor(r() * toks.length)]).sort((a, b) => b.startOffset - a.startOffset);
      for (const x of picks) {
        const end = (x.endOffset ?? x.startOffset) + 1;
        const mode = r();
        if (mode < 0.5) {
          // A comment before or after the token, trailing or on its own line.
          const at = r() < 0.5 ? x.startOffset : end;
          const c = r() < 0.5 ? ` # 尾注${k}\n` : `\n${r() < 0.3 ? "\n" : ""}# 独行${k}\n${r() < 0.3 ? "\n" : ""}`;
          t = t.slice(0, at) + c + t.slice(at);
        } else {
          // The token deleted or doubled.
          t = t.slice(0, x.startOffset) + (mode < 0.8 ? "" : `${x.image} ${x.image}`) + t.slice(end);
        }
      }
      if (!parses(t)) continue;
      checked++;
      const out = formatPolicySync(t);
      expect(formatPolicySync(out), `not idempotent (mutant ${k})`).toBe(out);
      sameMeaning(t, out);
    }
    expect(checked).toBeGreaterThan(3);
  });
});

describe("依据 after a table's last row", () => {
  const src = [
    "参数 表：金额 按 级别 {",
    "  一级：1元",
    "    依据 一、",
    "  二级：2元 依据 二、",
    "  三级：3元",
    "  依据 三、「整张表」",
    "}",
    "分段 段（累进）{",
    "  不超过 1万元：10%",
    "  超过 1万元：20% 依据 四、",
    "}",
    "",
  ].join("\n");
  test("is printed where it reads back the same: indented under the row if it cites the row, at the rows' level if it cites the declaration", async () => {
    const ast = parseWithCst(src).ast;
    const out = await formatPolicy(src);
    sameMeaning(src, out);
    expect(out).toContain("  一级：1元\n    依据 一、\n");
    expect(out).toContain("  二级：2元\n    依据 二、\n");
    expect(out).toContain("  超过 1万元：20%\n    依据 四、\n");
    const table = ast.declarations[0] as { citations: unknown[] };
    if (table.citations.length) expect(out).toContain("  三级：3元\n  依据 三、「整张表」\n}");
    else expect(out).toContain("  三级：3元\n    依据 三、「整张表」\n}");
  });
});

describe("依据 after the last time version", () => {
  test("indented under the version it cites the version, at the versions' level the parameter: each is printed where it reads back the same", async () => {
    const src = [
      "参数 甲：金额 {",
      "  2018-01-01 至 2018-12-31：1元 依据 一、",
      "  2019-01-01 起：2元 依据 二、",
      "  依据 三、",
      "}",
      "参数 乙：金额 按 级别 {",
      "  2018-01-01 至 2018-12-31：{ 一级：1元 其他：2元 } 依据 四、",
      "  2019-01-01 起：{ 一级：3元 其他：4元 } 依据 五、",
      "}",
      "参数 丙：金额 {",
      "  自 2018-01-01 起：1元 依据 六、",
      "}",
      "",
    ].join("\n");
    const out = await formatPolicy(src);
    sameMeaning(src, out);
    expect(await formatPolicy(out)).toBe(out);
    expect(out).toContain("  2018-01-01 至 2018-12-31：1元\n    依据 一、\n");
    expect(out).toContain("  2019-01-01 起：2元\n    依据 二、\n  依据 三、\n}");
    expect(out).toContain("  }\n    依据 四、\n  2019-01-01 起：{");
    expect(out).toContain("    其他：4元\n  }\n    依据 五、\n}");
    expect(out).toContain("  自 2018-01-01 起：1元\n    依据 六、\n}");
    const [甲, 乙, 丙] = parseWithCst(out).ast.declarations as { citations: { clause: string }[]; versions: { citations: unknown[] }[] }[];
    expect(甲.citations.map((c) => c.clause)).toEqual(["三、"]);
    expect(乙.citations).toEqual([]);
    expect(丙.versions[0].citations).toHaveLength(1);
  });
});

describe("input fields separated by commas", () => {
  test("one field per line, the separating commas dropped (their comments kept), the ones before 默认 kept", async () => {
    const src = "计算 甲 {\n  输入 { 费用：金额，默认 0元，急诊：布尔， # 注\n 乙：金额，不小于 0元， }\n  输出 支付 = 如果 急诊 则 费用 否则 乙\n}\n";
    const out = await formatPolicy(src);
    sameMeaning(src, out);
    expect(out).toBe("计算 甲 {\n  输入 {\n    费用：金额，默认 0元\n    急诊：布尔 # 注\n    乙：金额，不小于 0元\n  }\n\n  输出 支付 = 如果 急诊 则 费用 否则 乙\n}\n");
  });
});

describe("words the lexer reads differently now", () => {
  test.each([
    ["以外 as a lower bound", "分段 段（累进）{\n  5000元以内：50%\n  5000元（含）以外：60%\n}\n", "分段 段（累进）{\n  5000元 以内：50%\n  5000元（含）以外：60%\n}\n"],
    ["以上至 glued as in the notices", "分段 段（全额）{\n  5000元以上至20万元：50%\n  超过 20万元：60%\n}\n", "分段 段（全额）{\n  5000元 以上 至 20万元：50%\n  超过 20万元：60%\n}\n"],
    ["a unit word that starts the next name", "例 甲 { 输入 { 连续缴费月数：36 年度累计：0元 } 期望 { 统筹支付：0元 } }\n", "例 甲 {\n  输入 { 连续缴费月数：36，年度累计：0元 }\n  期望 { 统筹支付：0元 }\n}\n"],
    ["a call of a name starting with 含", "参数 甲：金额 = 正值（含税费用）\n", "参数 甲：金额 = 正值（含税费用）\n"],
    ["names beyond the BMP and with 〇", "枚举 地区 { 𠮷地、〇村 }\n", "枚举 地区 { 𠮷地、〇村 }\n"],
  ])("%s", async (_name, src, expected) => {
    const out = await formatPolicy(src);
    expect(out).toBe(expected);
    sameMeaning(src, out);
    const noCommas = (text: string) => tokenStream(text).filter((t) => !t.startsWith("Comma:"));
    expect(noCommas(out)).toEqual(noCommas(src));
  });
});
