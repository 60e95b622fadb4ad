"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "../core/fetch-json";
import { useRouter } from "next/navigation";

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
