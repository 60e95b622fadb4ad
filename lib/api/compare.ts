"use client";

import { queryOptions, useQueries, useQuery } from "@tanstack/react-query";
import type { ApiPoint, ApiSeries } from "../plots/series-traces";
import { runDiagnosticsQueryOptions } from "./diagnostics";
import { fetchJson } from "./fetch-json";
import type { MetricsResponse } from "./runs";

/** A run as the picker lists it: enough to recognise it. */
export interface RunSearchItem {
  id: string;
  name: string;
  group: string | null;
  algorithm: string | null;
}

/**
 * Some series of one run. Only names the run logged may be asked for (the API answers 404 for the others), so
 * callers intersect the wanted metrics with the run's own; keys are sorted so the cache is shared across orders.
 */
export const runSeriesQueryOptions = ({ runId, keys, maxPoints = 1000 }: { runId: string; keys: string[]; maxPoints?: number }) => {
  const sorted = [...keys].sort();
  return queryOptions({
    queryKey: ["runs", runId, "series", sorted, maxPoints],
    queryFn: () =>
      fetchJson<MetricsResponse>(`/api/v1/runs/${runId}/metrics?${new URLSearchParams({ keys: sorted.join(","), max_points: String(maxPoints) })}`).then(
        (r) => r.series,
      ),
    enabled: sorted.length > 0,
  });
};

/** Series of several runs at once, as `{runId: series}`; `error` is the first failure's message. */
export function useRunsSeries(requests: { runId: string; keys: string[] }[]) {
  return useQueries({
    queries: requests.map((r) => runSeriesQueryOptions(r)),
    combine: (results) => ({
      byRun: Object.fromEntries(requests.map((r, i) => [r.runId, results[i]?.data])) as Record<string, ApiSeries[] | undefined>,
      pending: results.some((q, i) => q.isPending && requests[i]!.keys.length > 0),
      error: results.find((q) => q.error)?.error?.message,
    }),
  });
}

/** The diagnostics of several runs (shared with each run page's cache), series and flags by run id. */
export function useRunsDiagnostics(runIds: string[]) {
  return useQueries({
    queries: runIds.map((id) => runDiagnosticsQueryOptions(id)),
    combine: (results) => ({
      seriesByRun: Object.fromEntries(runIds.map((id, i) => [id, results[i]?.data?.series])) as Record<string, Record<string, ApiPoint[]> | undefined>,
      flagsByRun: Object.fromEntries(runIds.map((id, i) => [id, results[i]?.data?.flags])),
      pending: results.some((q) => q.isPending),
      error: results.find((q) => q.error)?.error?.message,
    }),
  });
}

/**
 * The picker's search: a plain word matches names (quoted, so `bl0.1-seed1` is not read as a negation); anything
 * else goes to the filter language as typed (`group = beta_l-sweep`, `tag:sweep`).
 */
export function runSearchQuery(text: string): string {
  const trimmed = text.trim();
  return /^[\w.\-/]+$/.test(trimmed) ? JSON.stringify(trimmed) : trimmed;
}

export const runSearchQueryOptions = ({ project, text, limit = 20 }: { project: string; text: string; limit?: number }) =>
  queryOptions({
    queryKey: ["projects", project, "run-search", text, limit],
    queryFn: () =>
      fetchJson<{ runs: RunSearchItem[] }>(`/api/v1/runs?${new URLSearchParams({ project, q: runSearchQuery(text), limit: String(limit) })}`).then((r) => r.runs),
    enabled: text.trim().length > 0,
    staleTime: 30_000,
  });

export function useRunSearch(project: string, text: string) {
  return useQuery(runSearchQueryOptions({ project, text }));
}
