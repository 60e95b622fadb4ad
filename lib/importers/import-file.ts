import { collectRun, decodeChunks, type Chunks } from "./collect-run";
import { CsvDecoder } from "./csv-decoder";
import { baseName, detectFormat, SNIFF_BYTES } from "./detect-format";
import { JsonlDecoder } from "./jsonl-decoder";
import { isLfsPointer, LFS_POINTER_MESSAGE } from "./problem-text";
import { TensorboardDecoder } from "./tensorboard-decoder";
import { TrainerStateDecoder } from "./trainer-state-decoder";
import { StorableFilter } from "./storable";
import type { ChunkDecoder, ImportBatch, ImportedRun, ImportFormat, ImportProblem } from "./types";
import { parseRunsTable } from "./wandb-runs-table";

/** Thrown when neither a file's name nor its first bytes match a format; handlers answer 415. */
export class UnsupportedFormatError extends Error {
  constructor(
    readonly fileName: string,
    reason = "not a trainer_state.json, TensorBoard event file, JSON Lines, CSV or W&B runs-table file",
  ) {
    super(`${fileName}: ${reason}`);
    this.name = "UnsupportedFormatError";
  }
}

/** `stepKeys` (JSONL and CSV only): where the step is, when it is not under one of the usual names. */
const DECODERS: Record<Exclude<ImportFormat, "wandb_runs">, (stepKeys?: readonly string[]) => ChunkDecoder> = {
  trainer_state: () => new TrainerStateDecoder(),
  tensorboard: () => new TensorboardDecoder(),
  jsonl: (stepKeys) => new JsonlDecoder(stepKeys),
  csv: (stepKeys) => new CsvDecoder(stepKeys),
};

export interface ImportStream {
  name: string;
  source: ImportFormat;
  batches: AsyncIterable<ImportBatch>;
}

/** The longest run name the API takes (`createRunSchema`): a derived name is cut to it, never refused. */
export const MAX_RUN_NAME_LENGTH = 256;

/** A derived name Postgres can store and the API would take: NUL and unpaired surrogates become U+FFFD, then cut. */
function storableRunName(name: string, fallback: string): string {
  const clean = name.replace(/\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
  let cut = clean.slice(0, MAX_RUN_NAME_LENGTH);
  // Never end on the first half of a surrogate pair the cut split.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return cut || fallback;
}

/**
 * A run's name from where its file sits. Event files and trainer_state.json are named by their folder (one
 * run per TensorBoard log dir; a Trainer output dir, looking past `checkpoint-N`); JSONL and CSV by the file.
 */
export function runNameFromPath(fileName: string, format: ImportFormat): string {
  const parts = fileName.split(/[\\/]/).filter((p) => p !== "");
  const file = parts.pop() ?? fileName;
  if (format === "tensorboard" || format === "trainer_state") {
    let dir = parts.pop();
    if (format === "trainer_state" && dir !== undefined && /^checkpoint-\d+$/.test(dir)) dir = parts.pop() ?? dir;
    return storableRunName(dir ?? format, format);
  }
  const dot = file.lastIndexOf(".");
  return storableRunName(dot > 0 ? file.slice(0, dot) : file, format);
}

/** Reads chunks until `bytes` are in hand, then gives back the head and an iterable that replays everything. */
async function peek(chunks: Chunks, bytes: number): Promise<{ head: Uint8Array; all: AsyncIterable<Uint8Array> }> {
  const iterator = (Symbol.asyncIterator in chunks ? chunks[Symbol.asyncIterator]() : chunks[Symbol.iterator]()) as AsyncIterator<Uint8Array> | Iterator<Uint8Array>;
  const seen: Uint8Array[] = [];
  let have = 0;
  let done = false;
  while (have < bytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    seen.push(next.value);
    have += next.value.length;
  }
  const head = new Uint8Array(Math.min(have, bytes));
  let at = 0;
  for (const chunk of seen) {
    if (at >= head.length) break;
    const part = chunk.subarray(0, head.length - at);
    head.set(part, at);
    at += part.length;
  }
  async function* all(): AsyncGenerator<Uint8Array> {
    yield* seen;
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { head, all: all() };
}

async function* oneBatch(batch: ImportBatch): AsyncGenerator<ImportBatch> {
  yield new StorableFilter().apply(batch);
}

/**
 * A W&B runs table, read whole (a row per run, small beside any history), as a stream per row: one batch of
 * config and summary, no rows. What the file-level reading noted, and the rows that gave no run, go with the
 * first run; a table where no row gives a run is one stream of those problems alone (its import is refused).
 */
async function openRunsTable(fileName: string, chunks: AsyncIterable<Uint8Array>): Promise<ImportStream[]> {
  const bytes: Uint8Array[] = [];
  for await (const chunk of chunks) bytes.push(chunk);
  const base = runNameFromPath(fileName, "wandb_runs");
  const table = parseRunsTable(bytes, base);
  const stream = (name: string, batch: ImportBatch): ImportStream => ({ name: storableRunName(name, base), source: "wandb_runs", batches: oneBatch(batch) });
  if (table.runs.length === 0) return [stream(base, { rows: [], problems: table.problems })];
  return table.runs.map((run, i) => {
    const problems: ImportProblem[] = i === 0 ? table.problems : [];
    return stream(run.name, { rows: [], problems, config: run.config, summary: run.summary });
  });
}

/**
 * Detects the format and returns each run the file holds as a stream: one for every format but a W&B runs table
 * (a run per row). Nothing is read past the sniffed head yet, except of a runs table.
 */
export async function openImports(fileName: string, chunks: Chunks, options: { stepKey?: string } = {}): Promise<ImportStream[]> {
  const { head, all } = await peek(chunks, SNIFF_BYTES);
  if (isLfsPointer(head)) throw new UnsupportedFormatError(baseName(fileName), LFS_POINTER_MESSAGE);
  const source = detectFormat(fileName, head);
  if (source === null) throw new UnsupportedFormatError(baseName(fileName));
  if (source === "wandb_runs") return openRunsTable(fileName, all);
  return [{ name: runNameFromPath(fileName, source), source, batches: decodeChunks(DECODERS[source](options.stepKey ? [options.stepKey] : undefined), all) }];
}

/** `openImports` for a file known to hold one run; a W&B runs table (several) is refused. */
export async function openImport(fileName: string, chunks: Chunks, options: { stepKey?: string } = {}): Promise<ImportStream> {
  const streams = await openImports(fileName, chunks, options);
  if (streams.length !== 1 || streams[0]!.source === "wandb_runs")
    throw new UnsupportedFormatError(baseName(fileName), "a W&B runs table holds a run per row: open it with openImports");
  return streams[0]!;
}

/** Imports one file whole. For large files use `openImport` and write batches as they come. */
export async function importFile(fileName: string, chunks: Chunks): Promise<ImportedRun> {
  const { name, source, batches } = await openImport(fileName, chunks);
  return collectRun(name, source, batches);
}
