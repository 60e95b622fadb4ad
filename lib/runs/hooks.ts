"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { runsTableSchema, type RunsTable } from "./contract";
import { fetchJson } from "../core/fetch-json";
import { useRouter } from "next/navigation";

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

export type RunAction = "archive" | "restore" | "delete";

function runRequest(id: string, action: RunAction): Promise<unknown> {
  const url = `/api/v1/runs/${encodeURIComponent(id)}`;
  return action === "delete" ? fetchJson(url, { method: "DELETE" }) : fetchJson(`${url}/${action}`, { method: "POST" });
}

/** Archives, restores or deletes runs one after another; the page then reloads what it shows. */
export function useRunsLifecycle(project: string) {
  const client = useQueryClient();
  const router = useRouter();
  return useMutation({
    mutationFn: async ({ ids, action }: { ids: string[]; action: RunAction }) => {
      for (const id of ids) await runRequest(id, action);
    },
    onSettled: async () => {
      await client.invalidateQueries({ queryKey: ["projects", project] });
      router.refresh();
    },
  });
}

/** Archives, restores or deletes a project. */
export function useProjectLifecycle(project: string) {
  const client = useQueryClient();
  const router = useRouter();
  return useMutation({
    mutationFn: (action: RunAction) => {
      const url = `/api/v1/projects/${encodeURIComponent(project)}`;
      return action === "delete" ? fetchJson(url, { method: "DELETE" }) : fetchJson(`${url}/${action}`, { method: "POST" });
    },
    onSuccess: async (_data, action) => {
      await client.invalidateQueries({ queryKey: ["projects", project] });
      if (action === "delete") router.push("/");
      else router.refresh();
    },
  });
}
