import { describe, expect, it } from "vitest";
import { parseJson } from "../../packages/compiler/src/cli/json.js";

function failure(text: string): string {
  try {
    parseJson(text);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("parsed");
}

describe("JSON input errors", () => {
  it("parses valid JSON with JSON.parse", () => {
    expect(parseJson('{"a":[1,"二"]}')).toEqual({ a: [1, "二"] });
  });

  it.each([
    ['{"a":}', "意外的字符「}」(行 1 列 6)"],
    ['{"a":1,}', "最后一项后多了逗号(行 1 列 8)"],
    ['{\n  "a": 1\n  "b": 2\n}', "此处应为逗号或「}」，意外的字符「\"」(行 3 列 3)"],
    ["", "内容是空的(行 1 列 1)"],
    ["{'a':1}", "此处应为用双引号括起的字段名，意外的字符「'」(行 1 列 2)"],
    ['{"a":"x', "字符串没有结束（缺少右引号）(行 1 列 6)"],
    ['{"a":"x\ny"}', "字符串中有未转义的控制字符（如换行）(行 1 列 8)"],
    ["[1,2]x", "JSON 值之后有多余的内容，意外的字符「x」(行 1 列 6)"],
    ['{"a":tru}', "意外的字符「}」(行 1 列 9)"],
    ["[01]", "此处应为逗号或「]」，意外的字符「1」(行 1 列 3)"],
    ['{"甲":"乙",\r\n"丙" 1}', "字段名后应为冒号，意外的字符「1」(行 2 列 5)"],
    ['{"a":"\\x"}', "无效的转义「\\x」(行 1 列 7)"],
  ])("%j → %s", (text, message) => {
    expect(failure(text)).toBe(message);
  });
});
