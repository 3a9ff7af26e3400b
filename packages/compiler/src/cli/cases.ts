// One batch case, from its raw form (a JSON line or a CSV row) to its output line.
// Shared by the main thread and the batch workers, so both produce identical lines.
import { booleanWord, foldKey, type FieldSpec, type FieldType } from "@zhengce/runtime";
import type { CompiledCalculator } from "../api.js";
import type { CliErrorCode } from "./codes.js";
import { CliError } from "./io.js";
import { JsonSyntaxError, parseJson } from "./json.js";
import { errorText, isInputError } from "./policy.js";

/** One case as read: a line of JSON Lines, or a CSV record. */
export type LineCase =
  | { line: number; json: string; fault?: { text: string; code: CliErrorCode } }
  | { line: number; cells: string[]; error?: string; code?: CliErrorCode };

/**
 * A case, or many: whole lines of JSON Lines, LF-separated and valid UTF-8, not yet decoded
 * (input.ts), from line `line`. A blank one among them is no case.
 */
export type RawCase = LineCase | { line: number; lines: number; bytes: Uint8Array };

/** The lines a raw case stands for: what a chunk's size counts. */
export const linesOf = (raw: RawCase): number => ("bytes" in raw ? raw.lines : 1);

export const EXPLANATION = "计算过程";

// ───────────── field types ─────────────

/** What a CSV cell needs to know of its input field. */
export type FieldKind = "boolean" | "list" | "integer" | "record" | "value";
export interface ColumnType {
  kind: FieldKind;
  /** For a record: its fields by name. */
  fields?: Map<string, ColumnType>;
}

function columnType(type: FieldType): ColumnType {
  switch (type.kind) {
    case "boolean":
    case "integer":
    case "list":
      return { kind: type.kind };
    case "set":
      return { kind: "list" };
    case "record":
      return recordType(type.fields);
    default:
      return { kind: "value" };
  }
}

export function recordType(fields: readonly FieldSpec[]): ColumnType {
  return { kind: "record", fields: new Map(fields.map((f) => [f.name, columnType(f.type)])) };
}

// ───────────── CSV rows ─────────────

const LIST_SEPARATORS = /[、,;|，；｜]/;

function convertCell(kind: FieldKind, cell: string): unknown {
  const text = cell.trim();
  switch (kind) {
    case "boolean": {
      // 是 / 否 as every input path reads them, and TRUE / FALSE as a spreadsheet writes them.
      const word = text.toLowerCase();
      return booleanWord(text) ?? (word === "true" ? true : word === "false" ? false : text);
    }
    case "list":
      if (text.startsWith("[")) return tryJson(text);
      return text
        .split(LIST_SEPARATORS)
        .map((item) => item.trim())
        .filter((item) => item !== "");
    case "integer":
      return /^[+-]?\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : text;
    case "record":
      return text.startsWith("{") ? tryJson(text) : text;
    default:
      return text;
  }
}

function tryJson(text: string): unknown {
  try {
    return parseJson(text);
  } catch {
    return text;
  }
}

interface Column {
  header: string;
  path: string[];
  kind: FieldKind;
}

/** The column plan of a CSV header: which (nested) field each column fills, and how. */
export function csvColumns(header: string[], root: ColumnType): Column[] {
  const lookup = (fields: Map<string, ColumnType> | undefined, name: string): [string, ColumnType] | undefined => {
    if (!fields) return undefined;
    const exact = fields.get(name);
    if (exact) return [name, exact];
    // Folded like the calculator folds input keys: through the policy's table.
    const wanted = foldKey(name);
    for (const [own, type] of fields) if (foldKey(own) === wanted) return [own, type];
    return undefined;
  };
  const seen = new Map<string, string>();
  return header.map((raw, index) => {
    const header = raw.trim();
    if (header === "") throw new CliError(`CSV 表头第 ${index + 1} 列没有名称`, { code: "C032" });
    const whole = lookup(root.fields, header);
    const parts = whole ? [header] : header.split(/[.．]/).map((p) => p.trim());
    const path: string[] = [];
    let type: ColumnType | undefined = root;
    for (const part of parts) {
      const found = lookup(type?.fields, part);
      path.push(found ? found[0] : part);
      type = found?.[1];
    }
    const key = path.join(".");
    const previous = seen.get(key);
    if (previous !== undefined) throw new CliError(`CSV 表头「${previous}」与「${header}」是同一个字段`, { code: "C032" });
    seen.set(key, header);
    return { header, path, kind: type?.kind ?? "value" };
  });
}

/**
 * A CSV row as the input object. The objects have no prototype, so a header such as
 * `__proto__.日期` names a (misspelt) field like any other instead of writing into
 * Object.prototype.
 */
export function rowToObject(columns: Column[], cells: string[]): Record<string, unknown> {
  if (cells.length !== columns.length) {
    throw new CaseError(`这一行有 ${cells.length} 个单元格，表头有 ${columns.length} 列`, "C031");
  }
  const object: Record<string, unknown> = Object.create(null);
  columns.forEach((column, i) => {
    const cell = cells[i];
    if (cell.trim() === "") return; // empty cell = field absent (its default applies)
    let target = object;
    for (const key of column.path.slice(0, -1)) {
      const next = (target[key] ??= Object.create(null));
      if (typeof next !== "object" || next === null || Array.isArray(next)) {
        throw new CaseError(`列「${column.header}」与列「${key}」冲突`, "C032");
      }
      target = next as Record<string, unknown>;
    }
    target[column.path[column.path.length - 1]] = convertCell(column.kind, cell);
  });
  return object;
}

/** A case the CLI itself rejects (malformed line or row, not an object). */
export class CaseError extends Error {
  constructor(
    message: string,
    readonly code: CliErrorCode,
  ) {
    super(message);
  }
}

/** What a user is told of anything a case can throw: the line (without `错误：`), its stable code and the field. */
export function caseError(e: unknown): { text: string; code: string; field?: string } {
  if (e instanceof CaseError) return { text: e.message, code: e.code };
  const text = errorText(e);
  if (isInputError(e)) return e.field === "" ? { text, code: e.code ?? "R199" } : { text, code: e.code ?? "R199", field: e.field };
  return { text, code: "C099" };
}

/** The same as a CliError, for `calc`. */
export function caseCliError(e: unknown): CliError {
  const { text, code } = caseError(e);
  return new CliError(text, { code });
}

// ───────────── running ─────────────

export interface CaseOutcome {
  /** One line of JSON, without the line break. */
  text: string;
  ok: boolean;
}

/** The result without its steps; copied field by field (a rest spread made a slow dictionary-mode object). */
function dropExplanation(result: Record<string, unknown>): Record<string, unknown> {
  if (!(EXPLANATION in result)) return result;
  const rest: Record<string, unknown> = {};
  for (const k in result) if (k !== EXPLANATION) rest[k] = result[k];
  return rest;
}

/** More claims than this in one person's year is not a sequence but a population: `batch` is for that. */
export const MAX_SEQUENCE = 10_000;

/** Run one decoded input (an object, or an array = one person's claims in date order). */
export function runInput(calc: CompiledCalculator, input: unknown, explain: boolean, decimal = false): unknown {
  if (Array.isArray(input)) {
    if (input.length > MAX_SEQUENCE) {
      throw new CaseError(
        `输入数组有 ${input.length} 项，超过一人一年 ${MAX_SEQUENCE} 次就医的上限；许多人的独立案例请用 zhengce batch（每行一个案例）`,
        "C013",
      );
    }
    const results = calc.runSequence(input, { 计算过程: explain, 十进制: decimal });
    return explain ? results : results.map(dropExplanation);
  }
  if (typeof input !== "object" || input === null) {
    throw new CaseError("输入应为一个 JSON 对象（或同一人按日期排列的对象数组）", "C023");
  }
  const result = calc.run(input, { 计算过程: explain, 十进制: decimal });
  return explain ? result : dropExplanation(result);
}

export interface CaseRunner {
  (raw: LineCase): CaseOutcome;
}

export function caseRunner(
  calc: CompiledCalculator,
  options: { explain: boolean; header?: string[]; decimal?: boolean },
): CaseRunner {
  const columns = options.header ? csvColumns(options.header, recordType(calc.inputFields)) : undefined;
  return (raw) => {
    try {
      let input: unknown;
      if ("json" in raw) {
        if (raw.fault) throw new CaseError(raw.fault.text, raw.fault.code);
        try {
          input = parseJson(raw.json);
        } catch (e) {
          if (!(e instanceof JsonSyntaxError)) throw e;
          throw new CaseError(`不是合法的 JSON：${e.reason}(列 ${e.column})`, e.code);
        }
      } else {
        if (raw.error) throw new CaseError(raw.code ? raw.error : `CSV 格式错误：${raw.error}`, raw.code ?? "C030");
        if (!columns) throw new CaseError("CSV 没有表头", "C032");
        input = rowToObject(columns, raw.cells);
      }
      return { text: JSON.stringify(runInput(calc, input, options.explain, options.decimal)), ok: true };
    } catch (e) {
      const { text, code, field } = caseError(e);
      return { text: JSON.stringify(field === undefined ? { 错误: text, 行: raw.line, 代码: code } : { 错误: text, 行: raw.line, 代码: code, 字段: field }), ok: false };
    }
  };
}

export interface ChunkResult {
  /**
   * The output lines, each ending in a line break, in UTF-8: encoded where they were made and
   * handed to the writing thread as they are (a worker's is transferred, not copied).
   */
  output: Uint8Array;
  failed: number;
  count: number;
  /** The input line of the last case (0 for none). */
  lastLine: number;
}

/** Run cases in input order. */
export function runChunk(run: CaseRunner, cases: readonly RawCase[]): ChunkResult {
  const output = new Utf8Lines();
  let failed = 0;
  let count = 0;
  let lastLine = 0;
  const one = (raw: LineCase) => {
    const outcome = run(raw);
    output.add(outcome.text);
    if (!outcome.ok) failed++;
    count++;
    lastLine = raw.line;
  };
  for (const raw of cases) {
    if (!("bytes" in raw)) {
      one(raw);
      continue;
    }
    const texts = Buffer.from(raw.bytes.buffer, raw.bytes.byteOffset, raw.bytes.byteLength).toString("utf8").split("\n");
    for (let i = 0; i < texts.length; i++) if (texts[i].trim() !== "") one({ line: raw.line + i, json: texts[i] });
  }
  return { output: output.bytes(), failed, count, lastLine };
}

/**
 * Lines encoded in UTF-8 as they come, into a buffer of its own (never a slice of Node's shared
 * pool, which cannot be transferred). A profile of `batch`'s workers: a chunk's output built as
 * one string by `+=` and then encoded took 143 ms of a worker's 1.2 s in measuring it (V8 walked
 * its thousands of pieces one character at a time); joined from an array, 90–120 ms.
 */
class Utf8Lines {
  private buffer = Buffer.allocUnsafeSlow(64 * 1024);
  private length = 0;

  add(line: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8; then the line break.
    const most = this.length + line.length * 3 + 1;
    if (most > this.buffer.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(most, this.buffer.length * 2));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += this.buffer.write(line, this.length);
    this.buffer[this.length++] = 10;
  }

  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}
