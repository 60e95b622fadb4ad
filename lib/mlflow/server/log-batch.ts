import "server-only";
import { getDb } from "@/lib/core/db";
import { setOwn } from "@/lib/core/view/own-keys";
import { algorithmFromConfig } from "@/lib/diagnostics/loss-params";
import { flagsTouchedByBatch, flagsTouchedByUpdate } from "@/lib/diagnostics/server/run-diagnostics";
import type { MetricRow } from "@/lib/metrics/contract";
import { checkBatchMetricNames } from "@/lib/metrics/metric-limits";
import { appendMetrics } from "@/lib/metrics/server/ingest";
import { mergeRunSummaryObject, setRunIdentity, updateRun, type Run } from "@/lib/runs/server/runs";
import { MLFLOW_LIMITS, type LogBatchInput } from "../contract";
import { MlflowError } from "../errors";
import { paramValue, RUN_NAME_TAG, tagsOf, TAGS_KEY } from "../run-shape";
import { requireMlflowRunWrite } from "./runs";

const invalid = (message: string) => new MlflowError("INVALID_PARAMETER_VALUE", message);

function checkLimits({ metrics, params, tags }: Omit<LogBatchInput, "run_id" | "run_uuid">): void {
  const L = MLFLOW_LIMITS;
  if (metrics.length > L.batchMetrics) throw invalid(`A batch logging request can contain at most ${L.batchMetrics} metrics. Got ${metrics.length} metrics.`);
  if (params.length > L.batchParams) throw invalid(`A batch logging request can contain at most ${L.batchParams} params. Got ${params.length} params.`);
  if (tags.length > L.batchTags) throw invalid(`A batch logging request can contain at most ${L.batchTags} tags. Got ${tags.length} tags.`);
  const total = metrics.length + params.length + tags.length;
  if (total > L.batchTotal) throw invalid(`A batch logging request can contain at most ${L.batchTotal} metrics, params and tags in all. Got ${total}.`);
}

/** Params not yet in the config; MLflow's params are write-once, so another value for a logged one is refused. */
function newParams(run: Run, params: LogBatchInput["params"]): Record<string, string> | null {
  const added: Record<string, string> = {};
  for (const { key, value } of params) {
    const before = Object.hasOwn(added, key) ? added[key] : Object.hasOwn(run.config, key) ? paramValue(run.config[key]) : undefined;
    if (before !== undefined && before !== value) {
      throw invalid(
        `Changing param values is not allowed. Param with key='${key}' was already logged with value='${before}' for run ID='${run.id}'. Attempted logging new value '${value}'.`,
      );
    }
    if (before === undefined) setOwn(added, key, value);
  }
  return Object.keys(added).length ? added : null;
}

/** One metric row per MLflow metric: its step, its time (ms → s). A (key, step) logged twice keeps the last value. */
function metricRows(metrics: LogBatchInput["metrics"]): MetricRow[] {
  return metrics.map((m, i) => {
    if (m.step < 0) throw invalid(`Invalid value for parameter 'metrics.${i}.step': PrefScope keeps steps from 0 up, got ${m.step}`);
    if (m.timestamp < 0) throw invalid(`Invalid value for parameter 'metrics.${i}.timestamp': expected milliseconds since the epoch, got ${m.timestamp}`);
    const values: Record<string, number> = Object.create(null);
    values[m.key] = m.value;
    return { step: m.step, values, time: m.timestamp / 1000 };
  });
}

/**
 * runs/log-batch (and log-metric, log-parameter, set-tag, which are batches of one): everything is checked first,
 * then metrics, params (config), tags (summary) and the name or algorithm they imply are written in one
 * transaction, through the services that keep series summaries, rollups, live updates and flags right.
 */
export async function logMlflowBatch(request: Request, runId: string, batch: Omit<LogBatchInput, "run_id" | "run_uuid">): Promise<void> {
  checkLimits(batch);
  const { run, projectId } = await requireMlflowRunWrite(request, runId);
  const rows = metricRows(batch.metrics);
  checkBatchMetricNames(rows);
  const config = newParams(run, batch.params);
  const tags: Record<string, string> = {};
  let name: string | undefined;
  for (const tag of batch.tags) {
    if (tag.key === RUN_NAME_TAG && tag.value.length > 256) throw invalid(`Invalid value for tag '${RUN_NAME_TAG}': a run name has at most 256 characters`);
    if (tag.key === RUN_NAME_TAG) name = tag.value || undefined;
    else setOwn(tags, tag.key, tag.value);
  }
  const algorithm = run.algorithm === null && config ? algorithmFromConfig({ ...run.config, ...config }) : undefined;
  const db = await getDb();
  const ingest = await db.transaction(async (tx) => {
    const txDb = tx as unknown as typeof db;
    const result = rows.length ? await appendMetrics({ db: txDb, runId, rows }) : null;
    if (config) await updateRun({ db: txDb, id: runId, input: { config }, projectId });
    if (Object.keys(tags).length) await mergeRunSummaryObject({ db: txDb, id: runId, key: TAGS_KEY, set: tags });
    await setRunIdentity({ db: txDb, id: runId, name: name === run.name ? undefined : name, algorithm });
    return result;
  });
  if (ingest) flagsTouchedByBatch(runId, ingest);
  if (config || algorithm) flagsTouchedByUpdate(runId, { config: config ?? {} });
}

/** runs/delete-tag: RESOURCE_DOES_NOT_EXIST when the run has no such tag, as in MLflow. */
export async function deleteMlflowTag(request: Request, runId: string, key: string): Promise<void> {
  const { run } = await requireMlflowRunWrite(request, runId);
  if (!Object.hasOwn(tagsOf(run.summary), key)) throw new MlflowError("RESOURCE_DOES_NOT_EXIST", `No tag with name: ${key} in run with id ${run.id}`);
  await mergeRunSummaryObject({ db: await getDb(), id: runId, key: TAGS_KEY, remove: [key] });
}
