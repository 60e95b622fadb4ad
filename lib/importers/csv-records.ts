import type { ImportProblem } from "./types";

export type OnCsvRecord = (fields: string[], line: number) => void;

/**
 * Splits RFC 4180 CSV arriving as UTF-8 chunks into records: commas between fields, CRLF or LF between
 * records, fields in double quotes may hold commas, line breaks and `""` for a quote. `line` is the 1-based
 * line a record starts on (quoted line breaks make it differ from the record count). Blank lines are skipped.
 */
export class CsvRecordSplitter {
  private readonly decoder = new TextDecoder();
  private fields: string[] = [];
  private field = "";
  private inQuotes = false;
  /** A quote inside quotes was the last character seen: it ends the field unless another quote follows. */
  private quoteEnd = false;
  private line = 1;
  private recordLine = 1;

  push(chunk: Uint8Array, onRecord: OnCsvRecord): void {
    this.scan(this.decoder.decode(chunk, { stream: true }), onRecord);
  }

  end(onRecord: OnCsvRecord, onProblem: (problem: ImportProblem) => void): void {
    this.scan(this.decoder.decode(), onRecord);
    if (this.inQuotes && !this.quoteEnd) {
      onProblem({ line: this.recordLine, message: "quoted field never closes; record dropped" });
    } else if (this.fields.length > 0 || this.field !== "" || this.quoteEnd) {
      this.endRecord(onRecord);
    }
  }

  private endRecord(onRecord: OnCsvRecord): void {
    this.fields.push(this.field);
    const fields = this.fields;
    this.fields = [];
    this.field = "";
    this.inQuotes = false;
    this.quoteEnd = false;
    if (!(fields.length === 1 && fields[0] === "")) onRecord(fields, this.recordLine);
  }

  private scan(text: string, onRecord: OnCsvRecord): void {
    let from = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.quoteEnd) {
        this.quoteEnd = false;
        if (c === 0x22 /* " */) {
          // `""` inside quotes: one literal quote; the second quote starts the next segment.
          from = i;
          continue;
        }
        this.inQuotes = false;
      }
      if (this.inQuotes) {
        if (c === 0x22) {
          this.field += text.slice(from, i);
          this.quoteEnd = true;
          from = i + 1;
        } else if (c === 0x0a) this.line++;
        continue;
      }
      if (c === 0x2c /* , */) {
        this.fields.push(this.field + text.slice(from, i));
        this.field = "";
        from = i + 1;
      } else if (c === 0x0a /* \n */) {
        this.field += text.slice(from, i);
        this.endRecord(onRecord);
        this.recordLine = ++this.line;
        from = i + 1;
      } else if (c === 0x0d /* \r */) {
        // Dropped outside quotes: CRLF ends a record at the LF.
        this.field += text.slice(from, i);
        from = i + 1;
      } else if (c === 0x22 && this.field === "" && i === from) {
        this.inQuotes = true;
        from = i + 1;
      }
    }
    this.field += text.slice(from);
  }
}
