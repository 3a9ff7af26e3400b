/** Renders the message for a given (possibly prefixed) field path. */
export type DescribeError = (field: string) => string;

/** Joins dotted path segments, skipping empty ones: joinPath("第2项", "医院级别") = "第2项.医院级别". */
export function joinPath(prefix: string, field: string): string {
  if (prefix === "") return field;
  if (field === "") return prefix.endsWith(".") ? prefix.slice(0, -1) : prefix;
  return prefix.endsWith(".") ? prefix + field : prefix + "." + field;
}

/** 「字段」 or, for the whole input, 「输入」 — the subject of most messages. */
export function subjectOf(field: string): string {
  return field === "" ? "输入" : `字段「${field}」`;
}

/** "应为…" with the space Chinese typesetting puts before a leading digit or Latin letter. */
export function shouldBe(expected: string): string {
  return /^[A-Za-z0-9]/.test(expected) ? `应为 ${expected}` : `应为${expected}`;
}

/**
 * The stable codes of input errors and refusals: a program branches on the code, never on
 * the Chinese wording, which may be improved. docs/errors.md lists each with an example;
 * a test keeps that list and this table equal.
 */
export const INPUT_ERROR_CODES = {
  R101: "输入不是 JSON 对象",
  R102: "缺少必填字段",
  R103: "未知字段",
  R104: "字段重复（折叠繁简、全半角后同名）",
  R105: "取值不在可选值之内",
  R106: "类型不符（应为 true/false、文本、数组或对象）",
  R107: "金额不合法（负数、多于两位小数、不是数字）",
  R108: "比例不合法",
  R109: "整数不合法或超出范围",
  R110: "日期格式不合法",
  R111: "日期不存在",
  R112: "集合至少应选择一项",
  R113: "数值超过上限",
  R114: "数值低于下限",
  R115: "此日期没有可用的默认值",
  R116: "累计只能在第一项给出",
  R117: "日期不在有效期内",
  R118: "缺少日期",
  R119: "一组就医记录跨越了政策版本",
  R120: "除数为 0",
  R199: "其他不符合要求的输入",
  R201: "政策规则拒绝计算此案例",
} as const;
export type InputErrorCode = keyof typeof INPUT_ERROR_CODES;

/**
 * Invalid input. `field` is the dotted path of the offending field ("" for the whole
 * input); `message` is the complete one-sentence Chinese explanation shown to users;
 * `code` is stable (INPUT_ERROR_CODES) and `expected` says what the field takes.
 */
export class InputError extends Error {
  readonly field: string;
  readonly expected: string;
  readonly code: InputErrorCode;
  private readonly describe: DescribeError | string;

  /**
   * `describe` is either a function of the field path (re-run by `withPrefix`, so the
   * message always names the full path) or a finished sentence; in the latter case
   * `withPrefix` rewrites occurrences of 「field」 in it.
   */
  constructor(field: string, describe: DescribeError | string, expected = "", code: InputErrorCode = "R199") {
    // Bad input is an answer, not a fault in the program: no stack frames are captured (its
    // `stack` is its name and message, as withPrefix makes it). Capturing them was about half of
    // what a refused case costs: 江门 住院结算 refusing a 日期 out of its period, 32–46 µs a
    // case before, 15–24 µs after (a CPU profile of the invariant suite had put it at the top).
    // (`stackTraceLimit` is V8's and JavaScriptCore's; elsewhere it is left alone.)
    const engine = Error as { stackTraceLimit?: number };
    const frames = engine.stackTraceLimit;
    if (frames !== undefined) engine.stackTraceLimit = 0;
    try {
      super(typeof describe === "string" ? describe : describe(field));
    } finally {
      if (frames !== undefined) engine.stackTraceLimit = frames;
    }
    this.name = "InputError";
    this.field = field;
    this.describe = describe;
    this.expected = expected;
    this.code = code;
  }

  /** What a program receives: `{ 代码, 字段, 应为, 错误 }`. */
  toJSON(): { 代码: string; 字段: string; 应为: string; 错误: string } {
    return { 代码: this.code, 字段: this.field, 应为: this.expected, 错误: this.message };
  }

  /** The same error located under `prefix` (e.g. "第2项" or "第2项."). */
  withPrefix(prefix: string): InputError {
    const field = joinPath(prefix, this.field);
    const e = Object.create(Object.getPrototypeOf(this)) as InputError;
    Object.assign(e, this);
    const message =
      typeof this.describe === "string"
        ? this.field === ""
          ? this.describe
          : this.describe.split(`「${this.field}」`).join(`「${field}」`)
        : this.describe(field);
    Object.defineProperty(e, "message", { value: message, writable: true, configurable: true });
    Object.defineProperty(e, "field", { value: field, enumerable: true });
    Object.defineProperty(e, "stack", { value: `${this.name}: ${message}`, writable: true, configurable: true });
    return e;
  }
}

/** A policy rule refuses to compute this case (e.g. 「本办法不适用于…」); `依据` cites the rule. */
export class RefusalError extends InputError {
  readonly 依据: string;
  /** The refusal reason without the citation. */
  readonly 原因: string;

  constructor(原因: string, 依据: string, field = "") {
    const cite = 依据 ? `（依据：${依据}）` : "";
    super(field, field ? (f: string) => `字段「${f}」：${原因}${cite}` : `${原因}${cite}`, "政策允许计算的情形", "R201");
    this.name = "RefusalError";
    this.依据 = 依据;
    this.原因 = 原因;
  }
}

/** The single Chinese line to show a user for any error thrown while computing. */
export function formatError(e: unknown): string {
  if (e instanceof InputError) return e.message;
  if (e instanceof SyntaxError) return "输入不是合法的 JSON，请检查括号、引号和逗号";
  return "计算时发生内部错误，请将输入与所用政策版本反馈给维护者";
}

/** Short display of a received value inside a message: numbers bare, strings quoted. */
export function showValue(v: unknown): string {
  if (v === undefined) return "空值";
  if (v === null) return "null";
  if (typeof v === "string") {
    return v.length > 40 ? `${JSON.stringify(v.slice(0, 40))}…（共 ${v.length} 个字符）` : JSON.stringify(v);
  }
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (typeof v === "boolean" || typeof v === "bigint") return clip(String(v));
  if (Array.isArray(v)) return "数组";
  if (typeof v === "object" && typeof (v as { toFixed?: unknown }).toFixed === "function") {
    return clip(String(v));
  }
  return typeof v === "object" ? "对象" : typeof v;
}

function clip(s: string): string {
  return s.length > 40 ? s.slice(0, 40) + "…" : s;
}
