import { z } from "zod";
import { RUN_QUERY_LIMITS } from "../query/parse-run-query";
import { HEALTH_VALUES } from "../query/run-query-ast";
import { isoTimeSchema, stepSchema, wireNumberSchema } from "../core/validation/numbers";
import { diagnosticFlagSchema, flagPropertySchema } from "../diagnostics/contract";
import { METRIC_AGGREGATES } from "./view/run-columns";
import { queryInteger } from "../core/validation/query-params";
import { jsonObject, text } from "../core/validation/text";

export const projectNameSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: "letters, digits, '.', '_' and '-', starting with a letter or digit" });

export const RUN_STATUSES = ["running", "finished", "failed"] as const;
export const runStatusSchema = z.enum(RUN_STATUSES);

/**
 * A `running` run's health, from its last sign of life (data or a heartbeat): `live`, `stale` after
 * PREFSCOPE_RUN_STALE_AFTER_S of silence, `crashed` after PREFSCOPE_RUN_CRASHED_AFTER_S. Null when not running.
 */
export const RUN_HEALTHS = HEALTH_VALUES;
export const runHealthSchema = z.enum(RUN_HEALTHS).nullable();
export type RunHealth = (typeof RUN_HEALTHS)[number];

const configSchema = jsonObject();
const tagSchema = text().min(1).max(128);
const tagsSchema = z.array(tagSchema).max(100);
export const MAX_RUN_TAGS = 100;
export const MAX_RUN_NOTES = 10_000;
const runNameSchema = text().min(1).max(256);
/** A run's group as an edit sets it: a name, or null to take the run out of any group. */
const runGroupSchema = text().min(1).max(256).nullable();

export const createRunSchema = z.strictObject({
  project: projectNameSchema,
  name: runNameSchema,
  id: z.uuid().optional(),
  group: text().max(256).nullish(),
  algorithm: text().min(1).max(64).nullish(),
  config: configSchema.optional(),
  tags: tagsSchema.optional(),
});
export type CreateRunInput = z.infer<typeof createRunSchema>;

export const updateRunSchema = z.strictObject({
  name: runNameSchema.optional(),
  group: runGroupSchema.optional(),
  notes: text().max(MAX_RUN_NOTES).optional(),
  status: runStatusSchema.optional(),
  config: configSchema.optional(),
  tags: tagsSchema.optional(),
  summary: configSchema.optional(),
  resume_from_step: stepSchema.optional(),
  /** Names the run's algorithm only while it has none (a log that says its loss after the run began); never replaces one. */
  algorithm: text().min(1).max(64).optional(),
});
export type UpdateRunInput = z.infer<typeof updateRunSchema>;
/** PATCH /api/v1/runs/{id} as a client sends it. */
export type UpdateRunBody = z.input<typeof updateRunSchema>;

export const runIdSchema = z.uuid({ error: "run id must be a UUID" });

/** POST /api/v1/runs/bulk: one change to many runs of a project, all or nothing. */
export const bulkEditRunsSchema = z.strictObject({
  ids: z.array(runIdSchema).min(1).max(500),
  set: z.strictObject({ group: runGroupSchema.optional() }).optional(),
  add_tags: z.array(tagSchema).max(MAX_RUN_TAGS).optional(),
  remove_tags: z.array(tagSchema).max(MAX_RUN_TAGS).optional(),
});
export type BulkEditRunsInput = z.infer<typeof bulkEditRunsSchema>;
export type BulkEditRunsBody = z.input<typeof bulkEditRunsSchema>;

/** Archived runs (and projects) are left out of lists unless asked for: `include` them, or list `only` them. */
export const archivedFilterSchema = z.enum(["exclude", "include", "only"]);
export type ArchivedFilter = z.infer<typeof archivedFilterSchema>;

export const listRunsQuerySchema = z.strictObject({
  project: projectNameSchema.optional(),
  // Longer than the parser takes (it also caps nesting and terms): 422 naming `q` before it is parsed.
  q: text().max(RUN_QUERY_LIMITS.maxLength).optional(),
  flag: flagPropertySchema.optional(),
  status: runStatusSchema.optional(),
  limit: queryInteger({ min: 1, max: 1000 }).default(100),
  cursor: text().max(200).optional(),
  summary_keys: text().max(2000).optional(),
  archived: archivedFilterSchema.optional(),
});
export type ListRunsQuery = z.infer<typeof listRunsQuerySchema>;

/** Comma-separated names (no commas inside a name, as with the table's `cols`). */
const nameList = text()
  .max(8000)
  .optional()
  .transform((s) => (s ? [...new Set(s.split(",").filter(Boolean))].slice(0, 200) : []));

export const runsTableQuerySchema = z.strictObject({
  q: text().max(500).optional(),
  flag: flagPropertySchema.optional(),
  config: nameList,
  metrics: nameList,
  archived: archivedFilterSchema.optional(),
});
export type RunsTableQuery = z.infer<typeof runsTableQuerySchema>;

// ---- Responses ----

/** A run as every endpoint that answers with one writes it. */
export const runSchema = z.strictObject({
  id: z.uuid(),
  project: z.string(),
  name: z.string(),
  group: z.string().nullable(),
  algorithm: z.string().nullable(),
  config: z.record(z.string(), z.unknown()),
  tags: z.array(z.string()),
  /** What the team wrote about the run; empty when nothing. */
  notes: z.string(),
  status: runStatusSchema,
  health: runHealthSchema,
  /** The runner's last sign of life: a batch of data, a heartbeat, the run's creation or resumption. */
  last_seen_at: isoTimeSchema,
  summary: z.record(z.string(), z.unknown()),
  flags: z.array(diagnosticFlagSchema),
  /** Highest flag severity: 0 none, 1 info, 2 warning, 3 critical. */
  flag_level: z.int().min(0).max(3),
  /** The diagnostics' latest values from the last flag computation (drop_ratio, log_g, leaked_mass_median, …). */
  diagnostics: z.record(z.string(), wireNumberSchema),
  /** When the flags were last computed. */
  flags_computed_at: isoTimeSchema.nullable(),
  /** Whether the flags reflect every write to the run; false while a recomputation is due. */
  flags_current: z.boolean(),
  created_at: isoTimeSchema,
  updated_at: isoTimeSchema,
  finished_at: isoTimeSchema.nullable(),
  /** When it was archived (hidden from lists until restored); null when it is not. */
  archived_at: isoTimeSchema.nullable(),
});
export type Run = z.infer<typeof runSchema>;

/** A series' running summary, read from the series summaries (non-finite values as strings on the wire). */
export const metricSummarySchema = z.strictObject({
  first: wireNumberSchema.nullable(),
  last: wireNumberSchema.nullable(),
  last_step: z.number().nullable(),
  min: wireNumberSchema.nullable(),
  max: wireNumberSchema.nullable(),
  count: z.number().nonnegative(),
});
export type MetricSummary = z.infer<typeof metricSummarySchema>;

export const runWithMetricsSchema = runSchema.extend({ metrics: z.record(z.string(), metricSummarySchema) });
export type RunWithMetrics = z.infer<typeof runWithMetricsSchema>;

/** GET /api/v1/runs: newest first; `next_cursor` is the `cursor` of the next page. */
export const runListSchema = z.strictObject({ runs: z.array(runWithMetricsSchema), next_cursor: z.string().nullable() });
export type RunList = z.input<typeof runListSchema>;

/** A run as the runs table needs it: the named config keys and metric aggregates only. */
export const tableRunSchema = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  algorithm: z.string().nullable(),
  status: runStatusSchema,
  health: runHealthSchema,
  last_seen_at: isoTimeSchema,
  group: z.string().nullable(),
  tags: z.array(z.string()),
  archived_at: isoTimeSchema.nullable(),
  created_at: isoTimeSchema,
  flags: z.array(diagnosticFlagSchema),
  config: z.record(z.string(), z.unknown()),
  metrics: z.record(z.string(), z.partialRecord(z.enum(METRIC_AGGREGATES), wireNumberSchema.nullable())),
  diagnostics: z.record(z.string(), wireNumberSchema),
});

/** GET /api/v1/projects/{project}/runs-table */
export const runsTableSchema = z.strictObject({
  runs: z.array(tableRunSchema),
  total: z.int().nonnegative(),
  config_keys: z.array(z.string()),
  metric_names: z.array(z.string()),
});
export type RunsTableResponse = z.input<typeof runsTableSchema>;
/** Decoded: non-finite aggregates as the numbers they are, as the server-rendered first page has them. */
export type RunsTable = z.output<typeof runsTableSchema>;

/** POST /api/v1/runs/{id}/heartbeat: nothing, or an empty object (the key says who, the path which run). */
export const heartbeatBodySchema = z.strictObject({});

/** POST /api/v1/runs/{id}/heartbeat */
export const heartbeatSchema = z.strictObject({ ok: z.literal(true), status: runStatusSchema, health: runHealthSchema, last_seen_at: isoTimeSchema });
export type Heartbeat = z.infer<typeof heartbeatSchema>;

/** Rows removed from each of a run's tables. */
export const purgeCountsSchema = z.strictObject({
  metrics: z.int().nonnegative(),
  metric_rollups: z.int().nonnegative(),
  sequences: z.int().nonnegative(),
  ingest_batches: z.int().nonnegative(),
  flag_notifications: z.int().nonnegative(),
  metric_keys: z.int().nonnegative(),
  run_pairs: z.int().nonnegative(),
});

/** POST /api/v1/runs/bulk: the runs as the edit left them, in the order of `ids`. */
export const bulkEditedRunsSchema = z.strictObject({ runs: z.array(runSchema) });
export type BulkEditedRuns = z.infer<typeof bulkEditedRunsSchema>;

/** DELETE /api/v1/runs/{id} */
export const runDeletedSchema = z.strictObject({ id: z.uuid(), deleted: z.literal(true), rows: purgeCountsSchema });

/** DELETE /api/v1/projects/{project} */
export const projectDeletedSchema = z.strictObject({ project: z.string(), runs: z.int().nonnegative(), rows: purgeCountsSchema, deleted: z.literal(true) });
