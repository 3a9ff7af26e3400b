// The contracts' readings of the settlement and contribution calculators (issue 14, item 3), as
// property tests: the caps of /work/shared/contracts/README.md §1, §4–6 (200 000 × 系数 …), a
// year's claims as a sequence against 年度累计 carried by the contract's own formulas (自付 =
// cost − 起付标准 − 统筹支付 …), contribution bases, and roundings within half a cent.
// What holds for every calculator (whole cents, never negative, accounts balanced, a larger cost
// never lowers a payment, 累计 as the IR says) is calculators.test.ts, 10 000 cases each; these
// add the contract's numbers on 2 000 cases (sequences: 300), five times that under `pnpm fuzz`.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "@zhengce/runtime";
import { analyze } from "@zhengce/dsl";
import { compileAnalysis, findCalculator, type CompiledCalculator, type CompiledPolicy } from "@zhengce/compiler";
import { budget, diskHost, notices, SEED } from "../fuzz/support.js";

const RUNS = budget(2_000, 10_000);
const SEQUENCES = budget(300, 1_500);
/** Results without the explanation: these properties read only the amounts. */
const FAST = { 计算过程: false };
const params = (numRuns: number) => ({ seed: SEED, numRuns });

/** Each policy analysed and compiled once for the calculators this file takes from it. */
const policies = new Map<string, CompiledPolicy>();
function calculator(policy: string, name: string): CompiledCalculator {
  let compiled = policies.get(policy);
  if (compiled === undefined) {
    const source = notices.find((s) => s.name === policy)!;
    policies.set(policy, (compiled = compileAnalysis(analyze(source.text, source.path, diskHost))));
  }
  expect(compiled.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return findCalculator(compiled, name)!;
}

const D = (x: unknown) => new Decimal(String(x));
/** Money up to `max` yuan in whole cents, as the decimal string a caller sends. */
const money = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((c) => (c / 100).toFixed(2));
const cents = (x: unknown) => /^-?\d+\.\d{2}$/.test(String(x));
const subset = <T,>(xs: readonly T[]) => fc.subarray([...xs]);

/**
 * Inside the properties, plain checks instead of expect(): over this file's tens of thousands of
 * calls vitest's expect() was a fifth of its time (profiled); fast-check reports the failing case.
 */
function ok(holds: boolean, what = "expected to hold"): void {
  if (!holds) throw new Error(what);
}
/** toBe(): the same value (Object.is). */
function same(actual: unknown, expected: unknown, what = "value"): void {
  if (!Object.is(actual, expected)) throw new Error(`${what}: ${String(actual)}, expected ${String(expected)}`);
}

function expectPayments(out: Record<string, unknown>, fields: string[]) {
  for (const f of fields) {
    ok(cents(out[f]), `${f} = ${out[f]} is whole cents`);
    ok(D(out[f]).gte(0), `${f} = ${out[f]} is never negative`);
  }
}
const sum = (out: Record<string, unknown>, fields: string[]) => fields.reduce((s, f) => s.plus(D(out[f])), new Decimal(0));


// ── 江门 住院结算 (contract §1) ──

describe("江门 住院结算", () => {
  const calc = calculator("policies/jiangmen/base.policy", "住院结算");
  const PAID = ["统筹支付", "二档支付", "大病支付"];
  const person = fc.record({
    日期: fc.constantFrom("2018-03-01", "2018-11-30", "2019-06-15"),
    参保身份: fc.constantFrom("城乡居民", "职工在职", "职工退休"),
    医院级别: fc.constantFrom("一级及以下", "二级", "三级", "非定点"),
    连续缴费月数: fc.integer({ min: 0, max: 60 }),
    特殊人群: subset(["特困供养", "低保", "建档立卡"]),
    家庭病床转诊: fc.boolean(),
    住院分娩: fc.boolean(),
    按规定备案: fc.boolean(),
  });
  const ytd = fc.record({ 统筹支付: money(250_000), 二档支付: money(250_000), 大病支付: money(300_000), 二档自付基数: money(300_000), 大病自付基数: money(300_000) });
  const factor = (months: number) => (months <= 12 ? 0.5 : months <= 24 ? 0.7 : 1);

  it("payments are whole cents, never negative, within their caps, and sum with 个人负担 to the cost (a 住院分娩 aside, see below)", () => {
    fc.assert(
      fc.property(person, money(500_000), ytd, (p, cost, y) => {
        const out = calc.run({ ...p, 政策范围内费用: cost, 年度累计: y }, FAST);
        expectPayments(out, [...PAID, "起付标准"]);
        const k = factor(p.连续缴费月数);
        const room = (cap: number, used: string) => Decimal.max(0, D(cap).times(k).minus(used));
        // 分娩保底 500 may exceed the remaining cap: contract §1.4 applies the floor after the cap.
        if (!p.住院分娩) ok(D(out.统筹支付).lte(room(200_000, y.统筹支付)), "统筹支付 within its cap");
        ok(D(out.二档支付).lte(room(200_000, y.二档支付)), "二档支付 within its cap");
        if (p.特殊人群.length === 0) ok(D(out.大病支付).lte(room(240_000, y.大病支付)), "大病支付 within its cap");
        if (!p.参保身份.startsWith("职工")) same(out.二档支付, "0.00");
        const paid = sum(out, PAID);
        ok(paid.plus(D(out.个人负担)).eq(D(cost)), "payments + 个人负担 = cost");
        if (!p.住院分娩) {
          ok(paid.lte(D(cost)), "the fund never pays more than the cost");
          ok(D(out.个人负担).gte(0));
        }
      }),
      params(RUNS),
    );
  });

  it("with 住院分娩 the 500 floor makes the fund pay more than a cost under 500 + 起付标准: 个人负担 goes negative (contract §1.4 read literally)", () => {
    // 城乡居民 at 一级及以下: 起付 500, cost 600 → (600 − 500) × 85% = 85 → floor 500; 个人负担 = 600 − 500 = 100.
    const a = calc.run({ 日期: "2018-03-01", 参保身份: "城乡居民", 医院级别: "一级及以下", 连续缴费月数: 36, 政策范围内费用: "600", 住院分娩: true }, FAST);
    expect([a.统筹支付, a.个人负担]).toEqual(["500.00", "100.00"]);
    // Cost 300 (under the floor): 统筹支付 500, 个人负担 300 − 500 = −200.
    const b = calc.run({ 日期: "2018-03-01", 参保身份: "城乡居民", 医院级别: "一级及以下", 连续缴费月数: 36, 政策范围内费用: "300", 住院分娩: true }, FAST);
    expect([b.统筹支付, b.个人负担]).toEqual(["500.00", "-200.00"]);
  });


  it("a year's claims as a sequence equal the same claims with 年度累计 passed by hand", () => {
    fc.assert(
      fc.property(person, fc.array(money(150_000), { minLength: 1, maxLength: 6 }), (p, costs) => {
        const claims = costs.map((c) => ({ ...p, 政策范围内费用: c }));
        const seq = calc.runSequence(claims, FAST);
        const y = { 统筹支付: new Decimal(0), 二档支付: new Decimal(0), 大病支付: new Decimal(0), 二档自付基数: new Decimal(0), 大病自付基数: new Decimal(0) };
        claims.forEach((claim, i) => {
          const byHand = calc.run({ ...claim, 年度累计: Object.fromEntries(Object.entries(y).map(([k, v]) => [k, v.toFixed(2)])) }, FAST);
          for (const f of [...PAID, "个人负担", "起付标准"]) same(seq[i][f], byHand[f], `claim ${i + 1}: ${f}`);
          // 自付 = the cost beyond 起付标准 and 统筹支付; 大病 base = 自付 − 二档支付 (contract §1.5–7).
          const own = Decimal.max(0, D(claim.政策范围内费用).minus(D(byHand.起付标准)).minus(D(byHand.统筹支付)));
          for (const f of PAID) y[f as keyof typeof y] = y[f as keyof typeof y].plus(D(byHand[f]));
          y.二档自付基数 = y.二档自付基数.plus(own);
          y.大病自付基数 = y.大病自付基数.plus(own.minus(D(byHand.二档支付)));
        });
      }),
      params(SEQUENCES),
    );
  });
});

// ── 通化 居民住院结算 and 职工住院结算 (contract §6) ──

describe("通化 居民住院结算", () => {
  const calc = calculator("policies/tonghua/base.policy", "居民住院结算");
  const PAID = ["统筹支付", "大病支付"];
  const ytd = fc.record({ 统筹支付: money(250_000), 大病支付: money(350_000), 大病自付基数: money(400_000) });
  const level = fc.constantFrom("一级", "二级", "三级");

  it("payments: whole cents, never negative, within caps, summing with 个人负担 to the cost", () => {
    fc.assert(
      fc.property(level, money(600_000), ytd, (医院级别, cost, y) => {
        const out = calc.run({ 医院级别, 政策范围内费用: cost, 年度累计: y }, FAST);
        expectPayments(out, [...PAID, "个人负担", "起付标准"]);
        ok(D(out.统筹支付).lte(Decimal.max(0, D(200_000).minus(y.统筹支付))));
        ok(D(out.大病支付).lte(Decimal.max(0, D(300_000).minus(y.大病支付))));
        ok(sum(out, PAID).plus(D(out.个人负担)).eq(D(cost)));
      }),
      params(RUNS),
    );
  });


  it("a sequence equals the claims with 年度累计 passed by hand (大病 base = cost − 统筹支付)", () => {
    fc.assert(
      fc.property(level, fc.array(money(200_000), { minLength: 1, maxLength: 6 }), (医院级别, costs) => {
        const claims = costs.map((c) => ({ 医院级别, 政策范围内费用: c }));
        const seq = calc.runSequence(claims, FAST);
        const y = { 统筹支付: new Decimal(0), 大病支付: new Decimal(0), 大病自付基数: new Decimal(0) };
        claims.forEach((claim, i) => {
          const byHand = calc.run({ ...claim, 年度累计: { 统筹支付: y.统筹支付.toFixed(2), 大病支付: y.大病支付.toFixed(2), 大病自付基数: y.大病自付基数.toFixed(2) } }, FAST);
          for (const f of [...PAID, "个人负担"]) same(seq[i][f], byHand[f], `claim ${i + 1}: ${f}`);
          y.统筹支付 = y.统筹支付.plus(D(byHand.统筹支付));
          y.大病支付 = y.大病支付.plus(D(byHand.大病支付));
          y.大病自付基数 = y.大病自付基数.plus(D(claim.政策范围内费用).minus(D(byHand.统筹支付)));
        });
      }),
      params(SEQUENCES),
    );
  });
});

describe("通化 职工住院结算", () => {
  const calc = calculator("policies/tonghua/base.policy", "职工住院结算");
  const PAID = ["统筹支付", "补充支付"];
  const person = fc.record({ 医院级别: fc.constantFrom("一级", "二级", "三级", "社区"), 人员状态: fc.constantFrom("在职", "退休") });
  const ytd = fc.record({ 统筹支付: money(80_000), 补充支付: money(300_000) });

  it("payments: whole cents, never negative, within caps, summing with 个人负担 to the cost", () => {
    fc.assert(
      fc.property(person, money(600_000), ytd, (p, cost, y) => {
        const out = calc.run({ ...p, 政策范围内费用: cost, 年度累计: y }, FAST);
        expectPayments(out, [...PAID, "个人负担", "起付标准"]);
        ok(D(out.统筹支付).lte(Decimal.max(0, D(70_000).minus(y.统筹支付))));
        ok(D(out.补充支付).lte(Decimal.max(0, D(250_000).minus(y.补充支付))));
        ok(sum(out, PAID).plus(D(out.个人负担)).eq(D(cost)));
      }),
      params(RUNS),
    );
  });


  it("a sequence equals the claims with 年度累计 passed by hand", () => {
    fc.assert(
      fc.property(person, fc.array(money(60_000), { minLength: 1, maxLength: 6 }), (p, costs) => {
        const claims = costs.map((c) => ({ ...p, 政策范围内费用: c }));
        const seq = calc.runSequence(claims, FAST);
        const y = { 统筹支付: new Decimal(0), 补充支付: new Decimal(0) };
        claims.forEach((claim, i) => {
          const byHand = calc.run({ ...claim, 年度累计: { 统筹支付: y.统筹支付.toFixed(2), 补充支付: y.补充支付.toFixed(2) } }, FAST);
          for (const f of [...PAID, "个人负担"]) same(seq[i][f], byHand[f], `claim ${i + 1}: ${f}`);
          y.统筹支付 = y.统筹支付.plus(D(byHand.统筹支付));
          y.补充支付 = y.补充支付.plus(D(byHand.补充支付));
        });
      }),
      params(SEQUENCES),
    );
  });
});

// ── 江门 特定病种门诊 (contract §2): a month's claims against 当月已支付 ──

describe("江门 特定病种门诊", () => {
  const calc = calculator("policies/jiangmen/base.policy", "特定病种门诊");
  const case_ = fc.record({
    日期: fc.constantFrom("2018-03-01", "2019-06-15"),
    参保身份: fc.constantFrom("城乡居民", "职工在职", "职工退休"),
    病种: fc.subarray(["糖尿病", "高血压Ⅱ期以上", "慢性肾功能不全（需透析）", "恶性肿瘤(放疗、化疗期间)", "重性精神疾病"], { minLength: 1 }),
    医院级别: fc.constantFrom("一级及以下", "二级", "三级", "非定点"),
    特殊人群: subset(["特困供养", "低保", "建档立卡"]),
  });

  it("统筹支付 whole cents, never negative, within the month's limit, summing with 个人负担 to the cost", () => {
    fc.assert(
      fc.property(case_, money(50_000), money(3_000), (c, cost, already) => {
        const out = calc.run({ ...c, 当月范围内费用: cost, 当月已支付: already }, FAST);
        expectPayments(out, ["统筹支付"]);
        if (out.月支付限额 !== null) ok(D(out.统筹支付).lte(Decimal.max(0, D(out.月支付限额).minus(already))));
        const paid = Object.entries(out).filter(([k]) => k.endsWith("支付") && k !== "月支付限额" && typeof out[k] === "string");
        const total = paid.reduce((s, [, v]) => s.plus(D(v)), new Decimal(0));
        ok(total.plus(D(out.个人负担)).eq(D(cost)), `${paid.map(([k, v]) => `${k} ${v}`).join(", ")}, 个人负担 ${out.个人负担}`);
      }),
      params(RUNS),
    );
  });
});

// ── contributions (contract §4, §6): items whole cents, never negative, 合计 their sum ──

describe("江门 职工缴费", () => {
  const calc = calculator("policies/jiangmen/base.policy", "职工缴费");
  const ITEMS = ["一档单位缴费", "一档个人缴费", "二档单位缴费", "二档个人缴费"];
  const case_ = fc.record({
    日期: fc.constantFrom("2017-08-01", "2018-06-30", "2019-02-01"),
    参保类别: fc.constantFrom("职工", "灵活就业", "无雇工个体", "失业"),
    月工资: money(60_000),
    最低缴费基数: money(8_000).filter((x) => Number(x) > 0),
  });

  it("items are whole cents, never negative; 合计 is their sum; a 职工's 缴费基数 lies in [最低, 3 × 最低]", () => {
    fc.assert(
      fc.property(case_, (c) => {
        const out = calc.run(c, FAST);
        expectPayments(out, [...ITEMS, "合计", "缴费基数"]);
        ok(sum(out, ITEMS).eq(D(out.合计)));
        if (c.参保类别 === "职工") {
          ok(D(out.缴费基数).gte(D(c.最低缴费基数)) && D(out.缴费基数).lte(D(c.最低缴费基数).times(3)));
        } else ok(D(out.缴费基数).eq(D(c.最低缴费基数)));
      }),
      params(RUNS),
    );
  });

});

describe("通化 职工缴费", () => {
  const calc = calculator("policies/tonghua/base.policy", "职工缴费");
  const ITEMS = ["单位缴费", "个人缴费", "个人账户划入", "长护划转"];
  const case_ = fc
    .record({ 单位类型: fc.constantFrom("机关事业", "企业", "单建统筹", "灵活就业"), 上年度全省平均工资: money(15_000).filter((x) => Number(x) >= 100), 月工资: money(60_000), 年龄: fc.integer({ min: 16, max: 70 }), 选择: fc.double({ min: 0.6, max: 3, noNaN: true }) })
    .map(({ 选择, ...c }) =>
      c.单位类型 === "灵活就业"
        ? { 单位类型: c.单位类型, 上年度全省平均工资: c.上年度全省平均工资, 选择缴费基数: D(c.上年度全省平均工资).times(选择).toDecimalPlaces(2, Decimal.ROUND_UP).clampedTo(D(c.上年度全省平均工资).times(0.6), D(c.上年度全省平均工资).times(3)).toDecimalPlaces(2, Decimal.ROUND_DOWN).toFixed(2) }
        : { 单位类型: c.单位类型, 上年度全省平均工资: c.上年度全省平均工资, 月工资: c.月工资, ...(c.单位类型 === "单建统筹" ? {} : { 年龄: c.年龄 }) },
    );

  it("items are whole cents, never negative; 缴费基数 lies in [60%, 300%] of the average wage", () => {
    fc.assert(
      fc.property(case_, (c) => {
        const out = calc.run(c, FAST);
        expectPayments(out, [...ITEMS, "缴费基数"]);
        const avg = D(c.上年度全省平均工资);
        ok(D(out.缴费基数).gte(avg.times(0.6).toDecimalPlaces(2, Decimal.ROUND_DOWN)) && D(out.缴费基数).lte(avg.times(3).toDecimalPlaces(2, Decimal.ROUND_UP)), `缴费基数 ${out.缴费基数}`);
      }),
      params(RUNS),
    );
  });
});

describe("江门 精准扶贫结算", () => {
  const calc = calculator("policies/jiangmen/poverty.policy", "精准扶贫结算");
  const case_ = fc.record({
    日期: fc.constantFrom("2018-12-31", "2019-01-01", "2020-06-30", "2021-01-01"),
    户籍地: fc.constantFrom("蓬江区", "江海区", "市直", "新会区", "台山市", "开平市", "鹤山市", "恩平市"),
    就医机构: fc.constantFrom("市内定点", "市直三级", "开平市中心医院", "市外"),
    医院级别: fc.constantFrom("一级及以下", "二级", "三级"),
    转诊备案: fc.boolean(),
    范围内个人自付: money(200_000),
    个人自费: money(100_000),
  });

  it("whole cents, never negative; fund, hospital and person together pay exactly what the person owed", () => {
    fc.assert(
      fc.property(case_, (c) => {
        const out = calc.run(c, FAST);
        const PAID = ["扶贫资金支付", "医疗机构承担", "个人支付"];
        expectPayments(out, PAID);
        ok(sum(out, PAID).eq(D(c.范围内个人自付).plus(D(c.个人自费))), PAID.map((f) => `${f} ${out[f]}`).join(", "));
        same(out.需专家审查, D(c.个人自费).gt(10_000));
      }),
      params(RUNS),
    );
  });
});

// ── each rounding moves an amount by at most half a cent (DESIGN: half-up to 0.01 once, when produced) ──

describe("rounding", () => {
  const half = new Decimal("0.005");
  it("江门 职工缴费 of a 职工 in 2018: each item is within half a cent of 缴费基数 × its rate (3.0%, 0.5%, 2.8%, 1.5%)", () => {
    const calc = calculator("policies/jiangmen/base.policy", "职工缴费");
    fc.assert(
      fc.property(money(60_000), money(8_000).filter((x) => Number(x) > 0), (月工资, 最低缴费基数) => {
        const out = calc.run({ 日期: "2018-06-30", 参保类别: "职工", 月工资, 最低缴费基数 }, FAST);
        const base = D(out.缴费基数);
        const rates: [string, string][] = [["一档单位缴费", "0.03"], ["一档个人缴费", "0.005"], ["二档单位缴费", "0.028"], ["二档个人缴费", "0.015"]];
        for (const [f, r] of rates) ok(D(out[f]).minus(base.times(r)).abs().lte(half), `${f} ${out[f]} vs ${base.times(r)}`);
      }),
      params(budget(2_000, 10_000)),
    );
  });

  it("江门 住院结算 of a 城乡居民 under every cap: 统筹支付 is within half a cent of (cost − 起付标准) × the level's rate", () => {
    const calc = calculator("policies/jiangmen/base.policy", "住院结算");
    const levels: [string, number, string][] = [["一级及以下", 500, "0.85"], ["二级", 600, "0.80"], ["三级", 900, "0.55"], ["非定点", 1500, "0.40"]];
    fc.assert(
      fc.property(fc.constantFrom(...levels), money(200_000), ([医院级别, 起付, rate], cost) => {
        const out = calc.run({ 日期: "2018-06-30", 参保身份: "城乡居民", 医院级别, 连续缴费月数: 36, 政策范围内费用: cost }, FAST);
        const exact = Decimal.max(0, D(cost).minus(起付)).times(rate);
        ok(D(out.统筹支付).minus(exact).abs().lte(half), `${out.统筹支付} vs ${exact}`);
      }),
      params(budget(2_000, 10_000)),
    );
  });

  // After a ÷ the quotient has 40 significant digits and so has each product with it (docs/language.md,
  // 「最大值」): still, the cent is the exact fraction's, rounded half-up once.
  it("江门 缺口分摊: 本市区分摊 is 待分摊缺口 × 本市区支出 ÷ 全市支出 computed exactly, rounded half-up to the cent", () => {
    const calc = calculator("policies/jiangmen/poverty.policy", "缺口分摊");
    const centsOf = (x: string) => BigInt(D(x).times(100).toFixed(0));
    const share = (gap: string, local: string, total: string) => {
      const [g, l, t] = [centsOf(gap), centsOf(local), centsOf(total)];
      return new Decimal(((2n * g * l + t) / (2n * t)).toString()).div(100).toFixed(2);
    };
    const run = (gap: string, local: string, total: string) =>
      calc.run({ 当期赤字: gap, 累计结余: "0", 本市区支出: local, 全市支出: total }, FAST).本市区分摊;
    // 24986.43 × 0.111…1: the 46-digit product rounds to 40 digits, 2776.27 = 24986.43 ÷ 9.
    expect(run("24986.43", "1000", "9000")).toBe("2776.27");
    // Half a cent exactly: 0.03 × 5 ÷ 6 = 0.025 (the quotient 0.833…3 rounds down) → 0.03.
    expect(run("0.03", "5", "6")).toBe("0.03");
    fc.assert(
      fc.property(money(10_000_000), money(1_000_000).filter((x) => Number(x) > 0), fc.nat({ max: 10_000 }), (gap, total, k) => {
        const local = D(total).times(k).div(10_000).toDecimalPlaces(2, Decimal.ROUND_DOWN).toFixed(2);
        same(run(gap, local, total), share(gap, local, total));
      }),
      params(budget(2_000, 10_000)),
    );
  });
});
