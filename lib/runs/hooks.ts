"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "../core/fetch-json";
import { useRouter } from "next/navigation";
import type { BulkEditedRuns, BulkEditRunsBody, Run, UpdateRunBody } from "./contract";

const JSON_HEADERS = { "content-type": "application/json" };

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

/** What the run page's header shows and edits. */
export type EditableRun = Pick<Run, "id" | "name" | "group" | "tags" | "notes">;

const editableOf = ({ id, name, group, tags, notes }: EditableRun): EditableRun => ({ id, name, group, tags, notes });
export const runRecordKey = (id: string) => ["runs", id, "record"] as const;

/** The run's name, group, tags and notes, as the server rendered them and as edits since left them. */
export function useEditableRun(run: EditableRun) {
  return useQuery({
    queryKey: runRecordKey(run.id),
    queryFn: async () => editableOf(await fetchJson<Run>(`/api/v1/runs/${encodeURIComponent(run.id)}`)),
    initialData: editableOf(run),
    staleTime: Infinity,
  });
}

/** PATCHes the run's name, group, tags or notes; the header's cache takes the answer, the server parts reload. */
export function useEditRun(project: string, id: string) {
  const client = useQueryClient();
  const router = useRouter();
  return useMutation({
    mutationFn: (body: UpdateRunBody) => fetchJson<Run>(`/api/v1/runs/${encodeURIComponent(id)}`, { method: "PATCH", headers: JSON_HEADERS, body: JSON.stringify(body) }),
    onSuccess: async (run) => {
      client.setQueryData(runRecordKey(id), editableOf(run));
      await client.invalidateQueries({ queryKey: ["projects", project] });
      router.refresh();
    },
  });
}

/** One group and tag change for many runs at once (POST /api/v1/runs/bulk); the table then reloads. */
export function useBulkEditRuns(project: string) {
  const client = useQueryClient();
  const router = useRouter();
  return useMutation({
    mutationFn: (body: BulkEditRunsBody) => fetchJson<BulkEditedRuns>("/api/v1/runs/bulk", { method: "POST", headers: JSON_HEADERS, body: JSON.stringify(body) }),
    onSuccess: async ({ runs }) => {
      for (const run of runs) client.setQueryData(runRecordKey(run.id), editableOf(run));
      await client.invalidateQueries({ queryKey: ["projects", project] });
      router.refresh();
    },
  });
}
