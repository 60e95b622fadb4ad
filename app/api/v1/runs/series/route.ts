import { getDb } from "@/lib/core/db";
import { json } from "@/lib/core/http/json";
import { AppError } from "@/lib/core/errors";
import { handle } from "@/lib/core/http/handler";
import { parseOrThrow, searchParamsObject } from "@/lib/core/http/parse";
import { requireRunsRead } from "@/lib/accounts/server/run-access";
import { readMetricSeries } from "@/lib/metrics/server/metric-series";
import { readRunsSeriesQuerySchema, requestedKeys } from "@/lib/metrics/contract";

// GET /api/v1/runs/series — the named series of several runs (runs=id,id,…), each min/max-downsampled to
// max_points as GET /runs/:id/metrics does; a run lacking a key has no series of it
export const GET = handle(async (request) => {
  const query = parseOrThrow(readRunsSeriesQuerySchema, searchParamsObject(request));
  const keys = requestedKeys(request);
  if (!keys) throw new AppError("invalid_body", "keys: name at least one metric (keys=a,b or key=a)", ["keys"]);
  const records = await requireRunsRead(request, query.runs);
  const db = await getDb();
  const runs = [];
  // One run after another: the embedded database answers one query at a time anyway.
  for (const { run } of records) runs.push({ run_id: run.id, series: await readMetricSeries({ db, runId: run.id, keys, maxPoints: query.max_points, x: query.x }) });
  return json({ x: query.x, max_points: query.max_points, runs });
});
