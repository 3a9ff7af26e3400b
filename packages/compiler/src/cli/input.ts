// Batch input, streamed: bytes → lines → cases (JSON Lines or CSV), yielded a chunk's worth
// at a time so that nothing holds the whole file.
//
// Lines are split on bytes, before decoding: CRLF, LF and a lone CR each end a line; a line
// longer than a chunk is gathered as a list of pieces and joined once, so a line of 100 MB
// costs what reading it costs. Each line is decoded on its own, so an invalid byte spoils
// that line only (its case fails, naming the line), never the file.
//
// For `batch`, the whole lines of a chunk of JSON Lines that are valid UTF-8 pass on undecoded,
// as one block (RawCase's `bytes`): the worker threads decode them. A CPU profile of `batch` on
// two cores had the reading thread busy nearly all the time — decoding (155 ms of 200 000
// cases), copying 2 000 strings per chunk to a worker (170 ms) and collecting them (226 ms) —
// while the workers waited for it.
import { isAscii, isUtf8 } from "node:buffer";
import { CliError } from "./io.js";
import { CsvParser, type CsvRecord } from "./csv.js";
import type { LineCase, RawCase } from "./cases.js";

export type InputFormat = "jsonl" | "csv";

export interface CaseSource<C extends RawCase = LineCase> {
  /** The CSV header row (undefined for JSON Lines). */
  header?: string[];
  /** Cases in input order, a slice at a time. */
  slices: AsyncIterator<C[]>;
}

/** A physical line: its text, or undefined when its bytes are not valid in the file's encoding. */
interface Line {
  line: number;
  text: string;
  invalid: boolean;
}

/** Whole lines, LF-separated, valid UTF-8, not yet decoded: `lines` of them from line `line`. */
interface Block {
  line: number;
  lines: number;
  bytes: Uint8Array;
}

export const INVALID_LINE = "这一行不是合法的 UTF-8 文本（请以 UTF-8 编码保存）";

/**
 * Decoding, line by line. UTF-8 unless the first line with non-ASCII bytes is not UTF-8 but
 * is GB18030 — what spreadsheet programs on Chinese Windows save as "CSV" — then GB18030
 * for the whole file, after a note. Either way a line that does not decode is marked invalid.
 */
class Decoder {
  private encoding: "utf-8" | "gb18030" | undefined;
  private gb: TextDecoder | undefined;
  private first = true;

  constructor(private readonly onFallback: () => void) {}

  decode(line: number, bytes: Buffer): Line {
    if (this.first) {
      this.first = false;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    }
    if (this.encoding !== "gb18030") {
      if (isUtf8(bytes)) {
        const text = bytes.toString("utf8");
        if (this.encoding === undefined && text.length !== bytes.length) this.encoding = "utf-8";
        return { line, text, invalid: false };
      }
      if (this.encoding === "utf-8") return { line, text: bytes.toString("utf8"), invalid: true };
      const text = this.gb18030(bytes);
      if (text === undefined) {
        this.encoding = "utf-8";
        return { line, text: bytes.toString("utf8"), invalid: true };
      }
      this.encoding = "gb18030";
      this.onFallback();
      return { line, text, invalid: false };
    }
    const text = this.gb18030(bytes);
    return text === undefined ? { line, text: bytes.toString("latin1"), invalid: true } : { line, text, invalid: false };
  }

  /**
   * Whether many whole lines (`bytes` holds them separated by LF, no CR) decode as UTF-8 with
   * nothing to mark: then they may be decoded at once (decodeLines), here or in a worker — one
   * check and one decoding instead of one a line. Not the first line, nor in a GB18030 file.
   */
  passes(bytes: Buffer): boolean {
    if (this.first || this.encoding === "gb18030" || !isUtf8(bytes)) return false;
    if (this.encoding === undefined && !isAscii(bytes)) this.encoding = "utf-8";
    return true;
  }

  private gb18030(bytes: Buffer): string | undefined {
    this.gb ??= new TextDecoder("gb18030", { fatal: true });
    try {
      return this.gb.decode(bytes);
    } catch {
      return undefined;
    }
  }
}

/** Many whole lines that pass (Decoder.passes), numbered from `line`. */
function decodeLines(line: number, bytes: Buffer): Line[] {
  return bytes
    .toString("utf8")
    .split("\n")
    .map((t, i) => ({ line: line + i, text: t, invalid: false }));
}

/** The lines of a byte stream, a chunk's worth at a time; with `blocks`, its whole lines undecoded where they may be. */
function readLines(stream: NodeJS.ReadableStream, decoder: Decoder): AsyncGenerator<Line[]>;
function readLines(stream: NodeJS.ReadableStream, decoder: Decoder, blocks: boolean): AsyncGenerator<(Line | Block)[]>;
async function* readLines(stream: NodeJS.ReadableStream, decoder: Decoder, blocks = false): AsyncGenerator<(Line | Block)[]> {
  let pending: Buffer[] = [];
  let skipLF = false; // the previous chunk ended with CR: a leading LF belongs to it
  let line = 0;
  const take = (bytes: Buffer): Buffer => {
    if (pending.length === 0) return bytes;
    pending.push(bytes);
    const whole = Buffer.concat(pending);
    pending = [];
    return whole;
  };
  for await (const chunk of stream) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    let start = 0;
    if (skipLF) {
      skipLF = false;
      if (buf[0] === 10) start = 1;
    }
    const hasCR = buf.indexOf(13, start) >= 0;
    const out: (Line | Block)[] = [];
    if (!hasCR) {
      // The first line (which may continue the previous chunk's), then all whole lines after it at once.
      const first = buf.indexOf(10, start);
      const last = buf.lastIndexOf(10);
      if (first >= 0) {
        out.push(decoder.decode(++line, take(buf.subarray(start, first))));
        start = first + 1;
      }
      const whole = buf.subarray(start, last);
      if (last > start && decoder.passes(whole)) {
        if (blocks) {
          let lines = 1;
          for (let at = whole.indexOf(10); at >= 0; at = whole.indexOf(10, at + 1)) lines++;
          // A copy of its own: a view would carry the stream's whole buffer to the worker.
          out.push({ line: line + 1, lines, bytes: new Uint8Array(whole) });
          line += lines;
        } else {
          const many = decodeLines(line + 1, whole);
          for (const l of many) out.push(l);
          line += many.length;
        }
        start = last + 1;
      }
    }
    for (;;) {
      const end = hasCR ? nextBreak(buf, start) : buf.indexOf(10, start);
      if (end < 0) break;
      out.push(decoder.decode(++line, take(buf.subarray(start, end))));
      start = end + 1;
      if (buf[end] === 13) {
        if (end + 1 === buf.length) skipLF = true;
        else if (buf[end + 1] === 10) start++;
      }
    }
    if (start < buf.length) pending.push(buf.subarray(start));
    if (out.length) yield out;
  }
  if (pending.length) yield [decoder.decode(++line, take(Buffer.alloc(0)))];
}

function nextBreak(buf: Buffer, start: number): number {
  for (let i = start; i < buf.length; i++) if (buf[i] === 10 || buf[i] === 13) return i;
  return -1;
}

async function* jsonLines(lines: AsyncIterable<(Line | Block)[]>): AsyncGenerator<RawCase[]> {
  for await (const chunk of lines) {
    const slice: RawCase[] = [];
    for (const l of chunk) {
      if ("bytes" in l) slice.push(l);
      else if (l.invalid) slice.push({ line: l.line, json: "", fault: { text: INVALID_LINE, code: "C014" } });
      else if (l.text.trim() !== "") slice.push({ line: l.line, json: l.text });
    }
    if (slice.length) yield slice;
  }
}

async function* csvRecords(lines: AsyncIterable<Line[]>): AsyncGenerator<CsvRecord[]> {
  const parser = new CsvParser();
  for await (const chunk of lines) {
    const records: CsvRecord[] = [];
    for (const { line, text, invalid } of chunk) {
      if (invalid) parser.taint(`第 ${line} 行不是合法的 UTF-8 文本`);
      records.push(...parser.push(text + "\n"));
    }
    if (records.length) yield records;
  }
  const last = parser.end();
  if (last.length) yield last;
}

export function formatOf(path: string, explicit?: string): InputFormat {
  if (explicit !== undefined) {
    if (explicit === "csv" || explicit === "jsonl") return explicit;
    throw new CliError(`不支持的输入格式「${explicit}」，可用 jsonl 或 csv`, { code: "C002" });
  }
  return /\.csv$/i.test(path) ? "csv" : "jsonl";
}

/** The cases of a stream; with `blocks` (JSON Lines), many lines at a time undecoded where they may be. */
export function openCases(stream: NodeJS.ReadableStream, format: InputFormat, onFallback?: () => void): Promise<CaseSource>;
export function openCases(stream: NodeJS.ReadableStream, format: InputFormat, onFallback: () => void, options: { blocks: boolean }): Promise<CaseSource<RawCase>>;
export async function openCases(
  stream: NodeJS.ReadableStream,
  format: InputFormat,
  onFallback: () => void = () => {},
  options: { blocks?: boolean } = {},
): Promise<CaseSource<RawCase>> {
  const decoder = new Decoder(onFallback);
  if (format === "jsonl") return { slices: jsonLines(readLines(stream, decoder, options.blocks === true)) };
  const records = csvRecords(readLines(stream, decoder));
  // The header is the first record; the rest of its slice are the first cases.
  let first: CsvRecord[] = [];
  for (;;) {
    const next = await records.next();
    if (next.done) throw new CliError("CSV 文件是空的：第一行应为表头（输入字段名）", { code: "C032" });
    if (next.value.length) {
      first = next.value;
      break;
    }
  }
  const [head, ...firstCases] = first;
  if (head.error) throw new CliError(`CSV 表头（第 ${head.line} 行）格式错误：${head.error}`, { code: "C032" });
  async function* cases(): AsyncGenerator<RawCase[]> {
    if (firstCases.length) yield firstCases;
    yield* records;
  }
  return { header: head.cells, slices: cases() };
}

/** Count the cases of a file (for the progress display). */
export async function countCases(stream: NodeJS.ReadableStream, format: InputFormat): Promise<number> {
  const source = await openCases(stream, format);
  let count = 0;
  for (let next = await source.slices.next(); !next.done; next = await source.slices.next()) count += next.value.length;
  return count;
}
