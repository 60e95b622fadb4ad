import "server-only";
import type { Db } from "@/lib/core/db";
import { readMetricSeries, type SeriesPoint } from "./metric-series";

/**
 * One metric's series for each of several runs (a method's seeds), downsampled like the metrics API. Runs that
 * never logged the metric are absent from the map, so the caller can say which.
 */
export async function readRunsMetricSeries({ db, runIds, key, maxPoints = 1000 }: { db: Db; runIds: string[]; key: string; maxPoints?: number }) {
  const out = new Map<string, SeriesPoint[]>();
  // One run at a time: the embedded database serves one query at a time anyway.
  for (const runId of runIds) {
    const [series] = await readMetricSeries({ db, runId, keys: [key], maxPoints, x: "step" });
    if (series) out.set(runId, series.points);
  }
  return out;
}
