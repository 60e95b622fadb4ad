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
