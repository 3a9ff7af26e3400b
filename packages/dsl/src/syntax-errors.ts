// Lexing and parsing errors as Chinese diagnostics with exact ranges.
import type { IRecognitionException } from "chevrotain";
import type { ParseResult } from "./parse.js";

export function syntaxDiagnostics(parsed: ParseResult, uri: string) {
  const out: { code: "E001" | "E002" | "E004"; message: string; span: { start: number; end: number }; uri: string }[] = [];
  for (const e of parsed.lexErrors) {
    out.push({ code: "E001", message: `无法识别的字符「${e.message.match(/->(.*)<-/)?.[1] ?? "?"}」`, span: { start: e.offset, end: e.offset + Math.max(1, e.length) }, uri });
  }
  for (const c of parsed.nestingCuts) out.push({ code: "E004", message: c.message, span: c.at, uri });
  for (const e of parsed.parseErrors) out.push({ code: "E002", message: describe(e), span: spanOf(e, parsed.ast.span.end), uri });
  return out;
}

/** The offending token, or at the end of the file the character after the last token (empty at the very end). */
function spanOf(e: IRecognitionException, textLength: number) {
  const t = e.token;
  if (!t || Number.isNaN(t.startOffset)) {
    const prev = (e as unknown as { previousToken?: { endOffset?: number } }).previousToken;
    const at = Math.min(prev?.endOffset !== undefined && !Number.isNaN(prev.endOffset) ? prev.endOffset + 1 : 0, textLength);
    return { start: at, end: Math.min(at + 1, textLength) };
  }
  return { start: t.startOffset, end: (t.endOffset ?? t.startOffset) + 1 };
}

function describe(e: IRecognitionException): string {
  const found = e.token?.image ? `「${e.token.image}」` : "文件结尾";
  const expected = e.message.match(/Expecting (?:token of type )?--> (.*?) <--/);
  if (expected) return `此处应为「${expected[1]}」，却是${found}`;
  const seq = [...e.message.matchAll(/\d+\. \[(.*?)\]/g)].map((m) => `「${m[1].replace(/, /g, " ")}」`);
  if (seq.length) return `此处应为${seq.slice(0, 6).join("或")}${seq.length > 6 ? "等" : ""}，却是${found}`;
  if (e.name === "NotAllInputParsedException") return `无法理解${found}：声明须以「政策、枚举、参数、分段、计算、例」等关键字开头`;
  return `无法理解${found}`;
}
