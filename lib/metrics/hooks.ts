"use client";

import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { MetricsResponse } from "./contract";
import { fetchJson } from "../core/fetch-json";
import { metricPageUrl } from "./page-url";

/**
 * A run's series a page at a time, by name (`match`: only names containing it): a run may hold thousands of
 * series, and the page draws what was asked for, never all of them at once.
 */
export function useRunMetricPages(
  runId: string,
  { maxPoints = 1000, x = "step", match = "", pageSize = 30 }: { maxPoints?: number; x?: "step" | "time"; match?: string; pageSize?: number } = {},
) {
  return useInfiniteQuery({
    queryKey: ["runs", runId, "metrics", "pages", maxPoints, x, match, pageSize],
    initialPageParam: 0,
    queryFn: ({ pageParam }) => fetchJson<MetricsResponse>(metricPageUrl(runId, { maxPoints, x, limit: pageSize, offset: pageParam, match })),
    getNextPageParam: (last) => last.next_offset ?? undefined,
    // Typing in the filter keeps the charts shown until the filtered ones arrive.
    placeholderData: keepPreviousData,
  });
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
