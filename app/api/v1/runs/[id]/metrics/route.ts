import { json } from "@/lib/http/json";
import { AppError } from "@/lib/errors";
import { handle, type IdContext } from "@/lib/http/handler";
import { parseOrThrow, searchParamsObject } from "@/lib/http/parse";
import { readBatch } from "@/lib/http/read-body";
import { fastMetricBatch } from "@/lib/validation/fast-batch";
import { requireRunRead, requireRunWrite } from "@/lib/http/run-access";
import { readMetricSeries, unknownKeys } from "@/lib/services/metric-series";
import { appendMetrics } from "@/lib/services/metrics";
import { metricBatchSchema, readMetricsQuerySchema, requestedKeys } from "@/lib/validation/metrics";

// POST /api/v1/runs/:id/metrics — append metric rows (JSON or NDJSON), all or nothing
export const POST = handle(async (request, { params }: IdContext) => {
  const { run } = await requireRunWrite(request, (await params).id);
  const body = await readBatch(request);
  // The hand-written check takes the common shapes; zod takes the rest and words any error.
  const batch = fastMetricBatch(body) ?? parseOrThrow(metricBatchSchema, body);
  return json(await appendMetrics({ runId: run.id, rows: batch.rows, batchId: batch.batch_id }));
});

// GET /api/v1/runs/:id/metrics — series, min/max-downsampled to max_points
export const GET = handle(async (request, { params }: IdContext) => {
  const { run } = await requireRunRead(request, (await params).id);
  const query = parseOrThrow(readMetricsQuerySchema, searchParamsObject(request));
  const keys = requestedKeys(request);
  const series = await readMetricSeries({ runId: run.id, keys, maxPoints: query.max_points, x: query.x, from: query.from, to: query.to });
  const missing = keys ? unknownKeys(keys, series) : [];
  if (missing.length) throw new AppError("not_found", `No metric named ${missing.join(", ")} in this run`, ["keys"]);
  return json({
    run_id: run.id,
    x: query.x,
    max_points: query.max_points,
    series,
  });
});
