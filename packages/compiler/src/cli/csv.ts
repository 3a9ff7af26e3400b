// A streaming RFC 4180 CSV reader: text is pushed in chunks of any size, records come
// out with the physical line each one starts on. CRLF, LF and CR all end a record;
// quoted fields may hold commas, doubled quotes and line breaks. Blank lines are skipped.
// A malformed record (text after a closing quote, an unclosed quote) is reported on the
// record, not thrown, so one bad row does not end a batch.

export interface CsvRecord {
  /** 1-based physical line on which the record starts. */
  line: number;
  cells: string[];
  error?: string;
  /** The error's code when it is not a CSV syntax error (an undecodable line: C014). */
  code?: "C014";
}

const State = {
  FieldStart: 0,
  Unquoted: 1,
  Quoted: 2,
  /** A quote inside a quoted field: either the closing quote or the first half of `""`. */
  QuoteInQuoted: 3,
} as const;
type State = (typeof State)[keyof typeof State];

export class CsvParser {
  private state: State = State.FieldStart;
  private cells: string[] = [];
  private field = "";
  private line = 1;
  private recordLine = 1;
  /** The previous chunk ended with CR: a leading LF in the next one belongs to it. */
  private afterCR = false;
  private error: string | undefined;
  private code: "C014" | undefined;

  push(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    const n = text.length;
    let i = 0;
    if (this.afterCR && n > 0) {
      this.afterCR = false;
      if (text.charCodeAt(0) === 10) {
        if (this.state === State.Quoted) this.field += "\n";
        i = 1;
      }
    }
    while (i < n) {
      const c = text.charCodeAt(i);
      switch (this.state) {
        case State.FieldStart:
          if (c === 34) {
            this.state = State.Quoted;
            i++;
          } else if (c === 44) {
            this.cells.push("");
            i++;
          } else if (c === 10 || c === 13) {
            i = this.endLine(text, i, out);
          } else {
            this.state = State.Unquoted;
          }
          break;
        case State.Unquoted: {
          let j = i;
          while (j < n) {
            const d = text.charCodeAt(j);
            if (d === 44 || d === 10 || d === 13) break;
            j++;
          }
          this.field += text.slice(i, j);
          i = j;
          if (i < n) {
            if (text.charCodeAt(i) === 44) {
              this.endField();
              i++;
            } else i = this.endLine(text, i, out);
          }
          break;
        }
        case State.Quoted: {
          let j = i;
          while (j < n) {
            const d = text.charCodeAt(j);
            if (d === 34) break;
            if (d === 10) this.line++;
            else if (d === 13) {
              this.line++;
              if (j + 1 < n && text.charCodeAt(j + 1) === 10) j++;
              else if (j + 1 === n) this.afterCR = true;
            }
            j++;
          }
          this.field += text.slice(i, j);
          i = j;
          if (i < n) {
            this.state = State.QuoteInQuoted;
            i++;
          }
          break;
        }
        case State.QuoteInQuoted:
          if (c === 34) {
            this.field += '"';
            this.state = State.Quoted;
            i++;
          } else if (c === 44) {
            this.endField();
            i++;
          } else if (c === 10 || c === 13) {
            i = this.endLine(text, i, out);
          } else {
            this.error ??= `第 ${this.cells.length + 1} 个单元格的右引号后还有字符（含引号的单元格须整个用引号括起，引号写作 ""）`;
            this.state = State.Unquoted;
          }
          break;
      }
    }
    return out;
  }

  /** The record now being read (or the next one) has a line that did not decode. */
  taint(message: string): void {
    if (this.error === undefined) {
      this.error = message;
      this.code = "C014";
    }
  }

  /** Flush the last record (a file need not end with a line break). */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (this.state === State.Quoted) this.error ??= "引号没有闭合";
    if (this.state !== State.FieldStart || this.cells.length > 0 || this.field !== "") this.endRecord(out);
    return out;
  }

  private endField(): void {
    this.cells.push(this.field);
    this.field = "";
    this.state = State.FieldStart;
  }

  /** At a CR or LF outside quotes: end the record, step over CRLF, return the next index. */
  private endLine(text: string, i: number, out: CsvRecord[]): number {
    const blank = this.state === State.FieldStart && this.cells.length === 0;
    if (!blank) this.endRecord(out);
    this.line++;
    this.recordLine = this.line;
    if (text.charCodeAt(i) === 13) {
      if (i + 1 < text.length) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      this.afterCR = true;
    }
    return i + 1;
  }

  private endRecord(out: CsvRecord[]): void {
    this.endField();
    const cells = this.cells;
    const whitespaceOnly = cells.length === 1 && cells[0].trim() === "" && !this.error;
    if (!whitespaceOnly) {
      const record: CsvRecord = { line: this.recordLine, cells };
      if (this.error) record.error = this.error;
      if (this.code) record.code = this.code;
      out.push(record);
    }
    this.cells = [];
    this.error = undefined;
    this.code = undefined;
  }
}

/** Parse a whole CSV text (for small inputs and tests). */
export function parseCsv(text: string): CsvRecord[] {
  const parser = new CsvParser();
  return [...parser.push(text), ...parser.end()];
}
