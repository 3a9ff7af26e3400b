import { describe, expect, it } from "vitest";
import { runCalc } from "../../packages/compiler/src/cli/calc.js";
import { deps, fixture, memoryIo, tempDir, writeTemp } from "./helpers.js";

async function calc(args: string[], stdin?: string) {
  const io = memoryIo({ stdin });
  const code = await runCalc(args, io, deps);
  return { code, out: io.out, err: io.err };
}

function inputFile(content: string): string {
  return writeTemp(tempDir(), "input.json", content);
}

const CASE = { 参保身份: "城乡居民", 政策范围内费用: "1500", 连续缴费月数: 36 };

describe("calc", () => {
  it("prints exactly one pretty JSON object on stdout and nothing on stderr", async () => {
    const r = await calc(["ok.policy", "住院结算", "--input", inputFile(JSON.stringify(CASE))]);
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    const value = JSON.parse(r.out);
    expect(value).toMatchObject({ 起付标准: "500.00", 统筹支付: "800.00", 个人负担: "700.00" });
    expect(value.计算过程[0]).toMatchObject({ 说明: expect.any(String), 依据: expect.any(String) });
    expect(r.out).toBe(JSON.stringify(value, null, 2) + "\n");
    expect(r.out).toContain("起付标准"); // non-ASCII kept as is, not \u-escaped
  });

  it("runs an array input as one person's sequence and prints an array", async () => {
    const claims = [CASE, { ...CASE, 政策范围内费用: 1000 }];
    const r = await calc(["ok.policy", "住院结算", "--input", inputFile(JSON.stringify(claims))]);
    expect(r.code).toBe(0);
    const value = JSON.parse(r.out);
    expect(value).toHaveLength(2);
    expect(value.map((v: { 统筹支付: string }) => v.统筹支付)).toEqual(["800.00", "200.00"]);
  });

  it("reads the input from stdin with --input -", async () => {
    const r = await calc(["ok.policy", "住院结算", "--input", "-"], JSON.stringify(CASE));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).统筹支付).toBe("800.00");
  });

  it("matches calculator names across widths and scripts", async () => {
    const half = await calc(["ok.policy", "门诊(特定病种)", "-i", inputFile('{"当月范围内费用":100}')]);
    expect(half.code).toBe(0);
    expect(JSON.parse(half.out)).toEqual({ 统筹支付: "60.00" });
    const traditional = await calc(["ok.policy", "住院結算", "-i", inputFile(JSON.stringify(CASE))]);
    expect(traditional.code).toBe(0);
  });

  it.each([
    ["an unknown field", { ...CASE, 政策范围内费: 1 }, "政策范围内费"],
    ["a missing required field", { 参保身份: "城乡居民", 连续缴费月数: 3 }, "政策范围内费用"],
    ["an unknown enum value", { ...CASE, 参保身份: "学生" }, "参保身份"],
    ["negative money", { ...CASE, 政策范围内费用: -1 }, "政策范围内费用"],
    ["three decimals", { ...CASE, 政策范围内费用: "1.234" }, "政策范围内费用"],
    ["a bad element of a sequence", [CASE, { ...CASE, 参保身份: "学生" }], "参保身份"],
  ])("rejects %s: exit 2, one Chinese line naming the field, empty stdout", async (_, input, field) => {
    const r = await calc(["ok.policy", "住院结算", "--input", inputFile(JSON.stringify(input))]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/^错误\[R\d{3}\]：[^\n]+\n$/);
    expect(r.err).toContain(field);
  });

  it("rejects a non-object input", async () => {
    const r = await calc(["ok.policy", "住院结算", "--input", inputFile("42")]);
    expect([r.code, r.out]).toEqual([2, ""]);
    expect(r.err).toMatch(/^错误\[C023\]：输入应为一个 JSON 对象/);
  });

  it("reports malformed JSON with line and column", async () => {
    const r = await calc(["ok.policy", "住院结算", "--input", inputFile('{\n  "参保身份": "城乡居民",\n  "政策范围内费用": ,\n}')]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toBe("错误[C020]：输入文件不是合法的 JSON：意外的字符「,」(行 3 列 14)\n");
  });

  it("fails with exit 2 when a file is missing", async () => {
    const noInput = await calc(["ok.policy", "住院结算", "--input", "nope.json"]);
    expect([noInput.code, noInput.out, noInput.err]).toEqual([2, "", "错误[C010]：找不到输入文件「nope.json」\n"]);
    const noPolicy = await calc(["nope.policy", "住院结算", "--input", inputFile("{}")]);
    expect([noPolicy.code, noPolicy.out, noPolicy.err]).toEqual([2, "", "错误[C010]：找不到政策文件「nope.policy」\n"]);
  });

  it("prints a policy's error diagnostics and exits 2", async () => {
    const r = await calc(["bad.policy", "住院结算", "--input", inputFile(JSON.stringify(CASE))]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toBe("bad.policy:10:5: 错误 E101 未知的名称「起付标准表」\n错误[C040]：政策文件「bad.policy」有 1 个错误，无法计算\n");
  });

  it("lists the calculators when the name is unknown", async () => {
    const r = await calc(["ok.policy", "门诊结算", "--input", inputFile("{}")]);
    expect(r.code).toBe(2);
    expect(r.err).toBe("错误[C041]：政策文件「ok.policy」中没有计算器「门诊结算」；可用的计算器：住院结算、门诊（特定病种）、回显\n");
  });

  it("never prints a stack trace for a defect in a calculator", async () => {
    const r = await calc(["ok.policy", "回显", "--input", inputFile('{"序号":1,"崩溃":true}')]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/^错误\[C099\]：计算时发生内部错误[^\n]*\n$/);
    expect(r.err).not.toMatch(/\bat .*:\d+:\d+/);
  });

  it.each([
    [["ok.policy", "住院结算"], "calc 需要 --input"],
    [["ok.policy"], "calc 需要参数 <政策文件> <计算器>"],
    [["ok.policy", "住院结算", "x", "-i", "a.json"], "多出「x」"],
    [["ok.policy", "住院结算", "--inptu", "a.json"], "未知选项「--inptu」"],
    [["ok.policy", "住院结算", "--input"], "选项「--input」需要一个值"],
  ])("usage error %j → exit 2", async (args, message) => {
    const r = await calc(args);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toContain(message);
    expect(r.err).toMatch(/^错误\[C00[12]\]：/);
  });

  it("prints its help with every option", async () => {
    const r = await calc(["--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("--input");
    expect(r.out).toContain("退出码");
  });

  it("resolves paths against the working directory", async () => {
    const r = await calc([fixture("ok.policy"), "住院结算", "-i", inputFile(JSON.stringify(CASE))]);
    expect(r.code).toBe(0);
  });
});
