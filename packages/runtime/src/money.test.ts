import { Decimal as DecimalJs } from "decimal.js";
import { describe, expect, it } from "vitest";
import { D, Decimal, HUNDRED, ONE, ZERO } from "./decimal.js";
import { InputError } from "./errors.js";
import { showTerm } from "./trace.js";
import {
  clampRate,
  formatMoney,
  formatRate,
  maxOf,
  minOf,
  parseMoney,
  parseRate,
  pos,
  roundMoney,
} from "./money.js";

describe("Decimal", () => {
  it("is exact for decimal fractions", () => {
    expect(D(0.1).plus(D(0.2)).eq(D("0.3"))).toBe(true);
  });

  it("keeps 40 significant digits, also for instances of another decimal.js", () => {
    expect(D(1).div(3).toString()).toBe("0." + "3".repeat(40));
    expect(D(new DecimalJs(1)).div(3).toString()).toBe("0." + "3".repeat(40));
  });

  it("prints large and small amounts without exponents", () => {
    expect(D("1e21").toString()).toBe("1000000000000000000000");
    expect(D("0.0000001").toString()).toBe("0.0000001");
  });

  it("exports constants", () => {
    expect([ZERO, ONE, HUNDRED].map(String)).toEqual(["0", "1", "100"]);
    expect(ZERO).toBeInstanceOf(Decimal);
  });
});

describe("roundMoney / formatMoney", () => {
  it("rounds half up at the cent", () => {
    expect(formatMoney(D("0.005"))).toBe("0.01");
    expect(formatMoney(D("1.004999"))).toBe("1.00");
    expect(formatMoney(D("2.675"))).toBe("2.68");
    expect(formatMoney(D("2.665"))).toBe("2.67");
    expect(roundMoney(D("0.005")).toString()).toBe("0.01");
    expect(roundMoney(D("-0.005")).toString()).toBe("-0.01");
  });

  it("formats exactly two decimals and never -0.00", () => {
    expect(formatMoney(ZERO)).toBe("0.00");
    expect(formatMoney(D("12345.6"))).toBe("12345.60");
    expect(formatMoney(D("-0.004"))).toBe("0.00");
    expect(formatMoney(D(-0))).toBe("0.00");
    expect(roundMoney(D("-0.004")).isNeg()).toBe(false);
  });

  it("adds large amounts exactly", () => {
    expect(formatMoney(D("99999999999.99").plus(D("0.01")))).toBe("100000000000.00");
    expect(formatMoney(D("99999999999.99").times(D("0.85")))).toBe("84999999999.99");
  });
});

describe("formatRate / parseRate", () => {
  it("formats fractions as percentages", () => {
    expect(formatRate(D("0.85"))).toBe("85%");
    expect(formatRate(D("0.025"))).toBe("2.5%");
    expect(formatRate(ONE)).toBe("100%");
    expect(formatRate(ZERO)).toBe("0%");
    expect(formatRate(D(1).div(3))).toBe("33.3333%");
  });

  it("parses numbers, fractions and percentages", () => {
    expect(parseRate(0.85, "比例").toString()).toBe("0.85");
    expect(parseRate("85%", "比例").toString()).toBe("0.85");
    expect(parseRate("８５％", "比例").toString()).toBe("0.85");
    expect(parseRate("2.5%", "比例").toString()).toBe("0.025");
    expect(parseRate("0.85", "比例").toString()).toBe("0.85");
    expect(parseRate(0, "比例").toString()).toBe("0");
    expect(parseRate(1, "比例").toString()).toBe("1");
  });

  it("rejects values outside [0, 1] and garbage", () => {
    for (const bad of [85, "150%", -0.1, "-5%", "abc", "", null, Number.NaN]) {
      expect(() => parseRate(bad, "支付比例")).toThrow(InputError);
    }
    expect(() => parseRate(85, "支付比例")).toThrow(
      '字段「支付比例」应为 0 到 1 之间的比例（如 0.85 或 "85%"），收到 85',
    );
  });
});

describe("parseMoney", () => {
  it("accepts numbers and decimal strings with up to two decimals", () => {
    expect(parseMoney(30000, "费用").toString()).toBe("30000");
    expect(parseMoney("30000.5", "费用").toString()).toBe("30000.5");
    expect(parseMoney("30000.50", "费用").toString()).toBe("30000.5");
    expect(parseMoney(30000.55, "费用").toString()).toBe("30000.55");
    expect(parseMoney("３００００．５０", "费用").toString()).toBe("30000.5");
    expect(parseMoney(" 12 ", "费用").toString()).toBe("12");
    expect(parseMoney(1e21, "费用").toString()).toBe("1000000000000000000000");
    expect(parseMoney(0, "费用").toString()).toBe("0");
    expect(parseMoney(-0, "费用").isNeg()).toBe(false);
    expect(parseMoney(D("12.3"), "费用").toString()).toBe("12.3");
  });

  it("names the field and the value in its message", () => {
    expect(() => parseMoney(-5, "政策范围内费用")).toThrow(
      "字段「政策范围内费用」应为不小于 0 的金额（元，最多两位小数），收到 -5",
    );
    try {
      parseMoney("1.005", "年度累计.统筹支付");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).field).toBe("年度累计.统筹支付");
      expect((e as InputError).message).toBe(
        '字段「年度累计.统筹支付」应为不小于 0 的金额（元，最多两位小数），收到 "1.005"',
      );
    }
  });

  it.each([
    ["negative number", -5],
    ["negative string", "-5"],
    ["full-width negative", "－５"],
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["three decimals (string)", "30000.505"],
    ["three decimals (number)", 1.005],
    ["binary float noise", 0.1 + 0.2],
    ["tiny exponent", 1e-7],
    ["empty string", ""],
    ["blank string", "   "],
    ["garbage", "三万"],
    ["exponent string", "1e3"],
    ["thousands separator", "30,000"],
    ["trailing dot", "5."],
    ["leading dot", ".5"],
    ["unit suffix", "500元"],
    ["null", null],
    ["boolean", true],
    ["object", {}],
  ])("rejects %s", (_, v) => {
    expect(() => parseMoney(v, "费用")).toThrow(/^字段「费用」应为不小于 0 的金额（元，最多两位小数），收到 /);
  });
});

describe("pos / minOf / maxOf / clampRate", () => {
  it("pos clamps at zero", () => {
    expect(pos(D(-3)).toString()).toBe("0");
    expect(pos(D(3)).toString()).toBe("3");
  });

  it("minOf ignores null (no limit)", () => {
    expect(minOf(null, null)).toBeNull();
    expect(minOf()).toBeNull();
    expect(minOf(D(5), null, D(3))?.toString()).toBe("3");
    expect(minOf(null, D(7))?.toString()).toBe("7");
  });

  it("maxOf picks the largest", () => {
    expect(maxOf(D(5), D(9), D(3)).toString()).toBe("9");
    expect(() => maxOf()).toThrow();
  });

  it("clampRate keeps rates within [0, 1]", () => {
    expect(clampRate(D("1.05")).toString()).toBe("1");
    expect(clampRate(D("-0.1")).toString()).toBe("0");
    expect(clampRate(D("0.9")).toString()).toBe("0.9");
  });
});

describe("the explanation's formatting reads the digits, as rounding the Decimal would", () => {
  // formatMoney, formatRate and showTerm take the digits of a value's canonical text where no
  // rounding is needed; here against the Decimal operations they stand for.
  const money = (d: Decimal) => {
    const r = d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    return r.isZero() ? "0.00" : r.toFixed(2);
  };
  const rate = (d: Decimal) => {
    const p = d.times(HUNDRED).toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
    return (p.isZero() ? "0" : p.toFixed()) + "%";
  };
  const shown = (d: Decimal, unit: "元" | "%" | "个百分点") => {
    const places = d.decimalPlaces();
    if (unit === "元") return `${places <= 2 ? money(d) : places <= 4 ? d.toFixed() : `约${money(d)}`}元`;
    return unit === "%" ? rate(d) : rate(d).replace("%", "个百分点");
  };
  it("on seeded values of every size and up to eight decimals, and at zero", () => {
    let seed = 20180101;
    const next = (n: number) => ((seed = (seed * 48271) % 2147483647), seed % n);
    const values = ["0", "-0", "0.005", "-0.005", "-0.004", "10000", "0.0001", "1.23456789"];
    for (let i = 0; i < 3000; i++) {
      const whole = next(4) === 0 ? "0" : String(next(10 ** (1 + next(9))));
      const decimals = Array.from({ length: next(9) }, () => next(10)).join("");
      values.push(`${next(3) === 0 ? "-" : ""}${whole}${decimals ? `.${decimals}` : ""}`);
    }
    for (const v of values) {
      const d = D(v);
      expect([formatMoney(d), formatRate(d)], v).toEqual([money(d), rate(d)]);
      for (const unit of ["元", "%", "个百分点"] as const) expect(showTerm(d.toFixed(), unit), `${v} ${unit}`).toBe(shown(d, unit));
    }
  });
});
