import type { Db } from "@/lib/core/db";
import { getOrCreateProject } from "@/lib/projects/server/projects";
import { createOrResumeRun } from "./runs";

/** A run in a project, made through the services the API uses: for the services' unit tests. */
export async function createTestRun(db: Db, { project = "unit", name = "run" }: { project?: string; name?: string } = {}) {
  const { id: projectId } = await getOrCreateProject({ db, name: project });
  const { run } = await createOrResumeRun({ db, projectId, input: { project, name } });
  return { runId: run.id, projectId, run };
}
