import { collectRun, decodeBuffer, decodeChunks, type Chunks } from "./collect-run";
import { CsvRecordSplitter } from "./csv-records";
import { parseMetricText } from "./metric-value";
import { isValidStep, STEP_KEYS, TIME_KEYS, toUnixSeconds } from "./row-fields";
import { metricColumnNames } from "./wandb-columns";
import { setValue, StepGrouper } from "./step-rows";
import type { ChunkDecoder, ImportBatch, ImportedRun, ImportProblem, ImportedRow } from "./types";

interface Columns {
  step: number;
  time: number | undefined;
  /** Metric columns: index and header name. `_runtime` stays one of them (seconds since start, an x-axis). */
  metrics: [number, string][];
  width: number;
}

/** Exact names first, then any case: W&B's chart export writes `Step`. */
function findColumn(header: string[], names: readonly string[]): number | undefined {
  for (const name of names) {
    const i = header.indexOf(name);
    if (i >= 0) return i;
  }
  const lower = header.map((h) => h.trim().toLowerCase());
  for (const name of names) {
    const i = lower.indexOf(name);
    if (i >= 0) return i;
  }
  return undefined;
}

function cellTime(cell: string): number | undefined {
  return toUnixSeconds(parseMetricText(cell) ?? cell);
}

/**
 * CSV (a W&B-style history export) → rows: a header row, a step column (`_step`/`step`/`global_step`), one run
 * per file. Empty cells mean "not logged at this step". `_timestamp` (or `time`) becomes the row time.
 */
export class CsvDecoder implements ChunkDecoder {
  /** `stepKeys`: the step column's names, in priority order (default: `step`, `_step`, `global_step`, `current_steps`). */
  constructor(private readonly stepKeys: readonly string[] = STEP_KEYS) {}

  private readonly records = new CsvRecordSplitter();
  private readonly grouper = new StepGrouper();
  private problems: ImportProblem[] = [];
  private columns: Columns | undefined;
  /** Set when the header has no step column: nothing after it can be placed. */
  private unusable = false;
  /** Columns already reported as non-numeric, so a text column is reported once. */
  private readonly skippedColumns = new Set<number>();
  private readonly onRecord = (fields: string[], line: number) => this.decodeRecord(fields, line);
  private readonly onProblem = (problem: ImportProblem) => this.problems.push(problem);

  push(chunk: Uint8Array): ImportBatch {
    this.records.push(chunk, this.onRecord);
    return this.batch(false);
  }

  settle(): ImportedRow[] {
    return this.grouper.finish();
  }

  end(): ImportBatch {
    this.records.end(this.onRecord, this.onProblem);
    return this.batch(true);
  }

  private batch(last: boolean): ImportBatch {
    const batch = { rows: last ? this.grouper.finish() : this.grouper.take(), problems: this.problems };
    this.problems = [];
    return batch;
  }

  private readHeader(header: string[], line: number): void {
    const step = findColumn(header, this.stepKeys);
    if (step === undefined) {
      this.unusable = true;
      this.problems.push({ line, message: `header has no ${this.stepKeys.join("/")} column; nothing imported` });
      return;
    }
    const time = findColumn(header, TIME_KEYS);
    const timeNames: readonly string[] = TIME_KEYS;
    // Every time column is left out, as JSONL leaves out every time key: timestamps are not metrics.
    const candidates = header.flatMap((name, i) => (i !== step && i !== time && !timeNames.includes(name) ? [i] : []));
    const metrics = [...metricColumnNames(header, candidates)];
    this.columns = { step, time, metrics, width: header.length };
  }

  private decodeRecord(fields: string[], line: number): void {
    if (this.unusable) return;
    const columns = this.columns;
    if (columns === undefined) return this.readHeader(fields, line);
    const problem = (message: string) => this.problems.push({ line, message });
    if (fields.length !== columns.width) {
      return void problem(`${fields.length} fields where the header has ${columns.width}; row skipped`);
    }
    const stepCell = fields[columns.step] ?? "";
    const step = parseMetricText(stepCell);
    if (!isValidStep(step)) return void problem(`step "${stepCell}" is not a non-negative integer; row skipped`);

    let time: number | undefined;
    const timeCell = columns.time === undefined ? "" : (fields[columns.time] ?? "");
    if (timeCell.trim() !== "") {
      time = cellTime(timeCell);
      if (time === undefined) problem(`time "${timeCell}" is not a time; time ignored`);
    }

    const values: Record<string, number> = {};
    let count = 0;
    for (const [i, name] of columns.metrics) {
      const cell = fields[i] ?? "";
      if (cell.trim() === "") continue;
      const value = parseMetricText(cell);
      if (value !== undefined) {
        setValue(values, name, value);
        count++;
      } else if (!this.skippedColumns.has(i)) {
        this.skippedColumns.add(i);
        const shown = JSON.stringify(cell.slice(0, 40));
        problem(`"${name}" holds ${shown}, not a number; that column's text cells are skipped`);
      }
    }
    if (count > 0) this.grouper.addValues(step, values, time);
  }
}

export function streamCsv(chunks: Chunks): AsyncGenerator<ImportBatch> {
  return decodeChunks(new CsvDecoder(), chunks);
}

export function parseCsv(bytes: Uint8Array, name = "csv"): ImportedRun {
  return decodeBuffer(name, "csv", new CsvDecoder(), bytes);
}

export function importCsv(chunks: Chunks, name = "csv"): Promise<ImportedRun> {
  return collectRun(name, "csv", streamCsv(chunks));
}
