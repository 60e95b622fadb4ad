import "server-only";
import { runToyModel, type ToyModelOptions, type ToyRun } from "../toy-model";
import { appendMetrics } from "../metrics/server/ingest";
import { recomputeRunFlags } from "../diagnostics/server/run-diagnostics";
import { createOrResumeRun, updateRun } from "../runs/server/runs";
import { appendSequences } from "../sequences/server/sequences";
import { toyRunName, toyRunRows } from "./toy-records";

const CHUNK = 10_000;

/**
 * Runs the toy model (or takes the run of these options, computed elsewhere: the lab's worker threads) and stores it
 * through the services the ingest API uses; flags are computed at once.
 */
export async function ingestToyRun(options: { projectId: number; project: string; toy: ToyModelOptions; toyRun?: ToyRun; name?: string; group?: string; tags?: string[] }) {
  const toyRun = options.toyRun ?? runToyModel(options.toy);
  const { run } = await createOrResumeRun({
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
  const { metrics, sequences } = toyRunRows(toyRun);
  for (let i = 0; i < metrics.length; i += CHUNK) await appendMetrics({ runId: run.id, rows: metrics.slice(i, i + CHUNK) });
  for (let i = 0; i < sequences.length; i += CHUNK) await appendSequences({ runId: run.id, rows: sequences.slice(i, i + CHUNK) });
  await updateRun({ id: run.id, projectId: options.projectId, input: { status: "finished" } });
  const flags = await recomputeRunFlags(run.id);
  return { run, flags };
}
