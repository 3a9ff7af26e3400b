// The period of validity in the schema is a pattern over YYYY-MM-DD: it must match exactly the
// days from the first to the last, checked here day by day against plain string comparison.
import { describe, expect, it } from "vitest";
import { datePattern } from "../../packages/compiler/src/schema.js";

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
    for (const d of DAYS) expect(re.test(d), d).toBe((from === undefined || from <= d) && (to === undefined || d <= to));
  });

  it("an open period still refuses year 0000 and malformed dates", () => {
    const re = new RegExp(datePattern(), "u");
    expect(["0001-01-01", "2018-06-01", "9999-12-31"].every((d) => re.test(d))).toBe(true);
    expect(["0000-01-01", "2018-6-1", "20180601", " 2018-06-01"].some((d) => re.test(d))).toBe(false);
  });
});
