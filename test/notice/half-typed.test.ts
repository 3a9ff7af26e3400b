// Diagnostics while typing (issue 10, item 5): every prefix of real lines of the seed policies,
// typed into a policy where the whole line is valid. The first error is on the line being typed
// (at its end when the line stops short), in words, one per line, and nothing that only follows
// from the syntax error (unused inputs, unused enums) is shown.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze, type Diagnostic } from "@zhengce/dsl";
import { codeActions } from "../../packages/lsp/src/code-actions.js";
import { applyEdits } from "../lsp/harness.js";

const ENUMS = [
  "枚举 参保身份 { 城乡居民、职工在职、职工退休 }",
  "枚举 医院级别 { 一级及以下、二级、三级、非定点 }",
  "枚举 特殊人群 { 特困供养、低保、建档立卡 }",
].join("\n");
const PARAMS = [
  "参数 起付标准表：金额 按 医院级别 {",
  "  一级及以下：500元",
  "  二级：600元",
  "  三级：900元",
  "  非定点：1500元",
  "}",
  "参数 一档年度最高支付限额：金额 = 20万元",
  "分段 连续缴费系数：比例（全额）{",
  "  不超过 12个月：50%",
  "  超过 12个月：100%",
  "}",
].join("\n");
const CALC_START = [
  "计算 住院结算 {",
  "  输入 {",
  "    参保身份：参保身份",
  "    医院级别：医院级别",
  "    政策范围内费用：金额",
  "    连续缴费月数：月数",
  "    特殊人群：集合（特殊人群），默认 []",
  "  }",
].join("\n");
const CALC_END = ["  输出 个人负担 = 政策范围内费用 − 起付标准表[医院级别]", "}"].join("\n");

/** Where each line is typed: the text before it and after it; with the whole line the policy checks without errors. */
const AT_TOP = { before: `${ENUMS}\n${PARAMS}\n`, after: `\n${CALC_START}\n${CALC_END}\n` };
const IN_PARAM = { before: `${ENUMS}\n${PARAMS}\n参数 住院统筹比例：比例 = 85%\n`, after: `\n${CALC_START}\n  输出 比例 = 住院统筹比例\n${CALC_END}\n` };
const IN_BRACKET = {
  before: `${ENUMS}\n${PARAMS}\n分段 二档住院比例（累进）{\n  5000元（含）以内：50%\n`,
  after: `\n  超过 20万元：90%\n}\n${CALC_START}\n  输出 二档 = 二档住院比例（政策范围内费用）\n${CALC_END}\n`,
};
const IN_CALC = { before: `${ENUMS}\n${PARAMS}\n${CALC_START}\n`, after: `\n${CALC_END}\n` };

// Lines of policies/jiangmen/base.policy (and heshan's 拒绝), each in the place it stands there.
const LINES: [place: string, line: string, where: { before: string; after: string }][] = [
  ["declaration", "参数 一档年度最高支付限额二：金额 = 20万元", AT_TOP],
  ["declaration", "枚举 居民困难类别 { 非困难居民、特困供养人员、低保对象 }", AT_TOP],
  ["declaration", "分段 二档比例（累进）{ 5000元（含）以内：50% 超过 5000元：85% }", AT_TOP],
  ["parameter's rule", "  当 参保身份 = 职工退休：提高 5个百分点", IN_PARAM],
  ["parameter's rule", "  当 特殊人群 包含 特困供养 且 医院级别 = 一级及以下：提高 10个百分点", IN_PARAM],
  ["parameter's rule", "  当 非 特殊人群 包含 低保：乘以 50%", IN_PARAM],
  ["bracket's slice", "  超过 5000元 至 20万元（含）：85%", IN_BRACKET],
  ["calculator's step", "  输出 起付标准 = 起付标准表[医院级别]", IN_CALC],
  ["calculator's step", "  令 缴费系数 = 连续缴费系数（连续缴费月数）", IN_CALC],
  ["calculator's step", "  输出 统筹支付 = 较小（政策范围内费用 × 85%，正值（一档年度最高支付限额 × 50%））", IN_CALC],
  ["calculator's step", "  输出 二档支付 = 如果 参保身份 属于 [职工在职、职工退休] 则 1元 否则 0元", IN_CALC],
  ["calculator's step", "  拒绝 政策范围内费用 当 政策范围内费用 > 100万元：「不能超过100万元」", IN_CALC],
];

describe("every prefix of a real line", () => {
  it.each(LINES)("a %s: 「%s」", (_place, line, where) => {
    const row = where.before.split("\n").length - 1;
    const whole = analyze(where.before + line + where.after, "t.policy");
    expect(whole.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
    const unused = (ds: Diagnostic[]) => ds.filter((d) => ["W190", "W193", "W194"].includes(d.code));
    const chars = [...line];
    for (let i = 1; i < chars.length; i++) {
      const typed = chars.slice(0, i).join("");
      if (!typed.trim()) continue;
      const text = where.before + typed + where.after;
      const a = analyze(text, "t.policy");
      const errors = a.diagnostics.filter((d) => d.severity === "error");
      const syntax = errors.filter((d) => d.code === "E001" || d.code === "E002");
      const at = (d: Diagnostic) => `「${typed}」 → ${d.code} ${d.message} (line ${d.range.start.line})`;
      if (!errors.length) continue;
      // The first error is on the line being typed, never on a later declaration.
      expect(errors.map((d) => d.range.start.line), errors.map(at).join("\n")).toContain(row);
      expect(errors.filter((d) => d.range.start.line > row).map(at)).toEqual([]);
      // One syntax error a line, in words: no list of token names.
      expect(syntax.filter((d) => d.range.start.line === row).length, at(syntax[0] ?? errors[0])).toBeLessThanOrEqual(1);
      for (const d of syntax) expect(d.message, at(d)).not.toMatch(/「[^」]*」或「[^」]*」或「[^」]*」或/);
      // Nothing that only follows from the syntax error: unused inputs and enums, other errors in the same line.
      if (syntax.length) {
        expect(unused(a.diagnostics).map(at)).toEqual([]);
        expect(errors.filter((d) => d.range.start.line === row && !syntax.includes(d)).map(at)).toEqual([]);
      }
    }
  });
});

// Whole rules of the seed policies, several lines each, typed character by character where they
// stand: brackets, 当 rules with modifiers, tables by level, 分层, 有效期, 依据 lines, the header.
const AT_START = { before: "", after: `\n${ENUMS}\n${PARAMS}\n${CALC_START}\n${CALC_END}\n` };
const IN_LAYERS = {
  before: `${ENUMS}\n${PARAMS}\n${CALC_START}\n  令 统筹比例 = 85%\n`,
  after: `\n${CALC_END}\n`,
};
const RULES: [what: string, rule: string, where: { before: string; after: string }][] = [
  [
    "the header (jiangmen/2018.policy)",
    ["政策 「2018年江门市城乡居民基本医疗保险一档待遇标准」{", "  文号 「鹤人社〔2017〕209号」", "  机关 「鹤山市人力资源和社会保障局」", "  发布 2017-11-13", "  有效期 2018-01-01 至 2018-12-31", "}"].join("\n"),
    AT_START,
  ],
  [
    "a table by level with its 依据 (jiangmen/base.policy)",
    ["参数 住院支付比例表：比例 按 医院级别 {", "  一级及以下：85%", "  二级：80%", "  三级：55%", "  非定点：40%", "  依据 二、（四）1.（1）「住院基金支付比例分别为一级及以下定点医疗机构……85%，二级定点医疗机构80%，三级定点医疗机构55%，非定点医疗机构40%。」", "}"].join("\n"),
    AT_TOP,
  ],
  [
    "a parameter with 当 rules and their 依据 (jiangmen/base.policy)",
    [
      "参数 住院统筹比例二：比例 = 85%",
      "  当 参保身份 = 职工退休：提高 5个百分点",
      "    依据 二、（四）1.（1）「在上述住院基金支付比例基础上提高5个百分点。」",
      "  当 特殊人群 包含 特困供养 且 医院级别 = 一级及以下：提高 10个百分点",
      "  否则当 特殊人群 包含 低保：乘以 50%",
    ].join("\n"),
    AT_TOP,
  ],
  [
    "a marginal bracket with modifiers (jiangmen/base.policy)",
    [
      "分段 二档住院比例（累进）{",
      "  5000元（含）以内：50%",
      "  超过 5000元 至 20万元（含）：85%",
      "  超过 20万元：90%",
      "  依据 二、（四）2.（1）",
      "  当 医院级别 = 非定点：降低 10个百分点",
      "}",
    ].join("\n"),
    AT_TOP,
  ],
  [
    "a whole-amount bracket on months (jiangmen/base.policy)",
    ["分段 连续缴费系数二：比例（全额）{", "  不超过 12个月：50%", "  超过 12个月 至 24个月（含）：70%", "  超过 24个月：100%", "}"].join("\n"),
    AT_TOP,
  ],
  [
    "a bracket by level, a rate per level in each slice (tonghua/base.policy)",
    [
      "分段 居民住院支付比例（累进）按 医院级别 {",
      "  超过 500元 至 30000元（含）：一级及以下 80%，二级 70%，三级 55%，非定点 40%",
      "  超过 30000元 至 60000元（含）：一级及以下 85%，二级 75%，三级 60%，非定点 45%",
      "  超过 60000元：一级及以下 90%，二级 80%，三级 65%，非定点 50%",
      "}",
    ].join("\n"),
    AT_TOP,
  ],
  [
    "a stepped bracket (tonghua/base.policy)",
    ["分段 大病保险支付比例（累进）{", "  超过 1万元 至 2万元（含）：60%", "  超过 2万元 至 21万元（含）：每增加 1万元 提高 1个百分点", "  超过 21万元：80%", "}"].join("\n"),
    AT_TOP,
  ],
  [
    "a calculator's 有效期 and 依据 (heshan/base.policy)",
    ["  有效期 2017-01-01 至 2017-12-31", "  依据 二、（二）「城乡居保」"].join("\n"),
    IN_CALC,
  ],
  [
    "an accumulator (jiangmen/base.policy)",
    ["  累计 年度累计（按年）{", "    统筹支付：累加 个人负担", "  }"].join("\n"),
    IN_CALC,
  ],
  [
    "an output with 当 modifiers (jiangmen/base.policy)",
    ["  输出 起付标准 = 起付标准表[医院级别]", "    依据 二、（四）1.（1）", "    当 参保身份 = 职工退休：降低 100元，不低于 0元", "    当 特殊人群 包含 特困供养：设为 0元"].join("\n"),
    IN_CALC,
  ],
  [
    "a step over several lines (jiangmen/base.policy)",
    ["  令 大病赔付余额 = 如果 特殊人群 包含 特困供养 或 特殊人群 包含 低保", "      则 无", "      否则 正值（一档年度最高支付限额 × 50%）"].join("\n"),
    IN_CALC,
  ],
  [
    "分层 (tonghua/base.policy)",
    [
      "  分层 正值（政策范围内费用 − 起付标准表[医院级别]）{",
      "    依据 二、（三）2.（1）",
      "    输出 统筹支付 = 较小（剩余 × 统筹比例，一档年度最高支付限额）",
      "    令 大病基数 = 剩余",
      "  }",
    ].join("\n"),
    IN_LAYERS,
  ],
  [
    "a refusal on two lines (heshan/base.policy)",
    ["  拒绝 政策范围内费用 当 政策范围内费用 不属于 [120元、240元、360元]：", "    「须为2017年城乡居保10个缴费档次之一」"].join("\n"),
    IN_CALC,
  ],
];

describe("every prefix of a real rule", () => {
  it.each(RULES)("%s", (_what, rule, where) => {
    const first = where.before.split("\n").length - 1;
    const whole = analyze(where.before + rule + where.after, "t.policy");
    expect(whole.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`)).toEqual([]);
    const chars = [...rule];
    const problems: string[] = [];
    for (let i = 1; i < chars.length; i++) {
      const typed = chars.slice(0, i).join("");
      if (!typed.trim() || chars[i - 1] === " ") continue;
      // The line being typed; just after a line break, still the line that break ended.
      const row = first + typed.replace(/\n[ \t]*$/, "").split("\n").length - 1;
      const a = analyze(where.before + typed + where.after, "t.policy");
      const errors = a.diagnostics.filter((d) => d.severity === "error").sort((x, y) => x.span.start - y.span.start);
      if (!errors.length) continue;
      const at = (d: Diagnostic) => `「${typed.split("\n").pop()}」(row ${row - first}) → ${d.code} ${d.message} (row ${d.range.start.line - first})`;
      const syntax = errors.filter((d) => d.code === "E001" || d.code === "E002");
      // The first error is on the line being typed: not above the rule, not on a later line.
      if (errors[0]!.range.start.line !== row) problems.push(`first error elsewhere: ${at(errors[0]!)}`);
      for (const d of errors) if (d.range.start.line > row || d.range.start.line < first) problems.push(`beyond the rule: ${at(d)}`);
      // In words, one syntax error, and nothing that only follows from it.
      for (const d of syntax) if (/「[^」]*」或「[^」]*」或「[^」]*」或/.test(d.message)) problems.push(`a token list: ${at(d)}`);
      if (syntax.length > 1) problems.push(`${syntax.length} syntax errors: ${syntax.map(at).join(" / ")}`);
      if (syntax.length) {
        for (const d of a.diagnostics.filter((x) => ["W190", "W193", "W194"].includes(x.code))) problems.push(`unused after a syntax error: ${at(d)}`);
        for (const d of errors.filter((x) => !syntax.includes(x))) problems.push(`follows from the syntax error: ${at(d)}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("the message and place of the first error", () => {
  const first = (where: { before: string; after: string }, typed: string) => {
    const text = where.before + typed + where.after;
    const d = analyze(text, "t.policy").diagnostics.find((x) => x.severity === "error")!;
    return { message: d.message, code: d.code, line: d.range.start.line - (where.before.split("\n").length - 1), column: d.range.start.character, width: d.span.end - d.span.start };
  };

  it("a line that stops short is reported at its own end, saying what it needs", () => {
    // At the end of what was typed: the column is the line's length, the range empty.
    const cases: [where: { before: string; after: string }, typed: string, message: string][] = [
      [IN_CALC, "  输出 起付标准 =", "应为表达式"],
      [IN_CALC, "  输出 起付标准", "缺少「=」"],
      [IN_CALC, "  令", "应为名称"],
      [IN_CALC, "  令 缴费系数 = 如果 参保身份 = 城乡居民", "缺少「则」"],
      [IN_CALC, "  令 缴费系数 = 如果 参保身份 = 城乡居民 则 1", "缺少「否则」"],
      [IN_PARAM, "  当 参保身份 = 职工退休", "缺少「：」"],
      [IN_PARAM, "  当 参保身份 = 职工退休：", "应为修正动作（「提高」「降低」「乘以」「设为」「不低于」「不超过」之一）"],
      [IN_PARAM, "  当 参保身份 = 职工退休：提高", "应为表达式"],
      [AT_TOP, "参数 一档年度最高支付限额二：金额 =", "应为表达式"],
      [IN_BRACKET, "  超过 5000元 至", "应为表达式"],
    ];
    for (const [where, typed, message] of cases) {
      expect(first(where, typed), typed).toEqual({ message, code: "E002", line: 0, column: typed.length, width: 0 });
    }
  });

  it("an unclosed bracket says which one", () => {
    expect(first(IN_CALC, "  输出 统筹支付 = 较小（政策范围内费用 × 85%")).toMatchObject({ message: "缺少「）」：前面的「（」没有配对", line: 0 });
    expect(first(IN_CALC, "  输出 起付标准 = 起付标准表[医院级别")).toMatchObject({ message: "缺少「]」：前面的「[」没有配对", line: 0 });
  });

  it("a keyword glued to the name after it: on the glued word, with the hint", () => {
    expect(first(IN_PARAM, "  当参保身份 = 职工退休：提高 5个百分点")).toEqual({
      message: "无法理解「当参保身份」：若「当」是关键字，请在它后面加空格",
      code: "E002",
      line: 0,
      column: 2,
      width: 5,
    });
  });

  it("a bracket without （累进） or （全额）", () => {
    expect(first(AT_TOP, "分段 二档比例 { 5000元（含）以内：50% 超过 5000元：85% }")).toMatchObject({
      message: "分段缺少「（累进）」或「（全额）」：写在名称后，如「分段 二档住院比例（累进）{」",
      line: 0,
      column: 8,
    });
  });

  it("an unknown word where a step begins names what may begin one", () => {
    expect(first(IN_CALC, "  输")).toMatchObject({ message: "无法理解「输」：这里应写「输入」「输出」「令」「累计」「分层」「拒绝」「依据」，或「}」结束", line: 0, column: 2 });
  });

  it("an unclosed 「 is one error: the quote", () => {
    const text = IN_CALC.before + "  拒绝 政策范围内费用 当 政策范围内费用 > 100万元：「不能超过" + IN_CALC.after;
    const errors = analyze(text, "t.policy").diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => d.message)).toEqual(["无法识别的字符「「」：引号「」没有配对"]);
  });
});

describe("quick fixes for what the parser says is missing", () => {
  const host = { readFile: () => undefined, resolve: (_: string, r: string) => r };
  /** The text after the quick fix of that title on the first syntax error; the fixed text checks without errors. */
  const fixed = (text: string, title: string) => {
    const a = analyze(text, "file:///t.policy");
    const e002 = a.diagnostics.filter((d) => d.code === "E002").map((d) => ({ range: d.range, code: d.code, message: d.message }));
    const action = codeActions(a, host, { start: 0, end: 0 }, e002.slice(0, 1)).find((x) => x.title === title);
    expect(action, `${title} among ${codeActions(a, host, { start: 0, end: 0 }, e002.slice(0, 1)).map((x) => x.title)}`).toBeDefined();
    const out = applyEdits(text, action!.edit!.changes!["file:///t.policy"]);
    expect(analyze(out, "file:///t.policy").diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
    return out;
  };

  it("a space after a keyword glued to a name", () => {
    const text = IN_PARAM.before + "  当参保身份 = 职工退休：提高 5个百分点" + IN_PARAM.after;
    expect(fixed(text, "在「当」后加空格")).toBe(IN_PARAM.before + "  当 参保身份 = 职工退休：提高 5个百分点" + IN_PARAM.after);
  });

  it("（累进） or （全额） for a bracket without either", () => {
    const text = AT_TOP.before + "分段 二档比例 { 5000元（含）以内：50% 超过 5000元：85% }" + AT_TOP.after;
    expect(fixed(text, "写明「（累进）」：每段按各自比例")).toContain("分段 二档比例 （累进）{");
    expect(fixed(text, "写明「（全额）」：整笔按所在段")).toContain("分段 二档比例 （全额）{");
  });

  it("the closing bracket a line lacks", () => {
    const text = IN_CALC.before + "  输出 统筹支付 = 较小（政策范围内费用 × 85%，20万元" + IN_CALC.after;
    expect(fixed(text, "补上「）」")).toContain("  输出 统筹支付 = 较小（政策范围内费用 × 85%，20万元）\n");
  });
});

describe("docs/language.md shows each message as the analyzer words it", () => {
  const doc = readFileSync(new URL("../../docs/language.md", import.meta.url), "utf8");
  /** The rows of the table whose header starts with `heading`: [written, message]. */
  const rows = (heading: string) => {
    const table = doc.slice(doc.indexOf(heading)).split("\n\n")[0]!;
    return [...table.matchAll(/^\| `([^`]+)` \| (.+?) \|$/gm)].map((m) => [m[1]!, m[2]!] as const);
  };

  it("while typing: each line in its place, the message (less the quick fix) at its end", () => {
    const lines = rows("| 写到 | 诊断（在行末） |");
    expect(lines.length).toBeGreaterThanOrEqual(7);
    for (const [typed, message] of lines) {
      const where = typed.startsWith("当") ? IN_PARAM : IN_CALC;
      const text = where.before + "  " + typed.replace("较小（费用", "较小（政策范围内费用").replace("系数 =", "缴费系数 =") + where.after;
      const d = analyze(text, "t.policy").diagnostics.find((x) => x.severity === "error");
      expect(d?.message, typed).toBe(message.replace(/（快速修复：.*）$/, ""));
    }
  });

  it("the notices' wording: the hint the analyzer gives", () => {
    const hints = rows("| 通知的写法 | 诊断 |");
    expect(hints.length).toBeGreaterThanOrEqual(4);
    for (const [written, message] of hints) {
      const text = written.startsWith("有效期")
        ? `政策 甲 {\n  ${written}\n}\n`
        : /^(?:参数|枚举|计算)/.test(written)
          ? `${written}\n`
          : `分段 二档住院比例（累进）{\n  ${written}\n  超过 5000元：85%\n}\n`;
      const d = analyze(text, "t.policy").diagnostics.find((x) => x.severity === "error");
      expect(d?.message, written).toBe(message.replace(/（(?:「报销」|不带单位|`百分之)[^）]*）$/, ""));
    }
  });
});
