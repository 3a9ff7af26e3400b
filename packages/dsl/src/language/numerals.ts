// Numbers a notice writes in Chinese numerals (五万元, 百分之九十, 一千五百元, 三十六个月). The language
// reads Arabic digits only: such a word is an unknown name, and the checker says how to write it.
// Words come folded (a name's key: 萬 → 万, 點 → 点, 個月 → 个月), so only simplified spellings and
// the financial digits (壹, 贰 …) are listed.
import { Decimal } from "decimal.js";

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 两: 2, 贰: 2, 三: 3, 叁: 3, 四: 4, 肆: 4, 五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9 };
const SMALL: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const LARGE: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };

/** The value of a Chinese numeral (一千五百, 三十六, 一点五), undefined when `s` is not one. */
export function chineseNumeral(s: string): Decimal | undefined {
  const [whole, fraction, extra] = s.split("点");
  if (extra !== undefined || !whole) return undefined;
  let total = new Decimal(0);
  let section = 0;
  let digit: number | undefined;
  // 万 or 亿 alone (a unit) is no numeral.
  if (![...whole].some((ch) => ch in DIGITS || ch in SMALL)) return undefined;
  for (const ch of whole) {
    if (ch in DIGITS) {
      // 一千零五: a 零 may stand before a digit; two digits otherwise (一二) are not a numeral.
      if (digit !== undefined && digit !== 0) return undefined;
      digit = DIGITS[ch];
    } else if (ch in SMALL) {
      section += (digit ?? 1) * SMALL[ch];
      digit = undefined;
    } else if (ch in LARGE) {
      // 一亿五千万: 亿 scales all before it, 万 only its own section.
      const own = section + (digit ?? 0);
      total = LARGE[ch] === 10_000 ? total.plus(new Decimal(own).times(10_000)) : total.plus(own).times(LARGE[ch]);
      section = 0;
      digit = undefined;
    } else return undefined;
  }
  let value = total.plus(section + (digit ?? 0));
  if (fraction !== undefined) {
    if (!fraction || [...fraction].some((ch) => !(ch in DIGITS))) return undefined;
    value = value.plus(new Decimal(`0.${[...fraction].map((ch) => DIGITS[ch]).join("")}`));
  }
  return value;
}

/** Units after a numeral, longest first, and how the Arabic form writes them. */
const UNITS: [string, string][] = [
  ["个百分点", "个百分点"],
  ["万元", "万元"],
  ["个月", "个月"],
  ["周岁", "岁"],
  ["元", "元"],
  ["岁", "岁"],
];

/** A name (its folded key) that is a number in Chinese numerals, in Arabic digits (「百分之九十」 → 「90%」, 「千分之五」 → 「0.5%」, 「五万元」 → 「5万元」); undefined otherwise. */
export function arabicForm(name: string): string | undefined {
  // 「千分之五」: per mille, a tenth of a percent.
  const percent = name.match(/^(百|千)分之(.+)$/);
  if (percent) {
    const v = chineseNumeral(percent[2]);
    return v === undefined ? undefined : `${(percent[1] === "千" ? v.div(10) : v).toString()}%`;
  }
  const [spelled, unit] = UNITS.find(([u]) => name.length > u.length && name.endsWith(u)) ?? ["", ""];
  const numeral = name.slice(0, name.length - spelled.length);
  // 「五万元」: the amount the notice writes, in 万元 as it does.
  const tenThousands = unit === "元" && numeral.endsWith("万") ? chineseNumeral(numeral.slice(0, -1)) : undefined;
  if (tenThousands !== undefined && !/[万亿]/.test(numeral.slice(0, -1))) return `${tenThousands.toString()}万元`;
  const v = chineseNumeral(numeral);
  // A lone digit word (一, 十) is more likely a name than a number.
  if (v === undefined || (!unit && [...numeral].length < 2)) return undefined;
  return `${v.toString()}${unit}`;
}
