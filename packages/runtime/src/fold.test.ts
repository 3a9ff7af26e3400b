import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fold, toTaiwan, toTraditional } from "./fold.js";

describe("fold", () => {
  it("folds traditional to simplified", () => {
    expect(fold("一級及以下")).toBe(fold("一级及以下"));
    expect(fold("特困供養")).toBe("特困供养");
    expect(fold("醫院級別")).toBe("医院级别");
    expect(fold("政策範圍內費用")).toBe("政策范围内费用");
    expect(fold("年度累計.統籌支付")).toBe("年度累计.统筹支付");
  });

  it("folds Hong Kong and Taiwan variant characters", () => {
    expect(fold("衞生")).toBe(fold("卫生"));
    expect(fold("衛生")).toBe(fold("卫生"));
    expect(fold("裏")).toBe(fold("里"));
    expect(fold("著急")).toBe(fold("着急"));
  });

  it("folds full-width forms to half-width", () => {
    expect(fold("慢性肾功能不全(需透析)")).toBe(fold("慢性肾功能不全（需透析）"));
    expect(fold("５００")).toBe("500");
    expect(fold("比例：８５％，ＡＢ")).toBe("比例:85%,AB");
  });

  it("trims and collapses whitespace", () => {
    expect(fold("  职工　 退休 ")).toBe("职工 退休");
  });

  it("leaves simplified names unchanged", () => {
    for (const s of ["政策范围内费用", "起付标准", "统筹基金", "大病保险", "特困供养", "建档立卡", "非定点"]) {
      expect(fold(s)).toBe(s);
    }
  });

  it("gives the same key to a word and its traditional spellings, and is idempotent", () => {
    for (const s of ["显著", "著名", "着急", "卫生", "里程", "干部", "发票", "后面", "余额", "适用", "范围"]) {
      expect(fold(toTraditional(s))).toBe(fold(s));
      expect(fold(fold(s))).toBe(fold(s));
    }
  });
});

describe("toTraditional / toTaiwan", () => {
  it("converts characters to OpenCC standard traditional", () => {
    expect(toTraditional("默认")).toBe("默認");
    expect(toTraditional("计算")).toBe("計算");
    expect(toTraditional("医院级别")).toBe("醫院級別");
  });

  it("converts to Taiwan usage at phrase level", () => {
    expect(toTaiwan("默认")).toBe("預設");
    expect(toTaiwan("计算")).toBe("計算");
  });
});

describe("the main entry", () => {
  it("reaches no OpenCC dictionary: calculators import it, and fold only through their tables", () => {
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(new URL(file, import.meta.url), "utf8");
      for (const [, spec] of text.matchAll(/^(?:import|export)\s[^;]*?from\s+"([^"]+)"/gms)) {
        if (spec.startsWith("./")) visit(spec.replace(/\.js$/, ".ts"));
        else packages.add(spec);
      }
    };
    visit("./index.ts");
    expect(seen.has("./fold-key.ts")).toBe(true);
    expect([...packages].sort()).toEqual(["decimal.js"]);
  });
});
