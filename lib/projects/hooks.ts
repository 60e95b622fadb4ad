"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ProjectBody, ProjectSettingsInput } from "./contract";
import { fetchJson } from "../core/fetch-json";

const projectUrl = (project: string) => `/api/v1/projects/${encodeURIComponent(project)}`;

export function useProjectSettings(project: string) {
  return useQuery({
    queryKey: ["projects", project, "settings"],
    queryFn: () => fetchJson<ProjectBody>(projectUrl(project)).then((p) => p.settings),
  });
}

export function useUpdateProjectSettings(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ProjectSettingsInput) =>
      fetchJson<ProjectBody>(projectUrl(project), { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify(input) }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["projects", project, "settings"] }),
  });
}
