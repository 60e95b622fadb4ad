import { z } from "zod";
import { metricValueSchema, stepSchema } from "../core/validation/numbers";
import { queryInteger, queryNumber } from "../core/validation/query-params";
import { text } from "../core/validation/text";

export const metricNameSchema = text().min(1).max(256);

/** Unix seconds (a number) or an ISO-8601 timestamp. */
export const wallTimeSchema = z.union([z.number().nonnegative(), z.iso.datetime({ offset: true })]).transform((t) =>
  typeof t === "number" ? t : Date.parse(t) / 1000,
);

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
      const value = metricValueSchema.safeParse(input[name]);
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

/** The metric names a read asks for: `keys=a,b` and any number of `key=` parameters; undefined for all. */
export function requestedKeys(request: Request): string[] | undefined {
  const params = new URL(request.url).searchParams;
  const names = [...(params.get("keys")?.split(",") ?? []), ...params.getAll("key")].filter(Boolean);
  return names.length ? names : undefined;
}
