// JSON input, read exactly, with a Chinese error that says where.
//
// `JSON.parse` turns every number into a double (`1234567890123456.78` → `…456.8`,
// `1e-400` → 0) and lets the last of two equal keys win. So a quick scan looks first: when
// every number has at most 15 significant digits and no exponent (a double holds it
// exactly), and `JSON.parse` kept as many keys as the text has, its result is the answer.
// Otherwise (and to say where a syntax error is) a small parser of our own reads the text:
// numbers a double cannot hold become a Decimal of all their digits, and a repeated key is
// an error.
import { Decimal } from "@zhengce/runtime";
import type { CliErrorCode } from "./codes.js";

export class JsonSyntaxError extends Error {
  constructor(
    readonly reason: string,
    /** 1-based. */
    readonly line: number,
    /** 1-based, in characters. */
    readonly column: number,
    /** C020 syntax · C021 a key written twice · C022 nested too deep. */
    readonly code: CliErrorCode = "C020",
  ) {
    super(`${reason}(行 ${line} 列 ${column})`);
    this.name = "JsonSyntaxError";
  }
}

/** Deeper than this is no calculator input; refusing it keeps every reader off the stack limit. */
export const MAX_DEPTH = 256;

export function parseJson(text: string): unknown {
  const scan = scanJson(text);
  if (scan.simple && scan.depth <= MAX_DEPTH) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return parseExact(text); // throws the located error
    }
    if (countKeys(value) === scan.keys) return value;
  }
  return parseExact(text);
}

interface Scan {
  /** Object keys written in the text. */
  keys: number;
  /** Every number is exact as a double. */
  simple: boolean;
  depth: number;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A number JSON.parse reads exactly: no exponent, at most 15 significant digits. */
function simpleNumber(text: string, start: number, end: number): boolean {
  let significant = 0;
  let leading = true;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 101 || c === 69) return false; // e E
    if (!isDigit(c)) continue;
    if (leading && c === 48) continue;
    leading = false;
    if (++significant > 15) return false;
  }
  return true;
}

function scanJson(text: string): Scan {
  let keys = 0;
  let simple = true;
  let depth = 0;
  let maxDepth = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // a string: find its closing quote (one not escaped by an odd run of backslashes)
      let q = i;
      for (;;) {
        q = text.indexOf('"', q + 1);
        if (q < 0) return { keys, simple: false, depth: maxDepth };
        let b = q - 1;
        while (text.charCodeAt(b) === 92) b--;
        if ((q - 1 - b) % 2 === 0) break;
      }
      i = q + 1;
      while (i < n && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9 || text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13)) i++;
      if (text.charCodeAt(i) === 58) keys++;
    } else if (c === 123 || c === 91) {
      if (++depth > maxDepth) maxDepth = depth;
      i++;
    } else if (c === 125 || c === 93) {
      depth--;
      i++;
    } else if (c === 45 || isDigit(c)) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (!(isDigit(d) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45)) break;
        j++;
      }
      if (simple && !simpleNumber(text, i, j)) simple = false;
      i = j;
    } else i++;
  }
  return { keys, simple, depth: maxDepth };
}

/** Keys of every object in a parsed value (without recursion: the value may be deep). */
function countKeys(value: unknown): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v !== "object" || v === null) continue;
    if (Array.isArray(v)) for (const x of v) stack.push(x);
    else {
      const keys = Object.keys(v);
      count += keys.length;
      for (const k of keys) stack.push((v as Record<string, unknown>)[k]);
    }
  }
  return count;
}

class Stop {
  constructor(
    readonly offset: number,
    readonly reason: string,
    readonly code: CliErrorCode = "C020",
  ) {}
}

function located(text: string, stop: Stop): JsonSyntaxError {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < stop.offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return new JsonSyntaxError(stop.reason, line, [...text.slice(lineStart, stop.offset)].length + 1, stop.code);
}

const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

/** The exact reader: numbers keep their digits, a repeated key is an error, errors say where. */
export function parseExact(text: string): unknown {
  let i = 0;
  const n = text.length;
  let depth = 0;
  const stop = (reason: string, at = i, code?: CliErrorCode): never => {
    throw new Stop(at, reason, code);
  };
  const describe = (at: number) => {
    if (at >= n) return "内容意外结束";
    return `意外的字符「${String.fromCodePoint(text.codePointAt(at)!)}」`;
  };
  const ws = () => {
    while (i < n && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  };
  const literal = (word: string) => {
    for (let k = 0; k < word.length; k++, i++) if (text[i] !== word[k]) stop(describe(i));
  };
  const digits = () => {
    const start = i;
    while (i < n && text[i] >= "0" && text[i] <= "9") i++;
    if (i === start) stop(`数字不完整：${describe(i)}`);
  };
  const number = (): number | Decimal => {
    const start = i;
    if (text[i] === "-") i++;
    if (text[i] === "0") i++;
    else digits();
    if (text[i] === ".") (i++, digits());
    if (text[i] === "e" || text[i] === "E") {
      i++;
      if (text[i] === "+" || text[i] === "-") i++;
      digits();
    }
    const token = text.slice(start, i);
    return simpleNumber(text, start, i) ? Number(token) : new Decimal(token);
  };
  const string = (): string => {
    const start = i++;
    let out = "";
    let run = i;
    for (;;) {
      if (i >= n) stop("字符串没有结束（缺少右引号）", start);
      const c = text.charCodeAt(i);
      if (c === 34) {
        out += text.slice(run, i++);
        return out;
      }
      if (c < 0x20) stop("字符串中有未转义的控制字符（如换行）");
      if (c === 92) {
        out += text.slice(run, i);
        const e = text[i + 1];
        if (e === "u") {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) stop("无效的 \\u 转义");
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else if (e !== undefined && Object.hasOwn(ESCAPES, e)) {
          out += ESCAPES[e];
          i += 2;
        } else stop(`无效的转义「\\${e ?? ""}」`);
        run = i;
      } else i++;
    }
  };
  const enter = () => {
    if (++depth > MAX_DEPTH) stop(`嵌套过深（超过 ${MAX_DEPTH} 层）`, i, "C022");
  };
  const value = (): unknown => {
    ws();
    const c = text[i];
    if (c === "{") return object();
    if (c === "[") return array();
    if (c === '"') return string();
    if (c === "t") return literal("true"), true;
    if (c === "f") return literal("false"), false;
    if (c === "n") return literal("null"), null;
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return number();
    if (c === "'") stop("字符串须用双引号");
    return stop(describe(i));
  };
  const object = (): Record<string, unknown> => {
    enter();
    i++;
    const out: Record<string, unknown> = {};
    ws();
    if (text[i] === "}") return i++, depth--, out;
    for (;;) {
      ws();
      if (text[i] !== '"') stop(text[i] === "}" ? "最后一项后多了逗号" : `此处应为用双引号括起的字段名，${describe(i)}`);
      const at = i;
      const key = string();
      if (Object.hasOwn(out, key)) stop(`字段「${key}」重复出现：同一对象中每个字段只能写一次`, at, "C021");
      ws();
      if (text[i] !== ":") stop(`字段名后应为冒号，${describe(i)}`);
      i++;
      // defineProperty: a key `__proto__` is data, as JSON.parse makes it, never the prototype
      Object.defineProperty(out, key, { value: value(), writable: true, enumerable: true, configurable: true });
      ws();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "}") return i++, depth--, out;
      stop(`此处应为逗号或「}」，${describe(i)}`);
    }
  };
  const array = (): unknown[] => {
    enter();
    i++;
    const out: unknown[] = [];
    ws();
    if (text[i] === "]") return i++, depth--, out;
    for (;;) {
      ws();
      if (text[i] === "]") stop("最后一项后多了逗号");
      out.push(value());
      ws();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "]") return i++, depth--, out;
      stop(`此处应为逗号或「]」，${describe(i)}`);
    }
  };
  try {
    ws();
    if (i >= n) stop("内容是空的");
    const result = value();
    ws();
    if (i < n) stop(`JSON 值之后有多余的内容，${describe(i)}`);
    return result;
  } catch (e) {
    if (e instanceof Stop) throw located(text, e);
    throw e;
  }
}
