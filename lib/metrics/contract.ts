import { z } from "zod";
import { stepSchema, wireNumberSchema } from "../core/validation/numbers";
import { queryInteger, queryNumber } from "../core/validation/query-params";
import { text } from "../core/validation/text";
import { MAX_SERIES_RUNS } from "./page-url";

export const metricNameSchema = text().min(1).max(256);

/** Unix seconds (a number) or an ISO-8601 timestamp. */
export const wallTimeSchema = z.union([z.number().nonnegative(), z.iso.datetime({ offset: true })]).transform((t) => (typeof t === "number" ? t : Date.parse(t) / 1000));

/**
 * `{name: value}`. Not `z.record`: it builds a plain object, where `__proto__` sets the prototype instead of adding
 * the metric. Metric names are user text, so the values come back in an object without a prototype.
 */
export const metricValuesSchema = z
  .custom<Record<string, unknown>>((v) => typeof v === "object" && v !== null && !Array.isArray(v), { error: "expected an object of metric values" })
  .transform((input, ctx) => {
    const out: Record<string, number> = Object.create(null);
    for (const name of Object.keys(input)) {
      const checked = metricNameSchema.safeParse(name);
      const value = wireNumberSchema.safeParse(input[name]);
      for (const issue of [...(checked.error?.issues ?? []), ...(value.error?.issues ?? [])]) {
        ctx.addIssue({ code: "custom", message: issue.message, path: [name, ...issue.path] });
      }
      if (checked.success && value.success) out[name] = value.data;
    }
    return out;
  });

export const metricRowSchema = z.strictObject({
  step: stepSchema,
  values: metricValuesSchema,
  time: wallTimeSchema.optional(),
});
export type MetricRow = z.infer<typeof metricRowSchema>;

export const batchIdSchema = text().min(1).max(200);

export const metricBatchSchema = z.strictObject({
  batch_id: batchIdSchema.optional(),
  rows: z.array(metricRowSchema),
});
export type MetricBatch = z.infer<typeof metricBatchSchema>;

/** Series one read of a run lists when it names none (`limit`); a run may hold up to 10,000. */
export const DEFAULT_SERIES_PAGE = 100;
export const MAX_SERIES_PAGE = 500;

export const readMetricsQuerySchema = z.strictObject({
  keys: text().max(10_000).optional(),
  /** Repeatable (`key=a&key=b`), for names that contain a comma. */
  key: text().max(1000).optional(),
  max_points: queryInteger({ min: 2, max: 100_000 }).default(2000),
  x: z.enum(["step", "time"]).default("step"),
  from: queryNumber().optional(),
  to: queryNumber().optional(),
  /** Paging of the run's series by name, when `keys` names none. */
  limit: queryInteger({ min: 1, max: MAX_SERIES_PAGE }).default(DEFAULT_SERIES_PAGE),
  offset: queryInteger().default(0),
  /** Only names containing this text (any case). */
  match: text().max(256).optional(),
});
export type ReadMetricsQuery = z.infer<typeof readMetricsQuerySchema>;

export const exportMetricsQuerySchema = z.strictObject({
  keys: text().max(10_000).optional(),
  key: text().max(1000).optional(),
  from: queryNumber().optional(),
  to: queryNumber().optional(),
});

/** POST /api/v1/runs/{id}/metrics and /sequences: what a batch did. */
export const ingestResultSchema = z.strictObject({
  /** Rows of the batch now stored. */
  accepted: z.int().nonnegative(),
  /** True when this batch id was applied before and this request changed nothing. */
  duplicate: z.boolean().optional(),
});
export type IngestResult = z.infer<typeof ingestResultSchema>;

export const seriesPointSchema = z.strictObject({
  step: z.number(),
  value: wireNumberSchema,
  time: z.number(),
  /** Raw points behind this one: 1 when exact, the bucket's size when downsampled. */
  count: z.int().nonnegative(),
  /** When downsampled: the bucket this point is the min or max of (both of a bucket's points share it). */
  bucket: z.number().optional(),
});

export const seriesSchema = z.strictObject({
  key: z.string(),
  /** Points logged in the requested range. */
  total: z.int().nonnegative(),
  sampled: z.boolean(),
  points: z.array(seriesPointSchema),
});
/** A series as the server holds it (values decoded: NaN and ±Infinity are numbers). */
export type Series = z.output<typeof seriesSchema>;
export type SeriesPoint = Series["points"][number];
/** A series as the API sends it (non-finite values spelled as strings). */
export type ApiSeries = z.input<typeof seriesSchema>;

/** GET /api/v1/runs/{id}/metrics: the named series, or a page of the run's series by name. */
export const metricsPageSchema = z.strictObject({
  run_id: z.uuid(),
  x: z.enum(["step", "time"]),
  max_points: z.int(),
  series: z.array(seriesSchema),
  /** Series the page was cut from (all the run's, or those matching `match`), and where the next page starts. */
  total_keys: z.int().nonnegative(),
  offset: z.int().nonnegative(),
  next_offset: z.int().nonnegative().nullable(),
});
export type MetricsResponse = z.input<typeof metricsPageSchema>;

/**
 * GET /api/v1/runs/series: the named series of several runs in one request, downsampled as the per-run read. A
 * run that never logged a key has no series of it (a comparison asks for the union of its runs' keys).
 */
export const readRunsSeriesQuerySchema = z.strictObject({
  runs: text()
    .max(MAX_SERIES_RUNS * 37)
    .transform((s) => s.split(","))
    .pipe(
      z
        .array(z.uuid({ error: "run id must be a UUID" }))
        .min(1)
        .max(MAX_SERIES_RUNS),
    ),
  keys: text().max(10_000).optional(),
  key: text().max(1000).optional(),
  max_points: queryInteger({ min: 2, max: 100_000 }).default(2000),
  x: z.enum(["step", "time"]).default("step"),
});

export const runsSeriesSchema = z.strictObject({
  x: z.enum(["step", "time"]),
  max_points: z.int(),
  /** In the order asked for; each run's series in the order of GET /runs/{id}/metrics?keys=. */
  runs: z.array(z.strictObject({ run_id: z.uuid(), series: z.array(seriesSchema) })),
});
export type RunsSeriesResponse = z.input<typeof runsSeriesSchema>;

/** GET /api/v1/share/{token}/metrics */
export const sharedMetricsSchema = z.strictObject({ series: z.array(seriesSchema) });
export type SharedMetricsResponse = z.input<typeof sharedMetricsSchema>;

/** The metric names a read asks for: `keys=a,b` and any number of `key=` parameters; undefined for all. */
export function requestedKeys(request: Request): string[] | undefined {
  const params = new URL(request.url).searchParams;
  const names = [...(params.get("keys")?.split(",") ?? []), ...params.getAll("key")].filter(Boolean);
  return names.length ? names : undefined;
}
