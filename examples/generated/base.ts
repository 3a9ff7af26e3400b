// 由 zhengce 从 policies/jiangmen/base.policy 生成，请勿手工修改；修改政策请改 .policy 文件后重新编译。
// 江门市基本医疗保险城乡一体化改革方案（江府办〔2017〕20号）

import {
  D,
  Trace,
  InputError,
  roundMoney,
  formatMoney,
  formatRate,
  pos,
  minOf,
  maxOf,
  clampRate,
  marginalOver,
  tier,
  makeInputParser,
  periodKey,
  checkValidity,
  fold,
} from "@zhengce/runtime";
import type { Decimal, FieldSpec, TraceStep, Slice, Tier } from "@zhengce/runtime";

// 常量
const 元500 = D("500");
const 元600 = D("600");
const 元900 = D("900");
const 元1500 = D("1500");
const 比例85 = D("0.85");
const 比例80 = D("0.8");
const 比例55 = D("0.55");
const 比例40 = D("0.4");
const 元240000 = D("240000");
const 元200000 = D("200000");
const 元10000 = D("10000");
const 元100 = D("100");
const 元0 = D("0");
const 点5 = D("0.05");
const 点10 = D("0.1");
const 比例50 = D("0.5");
const 数12 = D("12");
const 数24 = D("24");
const 比例70 = D("0.7");
const 比例100 = D("1");
const 元5000 = D("5000");
const 比例90 = D("0.9");
const 比例20 = D("0.2");
const 比例30 = D("0.3");
const 元120000 = D("120000");
const 比例60 = D("0.6");
const 点20 = D("0.2");

/** 参数 起付标准表：金额 按 医院级别 { 一级及以下：500元 二级：600元 三级：900元 非定点：1500元 依据 二、（四）1.（1）「起付标准分别为一级及以下定点医疗机构500元，二级定点医疗机构600元，三级定点医疗机构900元 */
const 起付标准表: Readonly<Record<string, Decimal>> = {
  一级及以下: 元500,
  二级: 元600,
  三级: 元900,
  非定点: 元1500,
};

/** 参数 住院支付比例表：比例 按 医院级别 { 一级及以下：85% 二级：80% 三级：55% 非定点：40% 依据 二、（四）1.（1）「住院基金支付比例分别为一级及以下定点医疗机构……85%，二级定点医疗机构80%，三级定点医疗机构55% */
const 住院支付比例表: Readonly<Record<string, Decimal>> = {
  一级及以下: 比例85,
  二级: 比例80,
  三级: 比例55,
  非定点: 比例40,
};

/** 参数 大病年度最高赔付限额：金额 = 24万元 依据 二、（四）1.（4）「大病保险资金对参保人在基本医疗保险年度内累计最高赔付限额为24万元。」 — 依据 江府办〔2017〕20号 二、（四）1.（4） */
const 大病年度最高赔付限额: Decimal = 元240000;

/** 参数 一档年度最高支付限额：金额 = 20万元 依据 二、（四）1.（1）「基金对一档参保人在基本医疗保险年度内累计最高支付限额为20万元。」 — 依据 江府办〔2017〕20号 二、（四）1.（1） */
const 一档年度最高支付限额: Decimal = 元200000;

/** 参数 分娩保底支付：金额 = 500元 依据 二、（四）1.（1）「基金支付费用低于500元的，按每人每次500元支付。」 — 依据 江府办〔2017〕20号 二、（四）1.（1） */
const 分娩保底支付: Decimal = 元500;

/** 参数 二档年度最高支付限额：金额 = 20万元 依据 二、（四）2.（1）「基金对二档参保人在基本医疗保险年度内累计最高支付限额为20万元。」 — 依据 江府办〔2017〕20号 二、（四）2.（1） */
const 二档年度最高支付限额: Decimal = 元200000;

/** 参数 大病起赔标准：金额 = 1万元 依据 二、（四）1.（4）「其中2017年维持1万元不变」 # 「超过起赔标准的30%以上」：低保、建档立卡的起赔线为起赔标准的 30%；特困供养为 20%。 当 特殊人群 包含 特困供养：乘以 20% — 依据 江府办〔2017〕20号 二、（四）1.（4） */
const 大病起赔标准基准: Decimal = 元10000;

// ───────── 计算「住院结算」 ─────────
/** 「住院结算」的输入。金额可写数字或至多两位小数的字符串。 */
export interface 住院结算输入 {
  日期?: string;
  参保身份: "城乡居民" | "职工在职" | "职工退休";
  医院级别: "一级及以下" | "二级" | "三级" | "非定点";
  政策范围内费用: number | string;
  连续缴费月数: number;
  特殊人群?: ("特困供养" | "低保" | "建档立卡")[];
  家庭病床转诊?: boolean;
  住院分娩?: boolean;
  按规定备案?: boolean;
  年度累计?: {
    统筹支付?: number | string;
    二档支付?: number | string;
    大病支付?: number | string;
    二档自付基数?: number | string;
    大病自付基数?: number | string;
  };
}
/** 「住院结算」的结果。金额为恰好两位小数的字符串。 */
export interface 住院结算结果 {
  起付标准: string;
  统筹支付: string;
  二档支付: string;
  大病支付: string;
  个人负担: string;
  计算过程: TraceStep[];
}

/** 「住院结算」的输入字段（封闭：未声明的字段是错误）。 */
export const 住院结算输入字段: FieldSpec[] = [
  { name: "日期", type: { kind: "date" }, required: false },
  {
    name: "参保身份",
    type: { kind: "enum", members: ["城乡居民", "职工在职", "职工退休"] },
    required: true,
  },
  {
    name: "医院级别",
    type: { kind: "enum", members: ["一级及以下", "二级", "三级", "非定点"] },
    required: true,
  },
  { name: "政策范围内费用", type: { kind: "money" }, required: true },
  { name: "连续缴费月数", type: { kind: "integer", min: 0 }, required: true },
  {
    name: "特殊人群",
    type: { kind: "set", members: ["特困供养", "低保", "建档立卡"] },
    required: false,
    default: [],
  },
  { name: "家庭病床转诊", type: { kind: "boolean" }, required: false, default: false },
  { name: "住院分娩", type: { kind: "boolean" }, required: false, default: false },
  { name: "按规定备案", type: { kind: "boolean" }, required: false, default: true },
  {
    name: "年度累计",
    type: {
      kind: "record",
      fields: [
        { name: "统筹支付", type: { kind: "money" }, required: false, default: "0" },
        { name: "二档支付", type: { kind: "money" }, required: false, default: "0" },
        { name: "大病支付", type: { kind: "money" }, required: false, default: "0" },
        { name: "二档自付基数", type: { kind: "money" }, required: false, default: "0" },
        { name: "大病自付基数", type: { kind: "money" }, required: false, default: "0" },
      ],
    },
    required: false,
  },
];
export const 住院结算输出结构 = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  title: "住院结算结果",
  type: "object",
  required: ["起付标准", "统筹支付", "二档支付", "大病支付", "个人负担"],
  properties: {
    起付标准: {
      type: "string",
      pattern: "^-?\\d+\\.\\d{2}$",
      description: "金额（元），恰好两位小数",
    },
    统筹支付: {
      type: "string",
      pattern: "^-?\\d+\\.\\d{2}$",
      description: "金额（元），恰好两位小数",
    },
    二档支付: {
      type: "string",
      pattern: "^-?\\d+\\.\\d{2}$",
      description: "金额（元），恰好两位小数",
    },
    大病支付: {
      type: "string",
      pattern: "^-?\\d+\\.\\d{2}$",
      description: "金额（元），恰好两位小数",
    },
    个人负担: {
      type: "string",
      pattern: "^-?\\d+\\.\\d{2}$",
      description: "金额（元），恰好两位小数",
    },
    计算过程: {
      type: "array",
      description: "计算过程：每一步的说明与依据，按计算顺序",
      items: {
        type: "object",
        required: ["说明", "依据"],
        properties: {
          项目: { type: "string" },
          说明: { type: "string" },
          依据: { type: "string" },
          值: { type: "string" },
        },
      },
    },
  },
};
const 住院结算解析 = makeInputParser(住院结算输入字段);

/** 计算一件（已校验的输入、累计状态），返回输出与本件应计入累计的数。 */
function 住院结算计算(input: any, acc: any, trace: Trace) {
  input = { ...input, 连续缴费月数: D(input["连续缴费月数"]) };
  checkValidity(input["日期"], "2018-01-01", undefined, "住院结算");
  // 步骤「起付标准」：起付标准表[医院级别]
  let 起付标准 = 起付标准表[input["医院级别"]];
  if (trace.enabled)
    trace.add({
      项目: "起付标准",
      说明: `起付标准：起付标准表[医院级别] = ${formatMoney(起付标准) + "元"}`,
      依据: "江府办〔2017〕20号 二、（四）1.（1）",
      值: formatMoney(起付标准) + "元",
    });
  if (input["参保身份"] === "职工退休") {
    起付标准 = 起付标准.minus(元100);
    起付标准 = maxOf(起付标准, 元0);
    if (trace.enabled)
      trace.add({
        项目: "起付标准",
        说明: `当 参保身份 = 职工退休：降低 100元，不低于 0元 → ${formatMoney(起付标准) + "元"}`,
        依据: "江府办〔2017〕20号 二、（四）1.（1）",
        值: formatMoney(起付标准) + "元",
      });
  }
  if (input["家庭病床转诊"]) {
    起付标准 = 元0;
    if (trace.enabled)
      trace.add({
        项目: "起付标准",
        说明: `当 家庭病床转诊：设为 0元 → ${formatMoney(起付标准) + "元"}`,
        依据: "江府办〔2017〕20号 二、（四）1.（1）",
        值: formatMoney(起付标准) + "元",
      });
  }
  if (input["特殊人群"].includes("特困供养")) {
    起付标准 = 元0;
    if (trace.enabled)
      trace.add({
        项目: "起付标准",
        说明: `当 特殊人群 包含 特困供养：设为 0元 → ${formatMoney(起付标准) + "元"}`,
        依据: "江府办〔2017〕20号 二、（四）1.（1）",
        值: formatMoney(起付标准) + "元",
      });
  }
  起付标准 = roundMoney(起付标准);
  // 步骤「统筹比例」：住院支付比例表[医院级别]
  let 统筹比例 = 住院支付比例表[input["医院级别"]];
  if (trace.enabled)
    trace.add({
      项目: "统筹比例",
      说明: `统筹比例：住院支付比例表[医院级别] = ${formatRate(统筹比例)}`,
      依据: "江府办〔2017〕20号 二、（四）1.（1）",
      值: formatRate(统筹比例),
    });
  if (input["参保身份"] === "职工退休") {
    统筹比例 = clampRate(统筹比例.plus(点5));
    if (trace.enabled)
      trace.add({
        项目: "统筹比例",
        说明: `当 参保身份 = 职工退休：提高 5个百分点 → ${formatRate(统筹比例)}`,
        依据: "江府办〔2017〕20号 二、（四）1.（1）",
        值: formatRate(统筹比例),
      });
  }
  if (input["特殊人群"].includes("特困供养") && input["医院级别"] === "一级及以下") {
    统筹比例 = clampRate(统筹比例.plus(点10));
    if (trace.enabled)
      trace.add({
        项目: "统筹比例",
        说明: `当 特殊人群 包含 特困供养 且 医院级别 = 一级及以下：提高 10个百分点 → ${formatRate(统筹比例)}`,
        依据: "江府办〔2017〕20号 二、（四）1.（1）",
        值: formatRate(统筹比例),
      });
  }
  if (!input["按规定备案"]) {
    统筹比例 = clampRate(统筹比例.times(比例50));
    if (trace.enabled)
      trace.add({
        项目: "统筹比例",
        说明: `当 非 按规定备案：乘以 50% → ${formatRate(统筹比例)}`,
        依据: "江府办〔2017〕20号 二、（四）3.",
        值: formatRate(统筹比例),
      });
  }
  // 分段「连续缴费系数」（全额）
  let 连续缴费系数_分段: Tier<any>[] = [
    { lower: null, lowerInclusive: true, upper: 数12, upperInclusive: true, value: 比例50 },
    { lower: 数12, lowerInclusive: false, upper: 数24, upperInclusive: true, value: 比例70 },
    { lower: 数24, lowerInclusive: false, upper: null, upperInclusive: true, value: 比例100 },
  ];
  // 步骤「缴费系数」：连续缴费系数（连续缴费月数）
  let 缴费系数 = tier(连续缴费系数_分段, input["连续缴费月数"]);
  if (trace.enabled)
    trace.add({
      项目: "缴费系数",
      说明: `缴费系数：连续缴费系数（连续缴费月数） = ${formatRate(缴费系数)}`,
      依据: "江府办〔2017〕20号 二、（四）4.",
      值: formatRate(缴费系数),
    });
  // 步骤「大病赔付余额」：如果 特殊人群 包含 特困供养 或 特殊人群 包含 低保 或 特殊人群 包含 建档立卡 则 无 否则 正值（大病年度最高赔付限额 × 缴费系数 − 年度累计.大病支付）
  let 大病赔付余额 =
    input["特殊人群"].includes("特困供养") ||
    input["特殊人群"].includes("低保") ||
    input["特殊人群"].includes("建档立卡")
      ? null
      : pos(大病年度最高赔付限额.times(缴费系数).minus(acc["年度累计"]["大病支付"]));
  大病赔付余额 = 大病赔付余额 === null ? null : roundMoney(大病赔付余额);
  if (trace.enabled)
    trace.add({
      项目: "大病赔付余额",
      说明: `大病赔付余额：如果 特殊人群 包含 特困供养 或 特殊人群 包含 低保 或 特殊人群 包含 建档立卡 则 无 否则 正值（大病年度最高赔付限额 × 缴费系数 − 年度累计.大病支付） = ${大病赔付余额 === null ? "无" : formatMoney(大病赔付余额) + "元"}`,
      依据: "江府办〔2017〕20号 二、（四）1.（4）",
      值: 大病赔付余额 === null ? "无" : formatMoney(大病赔付余额) + "元",
    });
  // 分层：正值（政策范围内费用 − 起付标准）
  let 剩余 = pos(input["政策范围内费用"].minus(起付标准));
  if (trace.enabled)
    trace.add({
      项目: "剩余",
      说明: `分层结算的起点：正值（政策范围内费用 − 起付标准） = ${formatMoney(剩余)}元`,
      依据: "江府办〔2017〕20号 二、（四）",
      值: formatMoney(剩余),
    });
  // 步骤「统筹支付」：较小（剩余 × 统筹比例，正值（一档年度最高支付限额 × 缴费系数 − 年度累计.统筹支付））
  let 统筹支付 = minOf(
    剩余.times(统筹比例),
    pos(一档年度最高支付限额.times(缴费系数).minus(acc["年度累计"]["统筹支付"])),
  )!;
  if (trace.enabled)
    trace.add({
      项目: "统筹支付",
      说明: `统筹支付：较小（剩余 × 统筹比例，正值（一档年度最高支付限额 × 缴费系数 − 年度累计.统筹支付）） = ${formatMoney(统筹支付) + "元"}`,
      依据: "江府办〔2017〕20号 二、（四）1.（1）",
      值: formatMoney(统筹支付) + "元",
    });
  if (input["住院分娩"]) {
    统筹支付 = maxOf(统筹支付, 分娩保底支付);
    if (trace.enabled)
      trace.add({
        项目: "统筹支付",
        说明: `当 住院分娩：不低于 分娩保底支付 → ${formatMoney(统筹支付) + "元"}`,
        依据: "江府办〔2017〕20号 二、（四）1.（1）",
        值: formatMoney(统筹支付) + "元",
      });
  }
  统筹支付 = roundMoney(统筹支付);
  剩余 = pos(剩余.minus(统筹支付));
  if (trace.enabled)
    trace.add({
      项目: "剩余",
      说明: `扣除「统筹支付」后剩余 ${formatMoney(剩余)}元`,
      依据: "江府办〔2017〕20号 二、（四）1.（1）",
      值: formatMoney(剩余),
    });
  // 步骤「自付」：剩余
  let 自付 = 剩余;
  自付 = roundMoney(自付);
  if (trace.enabled)
    trace.add({
      项目: "自付",
      说明: `自付：剩余 = ${formatMoney(自付) + "元"}`,
      依据: "江府办〔2017〕20号 二、（四）2.（1）",
      值: formatMoney(自付) + "元",
    });
  // 分段「二档住院比例」（累进）
  let 二档住院比例_分段: Slice[] = [
    { lower: null, lowerInclusive: true, upper: 元5000, upperInclusive: true, rate: 比例50 },
    { lower: 元5000, lowerInclusive: false, upper: 元200000, upperInclusive: true, rate: 比例85 },
    { lower: 元200000, lowerInclusive: false, upper: null, upperInclusive: true, rate: 比例90 },
  ];
  const 二档住院比例_分段调整 = (r: Decimal) => {
    if (input["医院级别"] === "非定点") {
      r = clampRate(r.minus(点10));
    }
    if (!input["按规定备案"]) {
      r = clampRate(r.times(比例50));
    }
    return r;
  };
  二档住院比例_分段 = 二档住院比例_分段.map((s) => ({ ...s, rate: 二档住院比例_分段调整(s.rate) }));
  if (trace.enabled) {
    if (input["医院级别"] === "非定点")
      trace.add({
        项目: "二档住院比例",
        说明: "二档住院比例各段比例：当 医院级别 = 非定点：降低 10个百分点",
        依据: "江府办〔2017〕20号 二、（四）2.（1）",
      });
    if (!input["按规定备案"])
      trace.add({
        项目: "二档住院比例",
        说明: "二档住院比例各段比例：当 非 按规定备案：乘以 50%",
        依据: "江府办〔2017〕20号 二、（四）3.",
      });
  }
  // 步骤「二档支付」：如果 参保身份 属于 [职工在职、职工退休] 则 较小（二档住院比例（剩余，已累计 年度累计.二档自付基数），正值（二档年度最高支付限额 × 缴费系数 − 年度累计.二档支付）） 否则 0元
  let 二档支付 = ["职工在职", "职工退休"].includes(input["参保身份"])
    ? minOf(
        marginalOver(二档住院比例_分段, acc["年度累计"]["二档自付基数"], 剩余),
        pos(二档年度最高支付限额.times(缴费系数).minus(acc["年度累计"]["二档支付"])),
      )!
    : 元0;
  二档支付 = roundMoney(二档支付);
  if (trace.enabled)
    trace.add({
      项目: "二档支付",
      说明: `二档支付：如果 参保身份 属于 [职工在职、职工退休] 则 较小（二档住院比例（剩余，已累计 年度累计.二档自付基数），正值（二档年度最高支付限额 × 缴费系数 − 年度累计.二档支付）） 否则 0元 = ${formatMoney(二档支付) + "元"}`,
      依据: "江府办〔2017〕20号 二、（四）2.（1）",
      值: formatMoney(二档支付) + "元",
    });
  剩余 = pos(剩余.minus(二档支付));
  if (trace.enabled)
    trace.add({
      项目: "剩余",
      说明: `扣除「二档支付」后剩余 ${formatMoney(剩余)}元`,
      依据: "江府办〔2017〕20号 二、（四）2.（1）",
      值: formatMoney(剩余),
    });
  // 步骤「大病基数」：剩余
  let 大病基数 = 剩余;
  大病基数 = roundMoney(大病基数);
  if (trace.enabled)
    trace.add({
      项目: "大病基数",
      说明: `大病基数：剩余 = ${formatMoney(大病基数) + "元"}`,
      依据: "江府办〔2017〕20号 二、（四）1.（4）",
      值: formatMoney(大病基数) + "元",
    });
  // 参数「大病起赔标准」：1万元
  let 大病起赔标准 = 大病起赔标准基准;
  if (trace.enabled)
    trace.add({
      项目: "大病起赔标准",
      说明: `大病起赔标准：1万元 = ${formatMoney(大病起赔标准) + "元"}`,
      依据: "江府办〔2017〕20号 二、（四）1.（4）",
      值: formatMoney(大病起赔标准) + "元",
    });
  if (input["特殊人群"].includes("特困供养")) {
    大病起赔标准 = 大病起赔标准.times(比例20);
    if (trace.enabled)
      trace.add({
        项目: "大病起赔标准",
        说明: `当 特殊人群 包含 特困供养：乘以 20% → ${formatMoney(大病起赔标准) + "元"}`,
        依据: "江府办〔2017〕20号 二、（四）1.（4）",
        值: formatMoney(大病起赔标准) + "元",
      });
  } else if (input["特殊人群"].includes("低保") || input["特殊人群"].includes("建档立卡")) {
    大病起赔标准 = 大病起赔标准.times(比例30);
    if (trace.enabled)
      trace.add({
        项目: "大病起赔标准",
        说明: `否则当 特殊人群 包含 低保 或 特殊人群 包含 建档立卡：乘以 30% → ${formatMoney(大病起赔标准) + "元"}`,
        依据: "江府办〔2017〕20号 二、（四）1.（4）",
        值: formatMoney(大病起赔标准) + "元",
      });
  }
  大病起赔标准 = roundMoney(大病起赔标准);
  // 分段「大病赔付比例」（累进）
  let 大病赔付比例_分段: Slice[] = [
    {
      lower: 大病起赔标准,
      lowerInclusive: false,
      upper: 元120000,
      upperInclusive: true,
      rate: 比例60,
    },
    { lower: 元120000, lowerInclusive: false, upper: null, upperInclusive: true, rate: 比例70 },
  ];
  const 大病赔付比例_分段调整 = (r: Decimal) => {
    if (input["特殊人群"].includes("特困供养")) {
      r = clampRate(r.plus(点20));
    } else if (input["特殊人群"].includes("低保") || input["特殊人群"].includes("建档立卡")) {
      r = clampRate(r.plus(点10));
    }
    if (input["医院级别"] === "非定点") {
      r = clampRate(r.minus(点10));
    }
    if (!input["按规定备案"]) {
      r = clampRate(r.times(比例50));
    }
    return r;
  };
  大病赔付比例_分段 = 大病赔付比例_分段.map((s) => ({ ...s, rate: 大病赔付比例_分段调整(s.rate) }));
  if (trace.enabled) {
    if (input["特殊人群"].includes("特困供养"))
      trace.add({
        项目: "大病赔付比例",
        说明: "大病赔付比例各段比例：当 特殊人群 包含 特困供养：提高 20个百分点",
        依据: "江府办〔2017〕20号 二、（四）1.（4）",
      });
    else if (input["特殊人群"].includes("低保") || input["特殊人群"].includes("建档立卡"))
      trace.add({
        项目: "大病赔付比例",
        说明: "大病赔付比例各段比例：否则当 特殊人群 包含 低保 或 特殊人群 包含 建档立卡：提高 10个百分点",
        依据: "江府办〔2017〕20号 二、（四）1.（4）",
      });
    if (input["医院级别"] === "非定点")
      trace.add({
        项目: "大病赔付比例",
        说明: "大病赔付比例各段比例：当 医院级别 = 非定点：降低 10个百分点",
        依据: "江府办〔2017〕20号 二、（四）1.（4）",
      });
    if (!input["按规定备案"])
      trace.add({
        项目: "大病赔付比例",
        说明: "大病赔付比例各段比例：当 非 按规定备案：乘以 50%",
        依据: "江府办〔2017〕20号 二、（四）3.",
      });
  }
  // 步骤「大病支付」：较小（大病赔付比例（剩余，已累计 年度累计.大病自付基数），大病赔付余额）
  let 大病支付 = minOf(
    marginalOver(大病赔付比例_分段, acc["年度累计"]["大病自付基数"], 剩余),
    大病赔付余额,
  )!;
  大病支付 = roundMoney(大病支付);
  if (trace.enabled)
    trace.add({
      项目: "大病支付",
      说明: `大病支付：较小（大病赔付比例（剩余，已累计 年度累计.大病自付基数），大病赔付余额） = ${formatMoney(大病支付) + "元"}`,
      依据: "江府办〔2017〕20号 二、（四）1.（4）",
      值: formatMoney(大病支付) + "元",
    });
  剩余 = pos(剩余.minus(大病支付));
  if (trace.enabled)
    trace.add({
      项目: "剩余",
      说明: `扣除「大病支付」后剩余 ${formatMoney(剩余)}元`,
      依据: "江府办〔2017〕20号 二、（四）1.（4）",
      值: formatMoney(剩余),
    });
  // 步骤「个人负担」：政策范围内费用 − 统筹支付 − 二档支付 − 大病支付
  let 个人负担 = input["政策范围内费用"].minus(统筹支付).minus(二档支付).minus(大病支付);
  个人负担 = roundMoney(个人负担);
  if (trace.enabled)
    trace.add({
      项目: "个人负担",
      说明: `个人负担：政策范围内费用 − 统筹支付 − 二档支付 − 大病支付 = ${formatMoney(个人负担) + "元"}`,
      依据: "江府办〔2017〕20号 二、（四）",
      值: formatMoney(个人负担) + "元",
    });
  return {
    outputs: {
      起付标准: formatMoney(起付标准),
      统筹支付: formatMoney(统筹支付),
      二档支付: formatMoney(二档支付),
      大病支付: formatMoney(大病支付),
      个人负担: formatMoney(个人负担),
    },
    added: {
      年度累计: {
        统筹支付: 统筹支付,
        二档支付: 二档支付,
        大病支付: 大病支付,
        二档自付基数: 自付,
        大病自付基数: 大病基数,
      },
    },
  };
}

/** 「住院结算」：计算一件。输入错误时抛出 InputError（中文说明，指明字段）。 */
export function 住院结算(raw: 住院结算输入, options: { explain?: boolean } = {}): 住院结算结果 {
  const input: any = 住院结算解析(raw);
  const trace = new Trace(options.explain !== false);
  const { outputs } = 住院结算计算(input, { 年度累计: input["年度累计"] }, trace);
  return { ...outputs, 计算过程: trace.steps } as 住院结算结果;
}

/** 「住院结算」：一人一年内按日期排列的多件，累计（年度累计）由计算器逐件结转，跨期归零。 */
export function 住院结算序列(
  raws: 住院结算输入[],
  options: { explain?: boolean } = {},
): 住院结算结果[] {
  const results: any[] = [];
  let state: any = null;
  let periods: string[] = [];
  for (let i = 0; i < raws.length; i++) {
    const input: any = 住院结算解析(raws[i], `第${i + 1}项`);
    if (i > 0 && Object.keys(raws[i] as object).some((k) => fold(k) === fold("年度累计"))) {
      throw new InputError(
        `第${i + 1}项.年度累计`,
        `字段「第${i + 1}项.年度累计」只能在第一项给出：其后各项的累计由计算器按前面各项结转`,
      );
    }
    const period0 = periodKey(input["日期"], "年");
    if (state !== null && period0 !== periods[0] && periods[0] !== "" && period0 !== "")
      state["年度累计"] = {
        统筹支付: D(0),
        二档支付: D(0),
        大病支付: D(0),
        二档自付基数: D(0),
        大病自付基数: D(0),
      };
    if (period0 !== "") periods[0] = period0;
    const acc = state ?? { 年度累计: input["年度累计"] };
    const trace = new Trace(options.explain !== false);
    const { outputs, added } = 住院结算计算(input, acc, trace);
    results.push({ ...outputs, 计算过程: trace.steps });
    state = {
      年度累计: {
        统筹支付: acc["年度累计"]["统筹支付"].plus(added["年度累计"]["统筹支付"]),
        二档支付: acc["年度累计"]["二档支付"].plus(added["年度累计"]["二档支付"]),
        大病支付: acc["年度累计"]["大病支付"].plus(added["年度累计"]["大病支付"]),
        二档自付基数: acc["年度累计"]["二档自付基数"].plus(added["年度累计"]["二档自付基数"]),
        大病自付基数: acc["年度累计"]["大病自付基数"].plus(added["年度累计"]["大病自付基数"]),
      },
    };
  }
  return results;
}

/** 本政策的全部计算器，按名称。 */
export const calculators = {
  住院结算: {
    name: "住院结算",
    inputFields: 住院结算输入字段,
    outputSchema: 住院结算输出结构,
    run: 住院结算,
    runSequence: 住院结算序列,
  },
};
