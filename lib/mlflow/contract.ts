import { z } from "zod";
import { wireNumberSchema } from "../core/validation/numbers";
import { text } from "../core/validation/text";

/*
 * Requests and responses of the MLflow-compatible tracking endpoints (`/api/2.0/mlflow/...`), as MLflow's
 * `service.proto` defines them and its Python client (`RestStore`) sends them. Objects are not strict, unlike
 * `/api/v1`: proto JSON parsers skip fields they do not know, and MLflow's clients send fields that older servers
 * never had (`run_uuid` beside `run_id`, `user_id`). int64 fields come as JSON numbers from MLflow's client and as
 * strings from other proto JSON writers; both are taken.
 */

/** MLflow's limits (mlflow/utils/validation.py): names of metrics, params and tags; param and tag values. */
export const MLFLOW_LIMITS = { keyLength: 250, paramValueLength: 6000, tagValueLength: 8000, batchMetrics: 1000, batchParams: 100, batchTags: 100, batchTotal: 1000 } as const;

const int64 = z
  .union([z.number().int(), z.string().regex(/^-?\d{1,19}$/)], { error: "expected an integer" })
  .transform(Number)
  .refine((n) => Number.isSafeInteger(n), { error: "expected an integer of at most 2^53 - 1" });
const key = text().min(1, { error: "must not be empty" }).max(MLFLOW_LIMITS.keyLength);
const id = text().min(1).max(256);

export const RUN_STATUSES = ["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"] as const;
export type MlflowRunStatus = (typeof RUN_STATUSES)[number];
/** Enums come as names from MLflow's client, as numbers from some proto writers. */
function protoEnum<const T extends readonly [string, ...string[]]>(names: T) {
  return z.union([z.enum(names), z.int().min(1).max(names.length)]).transform((v) => (typeof v === "number" ? names[v - 1]! : v) as T[number]);
}
export const VIEW_TYPES = ["ACTIVE_ONLY", "DELETED_ONLY", "ALL"] as const;
export type ViewType = (typeof VIEW_TYPES)[number];

export const tagSchema = z.object({ key, value: text().max(MLFLOW_LIMITS.tagValueLength).default("") });
export const paramSchema = z.object({ key, value: text().max(MLFLOW_LIMITS.paramValueLength) });
export const metricSchema = z.object({ key, value: wireNumberSchema, timestamp: int64, step: int64.default(0) });
export type MlflowTag = z.output<typeof tagSchema>;
export type MlflowParam = z.output<typeof paramSchema>;
export type MlflowMetricInput = z.output<typeof metricSchema>;

/** `run_id`, or `run_uuid` (its deprecated name, which MLflow's client still sends beside it). */
const runRef = { run_id: id.optional(), run_uuid: id.optional() };

export const createExperimentSchema = z.object({ name: text().min(1), artifact_location: text().optional(), tags: z.array(tagSchema).default([]) });
export const getExperimentSchema = z.object({ experiment_id: id });
export const getExperimentByNameSchema = z.object({ experiment_name: text().min(1) });
export const searchExperimentsSchema = z.object({
  max_results: int64.optional(),
  page_token: text().max(100).optional(),
  filter: text().max(4000).optional(),
  order_by: z.union([z.array(text()), text()]).optional(),
  view_type: protoEnum(VIEW_TYPES).default("ACTIVE_ONLY"),
});

export const createRunSchema = z.object({
  experiment_id: id.optional(),
  user_id: text().max(256).optional(),
  start_time: int64.optional(),
  tags: z.array(tagSchema).default([]),
  run_name: text().max(256).optional(),
});
export const getRunSchema = z.object(runRef);
export const updateRunSchema = z.object({ ...runRef, status: protoEnum(RUN_STATUSES).optional(), end_time: int64.optional(), run_name: text().max(256).optional() });
export const runOnlySchema = z.object(runRef);
export const searchRunsSchema = z.object({
  experiment_ids: z.array(id).default([]),
  filter: text().max(4000).optional(),
  run_view_type: protoEnum(VIEW_TYPES).default("ACTIVE_ONLY"),
  max_results: int64.default(1000),
  order_by: z.array(text().max(500)).max(10).default([]),
  page_token: text().max(100).optional(),
});

export const logMetricSchema = z.object({ ...runRef, key, value: wireNumberSchema, timestamp: int64, step: int64.default(0) });
export const logParamSchema = z.object({ ...runRef, key, value: text().max(MLFLOW_LIMITS.paramValueLength) });
export const setTagSchema = z.object({ ...runRef, key, value: text().max(MLFLOW_LIMITS.tagValueLength).default("") });
export const deleteTagSchema = z.object({ ...runRef, key });
export const logBatchSchema = z.object({
  ...runRef,
  metrics: z.array(metricSchema).default([]),
  params: z.array(paramSchema).default([]),
  tags: z.array(tagSchema).default([]),
});
export type LogBatchInput = z.output<typeof logBatchSchema>;
export const getMetricHistorySchema = z.object({ ...runRef, metric_key: key, page_token: text().optional(), max_results: int64.optional() });

// ---- Responses ----

const keyValue = z.strictObject({ key: z.string(), value: z.string() });

export const experimentSchema = z.strictObject({
  experiment_id: z.string(),
  name: z.string(),
  artifact_location: z.string(),
  lifecycle_stage: z.enum(["active", "deleted"]),
  creation_time: z.int(),
  last_update_time: z.int(),
  tags: z.array(keyValue),
});
export type MlflowExperiment = z.infer<typeof experimentSchema>;

export const metricOutSchema = z.strictObject({ key: z.string(), value: wireNumberSchema, timestamp: z.int(), step: z.int() });
export type MlflowMetric = z.output<typeof metricOutSchema>;

export const runInfoSchema = z.strictObject({
  run_id: z.string(),
  run_uuid: z.string(),
  run_name: z.string(),
  experiment_id: z.string(),
  user_id: z.string(),
  status: z.enum(RUN_STATUSES),
  start_time: z.int(),
  end_time: z.int().optional(),
  artifact_uri: z.string(),
  lifecycle_stage: z.enum(["active", "deleted"]),
});
export type MlflowRunInfo = z.infer<typeof runInfoSchema>;

export const runOutSchema = z.strictObject({
  info: runInfoSchema,
  data: z.strictObject({ metrics: z.array(metricOutSchema), params: z.array(keyValue), tags: z.array(keyValue) }),
  inputs: z.strictObject({}),
});
export type MlflowRun = z.output<typeof runOutSchema>;

export const responses = {
  createExperiment: z.strictObject({ experiment_id: z.string() }),
  experiment: z.strictObject({ experiment: experimentSchema }),
  searchExperiments: z.strictObject({ experiments: z.array(experimentSchema), next_page_token: z.string().optional() }),
  run: z.strictObject({ run: runOutSchema }),
  updateRun: z.strictObject({ run_info: runInfoSchema }),
  searchRuns: z.strictObject({ runs: z.array(runOutSchema), next_page_token: z.string().optional() }),
  metricHistory: z.strictObject({ metrics: z.array(metricOutSchema), next_page_token: z.string().optional() }),
  empty: z.strictObject({}),
  error: z.strictObject({ error_code: z.string(), message: z.string() }),
};
