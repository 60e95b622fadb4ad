"use client";

import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "../core/fetch-json";

export interface ApiKeySummary {
  id: number;
  name: string;
  prefix: string;
  scope: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

const keysUrl = (project: string) => `/api/v1/projects/${encodeURIComponent(project)}/keys`;

export const apiKeysQueryOptions = (project: string) =>
  queryOptions({
    queryKey: ["projects", project, "keys"],
    queryFn: () => fetchJson<{ keys: ApiKeySummary[] }>(keysUrl(project)).then((r) => r.keys),
  });

export function useApiKeys(project: string) {
  return useQuery(apiKeysQueryOptions(project));
}

export function useCreateApiKey(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; scope: "write" | "read" }) =>
      fetchJson<{ key: string }>(keysUrl(project), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(input),
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: apiKeysQueryOptions(project).queryKey }),
  });
}

export function useRevokeApiKey(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => fetchJson<void>(`${keysUrl(project)}/${id}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: apiKeysQueryOptions(project).queryKey }),
  });
}
