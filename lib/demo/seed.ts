import "server-only";
import { createApiKey } from "../services/api-keys";
import { getProjectByName, listProjects } from "../services/projects";
import { appendMetrics } from "../services/metrics";
import { createOrResumeRun, updateRun } from "../services/runs";
import { appendSequences } from "../services/sequences";
import { DEMO_RUNS, synthesizeRun } from "./synthetic-runs";

const CHUNK = 5_000;

/** Loads the demo project through the same services the API uses. Returns the demo key, shown once. */
export async function seedDemoProject(): Promise<{ key: string; runs: number }> {
  const { key, project } = await createApiKey({ project: "demo", name: "demo key" });
  const { id: projectId } = await getProjectByName({ name: project });
  for (const spec of DEMO_RUNS) {
    const { run } = await createOrResumeRun({
      projectId,
      input: { project, name: spec.name, algorithm: spec.algorithm, config: spec.config, tags: spec.tags },
    });
    const { metrics, sequences } = synthesizeRun(spec);
    for (let i = 0; i < metrics.length; i += CHUNK) await appendMetrics({ runId: run.id, rows: metrics.slice(i, i + CHUNK) });
    for (let i = 0; i < sequences.length; i += CHUNK) await appendSequences({ runId: run.id, rows: sequences.slice(i, i + CHUNK) });
    await updateRun({ id: run.id, projectId, input: { status: "finished" } });
  }
  return { key, runs: DEMO_RUNS.length };
}

export async function isDatabaseEmpty(): Promise<boolean> {
  return (await listProjects()).length === 0;
}
