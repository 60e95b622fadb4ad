"use client";

// The runs table's query, apart from hooks.ts: it parses with the contract (zod), which pages that only archive or
// delete runs (the run page) need not load.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { runsTableSchema, type RunsTable } from "./contract";
import { fetchJson } from "../core/fetch-json";

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
    queryFn: async () => {
      const search = new URLSearchParams({ config: params.config.join(","), metrics: params.metrics.join(",") });
      if (params.q) search.set("q", params.q);
      if (params.flag) search.set("flag", params.flag);
      if (params.archived) search.set("archived", params.archived);
      // Parsed with the contract: it decodes "NaN" and "±Infinity" aggregates to numbers, as the first page has them.
      const body = await fetchJson<unknown>(`/api/v1/projects/${encodeURIComponent(project)}/runs-table?${search}`);
      return runsTableSchema.parse(body) satisfies RunsTable;
    },
  });
}
