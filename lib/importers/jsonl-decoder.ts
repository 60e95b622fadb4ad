import { collectRun, decodeBuffer, decodeChunks, type Chunks } from "./collect-run";
import { extractMetricValues, isRecord } from "./entry-values";
import { toMetricNumber } from "./metric-value";
import { parsePythonJson } from "./python-json";
import { isValidStep, STEP_KEYS, TIME_KEYS, toUnixSeconds } from "./row-fields";
import { StepGrouper } from "./step-rows";
import { TextLineSplitter } from "./text-lines";
import type { ChunkDecoder, ImportBatch, ImportedRun, ImportProblem, ImportedRow } from "./types";

/**
 * JSON Lines → rows: one object a line with a step (`step`, `_step` or `global_step`), an optional time
 * (`time` or `_timestamp`, Unix seconds or milliseconds or a date string) and numeric values, nested objects
 * flattened with `/`. Non-finite values may be bare (Python's NaN) or strings ("NaN", "-Infinity").
 * A bad line is reported with its line number and skipped.
 */
export class JsonlDecoder implements ChunkDecoder {
  /** `stepKeys`: where the step is, in priority order (default: `step`, `_step`, `global_step`, `current_steps`). */
  constructor(private readonly stepKeys: readonly string[] = STEP_KEYS) {}

  private readonly lines = new TextLineSplitter();
  private readonly grouper = new StepGrouper();
  private problems: ImportProblem[] = [];
  /** Keys already reported as non-numeric, so a string logged every step is reported once. */
  private readonly skippedKeys = new Set<string>();
  private readonly onLine = (line: string, lineNumber: number) => this.decodeLine(line, lineNumber);

  push(chunk: Uint8Array): ImportBatch {
    this.lines.push(chunk, this.onLine);
    return this.batch(false);
  }

  settle(): ImportedRow[] {
    return this.grouper.finish();
  }

  end(): ImportBatch {
    this.lines.end(this.onLine);
    return this.batch(true);
  }

  private batch(last: boolean): ImportBatch {
    const batch = { rows: last ? this.grouper.finish() : this.grouper.take(), problems: this.problems };
    this.problems = [];
    return batch;
  }

  private decodeLine(line: string, lineNumber: number): void {
    const text = line.trim();
    if (text === "") return;
    const problem = (message: string) => this.problems.push({ line: lineNumber, message });
    let entry: unknown;
    try {
      entry = parsePythonJson(text);
    } catch (error) {
      problem(`not valid JSON (${error instanceof Error ? error.message : String(error)}); line skipped`);
      return;
    }
    if (!isRecord(entry)) return void problem("not a JSON object; line skipped");

    const stepKey = this.stepKeys.find((k) => entry[k] !== undefined && entry[k] !== null);
    if (stepKey === undefined) return void problem(`no ${this.stepKeys.join("/")} key; line skipped`);
    const step = toMetricNumber(entry[stepKey]);
    if (!isValidStep(step)) return void problem(`"${stepKey}" is not a non-negative integer; line skipped`);

    const timeKey = TIME_KEYS.find((k) => entry[k] !== undefined && entry[k] !== null);
    const time = timeKey === undefined ? undefined : toUnixSeconds(entry[timeKey]);
    if (timeKey !== undefined && time === undefined) problem(`"${timeKey}" is not a time; time ignored`);

    const { values, count, skipped } = extractMetricValues(entry, new Set<string>([stepKey, ...TIME_KEYS]));
    for (const key of skipped) {
      if (this.skippedKeys.has(key)) continue;
      this.skippedKeys.add(key);
      problem(`"${key}" is not a number; "${key}" skipped`);
    }
    if (count > 0) this.grouper.addValues(step, values, time);
  }
}

export function streamJsonl(chunks: Chunks): AsyncGenerator<ImportBatch> {
  return decodeChunks(new JsonlDecoder(), chunks);
}

export function parseJsonl(bytes: Uint8Array, name = "jsonl"): ImportedRun {
  return decodeBuffer(name, "jsonl", new JsonlDecoder(), bytes);
}

export function importJsonl(chunks: Chunks, name = "jsonl"): Promise<ImportedRun> {
  return collectRun(name, "jsonl", streamJsonl(chunks));
}
