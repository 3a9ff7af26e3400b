// fold-names.ts converts with OpenCC's t2cn build; the whole package must give the same keys.
import * as OpenCC from "opencc-js";
import { Locale } from "opencc-js/t2cn";
import { describe, expect, it } from "vitest";
import { fold } from "./fold-names.js";

const whole = (["t", "hk", "tw"] as const).map((from) => OpenCC.Converter({ from, to: "cn" }));
const reference = (s: string) => whole.reduce((out, convert) => convert(out), s.normalize("NFKC")).trim().replace(/\s+/g, " ");

describe("fold with OpenCC's t2cn build", () => {
  it("folds every CJK character (Extension B included) as the whole dictionary does", () => {
    const chars: string[] = [];
    for (const [lo, hi] of [[0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff], [0x20000, 0x2a6df]] as const) {
      for (let cp = lo; cp <= hi; cp++) chars.push(String.fromCodePoint(cp));
    }
    // Each character alone (a space apart, so no phrase spans two) and all of them run together.
    const apart = chars.join(" ");
    expect(fold(apart)).toBe(reference(apart));
    const together = chars.join("");
    expect(fold(together)).toBe(reference(together));
  });

  it("folds every word of the dictionaries it reads, and what they turn it into, as the whole dictionary does", () => {
    const words = new Set<string>();
    const add = (dict: unknown) => {
      const entries = typeof dict === "string" ? dict.split("|").map((e) => e.split(" ")) : (dict as string[][]);
      for (const [from, to] of entries) words.add(from!).add(to!);
    };
    for (const config of Object.values(Locale.configs as Record<string, { normalizationChain?: unknown[][]; segmentation?: unknown; conversionChain: unknown[][] }>)) {
      for (const group of [...(config.normalizationChain ?? []), ...config.conversionChain]) group.forEach(add);
    }
    expect(words.size).toBeGreaterThan(10_000);
    const apart = [...words].join(" ");
    expect(fold(apart)).toBe(reference(apart));
  });

  it("folds phrases the dictionaries rewrite as a whole as the whole dictionary does", () => {
    for (const s of ["顯著", "显著", "醫療費用", "門診特定病種", "軟體", "伺服器", "預設值", "住院醫療費用（含）"]) expect(fold(s)).toBe(reference(s));
  });
});
