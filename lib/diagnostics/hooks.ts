"use client";

import { queryOptions, useQuery } from "@tanstack/react-query";
import type { DiagnosticsResponse } from "./contract";
import { fetchJson } from "../core/fetch-json";

export const runDiagnosticsQueryOptions = (runId: string) =>
  queryOptions({
    queryKey: ["runs", runId, "diagnostics"],
    queryFn: () => fetchJson<DiagnosticsResponse>(`/api/v1/runs/${runId}/diagnostics`),
  });

export function useRunDiagnostics(runId: string) {
  return useQuery(runDiagnosticsQueryOptions(runId));
}
