/**
 * The formats `detectFormat` recognises; also each importer's id in `ImportedRun.source`. `wandb_runs` is a W&B
 * runs-table CSV: one run per row, config and summary only (`wandb-runs-table.ts`).
 */
export type ImportFormat = "trainer_state" | "tensorboard" | "jsonl" | "csv" | "wandb_runs";

/** All values a runner logged at one step. Names are kept exactly as logged (see `metric-names.ts`). */
export interface ImportedRow {
  step: number;
  values: Record<string, number>;
  /** Unix seconds. When several values share a step, the latest of their times. */
  time?: number;
}

/**
 * Where in the input a problem sits. `offset` is a byte offset (TFRecord framing) or a character offset (JSON);
 * `record` is the 0-based TFRecord index; `line` is the 1-based line (JSONL, CSV: the line the record starts on).
 */
export interface ImportProblem {
  /** Set when one run is imported from several files (a TensorBoard directory). */
  file?: string;
  offset?: number;
  record?: number;
  line?: number;
  message: string;
}

export interface ImportedRun {
  name: string;
  source: ImportFormat;
  config: Record<string, unknown>;
  summary: Record<string, unknown>;
  /** One row per step, ascending; a later value for the same (step, name) replaced an earlier one. */
  rows: ImportedRow[];
  problems: ImportProblem[];
}

/**
 * What a streaming importer yields. Rows are in input order and merged only with their neighbours, so a step
 * can appear in more than one batch (an eval logged after later train steps, a resumed run): consumers upsert
 * per (step, name) with later-wins, which is what `collectRun` does. `config` and `summary` are patches merged
 * shallowly into what came before.
 */
export interface ImportBatch {
  rows: ImportedRow[];
  problems: ImportProblem[];
  config?: Record<string, unknown>;
  summary?: Record<string, unknown>;
}

/**
 * The push core each format implements: bytes in, whatever became complete out. Chunks may split anything
 * anywhere (a record, a UTF-8 sequence, a quoted CSV field); `end` reports what the input left unfinished.
 * Never throws on bad input: every defect becomes an `ImportProblem`.
 */
export interface ChunkDecoder {
  push(chunk: Uint8Array): ImportBatch;
  end(): ImportBatch;
  /**
   * The row still being filled, as it stands, for a reader that has read all there is for now (`prefscope watch`):
   * values that later join its step start a new row at that step, which consumers merge by step as always.
   */
  settle?(): ImportedRow[];
}
