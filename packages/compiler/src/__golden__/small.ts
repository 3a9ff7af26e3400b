// 由 zhengce 从 packages/compiler/src/__golden__/small.policy 生成，请勿手工修改；修改政策请改 .policy 文件后重新编译。
// 门诊统筹示例（示例〔2018〕1号）

import {
  D,
  Trace,
  RefusalError,
  roundMoney,
  formatMoney,
  formatRate,
  pos,
  minOf,
  clampRate,
  marginalOver,
  tier,
  makeInputParser,
  pickVersion,
  checkValidity,
  addFoldTable,
  runCase,
  runSequence,
  consume,
  termLeaf,
  termOp,
  termValue,
  showTerm,
  runScaled,
  runRecorded,
  explainLater,
  fromScaledValue,
  makeScaledParser,
  Carrying,
  NO_STEPS,
  roundScaled,
  formatScaled,
  rescaleNullable,
  minOfScaled,
  marginalOverScaled,
  tierScaled,
} from "@zhengce/runtime";
import type {
  Decimal,
  FieldSpec,
  TraceStep,
  Slice,
  Tier,
  AccumulatorSpec,
  Version,
  ScaledSlice,
  ScaledTier,
} from "@zhengce/runtime";

// 常量
const _元100 = D("100");
const _元200 = D("200");
const _元2000 = D("2000");
const _元3000 = D("3000");
const _比例60 = D("0.6");
const _元1000000 = D("1000000");
const _元0 = D("0");
const _点10 = D("0.1");
const _元1000 = D("1000");
const _比例50 = D("0.5");
const _比例70 = D("0.7");
const _数60 = D("60");
const _元50 = D("50");

// 输入的字段名与可选值按此表折叠繁体、全角写法（编译时只为本政策的名称生成）。
addFoldTable({ pairs: "別别彆别數数籌筹級级結结統统纍累羣群計计診诊費费醫医門门額额齡龄" });

/** 枚举「医院级别」的可选值。 */
export type 医院级别 = "一级" | "二级";
export const 医院级别值 = ["一级", "二级"] as const;
/** 枚举「人群」的可选值。 */
export type 人群 = "退休" | "低保";
export const 人群值 = ["退休", "低保"] as const;

/** 参数 起付线：金额 按 医院级别 { 一级：100元 二级：200元 依据 一、（一）「起付线一级医院100元，二级医院200元。」 } — 依据 示例〔2018〕1号 一、（一） */
const 起付线: Readonly<Record<"一级" | "二级", Decimal>> = {
  一级: _元100,
  二级: _元200,
};

/** 参数 年度限额：金额 { 自 2018-01-01 起：2000元 自 2019-01-01 起：3000元 依据 一、（二） } — 依据 示例〔2018〕1号 一、（二） */
const 年度限额: readonly Version<Decimal>[] = [
  { from: "2018-01-01", value: _元2000 },
  { from: "2019-01-01", value: _元3000 },
];

/** 参数 基本比例：比例 = 60% 依据 一、（三） 当 人群 包含 退休：提高 10个百分点 依据 一、（三）「退休人员提高10个百分点」 — 依据 示例〔2018〕1号 一、（三） */
const 基本比例基准: Decimal = _比例60;

// 整数路径的常量（定标整数）
const 起付线$整数: Readonly<Record<"一级" | "二级", number>> = { 一级: 100, 二级: 200 };
const 年度限额$整数: readonly Version<number>[] = [
  { from: "2018-01-01", value: 2000 },
  { from: "2019-01-01", value: 3000 },
];
const 基本比例基准$整数: number = 6;
const 门诊结算_超额比例: ScaledSlice[] = [
  { lower: null, lowerInclusive: true, upper: 1000 * 100, upperInclusive: true, rate: 0 },
  { lower: 1000 * 100, lowerInclusive: false, upper: null, upperInclusive: true, rate: 0 },
];
const 门诊结算_定额补助: ScaledTier<number>[] = [
  { lower: null, lowerInclusive: true, upper: 60 * 100, upperInclusive: false, value: 0 },
  { lower: 60 * 100, lowerInclusive: true, upper: null, upperInclusive: true, value: 50 },
];

// ───────── 计算「门诊结算」 ─────────
// 计算路径：整数（定标整数）：按声明的上限，全部中间值都在 2^53 以内
/** 「门诊结算」的输入。金额可写数字或至多两位小数的字符串。 */
export interface 门诊结算输入 {
  日期?: string;
  医院级别: 医院级别;
  费用: number | string;
  /** 默认 30 */
  年龄?: number;
  /** 默认 [] */
  人群?: readonly 人群[];
  年度累计?: {
    /** 默认 "0" */ 统筹支付?: number | string;
    /** 默认 "0" */ 超额基数?: number | string;
  };
}
/** 「门诊结算」的结果（只读，运行时亦冻结）。金额为恰好两位小数的字符串。 */
export interface 门诊结算结果 {
  readonly 起付标准: string;
  readonly 统筹支付: string;
  readonly 超额支付: string;
  readonly 补助: string;
  readonly 个人负担: string;
  /** 计算过程：仅当以 { 计算过程: true } 调用时有内容，否则为空数组。 */
  readonly 计算过程: readonly TraceStep[];
  /** 计入本件后的累计，按输入的写法：同一年度的下一件可原样传入（`{ ...下一件, ...结果.结转 }`）。不可枚举：JSON 与展开不含此项。 */
  readonly 结转: { readonly 年度累计: { readonly 统筹支付: string; readonly 超额基数: string } };
}

/** 「门诊结算」的输入字段（封闭：未声明的字段是错误）。 */
export const 门诊结算输入字段: readonly FieldSpec[] = [
  { name: "日期", type: { kind: "date" }, required: false },
  { name: "医院级别", type: { kind: "enum", members: ["一级", "二级"] }, required: true },
  { name: "费用", type: { kind: "money", max: "1000000000000" }, required: true },
  { name: "年龄", type: { kind: "integer", min: 0, max: 150 }, required: false, default: 30 },
  { name: "人群", type: { kind: "set", members: ["退休", "低保"] }, required: false, default: [] },
  {
    name: "年度累计",
    type: {
      kind: "record",
      fields: [
        {
          name: "统筹支付",
          type: { kind: "money", max: "1000000000000" },
          required: false,
          default: "0",
        },
        {
          name: "超额基数",
          type: { kind: "money", max: "1000000000000" },
          required: false,
          default: "0",
        },
      ],
    },
    required: false,
  },
];
export const 门诊结算输出结构 = {
  $id: "https://zhengce.invalid/schemas/%E9%97%A8%E8%AF%8A%E7%BB%9F%E7%AD%B9%E7%A4%BA%E4%BE%8B/%E9%97%A8%E8%AF%8A%E7%BB%93%E7%AE%97.%E7%BB%93%E6%9E%9C.json",
  title: "门诊结算结果",
  type: "object",
  required: ["起付标准", "统筹支付", "超额支付", "补助", "个人负担", "计算过程"],
  properties: {
    起付标准: {
      "x-zhengce-type": "金额",
      type: "string",
      pattern: "^-?\\d+\\.\\d{2}$",
      description: "金额（元），恰好两位小数",
    },
    统筹支付: {
      "x-zhengce-type": "金额",
      type: "string",
      pattern: "^-?\\d+\\.\\d{2}$",
      description: "金额（元），恰好两位小数",
    },
    超额支付: {
      "x-zhengce-type": "金额",
      type: "string",
      pattern: "^-?\\d+\\.\\d{2}$",
      description: "金额（元），恰好两位小数",
    },
    补助: {
      "x-zhengce-type": "金额",
      type: "string",
      pattern: "^-?\\d+\\.\\d{2}$",
      description: "金额（元），恰好两位小数",
    },
    个人负担: {
      "x-zhengce-type": "金额",
      type: "string",
      pattern: "^-?\\d+\\.\\d{2}$",
      description: "金额（元），恰好两位小数",
    },
    计算过程: {
      type: "array",
      description: "计算过程：每一步的说明与依据，按计算顺序",
      items: {
        type: "object",
        required: ["kind", "说明", "依据"],
        properties: {
          kind: {
            enum: [
              "value",
              "modifier",
              "adjusted",
              "slice",
              "bracket",
              "tier",
              "min",
              "max",
              "version",
              "layer",
              "consumed",
            ],
          },
          项目: { type: "string" },
          说明: { type: "string" },
          依据: { type: "string" },
          原文: { type: "string" },
          值: { type: "string" },
        },
      },
    },
  },
  additionalProperties: false,
};
interface $门诊结算值 {
  readonly 日期: string | null;
  readonly 医院级别: 医院级别;
  readonly 费用: Decimal;
  readonly 年龄: Decimal;
  readonly 人群: readonly 人群[];
}
interface $门诊结算解析 {
  readonly 日期: string | null;
  readonly 医院级别: 医院级别;
  readonly 费用: Decimal;
  readonly 年龄: number;
  readonly 人群: readonly 人群[];
}
interface $门诊结算累计 {
  readonly 年度累计: { readonly 统筹支付: Decimal; readonly 超额基数: Decimal };
}
const 门诊结算解析 = makeInputParser<$门诊结算解析>(门诊结算输入字段);
/** 「门诊结算」的累计（由运行时逐件结转、跨期归零）。 */
const 门诊结算累计: readonly AccumulatorSpec[] = [
  { name: "年度累计", period: "年", fields: ["统筹支付", "超额基数"] },
];

/** 计算一件（已校验的输入、累计状态），返回输出与本件应计入累计的数。 */
function 门诊结算计算($in: $门诊结算解析, acc: $门诊结算累计, trace: Trace) {
  const input: $门诊结算值 = { ...$in, 年龄: D($in["年龄"]) };
  checkValidity(input["日期"], "2018-01-01", undefined, "门诊结算");
  if (input["费用"].gt(_元1000000)) {
    throw new RefusalError("单次费用超过100万元，须人工审核", "示例〔2018〕1号 一、（六）", "费用");
  }
  // 步骤「起付标准」：起付线[医院级别]
  let 起付标准 = 起付线[input["医院级别"]];
  if (trace.enabled) trace.record.push(0, input["医院级别"], 起付标准);
  if (input["人群"].includes("低保")) {
    if (trace.enabled) trace.record.push(1, 起付标准);
    起付标准 = _元0;
  }
  起付标准 = roundMoney(起付标准);
  // 步骤「封顶」：如果 人群 包含 低保 则 无 否则 正值（年度限额 − 年度累计.统筹支付）
  let 封顶 = input["人群"].includes("低保")
    ? null
    : pos(pickVersion(年度限额, input["日期"], "年度限额").minus(acc["年度累计"]["统筹支付"]));
  封顶 = 封顶 === null ? null : roundMoney(封顶);
  if (trace.enabled)
    trace.record.push(2, input["人群"], input["日期"], acc["年度累计"]["统筹支付"], 封顶);
  // 分层：正值（费用 − 起付标准）
  let 剩余 = pos(input["费用"].minus(起付标准));
  if (trace.enabled) trace.record.push(3, input["费用"], 起付标准, 剩余);
  // 参数「基本比例」：60%
  let 基本比例 = 基本比例基准;
  if (trace.enabled) trace.record.push(4, 基本比例);
  if (input["人群"].includes("退休")) {
    if (trace.enabled) trace.record.push(5, 基本比例);
    基本比例 = clampRate(基本比例.plus(_点10));
  }
  // 步骤「统筹支付」：较小（剩余 × 基本比例，封顶）
  let 统筹支付 = minOf(剩余.times(基本比例), 封顶)!;
  统筹支付 = roundMoney(统筹支付);
  if (trace.enabled) trace.record.push(6, 剩余, 基本比例, 封顶, 统筹支付);
  if (trace.enabled) trace.record.push(7, 剩余, 统筹支付);
  剩余 = consume(剩余, 统筹支付);
  // 步骤「超额」：剩余
  let 超额 = 剩余;
  超额 = roundMoney(超额);
  if (trace.enabled) trace.record.push(8, 剩余, 超额);
  // 分段「超额比例（累进）」
  const 超额比例_分段: Slice[] = [
    {
      lower: null,
      lowerInclusive: true,
      upper: _元1000,
      upperInclusive: true,
      rate: input["医院级别"] === "二级" ? clampRate(_比例50.minus(_点10)) : _比例50,
    },
    {
      lower: _元1000,
      lowerInclusive: false,
      upper: null,
      upperInclusive: true,
      rate: input["医院级别"] === "二级" ? clampRate(_比例70.minus(_点10)) : _比例70,
    },
  ];
  if (trace.enabled) trace.record.push(9, input["医院级别"]);
  if (trace.enabled) {
    if (input["医院级别"] === "二级") {
      trace.record.push(10);
    }
  }
  // 步骤「超额支付」：超额比例（剩余，已累计 年度累计.超额基数）
  let 超额支付 = marginalOver(超额比例_分段, acc["年度累计"]["超额基数"], 剩余);
  超额支付 = roundMoney(超额支付);
  if (trace.enabled) trace.record.push(11, acc["年度累计"]["超额基数"], 剩余, 超额支付);
  if (trace.enabled) trace.record.push(12, 剩余, 超额支付);
  剩余 = consume(剩余, 超额支付);
  // 分段「定额补助（全额）」
  const 定额补助_分段: Tier<Decimal>[] = [
    { lower: null, lowerInclusive: true, upper: _数60, upperInclusive: false, value: _元0 },
    { lower: _数60, lowerInclusive: true, upper: null, upperInclusive: true, value: _元50 },
  ];
  if (trace.enabled) trace.record.push(13);
  // 步骤「补助」：定额补助（年龄）
  let 补助 = tier(定额补助_分段, input["年龄"])!;
  补助 = roundMoney(补助);
  if (trace.enabled) trace.record.push(14, input["年龄"], 补助);
  // 步骤「个人负担」：正值（费用 − 统筹支付 − 超额支付 − 补助）
  let 个人负担 = pos(input["费用"].minus(统筹支付).minus(超额支付).minus(补助));
  个人负担 = roundMoney(个人负担);
  if (trace.enabled) trace.record.push(15, input["费用"], 统筹支付, 超额支付, 补助, 个人负担);
  if (trace.enabled) 门诊结算过程(trace.record, trace);
  return {
    outputs: {
      起付标准: formatMoney(起付标准),
      统筹支付: formatMoney(统筹支付),
      超额支付: formatMoney(超额支付),
      补助: formatMoney(补助),
      个人负担: formatMoney(个人负担),
    },
    added: {
      年度累计: { 统筹支付: 统筹支付, 超额基数: 超额 },
    },
  };
}

/** 「门诊结算」的计算过程：由本件记下的数值（整数路径为定标整数）生成。 */
function 门诊结算过程($rec: readonly unknown[], trace: Trace): void {
  let 超额比例_分段: Slice[] = [];
  let 定额补助_分段: Tier<Decimal>[] = [];
  for (let $i = 0; $i < $rec.length;) {
    switch ($rec[$i++]) {
      case 0: {
        const input = { 医院级别: $rec[$i++] as $门诊结算值["医院级别"] };
        const 起付标准 = fromScaledValue($rec[$i++], 0) as Decimal;
        {
          const $t = termLeaf(
            起付线[input["医院级别"]],
            "元",
            `起付线[${input["医院级别"]}]`,
            "参数",
          );
          trace.add({
            kind: "value",
            项目: "起付标准",
            依据: "示例〔2018〕1号 一、（一）",
            说明: `起付标准：起付线[医院级别] = 起付线[${input["医院级别"]}] = ${formatMoney(起付标准) + "元"}`,
            值: formatMoney(起付标准) + "元",
            结果: termValue(起付标准),
            单位: "元",
            舍入: true,
            算式: $t,
          });
        }
        break;
      }
      case 1: {
        const 起付标准 = fromScaledValue($rec[$i++], 0) as Decimal;
        {
          const $t = termLeaf(_元0, "元");
          trace.add({
            kind: "modifier",
            项目: "起付标准",
            依据: "示例〔2018〕1号 一、（一）",
            原文: "低保对象不设起付线",
            说明: `当 人群 包含 低保：设为 0元：${showTerm(termValue(起付标准), "元")} → ${showTerm($t.值, "元")}`,
            值: showTerm($t.值, "元"),
            修正前: termValue(起付标准),
            修正后: $t.值,
            单位: "元",
            算式: $t,
          });
        }
        break;
      }
      case 2: {
        const input = {
          人群: $rec[$i++] as $门诊结算值["人群"],
          日期: $rec[$i++] as $门诊结算值["日期"],
        };
        const acc = { 年度累计: { 统筹支付: fromScaledValue($rec[$i++], 2) as Decimal } };
        const 封顶 = fromScaledValue($rec[$i++], 2) as Decimal | null;
        {
          const $t = termOp(
            "如果",
            [
              input["人群"].includes("低保")
                ? termLeaf(null, "")
                : termOp(
                    "正值",
                    [
                      termOp(
                        "−",
                        [
                          trace.version(
                            "封顶",
                            "年度限额",
                            年度限额,
                            [
                              { cite: "示例〔2018〕1号 一、（二）" },
                              { cite: "示例〔2018〕1号 一、（二）" },
                            ],
                            input["日期"],
                            "元",
                          ),
                          termLeaf(acc["年度累计"]["统筹支付"], "元", "年度累计.统筹支付", "累计"),
                        ],
                        pickVersion(年度限额, input["日期"], "年度限额").minus(
                          acc["年度累计"]["统筹支付"],
                        ),
                        "元",
                      ),
                    ],
                    pos(
                      pickVersion(年度限额, input["日期"], "年度限额").minus(
                        acc["年度累计"]["统筹支付"],
                      ),
                    ),
                    "元",
                  ),
            ],
            input["人群"].includes("低保")
              ? null
              : pos(
                  pickVersion(年度限额, input["日期"], "年度限额").minus(
                    acc["年度累计"]["统筹支付"],
                  ),
                ),
            "元",
          );
          const $s = 封顶 === null ? "无" : formatMoney(封顶) + "元";
          const $w = `${input["人群"].includes("低保") ? `无` : `正值（${formatMoney(pickVersion(年度限额, input["日期"], "年度限额")) + "元"} − ${formatMoney(acc["年度累计"]["统筹支付"]) + "元"}）`}`;
          trace.add({
            kind: "value",
            项目: "封顶",
            依据: "示例〔2018〕1号 一、（二）",
            说明: `封顶：如果 人群 包含 低保 则 无 否则 正值（年度限额 − 年度累计.统筹支付）${$w === $s ? "" : " = " + $w} = ${$s}`,
            值: $s,
            结果: termValue(封顶),
            单位: "元",
            舍入: true,
            算式: $t,
          });
        }
        break;
      }
      case 3: {
        const input = { 费用: fromScaledValue($rec[$i++], 2) as $门诊结算值["费用"] };
        const 起付标准 = fromScaledValue($rec[$i++], 0) as Decimal;
        const 剩余 = fromScaledValue($rec[$i++], 2) as Decimal;
        {
          const $t = termOp(
            "正值",
            [
              termOp(
                "−",
                [
                  termLeaf(input["费用"], "元", "费用", "输入"),
                  termLeaf(起付标准, "元", "起付标准", "步骤"),
                ],
                input["费用"].minus(起付标准),
                "元",
              ),
            ],
            pos(input["费用"].minus(起付标准)),
            "元",
          );
          trace.add({
            kind: "layer",
            项目: "剩余",
            依据: "示例〔2018〕1号 一、",
            说明: `分层结算的起点：正值（费用 − 起付标准） = ${formatMoney(剩余)}元`,
            值: formatMoney(剩余),
            结果: 剩余.toFixed(),
            算式: $t,
          });
        }
        break;
      }
      case 4: {
        const 基本比例 = fromScaledValue($rec[$i++], 1) as Decimal;
        {
          const $t = termLeaf(基本比例基准, "%", "基本比例基准", "参数");
          trace.add({
            kind: "value",
            项目: "基本比例",
            依据: "示例〔2018〕1号 一、（三）",
            说明: `基本比例：60% = ${formatRate(基本比例)}`,
            值: formatRate(基本比例),
            结果: termValue(基本比例),
            单位: "%",
            舍入: false,
            算式: $t,
          });
        }
        break;
      }
      case 5: {
        const 基本比例 = fromScaledValue($rec[$i++], 1) as Decimal;
        {
          const $t = termOp(
            "限于0至100%",
            [
              termOp(
                "+",
                [termLeaf(基本比例, "%", "基本比例", "步骤"), termLeaf(_点10, "个百分点")],
                基本比例.plus(_点10),
                "%",
              ),
            ],
            clampRate(基本比例.plus(_点10)),
            "%",
          );
          trace.add({
            kind: "modifier",
            项目: "基本比例",
            依据: "示例〔2018〕1号 一、（三）",
            原文: "退休人员提高10个百分点",
            说明: `当 人群 包含 退休：提高 10个百分点：${showTerm(termValue(基本比例), "%")} → ${showTerm($t.值, "%")}`,
            值: showTerm($t.值, "%"),
            修正前: termValue(基本比例),
            修正后: $t.值,
            单位: "%",
            算式: $t,
          });
        }
        break;
      }
      case 6: {
        const 剩余 = fromScaledValue($rec[$i++], 2) as Decimal;
        const 基本比例 = fromScaledValue($rec[$i++], 1) as Decimal;
        const 封顶 = fromScaledValue($rec[$i++], 2) as Decimal | null;
        const 统筹支付 = fromScaledValue($rec[$i++], 2) as Decimal;
        {
          const $t = trace.pick(
            "统筹支付",
            "较小",
            [
              termOp(
                "×",
                [termLeaf(剩余, "元", "剩余", "步骤"), termLeaf(基本比例, "%", "基本比例", "步骤")],
                剩余.times(基本比例),
                "元",
              ),
              termLeaf(封顶, "元", "封顶", "步骤"),
            ],
            minOf(剩余.times(基本比例), 封顶)!,
            "元",
            "示例〔2018〕1号 一、（三）",
          );
          trace.add({
            kind: "value",
            项目: "统筹支付",
            依据: "示例〔2018〕1号 一、（三）",
            说明: `基本统筹：较小（剩余 × 基本比例，封顶） = 较小（${formatMoney(剩余) + "元"} × ${formatRate(基本比例)}，${封顶 === null ? "无" : formatMoney(封顶) + "元"}） = ${formatMoney(统筹支付) + "元"}`,
            值: formatMoney(统筹支付) + "元",
            结果: termValue(统筹支付),
            单位: "元",
            舍入: true,
            算式: $t,
          });
        }
        break;
      }
      case 7: {
        const 剩余 = fromScaledValue($rec[$i++], 2) as Decimal;
        const 统筹支付 = fromScaledValue($rec[$i++], 2) as Decimal;
        {
          const $r = consume(剩余, 统筹支付);
          trace.add({
            kind: "consumed",
            项目: "剩余",
            依据: "示例〔2018〕1号 一、（三）",
            步骤: "统筹支付",
            说明: `扣除「统筹支付」后剩余 ${formatMoney($r)}元`,
            值: formatMoney($r),
            修正前: 剩余.toFixed(),
            扣除: 统筹支付.toFixed(),
            结果: $r.toFixed(),
          });
        }
        break;
      }
      case 8: {
        const 剩余 = fromScaledValue($rec[$i++], 2) as Decimal;
        const 超额 = fromScaledValue($rec[$i++], 2) as Decimal;
        {
          const $t = termLeaf(剩余, "元", "剩余", "步骤");
          trace.add({
            kind: "value",
            项目: "超额",
            依据: "示例〔2018〕1号 一、",
            说明: `超额：剩余 = ${formatMoney(超额) + "元"}`,
            值: formatMoney(超额) + "元",
            结果: termValue(超额),
            单位: "元",
            舍入: true,
            算式: $t,
          });
        }
        break;
      }
      case 9: {
        const input = { 医院级别: $rec[$i++] as $门诊结算值["医院级别"] };
        超额比例_分段 = [
          {
            lower: null,
            lowerInclusive: true,
            upper: _元1000,
            upperInclusive: true,
            rate: input["医院级别"] === "二级" ? clampRate(_比例50.minus(_点10)) : _比例50,
          },
          {
            lower: _元1000,
            lowerInclusive: false,
            upper: null,
            upperInclusive: true,
            rate: input["医院级别"] === "二级" ? clampRate(_比例70.minus(_点10)) : _比例70,
          },
        ];
        break;
      }
      case 10: {
        trace.add({
          kind: "adjusted",
          项目: "超额比例",
          依据: "示例〔2018〕1号 一、（四）",
          原文: "二级医院降低10个百分点",
          说明: "超额比例各段比例：当 医院级别 = 二级：降低 10个百分点",
        });
        break;
      }
      case 11: {
        const acc = { 年度累计: { 超额基数: fromScaledValue($rec[$i++], 2) as Decimal } };
        const 剩余 = fromScaledValue($rec[$i++], 2) as Decimal;
        const 超额支付 = fromScaledValue($rec[$i++], 2) as Decimal;
        {
          const $t = trace.bracket(
            "超额支付",
            "超额比例",
            超额比例_分段,
            termLeaf(剩余, "元", "剩余", "步骤"),
            termLeaf(acc["年度累计"]["超额基数"], "元", "年度累计.超额基数", "累计"),
            marginalOver(超额比例_分段, acc["年度累计"]["超额基数"], 剩余),
            "示例〔2018〕1号 一、（四）",
          );
          trace.add({
            kind: "value",
            项目: "超额支付",
            依据: "示例〔2018〕1号 一、（四）",
            说明: `超额支付：超额比例（剩余，已累计 年度累计.超额基数） = 超额比例（${formatMoney(剩余) + "元"}，已累计 ${formatMoney(acc["年度累计"]["超额基数"]) + "元"}） = ${formatMoney(超额支付) + "元"}`,
            值: formatMoney(超额支付) + "元",
            结果: termValue(超额支付),
            单位: "元",
            舍入: true,
            算式: $t,
          });
        }
        break;
      }
      case 12: {
        const 剩余 = fromScaledValue($rec[$i++], 2) as Decimal;
        const 超额支付 = fromScaledValue($rec[$i++], 2) as Decimal;
        {
          const $r = consume(剩余, 超额支付);
          trace.add({
            kind: "consumed",
            项目: "剩余",
            依据: "示例〔2018〕1号 一、（四）",
            步骤: "超额支付",
            说明: `扣除「超额支付」后剩余 ${formatMoney($r)}元`,
            值: formatMoney($r),
            修正前: 剩余.toFixed(),
            扣除: 超额支付.toFixed(),
            结果: $r.toFixed(),
          });
        }
        break;
      }
      case 13: {
        定额补助_分段 = [
          { lower: null, lowerInclusive: true, upper: _数60, upperInclusive: false, value: _元0 },
          { lower: _数60, lowerInclusive: true, upper: null, upperInclusive: true, value: _元50 },
        ];
        break;
      }
      case 14: {
        const input = { 年龄: fromScaledValue($rec[$i++], 0) as $门诊结算值["年龄"] };
        const 补助 = fromScaledValue($rec[$i++], 0) as Decimal;
        {
          const $t = trace.tier(
            "补助",
            "定额补助",
            定额补助_分段,
            termLeaf(input["年龄"], "", "年龄", "输入"),
            tier(定额补助_分段, input["年龄"])!,
            "元",
            "示例〔2018〕1号 一、（五）",
          );
          trace.add({
            kind: "value",
            项目: "补助",
            依据: "示例〔2018〕1号 一、（五）",
            说明: `补助：定额补助（年龄） = 定额补助（${input["年龄"].toString()}） = ${formatMoney(补助) + "元"}`,
            值: formatMoney(补助) + "元",
            结果: termValue(补助),
            单位: "元",
            舍入: true,
            算式: $t,
          });
        }
        break;
      }
      case 15: {
        const input = { 费用: fromScaledValue($rec[$i++], 2) as $门诊结算值["费用"] };
        const 统筹支付 = fromScaledValue($rec[$i++], 2) as Decimal;
        const 超额支付 = fromScaledValue($rec[$i++], 2) as Decimal;
        const 补助 = fromScaledValue($rec[$i++], 0) as Decimal;
        const 个人负担 = fromScaledValue($rec[$i++], 2) as Decimal;
        {
          const $t = termOp(
            "正值",
            [
              termOp(
                "−",
                [
                  termOp(
                    "−",
                    [
                      termOp(
                        "−",
                        [
                          termLeaf(input["费用"], "元", "费用", "输入"),
                          termLeaf(统筹支付, "元", "统筹支付", "步骤"),
                        ],
                        input["费用"].minus(统筹支付),
                        "元",
                      ),
                      termLeaf(超额支付, "元", "超额支付", "步骤"),
                    ],
                    input["费用"].minus(统筹支付).minus(超额支付),
                    "元",
                  ),
                  termLeaf(补助, "元", "补助", "步骤"),
                ],
                input["费用"].minus(统筹支付).minus(超额支付).minus(补助),
                "元",
              ),
            ],
            pos(input["费用"].minus(统筹支付).minus(超额支付).minus(补助)),
            "元",
          );
          trace.add({
            kind: "value",
            项目: "个人负担",
            依据: "示例〔2018〕1号 一、",
            说明: `个人负担：正值（费用 − 统筹支付 − 超额支付 − 补助） = 正值（${formatMoney(input["费用"]) + "元"} − ${formatMoney(统筹支付) + "元"} − ${formatMoney(超额支付) + "元"} − ${formatMoney(补助) + "元"}） = ${formatMoney(个人负担) + "元"}`,
            值: formatMoney(个人负担) + "元",
            结果: termValue(个人负担),
            单位: "元",
            舍入: true,
            算式: $t,
          });
        }
        break;
      }
    }
  }
}

interface $门诊结算整数值 {
  readonly 日期: string | null;
  readonly 医院级别: 医院级别;
  readonly 费用: number;
  readonly 年龄: number;
  readonly 人群: readonly 人群[];
  readonly 年度累计: { readonly 统筹支付: number; readonly 超额基数: number };
}
class 门诊结算$结果 extends Carrying<门诊结算结果["结转"]> {
  declare readonly "起付标准": 门诊结算结果["起付标准"];
  declare readonly "统筹支付": 门诊结算结果["统筹支付"];
  declare readonly "超额支付": 门诊结算结果["超额支付"];
  declare readonly "补助": 门诊结算结果["补助"];
  declare readonly "个人负担": 门诊结算结果["个人负担"];
  declare readonly 计算过程: readonly TraceStep[];
  constructor(
    $0: 门诊结算结果["起付标准"],
    $1: 门诊结算结果["统筹支付"],
    $2: 门诊结算结果["超额支付"],
    $3: 门诊结算结果["补助"],
    $4: 门诊结算结果["个人负担"],
    after: readonly number[],
    $rec: unknown[] | null,
  ) {
    super(门诊结算累计, after);
    this["起付标准"] = $0;
    this["统筹支付"] = $1;
    this["超额支付"] = $2;
    this["补助"] = $3;
    this["个人负担"] = $4;
    if ($rec === null) this.计算过程 = NO_STEPS;
    else explainLater(this, $rec, 门诊结算过程);
    Object.freeze(this);
  }
}
/** 「门诊结算」的整数路径：不在证明的范围内时返回 null，由 decimal.js 计算；$rec 不为 null 时记下计算过程所需的本件数值。 */
function 门诊结算整数(input: $门诊结算整数值, $rec: unknown[] | null): 门诊结算结果 | null {
  checkValidity(input["日期"], "2018-01-01", undefined, "门诊结算");
  let $in2 = input["费用"];
  if ($in2 !== null && !($in2 <= 100000000000000)) return null;
  let $in3 = input["年龄"];
  if ($in3 !== null && !($in3 <= 150)) return null;
  const $acc0_0 = input["年度累计"]["统筹支付"];
  if (!($acc0_0 <= 100000000000000)) return null;
  const $acc0_1 = input["年度累计"]["超额基数"];
  if (!($acc0_1 <= 100000000000000)) return null;
  const $has0 = input["人群"].includes("低保");
  const $has1 = input["人群"].includes("退休");
  if ($in2 > 1000000 * 100) {
    throw new RefusalError("单次费用超过100万元，须人工审核", "示例〔2018〕1号 一、（六）", "费用");
  }
  let 起付标准 = 起付线$整数[input["医院级别"]];
  if ($rec !== null) $rec.push(0, input["医院级别"], 起付标准);
  if ($has0) {
    if ($rec !== null) $rec.push(1, 起付标准);
    起付标准 = 0;
  }
  let 封顶 = $has0
    ? null
    : Math.max(pickVersion(年度限额$整数, input["日期"], "年度限额") * 100 - $acc0_0, 0);
  if ($rec !== null) $rec.push(2, input["人群"], input["日期"], $acc0_0, 封顶);
  let 剩余 = Math.max($in2 - 起付标准 * 100, 0);
  if ($rec !== null) $rec.push(3, $in2, 起付标准, 剩余);
  let 基本比例 = 基本比例基准$整数;
  if ($rec !== null) $rec.push(4, 基本比例);
  if ($has1) {
    if ($rec !== null) $rec.push(5, 基本比例);
    基本比例 = Math.min(Math.max(基本比例 + 1, 0), 10);
  }
  let 统筹支付 = minOfScaled(剩余 * 基本比例, rescaleNullable(封顶, 1))!;
  统筹支付 = roundScaled(统筹支付, 10);
  if ($rec !== null) $rec.push(6, 剩余, 基本比例, 封顶, 统筹支付);
  if ($rec !== null) $rec.push(7, 剩余, 统筹支付);
  剩余 = Math.max(剩余 - 统筹支付, 0);
  let 超额 = 剩余;
  if ($rec !== null) $rec.push(8, 剩余, 超额);
  门诊结算_超额比例[0]!.rate = input["医院级别"] === "二级" ? Math.min(Math.max(5 - 1, 0), 10) : 5;
  门诊结算_超额比例[1]!.rate = input["医院级别"] === "二级" ? Math.min(Math.max(7 - 1, 0), 10) : 7;
  if ($rec !== null) $rec.push(9, input["医院级别"]);
  if ($rec !== null) {
    if (input["医院级别"] === "二级") {
      if ($rec !== null) $rec.push(10);
    }
  }
  let 超额支付 = marginalOverScaled(门诊结算_超额比例, $acc0_1, 剩余);
  超额支付 = roundScaled(超额支付, 10);
  if ($rec !== null) $rec.push(11, $acc0_1, 剩余, 超额支付);
  if ($rec !== null) $rec.push(12, 剩余, 超额支付);
  剩余 = Math.max(剩余 - 超额支付, 0);
  if ($rec !== null) $rec.push(13);
  let 补助 = tierScaled(门诊结算_定额补助, $in3 * 100)!;
  if ($rec !== null) $rec.push(14, $in3, 补助);
  let 个人负担 = Math.max($in2 - 统筹支付 - 超额支付 - 补助 * 100, 0);
  if ($rec !== null) $rec.push(15, $in2, 统筹支付, 超额支付, 补助, 个人负担);
  return new 门诊结算$结果(
    formatScaled(起付标准, 0),
    formatScaled(统筹支付, 2),
    formatScaled(超额支付, 2),
    formatScaled(补助, 0),
    formatScaled(个人负担, 2),
    [$acc0_0 + 统筹支付, $acc0_1 + 超额],
    $rec,
  );
}

const 门诊结算解析整数 = makeScaledParser<$门诊结算整数值>(门诊结算输入字段);

/** 「门诊结算」：计算一件。输入错误时抛出 InputError（中文说明，指明字段）。 */
export function 门诊结算(
  raw: 门诊结算输入,
  options: { readonly 计算过程?: boolean; readonly 十进制?: boolean } = {},
): 门诊结算结果 {
  if (options.十进制 !== true) {
    const r =
      options.计算过程 === true
        ? runRecorded<门诊结算结果, $门诊结算整数值>(raw, 门诊结算解析整数, 门诊结算整数)
        : runScaled<门诊结算结果, $门诊结算整数值>(raw, 门诊结算解析整数, 门诊结算整数);
    if (r !== null) return r;
  }
  return runCase<门诊结算结果, $门诊结算解析, $门诊结算累计>(
    raw,
    options.计算过程 === true,
    门诊结算解析,
    门诊结算计算,
    门诊结算累计,
  );
}

/** 「门诊结算」：一人一年内按日期排列的多件，累计（年度累计）由计算器逐件结转，跨期归零。 */
export function 门诊结算序列(
  raws: readonly 门诊结算输入[],
  options: { readonly 计算过程?: boolean; readonly 十进制?: boolean } = {},
): readonly 门诊结算结果[] {
  return runSequence<门诊结算结果, $门诊结算解析, $门诊结算累计>(
    raws,
    options.计算过程 === true,
    门诊结算解析,
    门诊结算计算,
    门诊结算累计,
  );
}

/** 本政策的全部计算器，按名称。 */
export const calculators = {
  门诊结算: {
    name: "门诊结算",
    inputFields: 门诊结算输入字段,
    outputSchema: 门诊结算输出结构,
    run: 门诊结算,
    runSequence: 门诊结算序列,
  },
};
/** 供修订本政策的模块复用（非公开接口）。 */
export const $部件 = {
  门诊结算: { 解析: 门诊结算解析, 计算: 门诊结算计算, 累计: 门诊结算累计 },
};
