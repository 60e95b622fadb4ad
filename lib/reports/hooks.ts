"use client";

import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreatedShareLink, Report, ReportList, ShareMode } from "./contract";
import type { SharedDiagnosticsResponse } from "../diagnostics/contract";
import type { SharedMetricsResponse } from "../metrics/contract";
import { fetchJson } from "../core/fetch-json";

export type { CreatedShareLink, Report };

const reportsUrl = (project: string) => `/api/v1/projects/${encodeURIComponent(project)}/reports`;
const postJson = (body: unknown): RequestInit => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

export const reportsQueryOptions = (project: string) =>
  queryOptions({
    queryKey: ["projects", project, "reports"],
    queryFn: () => fetchJson<ReportList>(reportsUrl(project)).then((r) => r.reports),
  });

/** The project's reports; `initialData` is what the server page rendered with. */
export function useReports(project: string, initialData?: Report[]) {
  return useQuery({ ...reportsQueryOptions(project), initialData });
}

function useReportsMutation<I, O>(project: string, mutationFn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => client.invalidateQueries({ queryKey: reportsQueryOptions(project).queryKey }) });
}

export function useCreateReport(project: string) {
  return useReportsMutation(project, (input: { title: string; note: string; url: string }) => fetchJson<Report>(reportsUrl(project), postJson(input)));
}

export function useDeleteReport(project: string) {
  return useReportsMutation(project, (reportId: string) => fetchJson<void>(`${reportsUrl(project)}/${reportId}`, { method: "DELETE" }));
}

export function useCreateShareLink(project: string) {
  return useReportsMutation(project, ({ reportId, ...input }: { reportId: string; mode: ShareMode; expires_in_days: number | null }) =>
    fetchJson<CreatedShareLink>(`${reportsUrl(project)}/${reportId}/share-links`, postJson(input)),
  );
}

export function useRevokeShareLink(project: string) {
  return useReportsMutation(project, ({ reportId, linkId }: { reportId: string; linkId: number }) =>
    fetchJson<void>(`${reportsUrl(project)}/${reportId}/share-links/${linkId}`, { method: "DELETE" }),
  );
}

// Shared pages read only through their token. A refused token (410) will not come good: no retries.
const shareUrl = (token: string, part: string) => `/api/v1/share/${encodeURIComponent(token)}/${part}`;

export const sharedMetricsQueryOptions = (token: string) =>
  queryOptions({
    queryKey: ["share", token, "metrics"],
    queryFn: () => fetchJson<SharedMetricsResponse>(shareUrl(token, "metrics")),
    retry: false,
  });

export function useSharedMetrics(token: string) {
  return useQuery(sharedMetricsQueryOptions(token));
}

export const sharedDiagnosticsQueryOptions = (token: string) =>
  queryOptions({
    queryKey: ["share", token, "diagnostics"],
    queryFn: () => fetchJson<SharedDiagnosticsResponse>(shareUrl(token, "diagnostics")),
    retry: false,
  });

export function useSharedDiagnostics(token: string) {
  return useQuery(sharedDiagnosticsQueryOptions(token));
}
