import { json } from "@/lib/http/json";
import { AppError } from "@/lib/errors";
import { handle, type IdContext } from "@/lib/http/handler";
import { parseOrThrow, searchParamsObject } from "@/lib/http/parse";
import { readBatch } from "@/lib/http/read-body";
import { fastMetricBatch } from "@/lib/validation/fast-batch";
import { checkBatchMetricNames } from "@/lib/validation/metric-limits";
import { requireRunRead, requireRunWrite } from "@/lib/http/run-access";
import { readMetricSeries, readMetricSeriesPage, unknownKeys } from "@/lib/services/metric-series";
import { appendMetrics } from "@/lib/services/metrics";
import { metricBatchSchema, readMetricsQuerySchema, requestedKeys } from "@/lib/validation/metrics";

// POST /api/v1/runs/:id/metrics — append metric rows (JSON or NDJSON), all or nothing
export const POST = handle(async (request, { params }: IdContext) => {
  const { run } = await requireRunWrite(request, (await params).id);
  const body = await readBatch(request);
  // The hand-written check takes the common shapes; zod takes the rest and words any error.
  const batch = fastMetricBatch(body) ?? parseOrThrow(metricBatchSchema, body);
  checkBatchMetricNames(batch.rows);
  return json(await appendMetrics({ runId: run.id, rows: batch.rows, batchId: batch.batch_id }));
});

// GET /api/v1/runs/:id/metrics — the named series, or a page of the run's series by name (limit, offset, match),
// min/max-downsampled to max_points
export const GET = handle(async (request, { params }: IdContext) => {
  const { run } = await requireRunRead(request, (await params).id);
  const query = parseOrThrow(readMetricsQuerySchema, searchParamsObject(request));
  const keys = requestedKeys(request);
  const read = { runId: run.id, maxPoints: query.max_points, x: query.x, from: query.from, to: query.to };
  if (!keys) {
    const page = await readMetricSeriesPage({ ...read, page: { limit: query.limit, offset: query.offset, match: query.match } });
    return json({ run_id: run.id, x: query.x, max_points: query.max_points, ...page });
  }
  const series = await readMetricSeries({ ...read, keys });
  const missing = unknownKeys(keys, series);
  if (missing.length) throw new AppError("not_found", `No metric named ${missing.join(", ")} in this run`, ["keys"]);
  return json({ run_id: run.id, x: query.x, max_points: query.max_points, series, total_keys: series.length, offset: 0, next_offset: null });
});
