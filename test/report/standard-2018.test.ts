// The 2018 standard, regenerated: `zhengce docs policies/jiangmen/2018.policy` holds the table of
// 鹤人社〔2017〕209号 附件2《2018年江门市城乡居民基本医疗保险一档待遇标准》. Every expected value below is
// transcribed by hand from the seed (/work/shared/seeds/heshan-2017-209-enrollment-2018-benefits.txt),
// never from the program's output; the handbook is read back from its Markdown, cell by cell.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { fold } from "../../packages/runtime/src/fold.js";
import { tempDir, zhengce } from "./helpers.js";

// ── 附件2, as printed ──

// 一、一档住院待遇标准 — 基本医疗保险部分（住院统筹）：项目 | 起付标准(元) | 基金支付比例
const 住院统筹 = [
  ["一级及以下", "500", "85%"], // 一级及以下定点医疗机构 500 85%
  ["二级", "600", "80%"], //      二级定点医疗机构 600 80%
  ["三级", "900", "55%"], //      三级定点医疗机构 900 55%
  ["非定点", "1500", "40%"], //   非定点医疗机构 1500 40%
];
const 住院累计最高支付限额 = "200000"; // 每人每年 20 万元 (基金支付数)
// 规定3.「以城乡居民身份参保的特困供养人员一档住院可以享受零起付标准，在一级及以下定点医疗机构住院，医疗费用基金支付比例提高 10 个百分点」
const 特困供养起付标准 = "0";
const 特困供养一级加点 = "10个百分点";
// 大病医疗保险：基金支付标准 | 定点医疗机构基金支付比例 | 非定点医疗机构基金支付比例
const 大病分段 = [
  { 下限: "10000", 上限: "120000", 定点: "60%", 非定点: "50%" }, // 1 万元以上至 12 万元部分 60% 50%
  { 下限: "120000", 上限: undefined, 定点: "70%", 非定点: "60%" }, // 12 万元以上 70% 60%
];
const 起赔标准 = "10000"; // 1 万元
const 大病累计最高支付限额 = "240000"; // 每人每年 24 万元 (基金支付数)
// 规定1.「建档立卡的贫困人员、最低生活保障对象起赔标准下降 70%，基金支付比例提高 10 个百分点；特困供养人员起赔标准下降 80%，基金支付比例提高 20 个百分点」
const 低保建档立卡起赔标准 = "3000"; // 1 万元 × (1 − 70%)
const 特困供养起赔标准 = "2000"; //     1 万元 × (1 − 80%)
const 低保建档立卡大病比例 = ["70%", "80%"]; // 60% + 10, 70% + 10
const 特困供养大病比例 = ["80%", "90%"]; //     60% + 20, 70% + 20
// 规定2.「未按规定办理……基金支付比例降低为上述标准的 50%」
const 未按规定大病比例 = ["30%", "35%"];
// 二、一档普通门诊统筹：基层定点医疗机构或符合规定的专科医院 | 每人每年 180 元 | 70%
const 普通门诊 = { 限额: "180", 比例: "70%" };
// 三、一档特定病种范围和待遇标准
const 特定病种 = {
  一类: ["重性精神疾病", "恶性肿瘤(放疗、化疗期间)", "慢性肾功能不全(需透析)", "器官移植抗排异", "造血干细胞移植后(移植物抗宿主病及感染的治疗)"],
  二类: ["血友病", "慢性丙型肝炎(限聚乙二醇干扰素治疗)", "重型β地中海贫血"],
  三类: ["慢性肾功能不全(不需透析)", "恶性肿瘤(非放疗化疗期间)", "小儿脑性瘫痪(含0-3岁精神运动发育迟缓儿)", "艾滋病"],
  四类: [
    "冠心病", "糖尿病", "高血压Ⅱ期以上", "精神病(重性精神疾病除外)", "癫痫", "帕金森病", "肝硬化", "类风湿关节炎", "肺结核活动期间", "再生障碍性贫血",
    "慢性病毒性肝炎(乙型、丙型,活动期,聚乙二醇干扰素治疗慢性丙型肝炎除外)", "脑血管疾病后遗症(脑栓塞脑出血和脑梗塞等疾病引起的后遗症)",
    "珠蛋白生成障碍(地中海贫血或海洋性贫血,重型β地中海贫血除外)", "系统性红斑狼疮", "慢性阻塞性肺气肿", "儿童孤独症",
  ],
};
const 特定病种月限额 = { 二类: "2500", 三类: "240", 四类: "180" }; // 2500元/月, 240元/月, 180元/月
// 「1、本市一级及以下定点医疗机构基金支付比例为60%。2、其他定点医疗机构基金支付比例为50%。3、非定点医疗机构基金支付比例为30%。」
const 特定病种比例 = [["一级及以下", "60%"], ["二级", "50%"], ["三级", "50%"], ["非定点", "30%"]];
const 多病种增加 = "60"; // 2.「取较高病种月支付限额并增加60元」
const 特困供养特定病种加点 = "10个百分点"; // 4.「特困供养人员特定病种门诊医疗费用基金支付比例提高 10 个百分点」
const 奥司他韦 = { 限额: "2000", 比例: "80%", 二档增加: "400" }; // 7.「每人每月 2000 元，基金支付比例为 80%，二档在一档基础上每人每月增加 400 元」

// ── reading the handbook's Markdown back ──

interface Table {
  section: string;
  caption: string;
  head: string[];
  rows: string[][];
}

/** A cell as a reader reads it: without the amendment mark and its link. */
const clean = (cell: string) => cell.replace(/\*\*(.*?)\*\* \[※\d+\]\(#amend-\d+\)/, "$1").replace(/\\\|/g, "|").replace(/<br>/g, "\n").trim();
const splitRow = (line: string) => line.slice(2, -2).split(/ (?<!\\)\| /).map(clean);

function tables(md: string): Table[] {
  const lines = md.split("\n");
  const out: Table[] = [];
  let section = "";
  for (let i = 0; i < lines.length; i++) {
    const heading = /^#{2,4} (.+)$/.exec(lines[i]);
    if (heading) section = heading[1];
    if (!lines[i].startsWith("| ") || !/^\| (---:?|:?---)/.test(lines[i + 1] ?? "")) continue;
    const caption = /^\*\*(.+)\*\*$/.exec(lines[i - 2] ?? "")?.[1] ?? "";
    const head = splitRow(lines[i]);
    const rows: string[][] = [];
    for (i += 2; i < lines.length && lines[i].startsWith("| "); i++) rows.push(splitRow(lines[i]));
    out.push({ section, caption, head, rows });
  }
  return out;
}

/** 「20万元」→ 200000, 「1500元」→ 1500, 「0元」→ 0: the amount a cell states, in yuan. */
function yuan(text: string): string {
  const m = /^(\d+(?:\.\d+)?)(万)?元$/.exec(text);
  if (!m) return `（不是金额：${text}）`;
  return String(Number(m[1]) * (m[2] ? 10000 : 1));
}

let md = "";
let all: Table[] = [];
const table = (section: string, caption: string | RegExp) => {
  const t = all.find((x) => x.section === section && (typeof caption === "string" ? x.caption === caption : caption.test(x.caption)));
  if (!t) throw new Error(`没有「${section}」下的表「${caption}」`);
  return t;
};
const cell = (t: Table, row: string | RegExp, column: string) => {
  const r = t.rows.find((x) => (typeof row === "string" ? x[0] === row : row.test(x[0])));
  const c = t.head.indexOf(column);
  if (!r || c < 0) throw new Error(`表「${t.caption}」没有「${row}」行或「${column}」列`);
  return r[c];
};

beforeAll(async () => {
  const dir = tempDir();
  const r = await zhengce(["docs", "policies/jiangmen/2018.policy", "-o", dir]);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  md = readFileSync(join(dir, "index.md"), "utf8");
  all = tables(md);
});

describe("附件2 一、一档住院待遇标准", () => {
  it("住院统筹：起付标准 and 基金支付比例 by hospital level, side by side as in the notice", () => {
    const t = table("住院结算", "起付标准表、住院支付比例表");
    expect(t.head).toEqual(["医院级别", "起付标准表", "住院支付比例表"]);
    expect(t.rows.map((r) => [r[0], yuan(r[1]), r[2]])).toEqual(住院统筹);
  });

  it("累计最高支付限额, 特困供养 零起付 and +10 个百分点", () => {
    const t = table("住院结算", "各项标准");
    expect(yuan(cell(t, "一档年度最高支付限额", "标准"))).toBe(住院累计最高支付限额);
    expect(yuan(cell(t, "特困供养起付标准", "标准"))).toBe(特困供养起付标准);
    expect(cell(t, "特困供养住院加点", "标准")).toBe(特困供养一级加点);
  });

  it("大病医疗保险：each segment with its bounds, the designated and the non-designated rate", () => {
    const t = table("住院结算", /^大病赔付比例/);
    expect(t.rows).toHaveLength(大病分段.length);
    t.rows.forEach((row, i) => {
      const amounts = [...row[0].matchAll(/(\d+(?:\.\d+)?)(万)?元/g)].map((m) => yuan(m[0]));
      expect([...new Set(amounts)]).toEqual([大病分段[i].下限, 大病分段[i].上限].filter(Boolean));
      expect(cell(t, row[0], "比例")).toBe(大病分段[i].定点);
      expect(cell(t, row[0], "医院级别 = 非定点")).toBe(大病分段[i].非定点);
      expect(cell(t, row[0], "特殊人群 包含 低保 或 特殊人群 包含 建档立卡")).toBe(低保建档立卡大病比例[i]);
      expect(cell(t, row[0], "特殊人群 包含 特困供养")).toBe(特困供养大病比例[i]);
      expect(cell(t, row[0], "非 按规定备案")).toBe(未按规定大病比例[i]);
    });
  });

  it("起赔标准, its reductions, and the 大病 limit", () => {
    const t = table("住院结算", "各项标准");
    expect(yuan(cell(t, "大病起赔标准", "标准"))).toBe(起赔标准);
    expect(yuan(cell(t, "大病年度最高赔付限额", "标准"))).toBe(大病累计最高支付限额);
    expect(md).toContain(`大病起赔标准：当 特殊人群 包含 特困供养：乘以 20%（1万元 → ${特困供养起赔标准}元）`);
    expect(md).toContain(`大病起赔标准：否则当 特殊人群 包含 低保 或 特殊人群 包含 建档立卡：乘以 30%（1万元 → ${低保建档立卡起赔标准}元）`);
  });
});

describe("附件2 二、一档普通门诊统筹", () => {
  it("每人每年 180 元, 70%", () => {
    const t = table("普通门诊统筹", "各项标准");
    expect(yuan(cell(t, "普通门诊一档年度限额", "标准"))).toBe(普通门诊.限额);
    expect(cell(t, "普通门诊一档支付比例", "标准")).toBe(普通门诊.比例);
  });
});

describe("附件2 三、一档特定病种范围和待遇标准", () => {
  it("the four categories and their diseases", () => {
    const t = table("特定病种门诊", "分类");
    for (const [category, names] of Object.entries(特定病种)) {
      const listed = cell(t, `${category}病种`, "属于该类的病种").replace(/（\d+ 项）$/, "");
      // Names are compared as the calculators compare them: full- and half-width forms alike.
      expect(new Set(splitNames(listed).map(fold))).toEqual(new Set(names.map(fold)));
    }
  });

  it("monthly limits 2500 / 240 / 180 元, +60 元 for several diseases, the 2500 marked as this notice's", () => {
    const t = table("特定病种门诊", "各项标准");
    expect(yuan(cell(t, "一档二类月支付限额", "标准"))).toBe(特定病种月限额.二类);
    expect(yuan(cell(t, "一档三类月支付限额", "标准"))).toBe(特定病种月限额.三类);
    expect(yuan(cell(t, "一档四类月支付限额", "标准"))).toBe(特定病种月限额.四类);
    expect(yuan(cell(t, "多病种增加限额", "标准"))).toBe(多病种增加);
    expect(cell(t, "特困供养特定病种加点", "标准")).toBe(特困供养特定病种加点);
    expect(md).toMatch(/\| 一档二类月支付限额 \| \*\*2500元\*\* \[※\d+\]\(#amend-\d+\) \|/);
  });

  it("rates by hospital level: 60% at 一级及以下, 50% at other designated, 30% non-designated", () => {
    const t = table("特定病种门诊", "特定病种支付比例表");
    expect(t.rows).toEqual(特定病种比例);
  });

  it("奥司他韦：每人每月 2000 元, 80%, 二档 +400 元", () => {
    const t = table("奥司他韦", "各项标准");
    expect(yuan(cell(t, "奥司他韦月支付限额", "标准"))).toBe(奥司他韦.限额);
    expect(cell(t, "奥司他韦支付比例", "标准")).toBe(奥司他韦.比例);
    expect(yuan(cell(t, "奥司他韦二档增加限额", "标准"))).toBe(奥司他韦.二档增加);
  });
});

/** 「甲、乙（丙、丁）、戊」→ 甲, 乙（丙、丁）, 戊: split on 、 outside brackets. */
function splitNames(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of text) {
    if (ch === "（" || ch === "(") depth++;
    if (ch === "）" || ch === ")") depth--;
    if (ch === "、" && depth === 0) {
      out.push(current);
      current = "";
    } else current += ch;
  }
  out.push(current);
  return out;
}
