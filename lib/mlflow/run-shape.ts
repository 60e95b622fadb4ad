import type { Run } from "../runs/contract";
import type { MlflowMetric, MlflowRun, MlflowRunInfo, MlflowRunStatus } from "./contract";

/*
 * run ↔ run. Params are the run's config (MLflow's are strings: config values written otherwise, through
 * /api/v1, read back as their JSON text). MLflow tags live in the run's `summary` under one key, `mlflow.tags`,
 * as `{key: value}`: the runs table has no column for them and this needs no migration. `mlflow.runName` is the
 * run's name. Deleted (MLflow's soft delete) is archived.
 */
export const TAGS_KEY = "mlflow.tags";
export const RUN_NAME_TAG = "mlflow.runName";
export const USER_TAG = "mlflow.user";

const STATUS_TO_MLFLOW: Record<Run["status"], MlflowRunStatus> = { running: "RUNNING", finished: "FINISHED", failed: "FAILED" };

/** MLflow's statuses in PrefScope's three: SCHEDULED is running, KILLED is failed (and reads back as FAILED). */
export function statusFromMlflow(status: MlflowRunStatus): Run["status"] {
  return status === "FINISHED" ? "finished" : status === "FAILED" || status === "KILLED" ? "failed" : "running";
}

/** The MLflow tags kept in a run's summary (only string values: the object is written by these endpoints alone). */
export function tagsOf(summary: Record<string, unknown>): Record<string, string> {
  const stored = Object.hasOwn(summary, TAGS_KEY) ? summary[TAGS_KEY] : undefined;
  const out: Record<string, string> = Object.create(null);
  if (stored && typeof stored === "object" && !Array.isArray(stored)) {
    for (const [k, v] of Object.entries(stored)) if (typeof v === "string") out[k] = v;
  }
  return out;
}

export function paramValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** MLflow's run ids are 32 hex digits; PrefScope's are the same UUIDs with dashes. Both are taken. */
export function normaliseRunId(id: string): string {
  return /^[0-9a-f]{32}$/i.test(id) ? `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`.toLowerCase() : id;
}

export function toRunInfo(run: Run, experimentId: string): MlflowRunInfo {
  const tags = tagsOf(run.summary);
  return {
    run_id: run.id,
    run_uuid: run.id,
    run_name: run.name,
    experiment_id: experimentId,
    user_id: tags[USER_TAG] ?? "",
    status: STATUS_TO_MLFLOW[run.status],
    start_time: Date.parse(run.created_at),
    ...(run.finished_at ? { end_time: Date.parse(run.finished_at) } : {}),
    // Where MLflow's client would put artifacts: its uploads reach /api/2.0/mlflow-artifacts, which says "not supported".
    artifact_uri: `mlflow-artifacts:/${experimentId}/${run.id}/artifacts`,
    lifecycle_stage: run.archived_at ? "deleted" : "active",
  };
}

/** Latest value of each series (at its last step); `timestamp` is the run's last sign of life, not the point's. */
export type LatestMetric = { name: string; last_value: number | null; last_step: number | null };

export function toMlflowRun(run: Run, experimentId: string, latest: LatestMetric[]): MlflowRun {
  const tags = tagsOf(run.summary);
  tags[RUN_NAME_TAG] = run.name;
  const seen = Date.parse(run.last_seen_at);
  const metrics: MlflowMetric[] = latest.filter((m) => m.last_step !== null).map((m) => ({ key: m.name, value: m.last_value ?? Number.NaN, timestamp: seen, step: m.last_step! }));
  return {
    info: toRunInfo(run, experimentId),
    data: {
      metrics,
      params: Object.entries(run.config).map(([key, value]) => ({ key, value: paramValue(value) })),
      tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
    },
    inputs: {},
  };
}
