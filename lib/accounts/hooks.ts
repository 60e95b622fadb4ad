"use client";

import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApiKeyList, CreatedApiKey, MemberBody, MemberList } from "./contract";
import type { ProjectRole } from "./roles";
import { fetchJson } from "../core/fetch-json";

const membersUrl = (project: string) => `/api/v1/projects/${encodeURIComponent(project)}/members`;

export const membersQueryOptions = (project: string) =>
  queryOptions({
    queryKey: ["projects", project, "members"],
    queryFn: () => fetchJson<MemberList>(membersUrl(project)).then((r) => r.members),
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
    fetchJson<MemberBody>(membersUrl(project), { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(input) }),
  );
}

export function useRemoveMember(project: string) {
  return useMembersMutation(project, (userId: number) => fetchJson<void>(`${membersUrl(project)}/${userId}`, { method: "DELETE" }));
}

const keysUrl = (project: string) => `/api/v1/projects/${encodeURIComponent(project)}/keys`;

export const apiKeysQueryOptions = (project: string) =>
  queryOptions({
    queryKey: ["projects", project, "keys"],
    queryFn: () => fetchJson<ApiKeyList>(keysUrl(project)).then((r) => r.keys),
  });

export function useApiKeys(project: string) {
  return useQuery(apiKeysQueryOptions(project));
}

export function useCreateApiKey(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; scope: "write" | "read" }) =>
      fetchJson<CreatedApiKey>(keysUrl(project), {
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
