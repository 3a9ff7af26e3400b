import { describe, expect, it } from "vitest";
import { InputError, RefusalError, formatError, joinPath } from "./errors.js";
import { periodKey } from "./sequence.js";
import { NO_TRACE, Trace } from "./trace.js";

describe("Trace", () => {
  it("collects steps when enabled", () => {
    const t = new Trace(true);
    t.add({ kind: "adjusted", 项目: "起付标准", 说明: "三级医院", 依据: "二、（四）1.（1）", 值: "900.00" });
    expect(t.enabled).toBe(true);
    expect(t.steps).toEqual([{ kind: "adjusted", 项目: "起付标准", 说明: "三级医院", 依据: "二、（四）1.（1）", 值: "900.00" }]);
  });

  it("ignores steps when disabled", () => {
    const t = new Trace(false);
    t.add({ kind: "adjusted", 项目: "x", 说明: "y", 依据: "z" });
    expect(t.steps).toEqual([]);
    NO_TRACE.add({ kind: "adjusted", 项目: "x", 说明: "y", 依据: "z" });
    expect(NO_TRACE.steps).toEqual([]);
  });
});

describe("errors", () => {
  it("prefixes field paths and re-renders the message", () => {
    const e = new InputError("医院级别", (f) => `缺少必填字段「${f}」`);
    const p = e.withPrefix("第2项");
    expect(p).toBeInstanceOf(InputError);
    expect(p.field).toBe("第2项.医院级别");
    expect(p.message).toBe("缺少必填字段「第2项.医院级别」");
    expect(e.withPrefix("第2项.").field).toBe("第2项.医院级别");
    expect(e.message).toBe("缺少必填字段「医院级别」");
  });

  it("prefixes finished sentences by rewriting the quoted field", () => {
    const e = new InputError("费用", "字段「费用」有误", "金额");
    const p = e.withPrefix("第1项");
    expect(p.message).toBe("字段「第1项.费用」有误");
    expect(p.expected).toBe("金额");
  });

  it("joins paths", () => {
    expect(joinPath("", "a")).toBe("a");
    expect(joinPath("a", "")).toBe("a");
    expect(joinPath("a.", "")).toBe("a");
    expect(joinPath("a", "b")).toBe("a.b");
  });

  it("carries the basis of a refusal", () => {
    const e = new RefusalError("非定点医疗机构门诊费用不予支付", "二、（四）5.");
    expect(e).toBeInstanceOf(InputError);
    expect(e.依据).toBe("二、（四）5.");
    expect(e.message).toBe("非定点医疗机构门诊费用不予支付（依据：二、（四）5.）");
    expect(formatError(e)).toBe(e.message);
    const p = e.withPrefix("第3项");
    expect(p).toBeInstanceOf(RefusalError);
    expect((p as RefusalError).依据).toBe("二、（四）5.");
  });

  it("formats other errors as one generic Chinese line", () => {
    const line = formatError(new TypeError("Cannot read properties of undefined"));
    expect(line).not.toMatch(/Cannot|at |\n/);
    expect(line).toMatch(/内部错误/);
    expect(formatError("oops")).toBe(line);
    let parseError: unknown;
    try {
      JSON.parse("{");
    } catch (e) {
      parseError = e;
    }
    expect(formatError(parseError)).toMatch(/^输入不是合法的 JSON/);
  });
});

describe("periodKey", () => {
  it("keys by year or month", () => {
    expect(periodKey("2018-03-15", "年")).toBe("2018");
    expect(periodKey("2018-03-15", "月")).toBe("2018-03");
    expect(periodKey(null, "年")).toBe("");
  });
});
