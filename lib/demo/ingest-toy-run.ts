import "server-only";
import type { Db } from "../core/db";
import { runToyModel, type ToyModelOptions, type ToyRun } from "../toy-model";
import { appendMetrics } from "../metrics/server/ingest";
import { flagsTouchedByBatch, flagsTouchedByUpdate, recomputeRunFlags } from "../diagnostics/server/run-diagnostics";
import { createOrResumeRun, updateRun } from "../runs/server/runs";
import { appendSequences } from "../sequences/server/sequences";
import { toyRunName, toyRunRows } from "./toy-records";

const CHUNK = 10_000;

/**
 * Runs the toy model (or takes the run of these options, computed elsewhere: the lab's worker threads) and stores it
 * through the services the ingest API uses; flags are computed at once.
 */
export async function ingestToyRun(options: { db: Db; projectId: number; project: string; toy: ToyModelOptions; toyRun?: ToyRun; name?: string; group?: string; tags?: string[] }) {
  const { db } = options;
  const toyRun = options.toyRun ?? runToyModel(options.toy);
  const { run } = await createOrResumeRun({
    db,
    projectId: options.projectId,
    input: {
      project: options.project,
      name: options.name ?? toyRunName({ ...options.toy, seed: options.toy.seed }),
      algorithm: toyRun.algorithm,
      group: options.group,
      config: { ...toyRun.config, model: "toy-mlp" },
      tags: ["toy", ...(options.tags ?? [])],
    },
  });
  // Wall times as if it had trained at 2 steps a second up to now, so the time axis draws a training, not one instant.
  const { metrics, sequences } = toyRunRows(toyRun, { end: Date.now() / 1000, secondsPerStep: 0.5 });
  for (let i = 0; i < metrics.length; i += CHUNK) flagsTouchedByBatch(run.id, await appendMetrics({ db, runId: run.id, rows: metrics.slice(i, i + CHUNK) }));
  for (let i = 0; i < sequences.length; i += CHUNK) flagsTouchedByBatch(run.id, await appendSequences({ db, runId: run.id, rows: sequences.slice(i, i + CHUNK) }));
  const finished = { status: "finished" as const };
  await updateRun({ db, id: run.id, projectId: options.projectId, input: finished });
  flagsTouchedByUpdate(run.id, finished);
  const flags = await recomputeRunFlags(run.id);
  return { run, flags };
}
