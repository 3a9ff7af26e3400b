import { describe, expect, it } from "vitest";
import { arabicForm, chineseNumeral } from "./numerals.js";

describe("Chinese numerals", () => {
  it.each([
    ["十五", "15"],
    ["三十六", "36"],
    ["一千五百", "1500"],
    ["一千零五", "1005"],
    ["二十万", "200000"],
    ["一亿五千万", "150000000"],
    ["壹仟伍佰", "1500"],
    ["一点五", "1.5"],
    ["零点五", "0.5"],
  ])("%s is %s", (numeral, value) => expect(chineseNumeral(numeral)?.toString()).toBe(value));

  it.each(["一二", "甲", "一点", "一点五点", "十点x", "万", "亿万"])("%s is not one", (s) => expect(chineseNumeral(s)).toBeUndefined());

  it.each([
    ["百分之九十", "90%"],
    ["千分之五", "0.5%"],
    ["千分之二点五", "0.25%"],
    ["百分之八十五", "85%"],
    ["五万元", "5万元"],
    ["十五万元", "15万元"],
    ["一千五百元", "1500元"],
    ["三十六个月", "36个月"],
    ["六十周岁", "60岁"],
    ["零点五个百分点", "0.5个百分点"],
    ["一百二十", "120"],
  ])("the name 「%s」 is written 「%s」", (name, arabic) => expect(arabicForm(name)).toBe(arabic));

  // A lone digit word, or a name that only contains numerals, is a name.
  it.each(["一", "十", "一档", "二级", "三级医院", "百分之", "元", "万元", "亿元"])("「%s」 stays a name", (name) => expect(arabicForm(name)).toBeUndefined());
});
