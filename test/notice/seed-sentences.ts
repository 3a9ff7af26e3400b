// Every computable sentence of the seed documents (../shared/seeds/): one with an amount, a rate, a
// count of months or years, a date range or a bracket. Listed by reading the documents (issue 10,
// item 4); each with the phrases a policy writer pastes from it and what they must mean, worked out
// from the sentence. The traditional-script copy of 江府办〔2017〕20号 is the same text: a few of its
// sentences stand for it (the script fold is tested in verify.test.ts).
//
// A paste is one of:
//   param    `参数 P：<type> = <text>`, evaluated: `value` as the calculator prints it;
//   bracket  `分段 B：<type>（<mode>）{ <slices> }`, evaluated at `at` inputs;
//   validity `有效期 <text>`: `from` / `to` as ISO dates;
//   hint     the phrase as the notice writes it, where the language writes it otherwise: the first
//            diagnostic must show the accepted form (`shows`), and `accepted` is that form, checked
//            to have no error; `before` are the slices above it in its bracket.

export type Paste =
  | { param: string; type: string; value: string | number }
  | { bracket: string[]; mode: "累进" | "全额"; type?: string; input: string; at: [number, string | number][] }
  | { validity: string; from?: string; to?: string }
  | { hint: string; before?: string[]; as: "param" | "bracket" | "validity"; type?: string; shows: string; accepted?: string[] };

export interface SeedSentence {
  doc: string;
  clause: string;
  sentence: string;
  pastes: Paste[];
}

const HESHAN = "heshan-2017-209-enrollment-2018-benefits.txt";
const JM = "jiangmen-2017-20-urban-rural-integration.txt";
const JMT = "jiangmen-2017-20-traditional-chinese-copy.txt";
const JM567 = "jiangmen-2018-567-poverty-alleviation.txt";
const TH = "tonghua-2020-3-city-level-pooling.txt";

export const SEED_SENTENCES: SeedSentence[] = [
  // ── 鹤人社〔2017〕209号 ──
  { doc: HESHAN, clause: "一、（二）", sentence: "年满16周岁（不含在校学生）", pastes: [{ param: "16周岁", type: "年龄", value: 16 }] },
  { doc: HESHAN, clause: "二、（一）1.", sentence: "2018 年医保一档个人缴费标准 293 元/人", pastes: [{ param: "293 元/人", type: "金额", value: "293.00" }, { validity: "2018 年度", from: "2018-01-01", to: "2018-12-31" }] },
  { doc: HESHAN, clause: "二、（一）2.（3）", sentence: "低收入家庭中 60 岁以上的老年人", pastes: [{ bracket: ["60 岁以上：100%", "不满 60 岁：0%"], mode: "全额", type: "比例", input: "年龄", at: [[60, "100%"], [59, "0%"]] }] },
  {
    doc: HESHAN,
    clause: "二、（二）1.",
    sentence: "2017年，城乡居保缴费标准分为10档：120元、240元、360元、480元、600元、960元、1200元、1800元、2400元、3600元。",
    pastes: [{ param: "3600元", type: "金额", value: "3600.00" }, { validity: "2017年度", from: "2017-01-01", to: "2017-12-31" }],
  },
  {
    doc: HESHAN,
    clause: "二、（二）2.",
    sentence: "政府对选择360元及以下标准缴费的，补贴标准为每人每年90元；对选择480元及以上标准缴费的，补贴标准为每人每年120元。",
    pastes: [
      { param: "每人每年90元", type: "金额", value: "90.00" },
      { hint: "360元及以下：90元", as: "bracket", type: "金额", shows: "「360元以下」", accepted: ["360元以下：90元", "超过 360元：120元"] },
      { hint: "480元及以上：120元", as: "bracket", type: "金额", shows: "「480元以上」" },
    ],
  },
  {
    doc: HESHAN,
    clause: "三、（一）",
    sentence: "在 2018 年 1 月 1 日至 12 月 31 日社保年度内",
    pastes: [{ hint: "2018 年 1 月 1 日至 12 月 31 日", as: "validity", shows: "「2018年12月31日」", accepted: ["2018 年 1 月 1 日至 2018 年 12 月 31 日"] }],
  },
  {
    doc: HESHAN,
    clause: "三、（一）",
    sentence: "其中，二类特定病种一档基金累计支付限额为 2500 元/月；大病保险起赔标准继续维持 1 万元不变",
    pastes: [{ param: "2500 元/月", type: "金额", value: "2500.00" }, { param: "1 万元", type: "金额", value: "10000.00" }],
  },
  {
    doc: HESHAN,
    clause: "三、（二）",
    sentence: "从 2017 年 1 月 1 日起，城乡居保基础养老金最低标准为每人每月 145 元。",
    pastes: [{ param: "每人每月 145 元", type: "金额", value: "145.00" }, { validity: "从 2017 年 1 月 1 日起", from: "2017-01-01" }],
  },
  { doc: HESHAN, clause: "附件1", sentence: "9 宅梧 10728", pastes: [{ param: "10728", type: "整数", value: 10728 }] },
  { doc: HESHAN, clause: "附件1 说明", sentence: "全市缴费人数不少于6.8万人，续缴率不低于90%。", pastes: [{ param: "90%", type: "比例", value: "90%" }] },
  { doc: HESHAN, clause: "附件2 一、", sentence: "一级及以下定点医疗机构 500 85%", pastes: [{ param: "500", type: "金额", value: "500.00" }, { param: "85%", type: "比例", value: "85%" }] },
  { doc: HESHAN, clause: "附件2 一、", sentence: "累计最高支付限额 每人每年 20 万元", pastes: [{ param: "每人每年 20 万元", type: "金额", value: "200000.00" }] },
  {
    doc: HESHAN,
    clause: "附件2 一、",
    sentence: "1 万元以上至 12 万元部分 60% 50%",
    pastes: [
      { bracket: ["1 万元以上至 12 万元（含）：60%", "超过 12 万元：70%"], mode: "累进", input: "金额", at: [[130000, "73000.00"]] },
      { hint: "1 万元以上至 12 万元部分：60%", as: "bracket", shows: "「12万元」", accepted: ["1 万元以上至 12 万元：60%", "超过 12 万元：70%"] },
    ],
  },
  { doc: HESHAN, clause: "附件2 一、", sentence: "累计最高支付限额 每人每年 24 万元", pastes: [{ param: "每人每年 24 万元", type: "金额", value: "240000.00" }] },
  {
    doc: HESHAN,
    clause: "附件2 一、",
    sentence: "建档立卡的贫困人员、最低生活保障对象起赔标准下降 70%, 基金支付比例提高 10 个百分点",
    pastes: [{ param: "70%", type: "比例", value: "70%" }, { param: "10 个百分点", type: "百分点", value: "10%" }],
  },
  { doc: HESHAN, clause: "附件2 二、", sentence: "基层定点医疗机构或符合规定的专科医院 每人每年 180 元 70%", pastes: [{ param: "每人每年 180 元", type: "金额", value: "180.00" }] },
  { doc: HESHAN, clause: "附件2 三、", sentence: "6 二类 血友病 2500元/月", pastes: [{ param: "2500元/月", type: "金额", value: "2500.00" }] },
  { doc: HESHAN, clause: "附件2 三、2.", sentence: "一档患有两个或两个以上特定病种的,取较高病种月支付限额并增加60元。", pastes: [{ param: "60元", type: "金额", value: "60.00" }] },
  {
    doc: HESHAN,
    clause: "附件2 三、7.",
    sentence: "奥司他韦药品费用基金最高支付限额标准为每人每月 2000 元，基金支付比例为 80%，二档在一档基础上每人每月增加 400 元。",
    pastes: [{ param: "每人每月 2000 元", type: "金额", value: "2000.00" }, { param: "每人每月 400 元", type: "金额", value: "400.00" }],
  },

  // ── 江府办〔2017〕20号 ──
  { doc: JM, clause: "一、（一）3.", sentence: "从 2019 年起用人单位缴费费率下调至 5.5%", pastes: [{ param: "5.5%", type: "比例", value: "5.5%" }, { validity: "从 2019 年起", from: "2019-01-01" }] },
  {
    doc: JM,
    clause: "二、（三）2.（1）",
    sentence: "缴费费率分三年时间达到1.6%,分别为:2018年1.2%、2019年1.4%,从2020年起为1.6%(2017年度个人缴费标准为每人每年200元)",
    pastes: [{ param: "每人每年200元", type: "金额", value: "200.00" }, { validity: "2020年起", from: "2020-01-01" }],
  },
  { doc: JM, clause: "二、（三）2.（1）", sentence: "参保职工本人工资超过最低缴费基数 300%以上部分不计征", pastes: [{ hint: "300%", as: "param", type: "比例", shows: "「3倍」", accepted: ["3倍"] }] },
  { doc: JM, clause: "二、（三）2.（1）", sentence: "2017 年最低缴费基数为 2906 元", pastes: [{ param: "2906 元", type: "金额", value: "2906.00" }] },
  { doc: JM, clause: "二、（三）2.（1）", sentence: "一档的缴费费率为 3.5%，其中用人单位为 3.0%，职工个人为 0.5%。", pastes: [{ param: "3.0%", type: "比例", value: "3%" }, { param: "0.5%", type: "比例", value: "0.5%" }] },
  {
    doc: JM,
    clause: "二、（三）2.（2）",
    sentence: "二档的缴费费率 2017 年下半年为 4.5%、2018 年为 4.3%，从 2019 年起为 4.0%",
    pastes: [
      { validity: "2017 年 7 月 1 日至 2017 年 12 月 31 日", from: "2017-07-01", to: "2017-12-31" },
      { hint: "2017 年下半年", as: "validity", shows: "「2017-07-01 至 2017-12-31」", accepted: ["2017-07-01 至 2017-12-31"] },
      { validity: "从 2019 年起", from: "2019-01-01" },
    ],
  },
  {
    doc: JM,
    clause: "二、（三）3.",
    sentence: "灵活就业人员、无雇工的个体工商户从缴费的 3 个月后（即第 4 个月 1 日起，下同）按规定享受待遇",
    pastes: [{ param: "3 个月", type: "月数", value: 3 }],
  },
  {
    doc: JM,
    clause: "二、（三）4.",
    sentence: "2018 年 1 月 1 日前参加过我市职工医保或二档的参保人，达到法定退休年龄后可终身享受待遇的最低累计缴费年限（以下简称最低累计缴费年限）为 20 年",
    pastes: [
      { param: "20 年", type: "年数", value: 20 },
      { hint: "2018 年 1 月 1 日前", as: "validity", shows: "「…至 2017年12月31日」", accepted: ["2017年1月1日至2017年12月31日"] },
    ],
  },
  {
    doc: JM,
    clause: "二、（三）4.",
    sentence: "2018 年 1 月 1 日后（含 1 月 1 日）在我市首次参加二档的参保人",
    pastes: [{ hint: "2018 年 1 月 1 日后（含 1 月 1 日）", as: "validity", shows: "「2018 年 1 月 1 日起」", accepted: ["2018 年 1 月 1 日起"] }],
  },
  {
    doc: JM,
    clause: "二、（四）",
    sentence: "2017 年 7 月 1 日至 2017 年 12 月 31 日，一档城乡居民身份参保人住院基金支付比例二级定点医疗机构比原城乡医保提高 3 个百分点，即连续缴费不足 2 年（含 2 年）的提高至 73%，连续缴费满 2 年以上的提高至 78%",
    pastes: [
      { validity: "2017 年 7 月 1 日至 2017 年 12 月 31 日", from: "2017-07-01", to: "2017-12-31" },
      { param: "3 个百分点", type: "百分点", value: "3%" },
      { hint: "不足 2 年（含 2 年）：73%", as: "bracket", type: "比例", shows: "「2 年以内」", accepted: ["2 年（含）以内：73%", "超过 2 年：78%"] },
    ],
  },
  {
    doc: JM,
    clause: "二、（四）1.（1）",
    sentence: "起付标准分别为一级及以下定点医疗机构 500 元，二级定点医疗机构 600 元，三级定点医疗机构 900 元，非定点医疗机构 1500 元。",
    pastes: [{ param: "1500 元", type: "金额", value: "1500.00" }],
  },
  { doc: JM, clause: "二、（四）1.（1）", sentence: "基金对一档参保人在基本医疗保险年度内累计最高支付限额为 20 万元。", pastes: [{ param: "20 万元", type: "金额", value: "200000.00" }] },
  {
    doc: JM,
    clause: "二、（四）1.（1）",
    sentence: "同时参加一档和二档的职工退休人员在上述起付标准的基础上降低 100 元，在上述住院基金支付比例基础上提高 5 个百分点。",
    pastes: [{ param: "100 元", type: "金额", value: "100.00" }, { param: "5 个百分点", type: "百分点", value: "5%" }],
  },
  { doc: JM, clause: "二、（四）1.（1）", sentence: "基金支付费用低于 500 元的，按每人每次 500 元支付。", pastes: [{ param: "每人每次 500 元", type: "金额", value: "500.00" }] },
  { doc: JM, clause: "二、（四）1.（3）", sentence: "基金支付比例为 70%，累计每人每年支付最高限额为 180 元。", pastes: [{ param: "180 元", type: "金额", value: "180.00" }] },
  {
    doc: JM,
    clause: "二、（四）1.（4）",
    sentence: "参保人超过起赔标准以上、12 万元（含 12 万元）以内的年度累计自付医疗费用（不含起付标准以内的费用，下同），由大病保险赔付 60%",
    pastes: [
      { bracket: ["12 万元（含 12 万元）以内：60%", "超过 12 万元：70%"], mode: "累进", input: "金额", at: [[130000, "79000.00"]] },
      { hint: "超过起赔标准以上、12 万元（含 12 万元）以内：60%", as: "bracket", shows: "「超过起赔标准 以上」" },
    ],
  },
  {
    doc: JM,
    clause: "二、（四）1.（4）",
    sentence: "特困供养人员超过 12 万以上的年度累计自付医疗费用，由大病保险赔付 90%。",
    pastes: [{ bracket: ["12 万元（含）以内：80%", "超过 12 万以上：90%"], mode: "累进", input: "金额", at: [[130000, "105000.00"]] }],
  },
  { doc: JM, clause: "二、（四）1.（4）", sentence: "大病保险资金对参保人在基本医疗保险年度内累计最高赔付限额为 24 万元。", pastes: [{ param: "24 万元", type: "金额", value: "240000.00" }] },
  {
    doc: JM,
    clause: "二、（四）2.（1）",
    sentence: "在 5000 元（含 5000 元）以内的，基金支付比例为 50%；个人年度累计自付范围内医疗费用在 5000 元以上、20 万元（含 20 万元）以内的，基金支付比例为 85%；个人年度累计自付范围内医疗费用超过 20 万元以上的，基金支付比例为 90%。",
    pastes: [
      // 25万: 5000 × 50% + 195000 × 85% + 50000 × 90% = 2500 + 165750 + 45000.
      { bracket: ["5000 元（含 5000 元）以内：50%", "超过 5000 元、20 万元（含 20 万元）以内：85%", "超过 20 万元：90%"], mode: "累进", input: "金额", at: [[250000, "213250.00"]] },
      // As written: 5000 in both slices by the 以上 convention, and 超过…以上 — accepted, with a warning that says so.
      { before: ["5000 元（含 5000 元）以内：50%"], hint: "5000 元以上、20 万元（含 20 万元）以内：85%", as: "bracket", shows: "（含）或（不含）", accepted: ["5000 元（含 5000 元）以内：50%", "超过 5000 元、20 万元（含 20 万元）以内：85%", "超过 20 万元：90%"] },
    ],
  },
  {
    doc: JM,
    clause: "二、（四）2.（3）",
    sentence: "经基层选定医疗机构转诊后 30 日内在其他选定医疗机构就医的，基金支付比例为 60%",
    pastes: [{ hint: "30 日", as: "param", type: "整数", shows: "写作整数", accepted: ["30"] }, { param: "60%", type: "比例", value: "60%" }],
  },
  {
    doc: JM,
    clause: "二、（四）2.（3）",
    sentence: "基层选定医疗机构和其他选定医疗机构每人每月累计最高支付限额为 35 元",
    pastes: [{ param: "35 元", type: "金额", value: "35.00" }, { param: "每人每月 35 元", type: "金额", value: "35.00" }],
  },
  {
    doc: JM,
    clause: "二、（四）2.（4）",
    sentence: "35周岁以下（含35周岁）为60.20元；35周岁以上至45周岁（含45周岁）为72.24元；45周岁以上至退休为84.28元。",
    pastes: [
      { bracket: ["35周岁（含）以下：60.20元", "超过 35周岁 至 45周岁（含）：72.24元", "超过 45周岁：84.28元"], mode: "全额", type: "金额", input: "年龄", at: [[35, "60.20"], [36, "72.24"], [46, "84.28"]] },
      { before: ["35周岁以下（含35周岁）：60.20元"], hint: "35周岁以上至45周岁（含45周岁）：72.24元", as: "bracket", type: "金额", shows: "「超过 35周岁」" },
    ],
  },
  { doc: JM, clause: "二、（四）3.", sentence: "发生的住院医疗费用政策范围内基金支付比例降低为上述标准的50%。", pastes: [{ param: "50%", type: "比例", value: "50%" }] },
  {
    doc: JM,
    clause: "二、（四）4.",
    sentence: "只参加一档的参保人连续缴费1年（含第12个月）以内的",
    pastes: [
      { bracket: ["1年（含第12个月）以内：50%", "超过 1年 至 2年（含第24个月）：70%", "超过 2年：100%"], mode: "全额", type: "比例", input: "年数", at: [[1, "50%"], [2, "70%"], [3, "100%"]] },
      { hint: "连续缴费1年（含第12个月）以内：50%", as: "bracket", type: "比例", shows: "「1年以内」" },
      { before: ["1年（含第12个月）以内：50%"], hint: "1年以上、2年（含第24个月）以内：70%", as: "bracket", type: "比例", shows: "「超过 1年」" },
    ],
  },
  {
    doc: JM,
    clause: "二、（四）4.",
    sentence: "连续欠费3个月（含第3个月）以内补缴欠费或一次性缴费（含补缴欠费）的，计入连续缴费时间",
    pastes: [{ bracket: ["3个月（含第3个月）以内：100%", "超过 3个月：0%"], mode: "全额", type: "比例", input: "月数", at: [[3, "100%"], [4, "0%"]] }],
  },
  { doc: JM, clause: "二、（五）3.", sentence: "当基金累计结余低于6个月支付能力时", pastes: [{ param: "6个月", type: "月数", value: 6 }] },
  { doc: JM, clause: "附表", sentence: "6 二类 慢性丙型肝炎（限聚乙二醇干扰素治疗） 1500 元/月 900 元/月", pastes: [{ param: "900 元/月", type: "金额", value: "900.00" }] },
  { doc: JM, clause: "附表 说明4", sentence: "农村五保供养对象特定门诊医疗费用基金支付比例提高 10 个百分点（基金支付比例最高不超过 100%", pastes: [{ param: "10 个百分点", type: "百分点", value: "10%" }, { param: "100%", type: "比例", value: "100%" }] },
  { doc: JMT, clause: "二、（四）1.（4）", sentence: "參保人超過12萬以上的年度累計自付醫療費用,由大病保險賠付70%", pastes: [{ param: "12萬", type: "金额", value: "120000.00" }] },
  { doc: JMT, clause: "二、（四）2.（4）", sentence: "35週歲以下(含35週歲)為60.20元", pastes: [{ param: "35週歲", type: "年龄", value: 35 }] },

  // ── 江人社发〔2018〕567号 ──
  {
    doc: JM567,
    clause: "五、",
    sentence: "本实施方案从 2019 年 1 月 1 日起实施，有效期二年。",
    pastes: [{ validity: "从 2019 年 1 月 1 日起实施", from: "2019-01-01" }, { validity: "2019年1月1日至2020年12月31日", from: "2019-01-01", to: "2020-12-31" }],
  },
  {
    doc: JM567,
    clause: "二、（一）",
    sentence: "从2019年1月1日到2020年12月31日期间",
    pastes: [
      { validity: "2019年1月1日到2020年12月31日", from: "2019-01-01", to: "2020-12-31" },
      { hint: "从2019年1月1日到2020年12月31日期间", as: "validity", shows: "「期间」不用写" },
    ],
  },
  { doc: JM567, clause: "二、（二）", sentence: "对“精准扶贫重点帮扶对象”100%实施医疗保障精准扶贫", pastes: [{ param: "100%", type: "比例", value: "100%" }] },
  { doc: JM567, clause: "三、", sentence: "城乡居民年人均可支配收入低于6600元(其中，台山、开平、恩平三市农村低于5040元)", pastes: [{ param: "6600元", type: "金额", value: "6600.00" }, { param: "5040元", type: "金额", value: "5040.00" }] },
  { doc: JM567, clause: "四、（二）2.", sentence: "其中医疗保障精准扶贫资金负责 80%", pastes: [{ param: "80%", type: "比例", value: "80%" }] },
  { doc: JM567, clause: "五、（三）", sentence: "个人自费部分超过 1 万元", pastes: [{ bracket: ["不超过 1 万元：0%", "超过 1 万元：100%"], mode: "累进", input: "金额", at: [[15000, "5000.00"]] }] },
  { doc: JM567, clause: "七、（一）", sentence: "医疗保障精准扶贫资金 2017 年筹集标准为每人每年 930 元，由市本级和各市（区）各按 50% 的比例负担", pastes: [{ param: "每人每年 930 元", type: "金额", value: "930.00" }, { param: "50%", type: "比例", value: "50%" }] },
  { doc: JM567, clause: "七、（一）", sentence: "由本级和各市（区）财政按比例预拨 387 万", pastes: [{ param: "387 万", type: "金额", value: "3870000.00" }] },

  // ── 通市政发〔2020〕3号 ──
  {
    doc: TH,
    clause: "二、（二）1.（1）",
    sentence: "职工本人上年度月平均工资超过上年度全省全口径平均工资的300%以上部分，不计入个人医疗保险缴费基数；本人月平均工资低于上年度全省全口径平均工资60%的",
    pastes: [{ hint: "300%", as: "param", type: "比例", shows: "「3倍」", accepted: ["3倍"] }, { param: "60%", type: "比例", value: "60%" }],
  },
  {
    doc: TH,
    clause: "二、（二）1.（2）",
    sentence: "参加城镇职工统账结合基本医疗保险的机关事业单位按6.4%、企业单位按6.5%的比例缴纳，个人按2%的比例缴纳",
    pastes: [{ param: "6.4%", type: "比例", value: "6.4%" }, { param: "6.5%", type: "比例", value: "6.5%" }, { param: "2%", type: "比例", value: "2%" }],
  },
  { doc: TH, clause: "二、（二）1.（2）", sentence: "按4.2%的比例缴纳，实行单建统筹，不设个人账户。", pastes: [{ param: "4.2%", type: "比例", value: "4.2%" }] },
  { doc: TH, clause: "二、（二）1.（3）", sentence: "职工医保累计缴费年限（含视同缴费年限）为男满30年，女满25年", pastes: [{ param: "30年", type: "年数", value: 30 }, { param: "25年", type: "年数", value: 25 }] },
  { doc: TH, clause: "二、（二）1.（3）", sentence: "新参保单位缴费后设立3个月待遇等待期", pastes: [{ param: "3个月", type: "月数", value: 3 }] },
  { doc: TH, clause: "二、（二）1.（4）", sentence: "补充医疗保险：缴费标准为每人180元/年。", pastes: [{ param: "每人180元/年", type: "金额", value: "180.00" }] },
  {
    doc: TH,
    clause: "二、（二）2.（1）",
    sentence: "2020年度全市居民个人缴费标准统一为每人290元/年（未成年人、学生、儿童200元）",
    pastes: [{ param: "每人290元/年", type: "金额", value: "290.00" }, { validity: "2020年度", from: "2020-01-01", to: "2020-12-31" }],
  },
  { doc: TH, clause: "二、（二）3.", sentence: "分别从职工医保个人账户划转0.2个百分点、职工统筹基金中划转0.3个百分点", pastes: [{ param: "0.2个百分点", type: "百分点", value: "0.2%" }] },
  { doc: TH, clause: "二、（二）3.", sentence: "从居民医保统筹基金中按每人30元/年标准进行划拨", pastes: [{ param: "每人30元/年", type: "金额", value: "30.00" }] },
  { doc: TH, clause: "二、（三）1.（1）①", sentence: "一、二、三级医院的起付标准分别为：300元、500元、700元。", pastes: [{ param: "700元", type: "金额", value: "700.00" }] },
  {
    doc: TH,
    clause: "二、（三）1.（1）②",
    sentence: "在职职工住院起付标准以上至10000元（含10000元）住院医疗费用，统筹基金支付75%；10001元以上至最高支付限额以内住院医疗费用统筹基金支付85%。",
    pastes: [
      // 15000 above the line: 10000 × 75% + 5000 × 85%.
      { bracket: ["10000元（含10000元）以内：75%", "超过 10000元：85%"], mode: "累进", input: "金额", at: [[15000, "11750.00"]] },
      { hint: "起付标准以上至10000元（含10000元）：75%", as: "bracket", shows: "「起付标准 以上 至」" },
      { hint: "10001元以上至最高支付限额以内：85%", as: "bracket", shows: "加空格" },
    ],
  },
  { doc: TH, clause: "二、（三）1.（1）②", sentence: "退休人员统筹基金支付比例提高2个百分点", pastes: [{ param: "2个百分点", type: "百分点", value: "2%" }] },
  { doc: TH, clause: "二、（三）1.（1）③", sentence: "最高支付限额70000元。", pastes: [{ param: "70000元", type: "金额", value: "70000.00" }] },
  {
    doc: TH,
    clause: "二、（三）1.（3）",
    sentence: "在职职工以本人缴费工资为基数，45周岁及其以下的按2.4%、45周岁以上按2.7%计入",
    pastes: [
      { bracket: ["45周岁以下：2.4%", "超过 45周岁：2.7%"], mode: "全额", type: "比例", input: "年龄", at: [[45, "2.4%"], [46, "2.7%"]] },
      { hint: "45周岁及其以下：2.4%", as: "bracket", type: "比例", shows: "「45周岁以下」" },
    ],
  },
  { doc: TH, clause: "二、（三）1.（4）", sentence: "基金最高支付限额以上部分，按85%比例报销，最高支付限额25万", pastes: [{ param: "25万", type: "金额", value: "250000.00" }] },
  {
    doc: TH,
    clause: "二、（三）2.（1）②",
    sentence: "一、二、三级医院住院起付标准以上至30000元（含），报销比例分别为：80%、70%、55%；30001元—60000元（含），报销比例分别为85%、75%、60%；60001元以上，报销比例分别为90%、80%、65%。",
    pastes: [
      // 一级, 7万 above the line: 30000 × 80% + 30000 × 85% + 10000 × 90% = 24000 + 25500 + 9000.
      { bracket: ["不超过 30000元：80%", "超过 30000元 至 60000元（含）：85%", "超过 60000元：90%"], mode: "累进", input: "金额", at: [[70000, "58500.00"]] },
      { before: ["不超过 30000元：80%"], hint: "30001元—60000元（含）：85%", as: "bracket", shows: "请写「超过」" },
    ],
  },
  { doc: TH, clause: "二、（三）2.（1）③", sentence: "最高支付限额20万元。", pastes: [{ param: "20万元", type: "金额", value: "200000.00" }] },
  { doc: TH, clause: "二、（三）2.（2）①", sentence: "年度报销额度为700元/人，一级以下公立医疗机构年度报销额度为100元/人，报销比例为50%。", pastes: [{ param: "700元/人", type: "金额", value: "700.00" }, { param: "100元/人", type: "金额", value: "100.00" }] },
  {
    doc: TH,
    clause: "二、（三）2.（2）④",
    sentence: "在100元（不含）以上，5000元（含）以下部分，报销比例为75%。",
    // 3000: (3000 − 100) × 75% = 2175; 8000: 4900 × 75% = 3675.
    pastes: [{ bracket: ["不超过 100元：0%", "100元（不含）以上，5000元（含）以下部分：75%", "超过 5000元：0%"], mode: "累进", input: "金额", at: [[3000, "2175.00"], [8000, "3675.00"]] }],
  },
  { doc: TH, clause: "二、（三）2.（3）", sentence: "居民大病补充保险个人自负住院医疗费起付标准（线）为1万元。", pastes: [{ param: "1万元", type: "金额", value: "10000.00" }] },
  {
    doc: TH,
    clause: "二、（三）2.（3）",
    sentence: "起付标准以上0—1万元（含1万元）报销60%；1—20万元（含20万元）区间每增加1万元，报销比例提高1%；20万元以上报销80%。",
    pastes: [
      { bracket: ["0—1万元（含1万元）：60%", "1—20万元（含20万元）：每增加 1万元 提高 1个百分点", "超过 20万元：80%"], mode: "累进", input: "金额", at: [[30000, "18300.00"]] },
      { hint: "起付标准以上0—1万元（含1万元）：60%", as: "bracket", shows: "「起付标准 以上」" },
    ],
  },
  { doc: TH, clause: "二、（三）2.（3）", sentence: "2020年度大病保险基金最高支付限额（封顶线）为30万元。", pastes: [{ param: "30万元", type: "金额", value: "300000.00" }, { validity: "2020年度", from: "2020-01-01", to: "2020-12-31" }] },
  { doc: TH, clause: "二、（三）3.", sentence: "参加职工医保和居民医保的支付比例均为75%。", pastes: [{ param: "75%", type: "比例", value: "75%" }] },
];
