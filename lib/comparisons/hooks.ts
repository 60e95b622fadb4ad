"use client";

import { keepPreviousData, queryOptions, useQueries, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { runDiagnosticsQueryOptions } from "../diagnostics/hooks";
import type { DiagnosticsResponse } from "../diagnostics/contract";
import { fetchJson } from "../core/fetch-json";
import { runsSeriesRequests, runsSeriesUrl, type RunsSeriesRequest } from "./series-url";
import type { ApiSeries, RunsSeriesResponse } from "../metrics/contract";
import type { Run, RunList } from "../runs/contract";

/** A run as the picker lists it: enough to recognise it. */
type RunSearchItem = Pick<Run, "id" | "name" | "group" | "algorithm">;

/** Some series of several runs in one request (GET /runs/series); the cache entry is the request's. */
const runsSeriesQueryOptions = (request: RunsSeriesRequest, maxPoints = 1000) =>
  queryOptions({
    queryKey: ["runs", "series", request.runIds, request.keys, maxPoints],
    queryFn: () => fetchJson<RunsSeriesResponse>(runsSeriesUrl(request, maxPoints)).then((r) => r.runs),
  });

// Module-level, so react-query keeps the combined result between renders until a query changes.
const combineResults = <T>(results: { data?: T; isPending: boolean; error: Error | null }[]) => ({
  data: results.map((r) => r.data),
  pending: results.some((r) => r.isPending),
  error: results.find((r) => r.error)?.error?.message,
});

/**
 * Series of several runs at once, as `{runId: series}`: one request for up to MAX_SERIES_RUNS runs, each run's
 * answer kept to the keys it asked for (a run that asked for none has none); `error` is the first failure's message.
 */
export function useRunsSeries(asks: { runId: string; keys: string[] }[]) {
  const requests = runsSeriesRequests(asks);
  const { data, pending, error } = useQueries({
    queries: requests.map((r) => ({ ...runsSeriesQueryOptions(r), placeholderData: keepPreviousData })),
    combine: combineResults<RunsSeriesResponse["runs"]>,
  });
  // A string, so the memo holds while the callers' arrays are new each render but ask for the same.
  const wanted = JSON.stringify(asks.map((a) => [a.runId, a.keys]));
  const byRun = useMemo(() => {
    const answered = new Map(data.flatMap((runs) => runs ?? []).map((r) => [r.run_id, r.series]));
    const asked = JSON.parse(wanted) as [string, string[]][];
    return Object.fromEntries(asked.map(([runId, keys]) => [runId, keys.length > 0 ? answered.get(runId)?.filter((s) => keys.includes(s.key)) : undefined])) as Record<
      string,
      ApiSeries[] | undefined
    >;
  }, [wanted, data]);
  return { byRun, pending: pending && !error, error };
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
