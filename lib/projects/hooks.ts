"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ProjectSettings, ProjectSettingsInput } from "./contract";
import { fetchJson } from "../core/fetch-json";

const projectUrl = (project: string) => `/api/v1/projects/${encodeURIComponent(project)}`;

export function useProjectSettings(project: string) {
  return useQuery({
    queryKey: ["projects", project, "settings"],
    queryFn: () => fetchJson<{ name: string; settings: ProjectSettings }>(projectUrl(project)).then((p) => p.settings),
  });
}

export function useUpdateProjectSettings(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ProjectSettingsInput) =>
      fetchJson<{ settings: ProjectSettings }>(projectUrl(project), { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify(input) }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["projects", project, "settings"] }),
  });
}
