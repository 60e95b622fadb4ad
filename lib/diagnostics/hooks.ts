"use client";

import { queryOptions, useQuery } from "@tanstack/react-query";
import type { DiagnosticFlag, DiagnosticsSummary, UnavailableDiagnostic } from "./types";
import type { ApiPoint } from "../metrics/view/series-traces";
import { fetchJson } from "../core/fetch-json";

export interface DiagnosticsResponse {
  run_id: string;
  flags: DiagnosticFlag[];
  series: Record<string, ApiPoint[]>;
  unavailable: UnavailableDiagnostic[];
  summary: DiagnosticsSummary;
}

export const runDiagnosticsQueryOptions = (runId: string) =>
  queryOptions({
    queryKey: ["runs", runId, "diagnostics"],
    queryFn: () => fetchJson<DiagnosticsResponse>(`/api/v1/runs/${runId}/diagnostics`),
  });

export function useRunDiagnostics(runId: string) {
  return useQuery(runDiagnosticsQueryOptions(runId));
}
