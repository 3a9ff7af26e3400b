// Batch input, streamed: bytes → text → cases (JSON Lines or CSV), yielded in slices so
// that nothing holds the whole file.
import { CliError } from "./io.js";
import { CsvParser, type CsvRecord } from "./csv.js";
import type { RawCase } from "./cases.js";

export type InputFormat = "jsonl" | "csv";

export interface CaseSource {
  /** The CSV header row (undefined for JSON Lines). */
  header?: string[];
  /** Cases in input order, a slice at a time. */
  slices: AsyncIterator<RawCase[]>;
}

/**
 * Decode UTF-8 (a BOM is dropped). A file whose first chunk is not UTF-8 is read as
 * GB18030 — what spreadsheet programs on Chinese Windows save as "CSV" — after a note.
 */
async function* decode(stream: NodeJS.ReadableStream, onFallback: () => void): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  for await (const chunk of stream) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    let text: string;
    if (!decoder) {
      decoder = new TextDecoder("utf-8", { fatal: true });
      try {
        text = decoder.decode(bytes, { stream: true });
      } catch {
        onFallback();
        decoder = new TextDecoder("gb18030");
        text = decoder.decode(bytes, { stream: true });
      }
    } else {
      try {
        text = decoder.decode(bytes, { stream: true });
      } catch {
        throw new CliError("输入文件不是合法的 UTF-8 文本");
      }
    }
    if (text) yield text;
  }
  if (decoder) {
    let tail: string;
    try {
      tail = decoder.decode();
    } catch {
      throw new CliError("输入文件不是合法的 UTF-8 文本（结尾不完整）");
    }
    if (tail) yield tail;
  }
}

async function* jsonLines(texts: AsyncIterable<string>): AsyncGenerator<RawCase[]> {
  let rest = "";
  let line = 0;
  for await (const text of texts) {
    const parts = (rest + text).split("\n");
    rest = parts.pop()!;
    const slice: RawCase[] = [];
    for (const part of parts) {
      line++;
      if (part.trim() !== "") slice.push({ line, json: part });
    }
    if (slice.length) yield slice;
  }
  line++;
  if (rest.trim() !== "") yield [{ line, json: rest }];
}

async function* csvRecords(texts: AsyncIterable<string>): AsyncGenerator<CsvRecord[]> {
  const parser = new CsvParser();
  for await (const text of texts) {
    const records = parser.push(text);
    if (records.length) yield records;
  }
  const last = parser.end();
  if (last.length) yield last;
}

export function formatOf(path: string, explicit?: string): InputFormat {
  if (explicit !== undefined) {
    if (explicit === "csv" || explicit === "jsonl") return explicit;
    throw new CliError(`不支持的输入格式「${explicit}」，可用 jsonl 或 csv`);
  }
  return /\.csv$/i.test(path) ? "csv" : "jsonl";
}

export async function openCases(
  stream: NodeJS.ReadableStream,
  format: InputFormat,
  onFallback: () => void = () => {},
): Promise<CaseSource> {
  const texts = decode(stream, onFallback);
  if (format === "jsonl") return { slices: jsonLines(texts) };
  const records = csvRecords(texts);
  // The header is the first record; the rest of its slice are the first cases.
  let first: CsvRecord[] = [];
  for (;;) {
    const next = await records.next();
    if (next.done) throw new CliError("CSV 文件是空的：第一行应为表头（输入字段名）");
    if (next.value.length) {
      first = next.value;
      break;
    }
  }
  const [head, ...firstCases] = first;
  if (head.error) throw new CliError(`CSV 表头（第 ${head.line} 行）格式错误：${head.error}`);
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
