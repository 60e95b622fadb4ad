import "server-only";
import { getDb } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { resolvePrincipal } from "@/lib/accounts/server/access";
import { requireRunLifecycle, requireRunRead, requireRunWrite } from "@/lib/accounts/server/run-access";
import { flagsTouchedByUpdate } from "@/lib/diagnostics/server/run-diagnostics";
import { listMetricKeys } from "@/lib/metrics/server/metric-series";
import { setRunArchived } from "@/lib/runs/server/lifecycle";
import { createOrResumeRun, setRunIdentity, toRun, updateRun, type Run } from "@/lib/runs/server/runs";
import type { MlflowRun, MlflowRunInfo, MlflowRunStatus, MlflowTag } from "../contract";
import { MlflowError } from "../errors";
import { normaliseRunId, RUN_NAME_TAG, statusFromMlflow, TAGS_KEY, toMlflowRun, toRunInfo, USER_TAG } from "../run-shape";
import { requireExperiment } from "./experiments";

/** `run_id`, else `run_uuid`, as MLflow's server reads them. */
export function runIdOf(input: { run_id?: string; run_uuid?: string }): string {
  const id = input.run_id ?? input.run_uuid;
  if (!id) throw new MlflowError("INVALID_PARAMETER_VALUE", "Missing value for required parameter 'run_id'.");
  return normaliseRunId(id);
}

/** The run a write targets (a write key of its project), as PrefScope's run and its experiment id. */
export async function requireMlflowRunWrite(request: Request, runId: string) {
  const { run, project } = await requireRunWrite(request, runId);
  return { run: toRun(run, project), experimentId: String(run.projectId), projectId: run.projectId };
}

export async function getMlflowRun(request: Request, runId: string): Promise<MlflowRun> {
  const { run, project } = await requireRunRead(request, runId);
  const keys = await listMetricKeys({ db: await getDb(), runId: run.id });
  return toMlflowRun(toRun(run, project), String(run.projectId), keys);
}

/** A run name from `run_name`, else the `mlflow.runName` tag, else one made up (MLflow's server makes one up too). */
function runNameOf(runName: string | undefined, tags: MlflowTag[], id: string): string {
  return runName || tags.findLast((t) => t.key === RUN_NAME_TAG)?.value || `run-${id.slice(0, 8)}`;
}

/** runs/create: a run in the experiment's project; its tags (and `user_id`, as `mlflow.user`) in one transaction with it. */
export async function createMlflowRun(request: Request, input: { experiment_id?: string; user_id?: string; tags: MlflowTag[]; run_name?: string }): Promise<MlflowRun> {
  // Ingest takes a write key, as /api/v1 does; the experiment check below refuses a read-only one.
  const principal = await resolvePrincipal(request);
  if (principal.kind !== "key") throw new AppError("unauthorized", "Missing API key: set MLFLOW_TRACKING_TOKEN to a PrefScope write key");
  const project = await requireExperiment(request, input.experiment_id ?? "0", "edit");
  const id = crypto.randomUUID();
  const name = runNameOf(input.run_name, input.tags, id);
  const tags: Record<string, string> = Object.create(null);
  if (input.user_id) tags[USER_TAG] = input.user_id;
  for (const tag of input.tags) if (tag.key !== RUN_NAME_TAG) tags[tag.key] = tag.value;
  const db = await getDb();
  const run = await db.transaction(async (tx) => {
    const txDb = tx as unknown as typeof db;
    await createOrResumeRun({ db: txDb, input: { project: project.name, id, name }, projectId: principal.key.projectId });
    return updateRun({ db: txDb, id, input: { summary: { [TAGS_KEY]: tags } }, projectId: principal.key.projectId });
  });
  return toMlflowRun(run, String(project.id), []);
}

/** runs/update: status (with end_time: when it ended is the server's clock), and the run's name. */
export async function updateMlflowRun(request: Request, input: { runId: string; status?: MlflowRunStatus; run_name?: string }): Promise<MlflowRunInfo> {
  const { experimentId, projectId } = await requireMlflowRunWrite(request, input.runId);
  const db = await getDb();
  const status = input.status ? statusFromMlflow(input.status) : undefined;
  const run: Run = await db.transaction(async (tx) => {
    const txDb = tx as unknown as typeof db;
    if (input.run_name) await setRunIdentity({ db: txDb, id: input.runId, name: input.run_name });
    return updateRun({ db: txDb, id: input.runId, input: status ? { status } : {}, projectId });
  });
  if (status) flagsTouchedByUpdate(input.runId, { status });
  return toRunInfo(run, experimentId);
}

/** runs/delete and runs/restore: MLflow's soft delete is archiving (hidden from lists, restorable, data kept). */
export async function setMlflowRunDeleted(request: Request, runId: string, deleted: boolean): Promise<void> {
  await requireRunLifecycle(request, runId);
  await setRunArchived({ id: runId, archived: deleted });
}
