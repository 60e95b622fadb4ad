"use client";

import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ProjectRole } from "./roles";
import { fetchJson } from "../core/fetch-json";

export interface Member {
  user_id: number;
  username: string;
  role: ProjectRole;
  is_admin: boolean;
}

const membersUrl = (project: string) => `/api/v1/projects/${encodeURIComponent(project)}/members`;

export const membersQueryOptions = (project: string) =>
  queryOptions({
    queryKey: ["projects", project, "members"],
    queryFn: () => fetchJson<{ members: Member[] }>(membersUrl(project)).then((r) => r.members),
  });

export function useMembers(project: string) {
  return useQuery(membersQueryOptions(project));
}

function useMembersMutation<I>(project: string, mutationFn: (input: I) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => client.invalidateQueries({ queryKey: membersQueryOptions(project).queryKey }) });
}

export function useSetMember(project: string) {
  return useMembersMutation(project, (input: { username: string; role: ProjectRole }) =>
    fetchJson(membersUrl(project), { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(input) }),
  );
}

export function useRemoveMember(project: string) {
  return useMembersMutation(project, (userId: number) => fetchJson<void>(`${membersUrl(project)}/${userId}`, { method: "DELETE" }));
}

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
