// `@zhengce/runtime/fold`: name folding (fold-names.ts) and, for tests and tools, conversions
// from simplified to traditional spellings, which read OpenCC's whole dictionary. The language
// front end and the compiler import fold-names.ts, which loads only what folding reads.
import * as OpenCC from "opencc-js";

export { fold, foldTable } from "./fold-names.js";

type Convert = (text: string) => string;

let cnToT: Convert | null = null;
let cnToTwp: Convert | null = null;
let cnToHk: Convert | null = null;
let cnToTw: Convert | null = null;

/** Simplified → traditional, OpenCC standard characters (默认 → 默認, 计算 → 計算). */
export function toTraditional(s: string): string {
  const convert = (cnToT ??= OpenCC.Converter({ from: "cn", to: "t" }));
  return convert(s);
}

/**
 * Simplified → Taiwan usage at phrase level (默认 → 預設). Phrase substitution follows
 * computing vocabulary (对象 → 物件, 参数 → 引數, 发布 → 釋出, 枚举 → 列舉), so use it only
 * for keyword spellings chosen deliberately, never for policy names or text.
 */
export function toTaiwan(s: string): string {
  const convert = (cnToTwp ??= OpenCC.Converter({ from: "cn", to: "twp" }));
  return convert(s);
}

/** Simplified → Hong Kong standard characters (character variants only). */
export function toHongKong(s: string): string {
  return (cnToHk ??= OpenCC.Converter({ from: "cn", to: "hk" }))(s);
}

/** Simplified → Taiwan standard characters (character variants only, no vocabulary: 软件 stays 軟件). */
export function toTaiwanVariants(s: string): string {
  return (cnToTw ??= OpenCC.Converter({ from: "cn", to: "tw" }))(s);
}
