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

export const runMetricsQueryOptions = (runId: string, maxPoints = 1000) =>
  queryOptions({
    queryKey: ["runs", runId, "metrics", maxPoints],
    queryFn: () => fetchJson<MetricsResponse>(`/api/v1/runs/${runId}/metrics?max_points=${maxPoints}`),
  });

export function useRunMetrics(runId: string, maxPoints?: number) {
  return useQuery(runMetricsQueryOptions(runId, maxPoints));
}
