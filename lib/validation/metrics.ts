import { z } from "zod";
import { metricValueSchema, stepSchema } from "./numbers";
import { text } from "./text";

export const metricNameSchema = text().min(1).max(256);

/** Unix seconds (a number) or an ISO-8601 timestamp. */
export const wallTimeSchema = z.union([z.number().nonnegative(), z.iso.datetime({ offset: true })]).transform((t) =>
  typeof t === "number" ? t : Date.parse(t) / 1000,
);

export const metricRowSchema = z.strictObject({
  step: stepSchema,
  values: z.record(metricNameSchema, metricValueSchema),
  time: wallTimeSchema.optional(),
});
export type MetricRow = z.infer<typeof metricRowSchema>;

export const batchIdSchema = text().min(1).max(200);

/** The default cap on rows per batch; `readBatch` enforces the configured one (413 naming `rows`). */
export const MAX_ROWS_PER_BATCH = 100_000;

export const metricBatchSchema = z.strictObject({
  batch_id: batchIdSchema.optional(),
  rows: z.array(metricRowSchema),
});
export type MetricBatch = z.infer<typeof metricBatchSchema>;

export const readMetricsQuerySchema = z.strictObject({
  keys: text().max(10_000).optional(),
  /** Repeatable (`key=a&key=b`), for names that contain a comma. */
  key: text().max(1000).optional(),
  max_points: z.coerce.number().int().min(2).max(100_000).default(2000),
  x: z.enum(["step", "time"]).default("step"),
  from: z.coerce.number().optional(),
  to: z.coerce.number().optional(),
});
export type ReadMetricsQuery = z.infer<typeof readMetricsQuerySchema>;

export const exportMetricsQuerySchema = z.strictObject({
  keys: text().max(10_000).optional(),
  key: text().max(1000).optional(),
  from: z.coerce.number().optional(),
  to: z.coerce.number().optional(),
});

/** The metric names a read asks for: `keys=a,b` and any number of `key=` parameters; undefined for all. */
export function requestedKeys(request: Request): string[] | undefined {
  const params = new URL(request.url).searchParams;
  const names = [...(params.get("keys")?.split(",") ?? []), ...params.getAll("key")].filter(Boolean);
  return names.length ? names : undefined;
}
