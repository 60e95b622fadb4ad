"use client";

import { keepPreviousData, queryOptions, useQueries, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { runDiagnosticsQueryOptions } from "../diagnostics/hooks";
import type { DiagnosticsResponse } from "../diagnostics/contract";
import { fetchJson } from "../core/fetch-json";
import { runSeriesUrl } from "./series-url";
import type { ApiSeries, MetricsResponse } from "../metrics/contract";
import type { Run, RunList } from "../runs/contract";

/** A run as the picker lists it: enough to recognise it. */
type RunSearchItem = Pick<Run, "id" | "name" | "group" | "algorithm">;

/**
 * Some series of one run. Only names the run logged may be asked for (the API answers 404 for the others), so
 * callers intersect the wanted metrics with the run's own; keys are sorted so the cache is shared across orders.
 */
export const runSeriesQueryOptions = ({ runId, keys, maxPoints = 1000 }: { runId: string; keys: string[]; maxPoints?: number }) => {
  const sorted = [...keys].sort();
  return queryOptions({
    queryKey: ["runs", runId, "series", sorted, maxPoints],
    queryFn: () => fetchJson<MetricsResponse>(runSeriesUrl(runId, sorted, maxPoints)).then((r) => r.series),
    enabled: sorted.length > 0,
  });
};

// Module-level, so react-query keeps the combined result between renders until a query changes.
const combineResults = <T>(results: { data?: T; isPending: boolean; error: Error | null }[]) => ({
  data: results.map((r) => r.data),
  pending: results.some((r) => r.isPending),
  error: results.find((r) => r.error)?.error?.message,
});

/** Series of several runs at once, as `{runId: series}`; `error` is the first failure's message. */
export function useRunsSeries(requests: { runId: string; keys: string[] }[]) {
  const { data, error } = useQueries({
    queries: requests.map((r) => ({ ...runSeriesQueryOptions(r), placeholderData: keepPreviousData })),
    combine: combineResults<ApiSeries[]>,
  });
  const ids = requests.map((r) => r.runId).join(",");
  const byRun = useMemo(() => Object.fromEntries(ids.split(",").map((id, i) => [id, data[i]])) as Record<string, ApiSeries[] | undefined>, [ids, data]);
  // A run asked for no keys never loads; it is not "pending".
  const pending = requests.some((r, i) => r.keys.length > 0 && data[i] === undefined) && !error;
  return { byRun, pending, error };
}

/** The diagnostics of several runs (shared with each run page's cache), by run id. */
export function useRunsDiagnostics(runIds: string[]) {
  const { data, pending, error } = useQueries({ queries: runIds.map((id) => runDiagnosticsQueryOptions(id)), combine: combineResults<DiagnosticsResponse> });
  const ids = runIds.join(",");
  const byRun = useMemo(() => Object.fromEntries(ids.split(",").map((id, i) => [id, data[i]])) as Record<string, DiagnosticsResponse | undefined>, [ids, data]);
  return { byRun, pending, error };
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
    queryFn: () => fetchJson<RunList>(`/api/v1/runs?${new URLSearchParams({ project, q: runSearchQuery(text), limit: String(limit) })}`).then((r): RunSearchItem[] => r.runs),
    enabled: text.trim().length > 0,
    staleTime: 30_000,
  });

export function useRunSearch(project: string, text: string) {
  return useQuery(runSearchQueryOptions({ project, text }));
}
