"use client";

import { queryOptions, useQuery } from "@tanstack/react-query";
import type { ApiSeries } from "../plots/series-traces";
import { fetchJson } from "./fetch-json";

export interface MetricsResponse {
  run_id: string;
  x: "step" | "time";
  max_points: number;
  series: ApiSeries[];
}

export const runMetricsQueryOptions = (runId: string, maxPoints = 1000, x: "step" | "time" = "step") =>
  queryOptions({
    queryKey: ["runs", runId, "metrics", maxPoints, x],
    queryFn: () => fetchJson<MetricsResponse>(`/api/v1/runs/${runId}/metrics?max_points=${maxPoints}&x=${x}`),
  });

export function useRunMetrics(runId: string, maxPoints?: number, x: "step" | "time" = "step") {
  return useQuery(runMetricsQueryOptions(runId, maxPoints, x));
}

/** One series at a zoomed x range: exact points when few enough, min/max buckets otherwise. */
export function useSeriesRange(runId: string, key: string, range: [number, number] | null, x: "step" | "time", maxPoints = 1000) {
  return useQuery({
    queryKey: ["runs", runId, "metrics", key, range, x, maxPoints],
    enabled: range !== null,
    queryFn: () => {
      const [from, to] = x === "time" ? range!.map((v) => v / 1000) : range!.map((v) => Math.round(v));
      const params = new URLSearchParams({ keys: key, max_points: String(maxPoints), x, from: String(from), to: String(to) });
      return fetchJson<MetricsResponse>(`/api/v1/runs/${runId}/metrics?${params}`).then((r) => r.series[0]);
    },
  });
}
