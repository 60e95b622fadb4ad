import { getDb } from "@/lib/core/db";
import { json } from "@/lib/core/http/json";
import { AppError } from "@/lib/core/errors";
import { handle, type IdContext } from "@/lib/core/http/handler";
import { parseOrThrow, searchParamsObject } from "@/lib/core/http/parse";
import { readBatch } from "@/lib/core/http/read-body";
import { fastMetricBatch } from "@/lib/metrics/fast-batch";
import { checkBatchMetricNames } from "@/lib/metrics/metric-limits";
import { requireRunRead, requireRunWrite } from "@/lib/accounts/server/run-access";
import { readMetricSeries, readMetricSeriesPage, unknownKeys } from "@/lib/metrics/server/metric-series";
import { appendMetrics } from "@/lib/metrics/server/ingest";
import { flagsTouchedByBatch } from "@/lib/diagnostics/server/run-diagnostics";
import { metricBatchSchema, readMetricsQuerySchema, requestedKeys } from "@/lib/metrics/contract";

// POST /api/v1/runs/:id/metrics — append metric rows (JSON or NDJSON), all or nothing
export const POST = handle(async (request, { params }: IdContext) => {
  const { run } = await requireRunWrite(request, (await params).id);
  const body = await readBatch(request);
  // The hand-written check takes the common shapes; zod takes the rest and words any error.
  const batch = fastMetricBatch(body) ?? parseOrThrow(metricBatchSchema, body);
  checkBatchMetricNames(batch.rows);
  const result = await appendMetrics({ db: await getDb(), runId: run.id, rows: batch.rows, batchId: batch.batch_id });
  flagsTouchedByBatch(run.id, result);
  return json(result);
});

// GET /api/v1/runs/:id/metrics — the named series, or a page of the run's series by name (limit, offset, match),
// min/max-downsampled to max_points
export const GET = handle(async (request, { params }: IdContext) => {
  const { run } = await requireRunRead(request, (await params).id);
  const query = parseOrThrow(readMetricsQuerySchema, searchParamsObject(request));
  const keys = requestedKeys(request);
  const read = { db: await getDb(), runId: run.id, maxPoints: query.max_points, x: query.x, from: query.from, to: query.to };
  if (!keys) {
    const page = await readMetricSeriesPage({ ...read, page: { limit: query.limit, offset: query.offset, match: query.match } });
    return json({ run_id: run.id, x: query.x, max_points: query.max_points, ...page });
  }
  const series = await readMetricSeries({ ...read, keys });
  const missing = unknownKeys(keys, series);
  if (missing.length) throw new AppError("not_found", `No metric named ${missing.join(", ")} in this run`, ["keys"]);
  return json({ run_id: run.id, x: query.x, max_points: query.max_points, series, total_keys: series.length, offset: 0, next_offset: null });
});
