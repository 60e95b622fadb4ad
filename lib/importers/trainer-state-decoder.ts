import { collectRun, decodeBuffer, decodeChunks, type Chunks } from "./collect-run";
import { JsonMemberScanner } from "./json-members";
import { extractMetricValues, isRecord } from "./entry-values";
import { parsePythonJson } from "./python-json";
import { isValidStep } from "./row-fields";
import { StepGrouper } from "./step-rows";
import type { ChunkDecoder, ImportBatch, ImportedRun, ImportProblem } from "./types";

const LOG_HISTORY = "log_history";
// Trainer.train() ends by logging one row of run totals; no per-step row carries these keys.
const SUMMARY_KEYS = ["train_runtime", "train_loss"];
const STEP_KEY: ReadonlySet<string> = new Set(["step"]);

/**
 * transformers / TRL `trainer_state.json` → rows. Each `log_history` entry is a row at its `step`; train and
 * eval entries of one step are neighbours and merge into one row (eval keys keep their `eval_` prefix). The
 * closing totals row goes to `summary`; every other top-level field (`global_step`, `max_steps`,
 * `train_batch_size`, ...) goes to `config`. Streams: `log_history` is never held whole.
 */
export class TrainerStateDecoder implements ChunkDecoder {
  private readonly text = new TextDecoder();
  private readonly grouper = new StepGrouper();
  private problems: ImportProblem[] = [];
  private config: Record<string, unknown> | undefined;
  private summary: Record<string, unknown> | undefined;
  /** Whether any `log_history` entry came: a JSON object without them is not a trainer state. */
  private sawEntry = false;
  /** The scanner found the JSON itself broken and said so; no second verdict on top. */
  private malformed = false;
  /** Keys already reported as non-numeric, so a string logged every step is reported once. */
  private readonly skippedKeys = new Set<string>();
  private readonly scanner = new JsonMemberScanner(new Set([LOG_HISTORY]), {
    member: (key, text, offset) => this.onMember(key, text, offset),
    item: (_key, text, offset, index) => this.onEntry(text, offset, index),
    problem: (problem) => {
      this.malformed = true;
      this.problems.push(problem);
    },
  });

  push(chunk: Uint8Array): ImportBatch {
    this.scanner.push(this.text.decode(chunk, { stream: true }));
    return this.batch(false);
  }

  end(): ImportBatch {
    this.scanner.push(this.text.decode());
    this.scanner.end();
    if (!this.sawEntry && !this.malformed) this.problems.push({ message: `no "${LOG_HISTORY}" entries: not a trainer_state.json, or a training that logged nothing` });
    return this.batch(true);
  }

  private batch(last: boolean): ImportBatch {
    const batch: ImportBatch = { rows: last ? this.grouper.finish() : this.grouper.take(), problems: this.problems };
    if (this.config) batch.config = this.config;
    if (this.summary) batch.summary = this.summary;
    this.problems = [];
    this.config = undefined;
    this.summary = undefined;
    return batch;
  }

  private parse(text: string, offset: number, what: string): unknown {
    try {
      return parsePythonJson(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.problems.push({ offset, message: `${what} is not valid JSON (${reason}); skipped` });
      return undefined;
    }
  }

  private onMember(key: string, text: string, offset: number): void {
    if (key === LOG_HISTORY) {
      this.problems.push({ offset, message: `"${LOG_HISTORY}" is not an array; no rows imported` });
      return;
    }
    const value = this.parse(text, offset, `"${key}"`);
    if (value !== undefined) this.config = { ...this.config, [key]: value };
  }

  private onEntry(text: string, offset: number, index: number): void {
    this.sawEntry = true;
    const entry = this.parse(text, offset, `${LOG_HISTORY}[${index}]`);
    if (entry === undefined) return;
    if (!isRecord(entry)) {
      this.problems.push({ offset, message: `${LOG_HISTORY}[${index}] is not an object; skipped` });
      return;
    }
    if (SUMMARY_KEYS.some((k) => k in entry)) {
      // A later totals row (a second train() call) replaces what an earlier one said.
      this.summary = { ...this.summary, ...entry };
      return;
    }
    const step = entry.step;
    if (typeof step !== "number" || !isValidStep(step)) {
      this.problems.push({ offset, message: `${LOG_HISTORY}[${index}] has no integer "step"; skipped` });
      return;
    }
    const { values, count, skipped } = extractMetricValues(entry, STEP_KEY);
    for (const key of skipped) {
      if (this.skippedKeys.has(key)) continue;
      this.skippedKeys.add(key);
      this.problems.push({ offset, message: `${LOG_HISTORY}[${index}].${key} is not a number; "${key}" skipped` });
    }
    if (count > 0) this.grouper.addValues(step, values);
  }
}

export function streamTrainerState(chunks: Chunks): AsyncGenerator<ImportBatch> {
  return decodeChunks(new TrainerStateDecoder(), chunks);
}

export function parseTrainerState(bytes: Uint8Array, name = "trainer_state"): ImportedRun {
  return decodeBuffer(name, "trainer_state", new TrainerStateDecoder(), bytes);
}

export function importTrainerState(chunks: Chunks, name = "trainer_state"): Promise<ImportedRun> {
  return collectRun(name, "trainer_state", streamTrainerState(chunks));
}
