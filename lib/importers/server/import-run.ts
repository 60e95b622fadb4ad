import "server-only";
import { runNameFromPath, streamTensorboardFiles, type EventFile, type ImportProblem, type ImportStream, type ImportTally } from "..";
import type { Db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { describeProblem } from "../problem-text";
import { liftTrainingArgs } from "../training-args";
import type { MetricRow } from "@/lib/metrics/contract";
import { RunMetricNamesError } from "@/lib/metrics/metric-limits";
import { appendMetrics } from "@/lib/metrics/server/ingest";
import { createOrResumeRun, discardRun, setRunIdentity, updateRun, type Run } from "@/lib/runs/server/runs";
import { flagsTouchedByBatch, flagsTouchedByUpdate } from "@/lib/diagnostics/server/run-diagnostics";
import { algorithmFromConfig } from "@/lib/diagnostics/loss-params";
import { jsonText } from "@/lib/core/http/json";

const WRITE_ROWS = 2_000;
const MAX_REPORTED_PROBLEMS = 100;

export interface ImportResult {
  run: Run;
  format: string;
  rows: number;
  problems: ImportProblem[];
  problem_count: number;
}

/** A TensorBoard log directory's event files as one run, named by the directory. */
export function tensorboardDirectoryStream(directory: string, files: EventFile[]): ImportStream {
  return { name: runNameFromPath(`${directory}/events.out.tfevents`, "tensorboard"), source: "tensorboard", batches: streamTensorboardFiles(files) };
}

/**
 * Streams an import (one file via `openImport`, or a TensorBoard directory) into a new run through the same
 * ingest path the API uses, in batches, so a large file never sits in memory whole. Defective records are
 * reported, not fatal: the good ones are stored.
 */
export async function importRun(options: {
  db: Db;
  projectId: number;
  project: string;
  /** Where the data came from (a file or directory path), kept in the run's config. */
  origin: string;
  stream: ImportStream;
  name?: string;
  config?: Record<string, unknown>;
  /** Merged over the summary the file gives (HF's all_results.json beside a trainer state). */
  summary?: Record<string, unknown>;
  algorithm?: string;
  group?: string;
  /** Told each batch of rows once it is stored (the bytes it counts as the stream's chunks are read). */
  tally?: ImportTally;
}): Promise<ImportResult> {
  const { db, stream } = options;
  const { run } = await createOrResumeRun({
    db,
    projectId: options.projectId,
    input: {
      project: options.project,
      // A runs table's rows name their runs: one name given for the upload would name them all alike.
      name: stream.source === "wandb_runs" ? stream.name : (options.name ?? stream.name),
      algorithm: options.algorithm ?? algorithmFromConfig(options.config),
      group: options.group,
      config: { ...options.config, imported_from: options.origin, import_format: stream.source },
      tags: ["imported"],
    },
  });
  try {
    return await fillImportedRun(run.id, options);
  } catch (error) {
    // A refused import writes nothing: the run made for it goes again.
    await discardRun({ db, id: run.id });
    // The file is what names too many metrics here; an upload has no `rows` field.
    if (error instanceof RunMetricNamesError) throw new RunMetricNamesError(error.limit, error.have, error.adding, ["file"]);
    throw error;
  }
}

async function fillImportedRun(runId: string, options: Parameters<typeof importRun>[0]): Promise<ImportResult> {
  const { db, stream } = options;
  const run = { id: runId };
  let rows = 0;
  let problemCount = 0;
  const problems: ImportProblem[] = [];
  let config: Record<string, unknown> = {};
  let summary: Record<string, unknown> = {};
  let pending: MetricRow[] = [];
  // One write in flight while the next batch is decoded (on a Postgres server they overlap); writes stay in order.
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    const batch = pending;
    pending = [];
    await writing;
    if (batch.length === 0) return;
    writing = appendMetrics({ db, runId: run.id, rows: batch }).then((result) => {
      flagsTouchedByBatch(run.id, result);
      rows += batch.length;
      options.tally?.addRows(batch.length);
    });
    writing.catch(() => {}); // awaited (and thrown) at the next flush; not an unhandled rejection meanwhile
  };
  for await (const batch of stream.batches) {
    for (const row of batch.rows) pending.push(row);
    problemCount += batch.problems.length;
    problems.push(...batch.problems.slice(0, MAX_REPORTED_PROBLEMS - problems.length));
    if (batch.config) config = { ...config, ...batch.config };
    if (batch.summary) summary = { ...summary, ...batch.summary };
    if (pending.length >= WRITE_ROWS) await flush();
  }
  await flush();
  await writing;
  // A runs table's runs are config and summary alone (W&B's runs export has no history); every other run needs rows.
  const holdsRun = rows > 0 || (stream.source === "wandb_runs" && Object.keys(config).length + Object.keys(summary).length > 0);
  if (!holdsRun) throw nothingToImport(options.origin, problems, problemCount);
  const fileConfig = liftTrainingArgs(encodeNonFinite(config));
  // The algorithm the files name (TRL's loss_type among the logged arguments), when the import itself named none.
  const named = options.algorithm ?? algorithmFromConfig(options.config);
  const fileAlgorithm = named === undefined ? algorithmFromConfig(fileConfig) : undefined;
  if (fileAlgorithm) await setRunIdentity({ db, id: run.id, algorithm: fileAlgorithm });
  const input = {
    status: "finished" as const,
    config: { ...fileConfig, ...options.config },
    summary: { ...encodeNonFinite(summary), ...encodeNonFinite(options.summary ?? {}), ...(problemCount ? { import_problems: problemCount } : {}) },
  };
  const finished = await updateRun({ db, id: run.id, projectId: options.projectId, input });
  flagsTouchedByUpdate(run.id, input);
  return { run: finished, format: stream.source, rows, problems, problem_count: problemCount };
}

/**
 * NaN and ±Infinity in a file's config or summary as the API spells them ("NaN", "Infinity", "-Infinity"): jsonb
 * holds no such number, and JSON.stringify would store each as null, losing that the value was there.
 */
function encodeNonFinite(value: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(jsonText(value)) as Record<string, unknown>;
}

/** An import that yields no rows makes no run: the refusal says why, with the problems that explain it. */
function nothingToImport(origin: string, problems: ImportProblem[], problemCount: number): AppError {
  const shown = problems.slice(0, 3).map(describeProblem);
  const more = problemCount > shown.length ? ` (and ${problemCount - shown.length} more)` : "";
  const why = shown.length > 0 ? `: ${shown.join("; ")}${more}` : ": it holds no numeric value at any step";
  return new AppError("invalid_body", `${origin}: nothing to import${why}`, ["file"]);
}
