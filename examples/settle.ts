// A settlement system calling a generated calculator: the import is the compiled 江门 policy
// (`pnpm -s zhengce compile policies/jiangmen/base.policy --target ts --out-dir examples/generated`).
// Run with `node --experimental-strip-types` on Node 22+, or compile with tsc; CI type-checks it.
import { 住院结算, 住院结算序列, type 住院结算输入 } from "./generated/base.js";

const claim: 住院结算输入 = {
  参保身份: "城乡居民",
  医院级别: "二级",
  政策范围内费用: "12000",
  连续缴费月数: 30,
};

// The explanation (计算过程) is opt-in: it costs more than the arithmetic.
const result = 住院结算(claim, { 计算过程: true });
console.log(`统筹支付 ${result.统筹支付} 元，个人负担 ${result.个人负担} 元`);
for (const step of result.计算过程) console.log(`  ${step.说明}（${step.依据}）`);

// One admission at a time: 结转 is the 年度累计 after this admission, to pass with the next one
// of the same year — nothing is recomputed.
const next = 住院结算({ ...claim, 日期: "2018-11-20", 政策范围内费用: "3000", ...result.结转 });
console.log(`年内第二次住院：统筹支付 ${next.统筹支付} 元，年度统筹累计 ${next.结转.年度累计.统筹支付} 元`);

// Two admissions of one 职工 in one year: the calculator carries 年度累计 itself.
const year = 住院结算序列([
  { 日期: "2018-03-02", 参保身份: "职工在职", 医院级别: "三级", 政策范围内费用: 30000, 连续缴费月数: 60 },
  { 日期: "2018-09-15", 参保身份: "职工在职", 医院级别: "三级", 政策范围内费用: 50000, 连续缴费月数: 66 },
]);
for (const r of year) console.log(`二档支付 ${r.二档支付}，大病支付 ${r.大病支付}`);
