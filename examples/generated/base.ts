// 由 zhengce 从 policies/jiangmen/base.policy 生成，请勿手工修改；修改政策请改 .policy 文件后重新编译。
// 江门市基本医疗保险城乡一体化改革方案（江府办〔2017〕20号）

import {
  D,
  Trace,
  InputError,
  RefusalError,
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
const 元0 = D("0");
const 比例85 = D("0.85");
const 比例80 = D("0.8");
const 比例55 = D("0.55");
const 比例40 = D("0.4");
const 点10 = D("0.1");
const 元240000 = D("240000");
const 元200000 = D("200000");
const 元10000 = D("10000");
const 数2 = D("2");
const 元240 = D("240");
const 元180 = D("180");
const 元60 = D("60");
const 比例60 = D("0.6");
const 比例50 = D("0.5");
const 比例30 = D("0.3");
const 元960 = D("960");
const 元100 = D("100");
const 点5 = D("0.05");
const 数12 = D("12");
const 数24 = D("24");
const 比例70 = D("0.7");
const 比例100 = D("1");
const 元5000 = D("5000");
const 比例90 = D("0.9");
const 比例20 = D("0.2");
const 元120000 = D("120000");
const 点20 = D("0.2");
const 数0 = D("0");

/** 参数 起付标准表：金额 按 医院级别 { 一级及以下：500元 二级：600元 三级：900元 非定点：1500元 依据 二、（四）1.（1）「起付标准分别为一级及以下定点医疗机构500元，二级定点医疗机构600元，三级定点医疗机构900元 — 依据 江府办〔2017〕20号 二、（四）1.（1） */
const 起付标准表: Readonly<Record<string, Decimal>> = {
  一级及以下: 元500,
  二级: 元600,
  三级: 元900,
  非定点: 元1500,
};

/** 参数 特困供养起付标准：金额 = 0元 依据 二、（四）1.（1）「只参加一档的农村五保供养对象住院可以享受零起付标准」 — 依据 江府办〔2017〕20号 二、（四）1.（1） */
const 特困供养起付标准: Decimal = 元0;

/** 参数 住院支付比例表：比例 按 医院级别 { 一级及以下：85% 二级：80% 三级：55% 非定点：40% 依据 二、（四）1.（1）「住院基金支付比例分别为一级及以下定点医疗机构……85%，二级定点医疗机构80%，三级定点医疗机构55% — 依据 江府办〔2017〕20号 二、（四）1.（1） */
const 住院支付比例表: Readonly<Record<string, Decimal>> = {
  一级及以下: 比例85,
  二级: 比例80,
  三级: 比例55,
  非定点: 比例40,
};

/** 参数 特困供养住院加点：百分点 = 10个百分点 依据 二、（四）1.（1）「只参加一档的农村五保供养对象……在一级及以下定点医疗机构住院，基金支付比例提高10个百分点。」 — 依据 江府办〔2017〕20号 二、（四）1.（1） */
const 特困供养住院加点: Decimal = 点10;

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

/** 参数 一类病种：布尔 按 病种 { 重性精神疾病、「恶性肿瘤(放疗、化疗期间)」、「慢性肾功能不全（需透析）」、器官移植抗排异、「造血干细胞移植后（移植物抗宿主病及感染的治疗）」：是 其他：否 依据 附表 序号1–5「一类」 } — 依据 江府办〔2017〕20号 附表 序号1–5 */
const 一类病种: Readonly<Record<string, boolean>> = {
  重性精神疾病: true,
  "恶性肿瘤(放疗、化疗期间)": true,
  "慢性肾功能不全（需透析）": true,
  器官移植抗排异: true,
  "造血干细胞移植后（移植物抗宿主病及感染的治疗）": true,
  "慢性丙型肝炎（限聚乙二醇干扰素治疗）": false,
  重型β地中海贫血: false,
  血友病: false,
  "慢性肾功能不全（不需透析）": false,
  "恶性肿瘤（非放疗化疗期间）": false,
  "小儿脑性瘫痪（含0-3岁精神运动发育迟缓儿）": false,
  艾滋病: false,
  冠心病: false,
  糖尿病: false,
  高血压Ⅱ期以上: false,
  "精神病（重性精神疾病除外）": false,
  癫痫: false,
  帕金森病: false,
  肝硬化: false,
  类风湿关节炎: false,
  肺结核活动期间: false,
  再生障碍性贫血: false,
  "慢性病毒性肝炎（乙型、丙型，活动期，聚乙二醇干扰素治疗慢性丙型肝炎除外）": false,
  "脑血管疾病后遗症（脑栓塞脑出血和脑梗塞等疾病引起的后遗症）": false,
  "珠蛋白生成障碍（地中海贫血或海洋性贫血，重型β地中海贫血除外）": false,
  系统性红斑狼疮: false,
  慢性阻塞性肺气肿: false,
  儿童孤独症: false,
};

/** 参数 二类病种：布尔 按 病种 { 「慢性丙型肝炎（限聚乙二醇干扰素治疗）」、「重型β地中海贫血」、血友病：是 其他：否 依据 附表 序号6–8「二类」 } — 依据 江府办〔2017〕20号 附表 序号6–8 */
const 二类病种: Readonly<Record<string, boolean>> = {
  "慢性丙型肝炎（限聚乙二醇干扰素治疗）": true,
  重型β地中海贫血: true,
  血友病: true,
  重性精神疾病: false,
  "恶性肿瘤(放疗、化疗期间)": false,
  "慢性肾功能不全（需透析）": false,
  器官移植抗排异: false,
  "造血干细胞移植后（移植物抗宿主病及感染的治疗）": false,
  "慢性肾功能不全（不需透析）": false,
  "恶性肿瘤（非放疗化疗期间）": false,
  "小儿脑性瘫痪（含0-3岁精神运动发育迟缓儿）": false,
  艾滋病: false,
  冠心病: false,
  糖尿病: false,
  高血压Ⅱ期以上: false,
  "精神病（重性精神疾病除外）": false,
  癫痫: false,
  帕金森病: false,
  肝硬化: false,
  类风湿关节炎: false,
  肺结核活动期间: false,
  再生障碍性贫血: false,
  "慢性病毒性肝炎（乙型、丙型，活动期，聚乙二醇干扰素治疗慢性丙型肝炎除外）": false,
  "脑血管疾病后遗症（脑栓塞脑出血和脑梗塞等疾病引起的后遗症）": false,
  "珠蛋白生成障碍（地中海贫血或海洋性贫血，重型β地中海贫血除外）": false,
  系统性红斑狼疮: false,
  慢性阻塞性肺气肿: false,
  儿童孤独症: false,
};

/** 参数 三类病种：布尔 按 病种 { 「慢性肾功能不全（不需透析）」、「恶性肿瘤（非放疗化疗期间）」、「小儿脑性瘫痪（含0-3岁精神运动发育迟缓儿）」、艾滋病：是 其他：否 依据 附表 序号9–12「三类」 } — 依据 江府办〔2017〕20号 附表 序号9–12 */
const 三类病种: Readonly<Record<string, boolean>> = {
  "慢性肾功能不全（不需透析）": true,
  "恶性肿瘤（非放疗化疗期间）": true,
  "小儿脑性瘫痪（含0-3岁精神运动发育迟缓儿）": true,
  艾滋病: true,
  重性精神疾病: false,
  "恶性肿瘤(放疗、化疗期间)": false,
  "慢性肾功能不全（需透析）": false,
  器官移植抗排异: false,
  "造血干细胞移植后（移植物抗宿主病及感染的治疗）": false,
  "慢性丙型肝炎（限聚乙二醇干扰素治疗）": false,
  重型β地中海贫血: false,
  血友病: false,
  冠心病: false,
  糖尿病: false,
  高血压Ⅱ期以上: false,
  "精神病（重性精神疾病除外）": false,
  癫痫: false,
  帕金森病: false,
  肝硬化: false,
  类风湿关节炎: false,
  肺结核活动期间: false,
  再生障碍性贫血: false,
  "慢性病毒性肝炎（乙型、丙型，活动期，聚乙二醇干扰素治疗慢性丙型肝炎除外）": false,
  "脑血管疾病后遗症（脑栓塞脑出血和脑梗塞等疾病引起的后遗症）": false,
  "珠蛋白生成障碍（地中海贫血或海洋性贫血，重型β地中海贫血除外）": false,
  系统性红斑狼疮: false,
  慢性阻塞性肺气肿: false,
  儿童孤独症: false,
};

/** 参数 四类病种：布尔 按 病种 { 冠心病、糖尿病、高血压Ⅱ期以上、「精神病（重性精神疾病除外）」、癫痫、帕金森病、肝硬化、类风湿关节炎、肺结核活动期间、 再生障碍性贫血、「慢性病毒性肝炎（乙型、丙型，活动期，聚乙二醇干扰素治疗慢性丙型肝炎 — 依据 江府办〔2017〕20号 附表 序号13–28 */
const 四类病种: Readonly<Record<string, boolean>> = {
  冠心病: true,
  糖尿病: true,
  高血压Ⅱ期以上: true,
  "精神病（重性精神疾病除外）": true,
  癫痫: true,
  帕金森病: true,
  肝硬化: true,
  类风湿关节炎: true,
  肺结核活动期间: true,
  再生障碍性贫血: true,
  "慢性病毒性肝炎（乙型、丙型，活动期，聚乙二醇干扰素治疗慢性丙型肝炎除外）": true,
  "脑血管疾病后遗症（脑栓塞脑出血和脑梗塞等疾病引起的后遗症）": true,
  "珠蛋白生成障碍（地中海贫血或海洋性贫血，重型β地中海贫血除外）": true,
  系统性红斑狼疮: true,
  慢性阻塞性肺气肿: true,
  儿童孤独症: true,
  重性精神疾病: false,
  "恶性肿瘤(放疗、化疗期间)": false,
  "慢性肾功能不全（需透析）": false,
  器官移植抗排异: false,
  "造血干细胞移植后（移植物抗宿主病及感染的治疗）": false,
  "慢性丙型肝炎（限聚乙二醇干扰素治疗）": false,
  重型β地中海贫血: false,
  血友病: false,
  "慢性肾功能不全（不需透析）": false,
  "恶性肿瘤（非放疗化疗期间）": false,
  "小儿脑性瘫痪（含0-3岁精神运动发育迟缓儿）": false,
  艾滋病: false,
};

/** 参数 多病种起算个数 = 2 依据 附表 说明2「患有两个或两个以上特定病种的」 — 依据 江府办〔2017〕20号 附表 说明2 */
const 多病种起算个数: Decimal = 数2;

/** 参数 须在规定机构就诊：布尔 按 病种 { 肺结核活动期间、「精神病（重性精神疾病除外）」、重性精神疾病、「慢性丙型肝炎（限聚乙二醇干扰素治疗）」：是 其他：否 依据 附表 说明6「其中“肺结核”须在我市肺结核专科防治门诊定点医疗机构就诊， — 依据 江府办〔2017〕20号 附表 说明6 */
const 须在规定机构就诊: Readonly<Record<string, boolean>> = {
  肺结核活动期间: true,
  "精神病（重性精神疾病除外）": true,
  重性精神疾病: true,
  "慢性丙型肝炎（限聚乙二醇干扰素治疗）": true,
  "恶性肿瘤(放疗、化疗期间)": false,
  "慢性肾功能不全（需透析）": false,
  器官移植抗排异: false,
  "造血干细胞移植后（移植物抗宿主病及感染的治疗）": false,
  重型β地中海贫血: false,
  血友病: false,
  "慢性肾功能不全（不需透析）": false,
  "恶性肿瘤（非放疗化疗期间）": false,
  "小儿脑性瘫痪（含0-3岁精神运动发育迟缓儿）": false,
  艾滋病: false,
  冠心病: false,
  糖尿病: false,
  高血压Ⅱ期以上: false,
  癫痫: false,
  帕金森病: false,
  肝硬化: false,
  类风湿关节炎: false,
  再生障碍性贫血: false,
  "慢性病毒性肝炎（乙型、丙型，活动期，聚乙二醇干扰素治疗慢性丙型肝炎除外）": false,
  "脑血管疾病后遗症（脑栓塞脑出血和脑梗塞等疾病引起的后遗症）": false,
  "珠蛋白生成障碍（地中海贫血或海洋性贫血，重型β地中海贫血除外）": false,
  系统性红斑狼疮: false,
  慢性阻塞性肺气肿: false,
  儿童孤独症: false,
};

/** 参数 一档二类月支付限额：金额 = 1500元 依据 附表 序号6–8 一档基金累计支付限额「1500 元/月」 — 依据 江府办〔2017〕20号 附表 序号6–8 一档基金累计支付限额 */
const 一档二类月支付限额: Decimal = 元1500;

/** 参数 一档三类月支付限额：金额 = 240元 依据 附表 序号9–12 一档基金累计支付限额「240 元/月」 — 依据 江府办〔2017〕20号 附表 序号9–12 一档基金累计支付限额 */
const 一档三类月支付限额: Decimal = 元240;

/** 参数 一档四类月支付限额：金额 = 180元 依据 附表 序号13–28 一档基金累计支付限额「180 元/月」 — 依据 江府办〔2017〕20号 附表 序号13–28 一档基金累计支付限额 */
const 一档四类月支付限额: Decimal = 元180;

/** 参数 多病种增加限额：金额 = 60元 依据 附表 说明2「一档或二档患有两个或两个以上特定病种的，取较高病种月支付限额并增加60元。」 — 依据 江府办〔2017〕20号 附表 说明2 */
const 多病种增加限额: Decimal = 元60;

/** 参数 特定病种支付比例表：比例 按 医院级别 { 一级及以下：60% 二级、三级：50% 非定点：30% 依据 附表 一档基金支付比例「1、本市一级及以下定点医疗机构基金支付比例为60%。2、其他定点医疗机构基金支付比例为50%。3、非定点 — 依据 江府办〔2017〕20号 附表 一档基金支付比例 */
const 特定病种支付比例表: Readonly<Record<string, Decimal>> = {
  一级及以下: 比例60,
  二级: 比例50,
  三级: 比例50,
  非定点: 比例30,
};

/** 参数 特困供养特定病种加点：百分点 = 10个百分点 依据 附表 说明4「农村五保供养对象特定门诊医疗费用基金支付比例提高10个百分点（基金支付比例最高不超过100%，若超过100%的按100%计算）。」 — 依据 江府办〔2017〕20号 附表 说明4 */
const 特困供养特定病种加点: Decimal = 点10;

/** 参数 二档二类月支付限额：金额 = 900元 依据 附表 序号6–8 二档基金累计支付限额「900 元/月」 — 依据 江府办〔2017〕20号 附表 序号6–8 二档基金累计支付限额 */
const 二档二类月支付限额: Decimal = 元900;

/** 参数 二档三类月支付限额：金额 = 960元 依据 附表 序号9–12 二档基金累计支付限额「960 元/月」 — 依据 江府办〔2017〕20号 附表 序号9–12 二档基金累计支付限额 */
const 二档三类月支付限额: Decimal = 元960;

/** 参数 二档四类月支付限额：金额 = 无 依据 附表 序号13–28 二档「在一档待遇支付的基础上，剩余范围内医疗费用，基金支付比例60%。」 — 依据 江府办〔2017〕20号 附表 序号13–28 二档 */
const 二档四类月支付限额: Decimal | null = null;

/** 参数 二档特定病种支付比例：比例 = 60% 依据 附表 二档「在一档待遇支付的基础上，剩余范围内医疗费用，基金支付比例60%。」 — 依据 江府办〔2017〕20号 附表 二档 */
const 二档特定病种支付比例: Decimal = 比例60;

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
  input = {
    ...input,
    连续缴费月数: input["连续缴费月数"] === null ? null : D(input["连续缴费月数"]),
  };
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
    起付标准 = 特困供养起付标准;
    if (trace.enabled)
      trace.add({
        项目: "起付标准",
        说明: `当 特殊人群 包含 特困供养：设为 特困供养起付标准 → ${formatMoney(起付标准) + "元"}`,
        依据: "江府办〔2017〕20号 二、（四）1.（1）",
        值: formatMoney(起付标准) + "元",
      });
  }
  起付标准 = roundMoney(起付标准);
  // 分段「住院统筹比例」（全额）
  let 住院统筹比例_分段: Tier<any>[] = [
    {
      lower: 元0,
      lowerInclusive: true,
      upper: null,
      upperInclusive: true,
      value: 住院支付比例表[input["医院级别"]],
    },
  ];
  const 住院统筹比例_分段调整 = (r: Decimal) => {
    if (input["参保身份"] === "职工退休") {
      r = clampRate(r.plus(点5));
    }
    if (input["特殊人群"].includes("特困供养") && input["医院级别"] === "一级及以下") {
      r = clampRate(r.plus(特困供养住院加点));
    }
    if (!input["按规定备案"]) {
      r = clampRate(r.times(比例50));
    }
    return r;
  };
  住院统筹比例_分段 = 住院统筹比例_分段.map((s) => ({
    ...s,
    value: 住院统筹比例_分段调整(s.value),
  }));
  if (trace.enabled) {
    if (input["参保身份"] === "职工退休")
      trace.add({
        项目: "住院统筹比例",
        说明: "住院统筹比例各段比例：当 参保身份 = 职工退休：提高 5个百分点",
        依据: "江府办〔2017〕20号 二、（四）1.（1）",
      });
    if (input["特殊人群"].includes("特困供养") && input["医院级别"] === "一级及以下")
      trace.add({
        项目: "住院统筹比例",
        说明: "住院统筹比例各段比例：当 特殊人群 包含 特困供养 且 医院级别 = 一级及以下：提高 特困供养住院加点",
        依据: "江府办〔2017〕20号 二、（四）1.（1）",
      });
    if (!input["按规定备案"])
      trace.add({
        项目: "住院统筹比例",
        说明: "住院统筹比例各段比例：当 非 按规定备案：乘以 50%",
        依据: "江府办〔2017〕20号 二、（四）3.",
      });
  }
  // 步骤「统筹比例」：住院统筹比例（0元）
  let 统筹比例 = tier(住院统筹比例_分段, 元0);
  if (trace.enabled)
    trace.add({
      项目: "统筹比例",
      说明: `统筹比例：住院统筹比例（0元） = ${formatRate(统筹比例)}`,
      依据: "江府办〔2017〕20号 二、（四）1.（1）",
      值: formatRate(统筹比例),
    });
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

// ───────── 计算「特定病种门诊」 ─────────
/** 「特定病种门诊」的输入。金额可写数字或至多两位小数的字符串。 */
export interface 特定病种门诊输入 {
  日期?: string;
  参保身份: "城乡居民" | "职工在职" | "职工退休";
  病种: (
    | "重性精神疾病"
    | "恶性肿瘤(放疗、化疗期间)"
    | "慢性肾功能不全（需透析）"
    | "器官移植抗排异"
    | "造血干细胞移植后（移植物抗宿主病及感染的治疗）"
    | "慢性丙型肝炎（限聚乙二醇干扰素治疗）"
    | "重型β地中海贫血"
    | "血友病"
    | "慢性肾功能不全（不需透析）"
    | "恶性肿瘤（非放疗化疗期间）"
    | "小儿脑性瘫痪（含0-3岁精神运动发育迟缓儿）"
    | "艾滋病"
    | "冠心病"
    | "糖尿病"
    | "高血压Ⅱ期以上"
    | "精神病（重性精神疾病除外）"
    | "癫痫"
    | "帕金森病"
    | "肝硬化"
    | "类风湿关节炎"
    | "肺结核活动期间"
    | "再生障碍性贫血"
    | "慢性病毒性肝炎（乙型、丙型，活动期，聚乙二醇干扰素治疗慢性丙型肝炎除外）"
    | "脑血管疾病后遗症（脑栓塞脑出血和脑梗塞等疾病引起的后遗症）"
    | "珠蛋白生成障碍（地中海贫血或海洋性贫血，重型β地中海贫血除外）"
    | "系统性红斑狼疮"
    | "慢性阻塞性肺气肿"
    | "儿童孤独症"
  )[];
  医院级别: "一级及以下" | "二级" | "三级" | "非定点";
  当月范围内费用: number | string;
  特殊人群?: ("特困供养" | "低保" | "建档立卡")[];
  按规定备案?: boolean;
  在规定机构就诊?: boolean;
  当月已支付?: number | string;
  当月二档已支付?: number | string;
  年度累计?: { 二档自付基数?: number | string };
}
/** 「特定病种门诊」的结果。金额为恰好两位小数的字符串。 */
export interface 特定病种门诊结果 {
  月支付限额: string | null;
  统筹支付: string;
  二档月支付限额: string | null;
  二档支付: string;
  个人负担: string;
  计算过程: TraceStep[];
}

/** 「特定病种门诊」的输入字段（封闭：未声明的字段是错误）。 */
export const 特定病种门诊输入字段: FieldSpec[] = [
  { name: "日期", type: { kind: "date" }, required: false },
  {
    name: "参保身份",
    type: { kind: "enum", members: ["城乡居民", "职工在职", "职工退休"] },
    required: true,
  },
  {
    name: "病种",
    type: {
      kind: "set",
      members: [
        "重性精神疾病",
        "恶性肿瘤(放疗、化疗期间)",
        "慢性肾功能不全（需透析）",
        "器官移植抗排异",
        "造血干细胞移植后（移植物抗宿主病及感染的治疗）",
        "慢性丙型肝炎（限聚乙二醇干扰素治疗）",
        "重型β地中海贫血",
        "血友病",
        "慢性肾功能不全（不需透析）",
        "恶性肿瘤（非放疗化疗期间）",
        "小儿脑性瘫痪（含0-3岁精神运动发育迟缓儿）",
        "艾滋病",
        "冠心病",
        "糖尿病",
        "高血压Ⅱ期以上",
        "精神病（重性精神疾病除外）",
        "癫痫",
        "帕金森病",
        "肝硬化",
        "类风湿关节炎",
        "肺结核活动期间",
        "再生障碍性贫血",
        "慢性病毒性肝炎（乙型、丙型，活动期，聚乙二醇干扰素治疗慢性丙型肝炎除外）",
        "脑血管疾病后遗症（脑栓塞脑出血和脑梗塞等疾病引起的后遗症）",
        "珠蛋白生成障碍（地中海贫血或海洋性贫血，重型β地中海贫血除外）",
        "系统性红斑狼疮",
        "慢性阻塞性肺气肿",
        "儿童孤独症",
      ],
    },
    required: true,
  },
  {
    name: "医院级别",
    type: { kind: "enum", members: ["一级及以下", "二级", "三级", "非定点"] },
    required: true,
  },
  { name: "当月范围内费用", type: { kind: "money" }, required: true },
  {
    name: "特殊人群",
    type: { kind: "set", members: ["特困供养", "低保", "建档立卡"] },
    required: false,
    default: [],
  },
  { name: "按规定备案", type: { kind: "boolean" }, required: false, default: true },
  { name: "在规定机构就诊", type: { kind: "boolean" }, required: false, default: true },
  { name: "当月已支付", type: { kind: "money" }, required: false, default: "0" },
  { name: "当月二档已支付", type: { kind: "money" }, required: false, default: "0" },
  {
    name: "年度累计",
    type: {
      kind: "record",
      fields: [{ name: "二档自付基数", type: { kind: "money" }, required: false, default: "0" }],
    },
    required: false,
  },
];
export const 特定病种门诊输出结构 = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  title: "特定病种门诊结果",
  type: "object",
  required: ["月支付限额", "统筹支付", "二档月支付限额", "二档支付", "个人负担"],
  properties: {
    月支付限额: {
      anyOf: [
        { type: "string", pattern: "^-?\\d+\\.\\d{2}$", description: "金额（元），恰好两位小数" },
        { type: "null" },
      ],
    },
    统筹支付: {
      type: "string",
      pattern: "^-?\\d+\\.\\d{2}$",
      description: "金额（元），恰好两位小数",
    },
    二档月支付限额: {
      anyOf: [
        { type: "string", pattern: "^-?\\d+\\.\\d{2}$", description: "金额（元），恰好两位小数" },
        { type: "null" },
      ],
    },
    二档支付: {
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
const 特定病种门诊解析 = makeInputParser(特定病种门诊输入字段);

/** 计算一件（已校验的输入、累计状态），返回输出与本件应计入累计的数。 */
function 特定病种门诊计算(input: any, acc: any, trace: Trace) {
  checkValidity(input["日期"], "2018-01-01", undefined, "特定病种门诊");
  if (D(input["病种"].length).eq(数0)) {
    throw new RefusalError("须至少填写一个附表所列的特定病种", "江府办〔2017〕20号 附表", "病种");
  }
  if (
    input["病种"].includes("小儿脑性瘫痪（含0-3岁精神运动发育迟缓儿）") &&
    input["参保身份"] !== "城乡居民"
  ) {
    throw new RefusalError(
      "“小儿脑性瘫痪（含0-3岁精神运动发育迟缓儿）”仅限城乡居民身份参保人",
      "江府办〔2017〕20号 附表 说明5",
      "病种",
    );
  }
  if (input["病种"].includes("儿童孤独症") && input["参保身份"] !== "城乡居民") {
    throw new RefusalError(
      "“儿童孤独症”仅限城乡居民身份参保人",
      "江府办〔2017〕20号 附表 说明5",
      "病种",
    );
  }
  // 步骤「按住院结算」：一类病种[病种] 包含 是
  let 按住院结算 = input["病种"].map((k: string) => 一类病种[k]).includes(true);
  if (trace.enabled)
    trace.add({
      项目: "按住院结算",
      说明: `按住院结算：一类病种[病种] 包含 是 = ${String(按住院结算)}`,
      依据: "江府办〔2017〕20号 附表 一类",
      值: String(按住院结算),
    });
  // 步骤「含二类」：二类病种[病种] 包含 是
  let 含二类 = input["病种"].map((k: string) => 二类病种[k]).includes(true);
  if (trace.enabled)
    trace.add({
      项目: "含二类",
      说明: `含二类：二类病种[病种] 包含 是 = ${String(含二类)}`,
      依据: "江府办〔2017〕20号 附表 序号6–8",
      值: String(含二类),
    });
  // 步骤「含三类」：三类病种[病种] 包含 是
  let 含三类 = input["病种"].map((k: string) => 三类病种[k]).includes(true);
  if (trace.enabled)
    trace.add({
      项目: "含三类",
      说明: `含三类：三类病种[病种] 包含 是 = ${String(含三类)}`,
      依据: "江府办〔2017〕20号 附表 序号9–12",
      值: String(含三类),
    });
  // 步骤「含四类」：四类病种[病种] 包含 是
  let 含四类 = input["病种"].map((k: string) => 四类病种[k]).includes(true);
  if (trace.enabled)
    trace.add({
      项目: "含四类",
      说明: `含四类：四类病种[病种] 包含 是 = ${String(含四类)}`,
      依据: "江府办〔2017〕20号 附表 序号13–28",
      值: String(含四类),
    });
  // 步骤「多病种」：个数（病种） ≥ 多病种起算个数
  let 多病种 = D(input["病种"].length).gte(多病种起算个数);
  if (trace.enabled)
    trace.add({
      项目: "多病种",
      说明: `多病种：个数（病种） ≥ 多病种起算个数 = ${String(多病种)}`,
      依据: "江府办〔2017〕20号 附表 说明2",
      值: String(多病种),
    });
  // 步骤「职工身份」：参保身份 属于 [职工在职、职工退休]
  let 职工身份 = ["职工在职", "职工退休"].includes(input["参保身份"]);
  if (trace.enabled)
    trace.add({
      项目: "职工身份",
      说明: `职工身份：参保身份 属于 [职工在职、职工退休] = ${String(职工身份)}`,
      依据: "江府办〔2017〕20号 二、（二）2.",
      值: String(职工身份),
    });
  // 步骤「基金不予支付」：非 在规定机构就诊 且 须在规定机构就诊[病种] 包含 是
  let 基金不予支付 =
    !input["在规定机构就诊"] &&
    input["病种"].map((k: string) => 须在规定机构就诊[k]).includes(true);
  if (trace.enabled)
    trace.add({
      项目: "基金不予支付",
      说明: `基金不予支付：非 在规定机构就诊 且 须在规定机构就诊[病种] 包含 是 = ${String(基金不予支付)}`,
      依据: "江府办〔2017〕20号 附表 说明6",
      值: String(基金不予支付),
    });
  // 步骤「附表月支付限额」：较大（如果 含二类 则 一档二类月支付限额 否则 0元，如果 含三类 则 一档三类月支付限额 否则 0元，如果 含四类 则 一档四类月支付限额 否则 0元） + （如果 多病种 则 多病种增加限额 否则 0元
  let 附表月支付限额 = maxOf(
    含二类 ? 一档二类月支付限额 : 元0,
    含三类 ? 一档三类月支付限额 : 元0,
    含四类 ? 一档四类月支付限额 : 元0,
  ).plus(多病种 ? 多病种增加限额 : 元0);
  附表月支付限额 = roundMoney(附表月支付限额);
  if (trace.enabled)
    trace.add({
      项目: "附表月支付限额",
      说明: `附表月支付限额：较大（如果 含二类 则 一档二类月支付限额 否则 0元，如果 含三类 则 一档三类月支付限额 否则 0元，如果 含四类 则 一档四类月支付限额 否则 0元） + （如果 多病种 则 多病种增加限额 否则 0元 = ${formatMoney(附表月支付限额) + "元"}`,
      依据: "江府办〔2017〕20号 附表 一档基金累计支付限额",
      值: formatMoney(附表月支付限额) + "元",
    });
  // 步骤「月支付限额」：如果 按住院结算 则 无 否则 附表月支付限额
  let 月支付限额 = 按住院结算 ? null : 附表月支付限额;
  月支付限额 = 月支付限额 === null ? null : roundMoney(月支付限额);
  if (trace.enabled)
    trace.add({
      项目: "月支付限额",
      说明: `月支付限额：如果 按住院结算 则 无 否则 附表月支付限额 = ${月支付限额 === null ? "无" : formatMoney(月支付限额) + "元"}`,
      依据: "江府办〔2017〕20号 附表 一档基金累计支付限额",
      值: 月支付限额 === null ? "无" : formatMoney(月支付限额) + "元",
    });
  // 步骤「附表支付比例」：特定病种支付比例表[医院级别]
  let 附表支付比例 = 特定病种支付比例表[input["医院级别"]];
  if (trace.enabled)
    trace.add({
      项目: "附表支付比例",
      说明: `附表支付比例：特定病种支付比例表[医院级别] = ${formatRate(附表支付比例)}`,
      依据: "江府办〔2017〕20号 附表 一档基金支付比例",
      值: formatRate(附表支付比例),
    });
  if (input["特殊人群"].includes("特困供养")) {
    附表支付比例 = clampRate(附表支付比例.plus(特困供养特定病种加点));
    if (trace.enabled)
      trace.add({
        项目: "附表支付比例",
        说明: `当 特殊人群 包含 特困供养：提高 特困供养特定病种加点 → ${formatRate(附表支付比例)}`,
        依据: "江府办〔2017〕20号 附表 说明4",
        值: formatRate(附表支付比例),
      });
  }
  // 分段「住院统筹比例」（全额）
  let 住院统筹比例_分段: Tier<any>[] = [
    {
      lower: 元0,
      lowerInclusive: true,
      upper: null,
      upperInclusive: true,
      value: 住院支付比例表[input["医院级别"]],
    },
  ];
  const 住院统筹比例_分段调整 = (r: Decimal) => {
    if (input["参保身份"] === "职工退休") {
      r = clampRate(r.plus(点5));
    }
    if (input["特殊人群"].includes("特困供养") && input["医院级别"] === "一级及以下") {
      r = clampRate(r.plus(特困供养住院加点));
    }
    if (!input["按规定备案"]) {
      r = clampRate(r.times(比例50));
    }
    return r;
  };
  住院统筹比例_分段 = 住院统筹比例_分段.map((s) => ({
    ...s,
    value: 住院统筹比例_分段调整(s.value),
  }));
  if (trace.enabled) {
    if (input["参保身份"] === "职工退休")
      trace.add({
        项目: "住院统筹比例",
        说明: "住院统筹比例各段比例：当 参保身份 = 职工退休：提高 5个百分点",
        依据: "江府办〔2017〕20号 二、（四）1.（1）",
      });
    if (input["特殊人群"].includes("特困供养") && input["医院级别"] === "一级及以下")
      trace.add({
        项目: "住院统筹比例",
        说明: "住院统筹比例各段比例：当 特殊人群 包含 特困供养 且 医院级别 = 一级及以下：提高 特困供养住院加点",
        依据: "江府办〔2017〕20号 二、（四）1.（1）",
      });
    if (!input["按规定备案"])
      trace.add({
        项目: "住院统筹比例",
        说明: "住院统筹比例各段比例：当 非 按规定备案：乘以 50%",
        依据: "江府办〔2017〕20号 二、（四）3.",
      });
  }
  // 步骤「统筹比例」：如果 按住院结算 则 住院统筹比例（0元） 否则 附表支付比例
  let 统筹比例 = 按住院结算 ? tier(住院统筹比例_分段, 元0) : 附表支付比例;
  if (trace.enabled)
    trace.add({
      项目: "统筹比例",
      说明: `统筹比例：如果 按住院结算 则 住院统筹比例（0元） 否则 附表支付比例 = ${formatRate(统筹比例)}`,
      依据: "江府办〔2017〕20号 附表 一类",
      值: formatRate(统筹比例),
    });
  // 步骤「统筹支付」：如果 基金不予支付 则 0元 否则 较小（当月范围内费用 × 统筹比例，如果 按住院结算 则 无 否则 正值（附表月支付限额 − 当月已支付））
  let 统筹支付 = 基金不予支付
    ? 元0
    : minOf(
        input["当月范围内费用"].times(统筹比例),
        按住院结算 ? null : pos(附表月支付限额.minus(acc["当月已支付"])),
      )!;
  统筹支付 = roundMoney(统筹支付);
  if (trace.enabled)
    trace.add({
      项目: "统筹支付",
      说明: `统筹支付：如果 基金不予支付 则 0元 否则 较小（当月范围内费用 × 统筹比例，如果 按住院结算 则 无 否则 正值（附表月支付限额 − 当月已支付）） = ${formatMoney(统筹支付) + "元"}`,
      依据: "江府办〔2017〕20号 附表 说明1",
      值: formatMoney(统筹支付) + "元",
    });
  // 步骤「一类二档基数」：如果 按住院结算 且 职工身份 且 非 基金不予支付 则 当月范围内费用 − 统筹支付 否则 0元
  let 一类二档基数 =
    按住院结算 && 职工身份 && !基金不予支付 ? input["当月范围内费用"].minus(统筹支付) : 元0;
  一类二档基数 = roundMoney(一类二档基数);
  if (trace.enabled)
    trace.add({
      项目: "一类二档基数",
      说明: `一类二档基数：如果 按住院结算 且 职工身份 且 非 基金不予支付 则 当月范围内费用 − 统筹支付 否则 0元 = ${formatMoney(一类二档基数) + "元"}`,
      依据: "江府办〔2017〕20号 二、（四）2.（1）",
      值: formatMoney(一类二档基数) + "元",
    });
  // 步骤「附表二档月支付限额」：较大（如果 含二类 则 二档二类月支付限额 否则 0元，如果 含三类 则 二档三类月支付限额 否则 0元） + （如果 多病种 则 多病种增加限额 否则 0元
  let 附表二档月支付限额 = maxOf(
    含二类 ? 二档二类月支付限额 : 元0,
    含三类 ? 二档三类月支付限额 : 元0,
  ).plus(多病种 ? 多病种增加限额 : 元0);
  附表二档月支付限额 = roundMoney(附表二档月支付限额);
  if (trace.enabled)
    trace.add({
      项目: "附表二档月支付限额",
      说明: `附表二档月支付限额：较大（如果 含二类 则 二档二类月支付限额 否则 0元，如果 含三类 则 二档三类月支付限额 否则 0元） + （如果 多病种 则 多病种增加限额 否则 0元 = ${formatMoney(附表二档月支付限额) + "元"}`,
      依据: "江府办〔2017〕20号 附表 二档基金累计支付限额",
      值: formatMoney(附表二档月支付限额) + "元",
    });
  // 步骤「二档月支付限额」：如果 非 职工身份 则 0元 否则 如果 按住院结算 则 无 否则 如果 含四类 则 二档四类月支付限额 否则 附表二档月支付限额
  let 二档月支付限额 = !职工身份
    ? 元0
    : 按住院结算
      ? null
      : 含四类
        ? 二档四类月支付限额
        : 附表二档月支付限额;
  二档月支付限额 = 二档月支付限额 === null ? null : roundMoney(二档月支付限额);
  if (trace.enabled)
    trace.add({
      项目: "二档月支付限额",
      说明: `二档月支付限额：如果 非 职工身份 则 0元 否则 如果 按住院结算 则 无 否则 如果 含四类 则 二档四类月支付限额 否则 附表二档月支付限额 = ${二档月支付限额 === null ? "无" : formatMoney(二档月支付限额) + "元"}`,
      依据: "江府办〔2017〕20号 附表 二档基金累计支付限额",
      值: 二档月支付限额 === null ? "无" : formatMoney(二档月支付限额) + "元",
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
  // 步骤「二档支付」：如果 非 职工身份 或 基金不予支付 则 0元 否则 如果 按住院结算 则 二档住院比例（一类二档基数，已累计 年度累计.二档自付基数） 否则 较小（（当月范围内费用 − 统筹支付）× 二档特定病种支付比例，如果 含四类 则 无 否则 正值（附表二档月支付限额 − 当月二档已支付））
  let 二档支付 =
    !职工身份 || 基金不予支付
      ? 元0
      : 按住院结算
        ? marginalOver(二档住院比例_分段, acc["年度累计"]["二档自付基数"], 一类二档基数)
        : minOf(
            input["当月范围内费用"].minus(统筹支付).times(二档特定病种支付比例),
            含四类 ? null : pos(附表二档月支付限额.minus(acc["当月二档已支付"])),
          )!;
  二档支付 = roundMoney(二档支付);
  if (trace.enabled)
    trace.add({
      项目: "二档支付",
      说明: `二档支付：如果 非 职工身份 或 基金不予支付 则 0元 否则 如果 按住院结算 则 二档住院比例（一类二档基数，已累计 年度累计.二档自付基数） 否则 较小（（当月范围内费用 − 统筹支付）× 二档特定病种支付比例，如果 含四类 则 无 否则 正值（附表二档月支付限额 − 当月二档已支付）） = ${formatMoney(二档支付) + "元"}`,
      依据: "江府办〔2017〕20号 附表 一类二档",
      值: formatMoney(二档支付) + "元",
    });
  // 步骤「个人负担」：当月范围内费用 − 统筹支付 − 二档支付
  let 个人负担 = input["当月范围内费用"].minus(统筹支付).minus(二档支付);
  个人负担 = roundMoney(个人负担);
  if (trace.enabled)
    trace.add({
      项目: "个人负担",
      说明: `个人负担：当月范围内费用 − 统筹支付 − 二档支付 = ${formatMoney(个人负担) + "元"}`,
      依据: "江府办〔2017〕20号 附表",
      值: formatMoney(个人负担) + "元",
    });
  return {
    outputs: {
      月支付限额: 月支付限额 === null ? null : formatMoney(月支付限额),
      统筹支付: formatMoney(统筹支付),
      二档月支付限额: 二档月支付限额 === null ? null : formatMoney(二档月支付限额),
      二档支付: formatMoney(二档支付),
      个人负担: formatMoney(个人负担),
    },
    added: {
      当月已支付: 统筹支付,
      当月二档已支付: 二档支付,
      年度累计: { 二档自付基数: 一类二档基数 },
    },
  };
}

/** 「特定病种门诊」：计算一件。输入错误时抛出 InputError（中文说明，指明字段）。 */
export function 特定病种门诊(
  raw: 特定病种门诊输入,
  options: { explain?: boolean } = {},
): 特定病种门诊结果 {
  const input: any = 特定病种门诊解析(raw);
  const trace = new Trace(options.explain !== false);
  const { outputs } = 特定病种门诊计算(
    input,
    {
      当月已支付: input["当月已支付"],
      当月二档已支付: input["当月二档已支付"],
      年度累计: input["年度累计"],
    },
    trace,
  );
  return { ...outputs, 计算过程: trace.steps } as 特定病种门诊结果;
}

/** 「特定病种门诊」：一人一年内按日期排列的多件，累计（当月已支付、当月二档已支付、年度累计）由计算器逐件结转，跨期归零。 */
export function 特定病种门诊序列(
  raws: 特定病种门诊输入[],
  options: { explain?: boolean } = {},
): 特定病种门诊结果[] {
  const results: any[] = [];
  let state: any = null;
  let periods: string[] = [];
  for (let i = 0; i < raws.length; i++) {
    const input: any = 特定病种门诊解析(raws[i], `第${i + 1}项`);
    if (i > 0 && Object.keys(raws[i] as object).some((k) => fold(k) === fold("当月已支付"))) {
      throw new InputError(
        `第${i + 1}项.当月已支付`,
        `字段「第${i + 1}项.当月已支付」只能在第一项给出：其后各项的累计由计算器按前面各项结转`,
      );
    }
    const period0 = periodKey(input["日期"], "月");
    if (state !== null && period0 !== periods[0] && periods[0] !== "" && period0 !== "")
      state["当月已支付"] = D(0);
    if (period0 !== "") periods[0] = period0;
    if (i > 0 && Object.keys(raws[i] as object).some((k) => fold(k) === fold("当月二档已支付"))) {
      throw new InputError(
        `第${i + 1}项.当月二档已支付`,
        `字段「第${i + 1}项.当月二档已支付」只能在第一项给出：其后各项的累计由计算器按前面各项结转`,
      );
    }
    const period1 = periodKey(input["日期"], "月");
    if (state !== null && period1 !== periods[1] && periods[1] !== "" && period1 !== "")
      state["当月二档已支付"] = D(0);
    if (period1 !== "") periods[1] = period1;
    if (i > 0 && Object.keys(raws[i] as object).some((k) => fold(k) === fold("年度累计"))) {
      throw new InputError(
        `第${i + 1}项.年度累计`,
        `字段「第${i + 1}项.年度累计」只能在第一项给出：其后各项的累计由计算器按前面各项结转`,
      );
    }
    const period2 = periodKey(input["日期"], "年");
    if (state !== null && period2 !== periods[2] && periods[2] !== "" && period2 !== "")
      state["年度累计"] = { 二档自付基数: D(0) };
    if (period2 !== "") periods[2] = period2;
    const acc = state ?? {
      当月已支付: input["当月已支付"],
      当月二档已支付: input["当月二档已支付"],
      年度累计: input["年度累计"],
    };
    const trace = new Trace(options.explain !== false);
    const { outputs, added } = 特定病种门诊计算(input, acc, trace);
    results.push({ ...outputs, 计算过程: trace.steps });
    state = {
      当月已支付: acc["当月已支付"].plus(added["当月已支付"]),
      当月二档已支付: acc["当月二档已支付"].plus(added["当月二档已支付"]),
      年度累计: {
        二档自付基数: acc["年度累计"]["二档自付基数"].plus(added["年度累计"]["二档自付基数"]),
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
  特定病种门诊: {
    name: "特定病种门诊",
    inputFields: 特定病种门诊输入字段,
    outputSchema: 特定病种门诊输出结构,
    run: 特定病种门诊,
    runSequence: 特定病种门诊序列,
  },
};
