// The schema's patterns for what JSON Schema has no keyword for — a period of validity over
// YYYY-MM-DD, an amount up to its maximum over decimal text — must match exactly the values the
// runtime accepts: dates checked day by day, amounts cent by cent, against plain comparison.
import { describe, expect, it } from "vitest";
import { datePattern, moneyPattern } from "../../packages/compiler/src/schema.js";

const day = (t: number) => new Date(t * 86_400_000).toISOString().slice(0, 10);
const DAYS = Array.from({ length: 3000 }, (_, i) => day(Date.UTC(2016, 0, 1) / 86_400_000 + i)); // 2016 … 2024

describe("datePattern", () => {
  it.each([
    ["2018-01-01", "2020-12-31"],
    ["2017-07-01", undefined],
    [undefined, "2019-06-30"],
    ["2019-02-28", "2019-03-01"],
    ["2018-09-09", "2018-09-10"],
    ["2016-12-31", "2023-01-01"],
  ])("from %s to %s: exactly the days in between", (from, to) => {
    const re = new RegExp(datePattern(from, to), "u");
    // The days where the pattern and the comparison disagree, in one expect (one per day was most of this file's CPU).
    expect(DAYS.filter((d) => re.test(d) !== ((from === undefined || from <= d) && (to === undefined || d <= to)))).toEqual([]);
  });

  it("an open period still refuses year 0000 and malformed dates", () => {
    const re = new RegExp(datePattern(), "u");
    expect(["0001-01-01", "2018-06-01", "9999-12-31"].every((d) => re.test(d))).toBe(true);
    expect(["0000-01-01", "2018-6-1", "20180601", " 2018-06-01"].some((d) => re.test(d))).toBe(false);
  });
});

describe("moneyPattern", () => {
  // Every canonical amount from 0 to 1300 in steps of 0.01 that reads differently (whole, one or
  // two decimals, a leading zero), against the plain comparison with the maximum in cents.
  const texts: [string, number][] = [];
  for (let cents = 0; cents <= 130_000; cents += 7) {
    const whole = Math.floor(cents / 100);
    const frac = String(cents % 100).padStart(2, "0");
    texts.push([`${whole}.${frac}`, cents], [`0${whole}.${frac}`, cents]);
    if (frac.endsWith("0")) texts.push([`${whole}.${frac[0]}`, cents]);
    if (frac === "00") texts.push([`${whole}`, cents]);
  }

  it.each(["1000", "1234.5", "0", "99.99", "100", "1", "9", "1299.07"])("up to %s: exactly the amounts not above it", (max) => {
    const re = new RegExp(moneyPattern(max), "u");
    const limit = Math.round(Number(max) * 100);
    // The amounts where the pattern and the comparison disagree, in one expect (one per amount was most of this file's CPU).
    expect(texts.filter(([text, cents]) => re.test(text) !== cents <= limit).map(([text]) => text)).toEqual([]);
  });

  it("refuses what is not canonical money whatever the maximum", () => {
    const re = new RegExp(moneyPattern("1000000000000"), "u");
    expect(["1.005", "-1", "1e3", "", " 1", "1."].some((t) => re.test(t))).toBe(false);
    expect(["0", "1000000000000", "999999999999.99", "1000000000000.00"].every((t) => re.test(t))).toBe(true);
    expect(re.test("1000000000000.01")).toBe(false);
  });
});
