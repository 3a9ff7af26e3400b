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
 * Invalid input. `field` is the dotted path of the offending field ("" for the whole
 * input); `message` is the complete one-sentence Chinese explanation shown to users.
 */
export class InputError extends Error {
  readonly field: string;
  readonly expected?: string;
  private readonly describe: DescribeError | string;

  /**
   * `describe` is either a function of the field path (re-run by `withPrefix`, so the
   * message always names the full path) or a finished sentence; in the latter case
   * `withPrefix` rewrites occurrences of 「field」 in it.
   */
  constructor(field: string, describe: DescribeError | string, expected?: string) {
    super(typeof describe === "string" ? describe : describe(field));
    this.name = "InputError";
    this.field = field;
    this.describe = describe;
    if (expected !== undefined) this.expected = expected;
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
    super(field, field ? (f: string) => `字段「${f}」：${原因}${cite}` : `${原因}${cite}`);
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
    const s = v.length > 40 ? v.slice(0, 40) + "…" : v;
    return JSON.stringify(s);
  }
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  if (Array.isArray(v)) return "数组";
  if (typeof v === "object" && typeof (v as { toFixed?: unknown }).toFixed === "function") {
    return String(v);
  }
  return typeof v === "object" ? "对象" : typeof v;
}
