// fold-names.ts converts with OpenCC's t2cn build; the whole package must give the same keys.
import * as OpenCC from "opencc-js";
import { Locale } from "opencc-js/t2cn";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fold, foldLines } from "./fold-names.js";

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

  it("leaves a text alone without converting only where the dictionaries would too", () => {
    // fold skips OpenCC's tables for a text in which no word with another replacement occurs
    // (ChangeFilter): every line of the seed notices and policies, and pieces of the
    // dictionaries' words run together (cut at either end, so most start no word), one by one.
    const dir = fileURLToPath(new URL("../../../policies/", import.meta.url));
    const texts = readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".txt") || f.endsWith(".policy"))
      .flatMap((f) => readFileSync(dir + f, "utf8").split(/\r?\n/));
    const words: string[] = [];
    for (const config of Object.values(Locale.configs as Record<string, { normalizationChain?: unknown[][]; conversionChain: unknown[][] }>)) {
      for (const group of [...(config.normalizationChain ?? []), ...config.conversionChain]) {
        for (const dict of group) for (const e of typeof dict === "string" ? dict.split("|") : (dict as string[][]).map((p) => p.join(" "))) words.push(e.split(" ")[0]!);
      }
    }
    let seed = 20261203;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const piece = () => {
      const w = [...words[next(words.length)]!];
      return w.slice(next(2), w.length - next(2)).join("");
    };
    // Between pieces now and then a CJK character, in some word or in none: the conversion cuts a text at the latter.
    const glue = () => (next(2) ? "" : String.fromCodePoint(0x4e00 + next(0x5200)));
    for (let i = 0; i < 20_000; i++) texts.push(piece() + glue() + piece() + (next(3) ? "" : "⿰") + piece() + glue() + piece());
    const differ = texts.filter((t) => fold(t) !== reference(t));
    expect(differ).toEqual([]);
  });

  it("folds phrases the dictionaries rewrite as a whole as the whole dictionary does", () => {
    for (const s of ["顯著", "显著", "醫療費用", "門診特定病種", "軟體", "伺服器", "預設值", "住院醫療費用（含）"]) expect(fold(s)).toBe(reference(s));
  });
});

describe("foldLines", () => {
  it("folds each line of every seed notice, traditional and full-width copies included, as fold does line by line", () => {
    const dir = fileURLToPath(new URL("../../../policies/", import.meta.url));
    const notices = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".txt"));
    expect(notices.length).toBeGreaterThanOrEqual(4);
    for (const f of notices) {
      const lines = readFileSync(dir + f, "utf8").split(/\r?\n/);
      const variants = [lines, lines.map((l) => whole[0]!(l)), lines.map((l) => l.normalize("NFKD") + "　")];
      for (const v of variants) expect(foldLines(v)).toEqual(v.map(fold));
    }
  });

  it("does not let an ideographic description cut short at a line's end take in the next line", () => {
    const lines = ["醫療⿰", "費用", "⿱艹", "門診⿲木", "  顯著  "];
    expect(foldLines(lines)).toEqual(lines.map(fold));
    expect(foldLines(["a\nb", "醫"])).toEqual(["a\nb", "医"].map(fold));
  });
});

describe("the table of what folds to each character (fold-inverse.generated.ts)", () => {
  it("holds every BMP CJK character that fold turns into another single character (UPDATE_GOLDEN=1 remakes it)", () => {
    const chars: string[] = [];
    for (const [lo, hi] of [[0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff]] as const) {
      for (let cp = lo; cp <= hi; cp++) {
        // NFKC runs before the dictionaries: a character NFKC changes is never what a text holds.
        const ch = String.fromCharCode(cp);
        if (ch.normalize("NFKC") === ch) chars.push(ch);
      }
    }
    // One text, a space apart (no phrase spans two characters): fold converts a long text far faster than many short ones.
    const folded = fold(chars.join(" ")).split(" ");
    expect(folded).toHaveLength(chars.length);
    const pairs = chars.flatMap((ch, i) => (folded[i] !== ch && [...folded[i]!].length === 1 ? [ch + folded[i]] : []));
    const lines: string[] = [];
    for (let i = 0; i < pairs.length; i += 40) lines.push(`  ${JSON.stringify(pairs.slice(i, i + 40).join(""))},`);
    const source = [
      "// Generated by fold-names.test.ts from OpenCC's dictionaries through `fold`; do not edit (UPDATE_GOLDEN=1 remakes it).",
      "// Pairs of characters: each BMP CJK character that `fold` turns into another single character, then that character.",
      "export const FOLD_INVERSE: readonly string[] = [",
      ...lines,
      "];",
      "",
    ].join("\n");
    const file = fileURLToPath(new URL("./fold-inverse.generated.ts", import.meta.url));
    if (process.env.UPDATE_GOLDEN) writeFileSync(file, source);
    expect(readFileSync(file, "utf8"), "OpenCC's dictionaries or fold changed: UPDATE_GOLDEN=1 npx vitest run packages/runtime/src/fold-names.test.ts").toBe(source);
    expect(pairs.length).toBeGreaterThan(1000);
  });
});
