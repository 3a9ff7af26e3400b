// Diagnostic codes are stable: code actions, tests and documentation match on them.
import type { Span } from "./ast.js";

export type Severity = "error" | "warning" | "info";

export const CODES = {
  E001: "词法错误：无法识别的字符",
  E002: "语法错误",
  E003: "日期不存在",
  E004: "表达式嵌套过深",
  E101: "未知的名称",
  E102: "重复定义",
  E103: "名称用错了地方",
  E110: "类型不符",
  E111: "单位不符",
  E112: "条件须为是/否",
  E120: "表缺少枚举成员",
  E121: "表中键重复",
  E122: "表键不是该枚举的成员",
  E130: "分段之间有间断",
  E131: "分段重叠",
  E132: "分段边界不递增",
  W133: "分段边界含义不明确",
  E140: "比例超出 0–100%",
  E150: "时间版本重叠",
  E151: "时间版本之间有间断",
  E152: "时间版本未覆盖有效期",
  E153: "结束日期早于开始日期",
  E160: "修正项不适用于该类型",
  E161: "「否则当」「否则」前面没有「当」",
  E170: "修订引用了基础政策中没有的声明",
  E171: "找不到基础政策",
  E180: "示例中的字段不存在",
  E181: "示例未通过",
  W190: "输入未被使用",
  E191: "在定义之前使用",
  E192: "缺少必要的内容",
  W193: "枚举未被使用",
  W194: "枚举成员不会出现",
  E195: "所用参数依赖的输入在本计算中不存在",
  E196: "输入的下限大于上限",
  W197: "限额减去累计可能为负",
  W200: "读不到原文",
  W201: "原文中没有这一条款",
  W202: "引文在原文的另一条款中",
  W203: "引文与原文不符",
  W204: "条款中没有所引的项",
} as const;

/**
 * A check that threw: reported on the declaration it was checking, while the other checks
 * still run. Never caused by a policy, so it has no entry (and no example) among CODES.
 */
export const INTERNAL_ERROR = "E900";

export type DiagnosticCode = keyof typeof CODES | typeof INTERNAL_ERROR;

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based column in UTF-16 code units (LSP convention). */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  /** One Chinese sentence; names quoted with 「」. */
  message: string;
  range: Range;
  span: Span;
  uri: string;
  /** The clause of the source document the offending declaration cites (shown to users as 依据), when it has one. */
  citation?: string;
}

export function severityOf(code: DiagnosticCode): Severity {
  return code.startsWith("W") ? "warning" : "error";
}

/** Offsets ↔ LSP positions for one text. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    // LF, CRLF and a lone CR each end a line, as the LSP specifies.
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
    }
  }
  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo] };
  }
  /** Offset of the first character of the line holding `offset`. */
  lineStart(offset: number): number {
    return this.starts[this.position(offset).line];
  }
  /** Offset of the line break that ends the line holding `offset` (the text's length on the last line). */
  lineEnd(offset: number): number {
    const next = this.starts[this.position(offset).line + 1];
    if (next === undefined) return this.text.length;
    return next - (next >= 2 && this.text.charCodeAt(next - 2) === 13 && this.text.charCodeAt(next - 1) === 10 ? 2 : 1);
  }
  /** A character past the end of its line means the line's end, as the LSP specifies. */
  offset(p: Position): number {
    const line = Math.max(0, Math.min(p.line, this.starts.length - 1));
    const start = this.starts[line] ?? 0;
    return Math.min(start + Math.max(0, p.character), this.lineEnd(start));
  }
  range(span: Span): Range {
    return { start: this.position(span.start), end: this.position(span.end) };
  }
}
