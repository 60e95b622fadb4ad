import "server-only";
import type { Db } from "../core/db";
import { flagsTouchedByBatch, flagsTouchedByUpdate } from "../diagnostics/server/run-diagnostics";
import { createApiKey } from "../accounts/server/api-keys";
import { appendMetrics } from "../metrics/server/ingest";
import { getOrCreateProject, listProjects } from "../projects/server/projects";
import { createOrResumeRun, updateRun } from "../runs/server/runs";
import { demoRunSpecs } from "./demo-runs";
import { ingestToyRun } from "./ingest-toy-run";
import { paperReferenceRuns } from "./paper-reference";

/** The `demo` project from the paper's toy model, through the same services the ingest API uses. */
export async function seedDemoProject({ db }: { db: Db }): Promise<{ key: string; runs: number; flagged: number }> {
  const { key, project } = await createApiKey({ project: "demo", name: "demo key" });
  const { id: projectId } = await getOrCreateProject({ db, name: project });
  let flagged = 0;
  for (const spec of demoRunSpecs()) {
    const { flags } = await ingestToyRun({ db, projectId, project, toy: spec.toy, group: spec.group, tags: spec.tags });
    if (flags.length) flagged += 1;
  }
  return { key, runs: demoRunSpecs().length, flagged };
}

/** The `paper` project: the paper's Tables 1, 2, 3, 8, 9 and 10 as reference runs for the comparison views. */
export async function seedPaperProject({ db }: { db: Db }): Promise<number> {
  const { id: projectId, name: project } = await getOrCreateProject({ db, name: "paper" });
  const references = paperReferenceRuns();
  for (const ref of references) {
    const { run } = await createOrResumeRun({
      db,
      projectId,
      input: { project, name: ref.name, algorithm: ref.algorithm, group: ref.group, config: ref.config, tags: ref.tags },
    });
    flagsTouchedByBatch(run.id, await appendMetrics({ db, runId: run.id, rows: ref.metrics }));
    const input = { status: "finished" as const, summary: ref.summary };
    await updateRun({ db, id: run.id, projectId, input });
    flagsTouchedByUpdate(run.id, input);
  }
  return references.length;
}

export async function isDatabaseEmpty(): Promise<boolean> {
  return (await listProjects({ archived: "include" })).length === 0;
}
