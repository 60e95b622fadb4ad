import { sharedDiagnosticsSchema } from "../diagnostics/contract";
import { sharedLiveQuerySchema } from "../live/contract";
import { sharedMetricsSchema } from "../metrics/contract";
import { pairTrajectoryQuerySchema, pairTrajectorySchema, rankedPairsSchema, rankPairsQuerySchema } from "../pairs/contract";
import {
  createdShareLinkSchema,
  createReportBodySchema,
  createShareLinkSchema,
  reportListSchema,
  reportSchema,
  sharedReportSchema,
  sharedRunsSchema,
  sharedViewSchema,
  shareLinkListSchema,
} from "../reports/contract";
import { runSchema } from "../runs/contract";
import { empty, eventStream, json, type Endpoint } from "./endpoint";

/** Reports, their share links, and what a share token reads (part of the registry in endpoints.ts). */
export const REPORT_ENDPOINTS: Endpoint[] = [
  {
    method: "GET",
    path: "/api/v1/projects/{project}/reports",
    tag: "reports",
    summary: "Saved views, newest first, with their share links",
    responses: { 200: json(reportListSchema) },
  },
  { method: "POST", path: "/api/v1/projects/{project}/reports", tag: "reports", summary: "Save a view", body: createReportBodySchema, responses: { 201: json(reportSchema) } },
  { method: "GET", path: "/api/v1/projects/{project}/reports/{reportId}", tag: "reports", summary: "One report with its share links", responses: { 200: json(reportSchema) } },
  { method: "DELETE", path: "/api/v1/projects/{project}/reports/{reportId}", tag: "reports", summary: "Delete a report and its share links", responses: { 204: empty } },
  {
    method: "GET",
    path: "/api/v1/projects/{project}/reports/{reportId}/share-links",
    tag: "reports",
    summary: "The report's links (prefixes, never tokens)",
    responses: { 200: json(shareLinkListSchema) },
  },
  {
    method: "POST",
    path: "/api/v1/projects/{project}/reports/{reportId}/share-links",
    tag: "reports",
    summary: "A new link; the token is returned once",
    body: createShareLinkSchema,
    responses: { 201: json(createdShareLinkSchema) },
  },
  { method: "DELETE", path: "/api/v1/projects/{project}/reports/{reportId}/share-links/{linkId}", tag: "reports", summary: "Revoke a link", responses: { 204: empty } },
  { method: "GET", path: "/api/v1/share/{token}", tag: "share", summary: "The shared report and its link", responses: { 200: json(sharedReportSchema) } },
  { method: "GET", path: "/api/v1/share/{token}/run", tag: "share", summary: "The run a run report shows", responses: { 200: json(runSchema) } },
  { method: "GET", path: "/api/v1/share/{token}/metrics", tag: "share", summary: "Every metric of the report's run, downsampled", responses: { 200: json(sharedMetricsSchema) } },
  {
    method: "GET",
    path: "/api/v1/share/{token}/diagnostics",
    tag: "share",
    summary: "The flags and series of the report's run",
    responses: { 200: json(sharedDiagnosticsSchema) },
  },
  {
    method: "GET",
    path: "/api/v1/share/{token}/pairs",
    tag: "share",
    summary: "The report's run's pairs at a step, ranked and filtered as GET /runs/{id}/pairs (live links only)",
    query: rankPairsQuerySchema,
    responses: { 200: json(rankedPairsSchema) },
  },
  {
    method: "GET",
    path: "/api/v1/share/{token}/pairs/{pair_id}",
    tag: "share",
    summary: "One pair of the report's run: its texts and log-probs at every logged step (live links only)",
    query: pairTrajectoryQuerySchema,
    responses: { 200: json(pairTrajectorySchema) },
  },
  {
    method: "GET",
    path: "/api/v1/share/{token}/live",
    tag: "share",
    summary: "Server-sent events of a live link: its run's points and flags, or the rows of the runs its report lists or draws",
    query: sharedLiveQuerySchema,
    responses: { 200: eventStream },
  },
  { method: "GET", path: "/api/v1/share/{token}/runs", tag: "share", summary: "The runs a runs-table report lists", responses: { 200: json(sharedRunsSchema) } },
  {
    method: "GET",
    path: "/api/v1/share/{token}/view",
    tag: "share",
    summary: "What a tables, compare, sweeps or DPO-vs-RM report draws",
    responses: { 200: json(sharedViewSchema) },
  },
];
