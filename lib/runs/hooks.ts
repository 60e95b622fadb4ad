"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TableRun } from "../comparisons/view/table-run";
import { fetchJson } from "../core/fetch-json";

export interface RunsTableResponse {
  runs: TableRun[];
  total: number;
  config_keys: string[];
  metric_names: string[];
}

export interface RunsTableParams {
  q?: string;
  flag?: string;
  /** Archived runs: left out unless `include` (or `only`). */
  archived?: "include" | "only";
  /** Config keys the columns and the grouping show. */
  config: string[];
  /** Metric aggregates the columns show, as `name.aggregate`. */
  metrics: string[];
}

/** Every run of the table's filter with the fields its columns (and grouping) need; off while `enabled` is false. */
export function useRunsTable(project: string, params: RunsTableParams, enabled: boolean) {
  return useQuery({
    queryKey: ["projects", project, "runs-table", params],
    enabled,
    // While a grouping or a column loads, keep showing the rows in hand; never another filter's rows.
    placeholderData: (previous, query) => {
      const before = query?.queryKey[3] as RunsTableParams | undefined;
      return before?.q === params.q && before?.flag === params.flag && before?.archived === params.archived ? keepPreviousData(previous) : undefined;
    },
    queryFn: () => {
      const search = new URLSearchParams({ config: params.config.join(","), metrics: params.metrics.join(",") });
      if (params.q) search.set("q", params.q);
      if (params.flag) search.set("flag", params.flag);
      if (params.archived) search.set("archived", params.archived);
      return fetchJson<RunsTableResponse>(`/api/v1/projects/${encodeURIComponent(project)}/runs-table?${search}`);
    },
  });
}
