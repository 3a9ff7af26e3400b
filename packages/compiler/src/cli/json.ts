// JSON input with a Chinese error that says where: `JSON.parse` does the work, and only
// when it fails does a small scanner find the first offending character (V8's messages
// do not always carry a position).

export class JsonSyntaxError extends Error {
  constructor(
    readonly reason: string,
    /** 1-based. */
    readonly line: number,
    /** 1-based, in characters. */
    readonly column: number,
  ) {
    super(`${reason}(行 ${line} 列 ${column})`);
    this.name = "JsonSyntaxError";
  }
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const { offset, reason } = locateJsonError(text);
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
        line++;
        lineStart = i + 1;
      }
    }
    throw new JsonSyntaxError(reason, line, [...text.slice(lineStart, offset)].length + 1);
  }
}

class Stop {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

/** The offset and a Chinese description of the first syntax error in `text` (which must be invalid JSON). */
export function locateJsonError(text: string): { offset: number; reason: string } {
  let i = 0;
  const n = text.length;
  const stop = (reason: string, at = i): never => {
    throw new Stop(at, reason);
  };
  const describe = (at: number) => {
    if (at >= n) return "内容意外结束";
    const ch = String.fromCodePoint(text.codePointAt(at)!);
    return `意外的字符「${ch}」`;
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
  const number = () => {
    if (text[i] === "-") i++;
    if (text[i] === "0") i++;
    else digits();
    if (text[i] === ".") (i++, digits());
    if (text[i] === "e" || text[i] === "E") {
      i++;
      if (text[i] === "+" || text[i] === "-") i++;
      digits();
    }
  };
  const string = () => {
    const start = i++;
    for (;;) {
      if (i >= n) stop("字符串没有结束（缺少右引号）", start);
      const c = text.charCodeAt(i);
      if (c === 34) return void i++;
      if (c < 0x20) stop("字符串中有未转义的控制字符（如换行）");
      if (c === 92) {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) stop("无效的 \\u 转义");
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else stop(`无效的转义「\\${e ?? ""}」`);
      } else i++;
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") return object();
    if (c === "[") return array();
    if (c === '"') return string();
    if (c === "t") return literal("true");
    if (c === "f") return literal("false");
    if (c === "n") return literal("null");
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return number();
    if (c === "'") stop("字符串须用双引号");
    stop(describe(i));
  };
  const object = () => {
    i++;
    ws();
    if (text[i] === "}") return void i++;
    for (;;) {
      ws();
      if (text[i] !== '"') stop(text[i] === "}" ? "最后一项后多了逗号" : `此处应为用双引号括起的字段名，${describe(i)}`);
      string();
      ws();
      if (text[i] !== ":") stop(`字段名后应为冒号，${describe(i)}`);
      i++;
      value();
      ws();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "}") return void i++;
      stop(`此处应为逗号或「}」，${describe(i)}`);
    }
  };
  const array = () => {
    i++;
    ws();
    if (text[i] === "]") return void i++;
    for (;;) {
      ws();
      if (text[i] === "]") stop("最后一项后多了逗号");
      value();
      ws();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "]") return void i++;
      stop(`此处应为逗号或「]」，${describe(i)}`);
    }
  };
  try {
    ws();
    if (i >= n) return { offset: i, reason: "内容是空的" };
    value();
    ws();
    if (i < n) stop(`JSON 值之后有多余的内容，${describe(i)}`);
    return { offset: i, reason: "无法解析" };
  } catch (e) {
    if (e instanceof Stop) return { offset: e.offset, reason: e.reason };
    return { offset: 0, reason: "嵌套过深" };
  }
}
