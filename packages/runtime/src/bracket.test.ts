import { describe, expect, it } from "vitest";
import {
  marginal,
  marginalInverse,
  marginalOver,
  marginalParts,
  tier,
  validateSlices,
  type Slice,
  type Tier,
} from "./bracket.js";
import { D, type Decimal } from "./decimal.js";

function slice(lower: number | null, upper: number | null, rate: string, step?: [number, string]): Slice {
  return {
    lower: lower === null ? null : D(lower),
    lowerInclusive: false,
    upper: upper === null ? null : D(upper),
    upperInclusive: true,
    rate: D(rate),
    ...(step ? { step: { width: D(step[0]), increment: D(step[1]) } } : {}),
  };
}

const s = (d: Decimal | null) => (d === null ? null : d.toString());

// 江门 二档: 5000（含）以内 50%，超过 5000 至 20万（含）85%，超过 20万 90%
const jiangmen = [slice(null, 5000, "0.5"), slice(5000, 200000, "0.85"), slice(200000, null, "0.9")];

// 通化 大病 on the excess over 10000: 60% up to 10000, then +1% per 10000, 80% beyond 200000
const tonghua = [
  slice(0, 10000, "0.60"),
  slice(10000, 200000, "0.60", [10000, "0.01"]),
  slice(200000, null, "0.80"),
];

describe("marginal", () => {
  it("charges each part of the amount at its slice's rate", () => {
    expect(s(marginal(jiangmen, D(0)))).toBe("0");
    expect(s(marginal(jiangmen, D(3000)))).toBe("1500");
    expect(s(marginal(jiangmen, D(5000)))).toBe("2500");
    expect(s(marginal(jiangmen, D(7000)))).toBe("4200");
    expect(s(marginal(jiangmen, D(200000)))).toBe("168250");
    expect(s(marginal(jiangmen, D(250000)))).toBe("213250");
  });

  it("pays nothing below the first slice's lower bound", () => {
    const from300 = [slice(300, 10000, "0.75"), slice(10000, null, "0.85")];
    expect(s(marginal(from300, D(200)))).toBe("0");
    expect(s(marginal(from300, D(300)))).toBe("0");
    expect(s(marginal(from300, D(1300)))).toBe("750");
    expect(s(marginal(from300, D(10000)))).toBe("7275");
  });

  it("adds on top of a year-to-date base", () => {
    // 1000 × 50% + 2000 × 85%
    expect(s(marginalOver(jiangmen, D(4000), D(3000)))).toBe("2200");
    expect(s(marginalOver(jiangmen, D(0), D(3000)))).toBe("1500");
    expect(s(marginalOver(jiangmen, D(199000), D(2000)))).toBe("1750");
    expect(s(marginalOver(jiangmen, D(4000), D(0)))).toBe("0");
  });

  it("expands stepped progression (每增加 10000 提高 1%)", () => {
    expect(s(marginal(tonghua, D(10000)))).toBe("6000");
    // 6000 + 10000 × 61% + 5000 × 62%
    expect(s(marginal(tonghua, D(25000)))).toBe("15200");
    expect(s(marginal(tonghua, D(20000)))).toBe("12100");
    // 6000 + 10000 × (61% + 62% + … + 79%)
    expect(s(marginal(tonghua, D(200000)))).toBe("139000");
    expect(s(marginal(tonghua, D(210000)))).toBe("147000");
    expect(s(marginalOver(tonghua, D(190000), D(10000)))).toBe("7900");
    expect(s(marginalOver(tonghua, D(15000), D(10000)))).toBe("6150");
  });

  it("truncates the last stepped sub-slice at the slice's upper bound", () => {
    const odd = [slice(0, 25000, "0.5", [10000, "0.1"]), slice(25000, null, "0.9")];
    // 10000 × 60% + 10000 × 70% + 5000 × 80%, then 5000 × 90%
    expect(s(marginal(odd, D(25000)))).toBe("17000");
    expect(s(marginal(odd, D(30000)))).toBe("21500");
  });
});

describe("marginalParts", () => {
  it("lists the pieces of (base, base + x] and sums to marginalOver", () => {
    const parts = marginalParts(jiangmen, D(4000), D(3000));
    expect(parts.map((p) => [s(p.从), s(p.到), s(p.比例), s(p.金额), s(p.支付)])).toEqual([
      ["4000", "5000", "0.5", "1000", "500"],
      ["5000", "7000", "0.85", "2000", "1700"],
    ]);
  });

  it("lists stepped sub-slices one by one", () => {
    const parts = marginalParts(tonghua, D(15000), D(10000));
    expect(parts.map((p) => [s(p.从), s(p.到), s(p.比例)])).toEqual([
      ["15000", "20000", "0.61"],
      ["20000", "25000", "0.62"],
    ]);
    for (const [base, x] of [[0, 250000], [12345, 67890], [199999, 2]]) {
      const sum = marginalParts(tonghua, D(base), D(x)).reduce((a, p) => a.plus(p.支付), D(0));
      expect(s(sum)).toBe(s(marginalOver(tonghua, D(base), D(x))));
    }
  });
});

describe("marginalInverse", () => {
  const from300 = [slice(300, 10000, "0.75"), slice(10000, null, "0.85")];

  it("finds where a capped payment reaches its cap", () => {
    // F(10000) = 9700 × 75% = 7275; x = 10000 + (70000 − 7275) / 85%
    const x = marginalInverse(from300, D(70000)) as Decimal;
    expect(x.toDecimalPlaces(6).toString()).toBe("83794.117647");
    expect(x.toString()).toBe("83794.11764705882352941176470588235294118");
    expect(marginal(from300, x).minus(70000).abs().lt(D("1e-30"))).toBe(true);
  });

  it("is exact at slice boundaries and inside the first slice", () => {
    expect(s(marginalInverse(from300, D(7275)))).toBe("10000");
    expect(s(marginalInverse(from300, D(750)))).toBe("1300");
    expect(s(marginalInverse(from300, D(0)))).toBe("0");
    expect(s(marginalInverse(from300, D(-1)))).toBe("0");
    expect(s(marginalInverse(jiangmen, D(2200)))).toBe("4400");
    expect(s(marginalInverse(jiangmen, D(168250)))).toBe("200000");
    expect(s(marginalInverse(jiangmen, D(213250)))).toBe("250000");
  });

  it("returns null when the payment never reaches the target", () => {
    const bounded = [slice(0, 1000, "0.5")];
    expect(s(marginalInverse(bounded, D(500)))).toBe("1000");
    expect(marginalInverse(bounded, D("500.01"))).toBeNull();
    expect(marginalInverse([slice(0, null, "0")], D(1))).toBeNull();
  });

  it("inverts stepped slices", () => {
    expect(s(marginalInverse(tonghua, D(6000)))).toBe("10000");
    expect(s(marginalInverse(tonghua, D("6000.61")))).toBe("10001");
    expect(s(marginalInverse(tonghua, D(15200)))).toBe("25000");
    expect(s(marginalInverse(tonghua, D(12100)))).toBe("20000");
    expect(s(marginalInverse(tonghua, D(139000)))).toBe("200000");
    expect(s(marginalInverse(tonghua, D(147000)))).toBe("210000");
  });

  it("inverts an open-ended stepped slice", () => {
    const open = [slice(0, null, "0.5", [1000, "0.1"])];
    // 1000 × 60% + 1000 × 70% + 500 × 80%
    expect(s(marginal(open, D(2500)))).toBe("1700");
    expect(s(marginalInverse(open, D(1700)))).toBe("2500");
    const fading = [slice(0, null, "0.3", [1000, "-0.1"])];
    // sub-slice rates 20%, 10%, 0%: at most 300 is ever paid
    expect(s(marginalInverse(fading, D(250)))).toBe("1500");
    expect(s(marginalInverse(fading, D(300)))).toBe("2000");
    expect(marginalInverse(fading, D(301))).toBeNull();
  });

  it("round-trips F for many amounts", () => {
    for (const slices of [jiangmen, tonghua, from300]) {
      for (let x = 301; x < 400000; x += 7919) {
        const got = marginalInverse(slices, marginal(slices, D(x))) as Decimal;
        expect(got.minus(x).abs().lt(D("1e-25"))).toBe(true);
      }
    }
  });
});

describe("tier", () => {
  // 不超过 12个月：50%；超过 12 至 24（含）：70%；超过 24：100%
  const tiers: Tier<string>[] = [
    { lower: null, lowerInclusive: false, upper: D(12), upperInclusive: true, value: "0.5" },
    { lower: D(12), lowerInclusive: false, upper: D(24), upperInclusive: true, value: "0.7" },
    { lower: D(24), lowerInclusive: false, upper: null, upperInclusive: false, value: "1.0" },
  ];

  it("honours inclusion at the boundaries", () => {
    expect(tier(tiers, D(0))).toBe("0.5");
    expect(tier(tiers, D(12))).toBe("0.5");
    expect(tier(tiers, D("12.5"))).toBe("0.7");
    expect(tier(tiers, D(13))).toBe("0.7");
    expect(tier(tiers, D(24))).toBe("0.7");
    expect(tier(tiers, D(25))).toBe("1.0");
  });

  it("returns undefined where no tier applies", () => {
    const gappy: Tier<number>[] = [
      { lower: D(0), lowerInclusive: true, upper: D(10), upperInclusive: false, value: 1 },
      { lower: D(10), lowerInclusive: false, upper: null, upperInclusive: false, value: 2 },
    ];
    expect(tier(gappy, D(10))).toBeUndefined();
    expect(tier(gappy, D(-1))).toBeUndefined();
    expect(tier(gappy, D(11))).toBe(2);
  });
});

describe("validateSlices", () => {
  it("accepts well-formed slices", () => {
    expect(validateSlices(jiangmen)).toEqual([]);
    expect(validateSlices(tonghua)).toEqual([]);
  });

  it("reports gaps, overlaps and non-increasing bounds", () => {
    const kinds = (xs: Slice[]) => validateSlices(xs).map((p) => [p.kind, p.index]);
    expect(kinds([slice(0, 10000, "0.5"), slice(12000, null, "0.6")])).toEqual([["gap", 1]]);
    expect(kinds([slice(0, 10000, "0.5"), slice(8000, null, "0.6")])).toEqual([["overlap", 1]]);
    expect(kinds([slice(0, null, "0.5"), slice(8000, null, "0.6")])).toEqual([["overlap", 1]]);
    expect(kinds([slice(0, 10000, "0.5"), slice(null, null, "0.6")])).toEqual([["overlap", 1]]);
    expect(kinds([slice(5000, 5000, "0.5")])).toEqual([["order", 0]]);
    expect(kinds([slice(0, 10, "-0.5")])).toEqual([["rate", 0]]);
    expect(kinds([slice(0, 10, "0.5", [0, "0.1"])])).toEqual([["step", 0]]);
    expect(kinds([slice(0, 10000, "0.1", [1000, "-0.05"])])).toEqual([["rate", 0]]);
  });

  it("reports a boundary point claimed by both neighbours or by neither", () => {
    const both: Slice[] = [slice(0, 5000, "0.5"), { ...slice(5000, null, "0.85"), lowerInclusive: true }];
    const neither: Slice[] = [{ ...slice(0, 5000, "0.5"), upperInclusive: false }, slice(5000, null, "0.85")];
    expect(validateSlices(both)).toEqual([{ kind: "overlap", index: 1, message: "第1段与第2段都包含 5000" }]);
    expect(validateSlices(neither)).toEqual([
      { kind: "gap", index: 1, message: "第1段与第2段都不包含 5000，该金额不属于任何一段" },
    ]);
  });

  it("describes problems in Chinese", () => {
    const [p] = validateSlices([slice(0, 10000, "0.5"), slice(12000, null, "0.6")]);
    expect(p.message).toBe("第1段与第2段之间有空档：10000 至 12000 不属于任何一段");
  });
});
