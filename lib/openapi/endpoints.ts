import { z } from "zod";
import { errorBodySchema } from "../core/errors";
import {
  apiKeyListSchema,
  createdApiKeySchema,
  createKeySchema,
  createProjectSchema,
  createUserSchema,
  credentialsSchema,
  memberBodySchema,
  memberListSchema,
  meSchema,
  setMemberSchema,
  updateUserSchema,
  userBodySchema,
  userListSchema,
} from "../accounts/contract";
import { readDiagnosticsQuerySchema, runDiagnosticsSchema, sharedDiagnosticsSchema } from "../diagnostics/contract";
import { importResponseSchema, importUploadSchema } from "../importers/contract";
import { createLabRunSchema, labRunCreatedSchema } from "../lab/contract";
import { exportMetricsQuerySchema, ingestResultSchema, metricBatchSchema, metricsPageSchema, readMetricsQuerySchema, sharedMetricsSchema } from "../metrics/contract";
import { createdProjectSchema, projectSchema, projectSettingsSchema, thresholdOverridesSchema } from "../projects/contract";
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
import {
  createRunSchema,
  listRunsQuerySchema,
  projectDeletedSchema,
  runDeletedSchema,
  runListSchema,
  runSchema,
  runsTableQuerySchema,
  runsTableSchema,
  updateRunSchema,
} from "../runs/contract";
import { pairDistributionSchema, readSequencesQuerySchema, sequenceBatchSchema, sequenceDistributionQuerySchema, sequenceRowsSchema } from "../sequences/contract";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** What one status answers with: a JSON body the schema describes, a body of another type, or nothing. */
export type ResponseSpec = { json: z.ZodType } | { contentType: string } | { empty: true };

export interface Endpoint {
  method: Method;
  /** OpenAPI style: `/api/v1/runs/{id}`. */
  path: string;
  summary: string;
  tag: string;
  query?: z.ZodType;
  /** A JSON request body; `multipart` for a form upload. */
  body?: z.ZodType;
  multipart?: z.ZodType;
  /** Success statuses; every 4xx/5xx answers with `errorBodySchema`. */
  responses: Record<number, ResponseSpec>;
}

const json = (schema: z.ZodType): ResponseSpec => ({ json: schema });
const empty: ResponseSpec = { empty: true };

// Request bodies the routes complete from the path (`project`) before parsing: the client does not send it.
const createKeyBody = createKeySchema.omit({ project: true });
const setupBody = createUserSchema.omit({ is_admin: true });

/**
 * Named schemas: each appears once under `components/schemas` and is referred to everywhere else. The names are the
 * ones a reader of `docs/openapi.json` sees; schemas not listed here are named after their first endpoint.
 */
export const COMPONENTS: Record<string, z.ZodType> = {
  ErrorBody: errorBodySchema,
  Run: runSchema,
  RunList: runListSchema,
  RunsTable: runsTableSchema,
  RunDeleted: runDeletedSchema,
  ProjectDeleted: projectDeletedSchema,
  MetricsPage: metricsPageSchema,
  IngestResult: ingestResultSchema,
  Diagnostics: runDiagnosticsSchema,
  SequenceRows: sequenceRowsSchema,
  PairDistribution: pairDistributionSchema,
  Project: projectSchema,
  ThresholdOverrides: thresholdOverridesSchema,
  UserBody: userBodySchema,
  Me: meSchema,
  ApiKeyList: apiKeyListSchema,
  CreatedApiKey: createdApiKeySchema,
  Report: reportSchema,
  CreatedShareLink: createdShareLinkSchema,
  ReportList: reportListSchema,
  ShareLinkList: shareLinkListSchema,
  SharedReport: sharedReportSchema,
  SharedMetrics: sharedMetricsSchema,
  SharedDiagnostics: sharedDiagnosticsSchema,
  SharedRuns: sharedRunsSchema,
  SharedView: sharedViewSchema,
  CreatedProject: createdProjectSchema,
  UserList: userListSchema,
  MemberList: memberListSchema,
  MemberBody: memberBodySchema,
  ImportResponse: importResponseSchema,
  LabRunCreated: labRunCreatedSchema,
};

export const ENDPOINTS: Endpoint[] = [
  // Runs
  {
    method: "POST",
    path: "/api/v1/runs",
    tag: "runs",
    summary: "Create a run, or resume it when its id exists (200)",
    body: createRunSchema,
    responses: { 201: json(runSchema), 200: json(runSchema) },
  },
  {
    method: "GET",
    path: "/api/v1/runs",
    tag: "runs",
    summary: "Runs with config, summary and flags, newest first",
    query: listRunsQuerySchema,
    responses: { 200: json(runListSchema) },
  },
  { method: "GET", path: "/api/v1/runs/{id}", tag: "runs", summary: "One run", responses: { 200: json(runSchema) } },
  {
    method: "PATCH",
    path: "/api/v1/runs/{id}",
    tag: "runs",
    summary: "Update status, config, tags, summary; resume_from_step drops later rows",
    body: updateRunSchema,
    responses: { 200: json(runSchema) },
  },
  { method: "DELETE", path: "/api/v1/runs/{id}", tag: "runs", summary: "Delete the run and every row logged to it", responses: { 200: json(runDeletedSchema) } },
  { method: "POST", path: "/api/v1/runs/{id}/archive", tag: "runs", summary: "Hide the run from lists, tables and pickers", responses: { 200: json(runSchema) } },
  { method: "POST", path: "/api/v1/runs/{id}/restore", tag: "runs", summary: "Bring an archived run back", responses: { 200: json(runSchema) } },
  // Metrics
  {
    method: "POST",
    path: "/api/v1/runs/{id}/metrics",
    tag: "metrics",
    summary: "Append metric rows (JSON or NDJSON), all or nothing",
    body: metricBatchSchema,
    responses: { 200: json(ingestResultSchema) },
  },
  {
    method: "GET",
    path: "/api/v1/runs/{id}/metrics",
    tag: "metrics",
    summary: "The named series, or a page of the run's series, min/max-downsampled",
    query: readMetricsQuerySchema,
    responses: { 200: json(metricsPageSchema) },
  },
  {
    method: "GET",
    path: "/api/v1/runs/{id}/metrics/csv",
    tag: "metrics",
    summary: "Every logged point of the chosen keys, as CSV",
    query: exportMetricsQuerySchema,
    responses: { 200: { contentType: "text/csv" } },
  },
  // Sequences
  {
    method: "POST",
    path: "/api/v1/runs/{id}/sequences",
    tag: "sequences",
    summary: "Append per-pair log-probs, all or nothing",
    body: sequenceBatchSchema,
    responses: { 200: json(ingestResultSchema) },
  },
  {
    method: "GET",
    path: "/api/v1/runs/{id}/sequences",
    tag: "sequences",
    summary: "Per-pair rows at a step (the latest when none is given)",
    query: readSequencesQuerySchema,
    responses: { 200: json(sequenceRowsSchema) },
  },
  {
    method: "GET",
    path: "/api/v1/runs/{id}/sequences/distribution",
    tag: "sequences",
    summary: "Per-step histograms of Δlog πw and Δlog πl",
    query: sequenceDistributionQuerySchema,
    responses: { 200: json(pairDistributionSchema) },
  },
  // Diagnostics
  {
    method: "GET",
    path: "/api/v1/runs/{id}/diagnostics",
    tag: "diagnostics",
    summary: "The 3D-property flags with their evidence, and the series behind them",
    query: readDiagnosticsQuerySchema,
    responses: { 200: json(runDiagnosticsSchema) },
  },
  // Imports and the lab
  {
    method: "POST",
    path: "/api/v1/import",
    tag: "runs",
    summary: "Import runs from TensorBoard, trainer_state.json, JSONL or CSV files",
    multipart: importUploadSchema,
    responses: { 201: json(importResponseSchema) },
  },
  {
    method: "POST",
    path: "/api/v1/lab/runs",
    tag: "runs",
    summary: "Store a lab setup as a finished toy run with its flags",
    body: createLabRunSchema,
    responses: { 201: json(labRunCreatedSchema) },
  },
  // Projects
  { method: "POST", path: "/api/v1/projects", tag: "projects", summary: "A new, empty project", body: createProjectSchema, responses: { 201: json(createdProjectSchema) } },
  { method: "GET", path: "/api/v1/projects/{project}", tag: "projects", summary: "The project and its settings", responses: { 200: json(projectSchema) } },
  {
    method: "PATCH",
    path: "/api/v1/projects/{project}",
    tag: "projects",
    summary: "Settings: webhook and flag thresholds",
    body: projectSettingsSchema,
    responses: { 200: json(projectSchema) },
  },
  {
    method: "DELETE",
    path: "/api/v1/projects/{project}",
    tag: "projects",
    summary: "The project with its runs, keys, members, reports and share links",
    responses: { 200: json(projectDeletedSchema) },
  },
  { method: "POST", path: "/api/v1/projects/{project}/archive", tag: "projects", summary: "Hide the project from the projects page", responses: { 200: json(projectSchema) } },
  { method: "POST", path: "/api/v1/projects/{project}/restore", tag: "projects", summary: "Bring an archived project back", responses: { 200: json(projectSchema) } },
  {
    method: "GET",
    path: "/api/v1/projects/{project}/runs-table",
    tag: "runs",
    summary: "Every run the filter selects, with the named config keys and metric aggregates",
    query: runsTableQuerySchema,
    responses: { 200: json(runsTableSchema) },
  },
  // Keys and members
  { method: "GET", path: "/api/v1/projects/{project}/keys", tag: "accounts", summary: "The project's keys (prefixes only)", responses: { 200: json(apiKeyListSchema) } },
  {
    method: "POST",
    path: "/api/v1/projects/{project}/keys",
    tag: "accounts",
    summary: "A new key, returned once",
    body: createKeyBody,
    responses: { 201: json(createdApiKeySchema) },
  },
  { method: "DELETE", path: "/api/v1/projects/{project}/keys/{keyId}", tag: "accounts", summary: "Revoke a key", responses: { 204: empty } },
  { method: "GET", path: "/api/v1/projects/{project}/members", tag: "accounts", summary: "The project's members and their roles", responses: { 200: json(memberListSchema) } },
  {
    method: "PUT",
    path: "/api/v1/projects/{project}/members",
    tag: "accounts",
    summary: "Add a member or change their role",
    body: setMemberSchema,
    responses: { 200: json(memberBodySchema) },
  },
  { method: "DELETE", path: "/api/v1/projects/{project}/members/{userId}", tag: "accounts", summary: "Remove a member", responses: { 204: empty } },
  {
    method: "POST",
    path: "/api/internal/keys",
    tag: "accounts",
    summary: "The CLI's way to a key while this server holds the embedded database (local token)",
    body: createKeySchema,
    responses: { 201: json(createdApiKeySchema) },
  },
  // Users and sessions
  {
    method: "POST",
    path: "/api/v1/auth/login",
    tag: "accounts",
    summary: "Sign in: sets the session and CSRF cookies",
    body: credentialsSchema,
    responses: { 200: json(userBodySchema) },
  },
  { method: "POST", path: "/api/v1/auth/logout", tag: "accounts", summary: "End the session", responses: { 204: empty } },
  { method: "GET", path: "/api/v1/auth/me", tag: "accounts", summary: "Who this request is", responses: { 200: json(meSchema) } },
  {
    method: "POST",
    path: "/api/v1/auth/setup",
    tag: "accounts",
    summary: "The first admin, from this machine's browser; turns sign-in on",
    body: setupBody,
    responses: { 201: json(userBodySchema) },
  },
  { method: "GET", path: "/api/v1/users", tag: "accounts", summary: "Everyone who can sign in (site admins)", responses: { 200: json(userListSchema) } },
  { method: "POST", path: "/api/v1/users", tag: "accounts", summary: "A new user (site admins)", body: createUserSchema, responses: { 201: json(userBodySchema) } },
  { method: "PATCH", path: "/api/v1/users/{userId}", tag: "accounts", summary: "Password, admin flag, disabled", body: updateUserSchema, responses: { 200: json(userBodySchema) } },
  // Reports and share links
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
  { method: "GET", path: "/api/v1/share/{token}/runs", tag: "share", summary: "The runs a runs-table report lists", responses: { 200: json(sharedRunsSchema) } },
  {
    method: "GET",
    path: "/api/v1/share/{token}/view",
    tag: "share",
    summary: "What a tables, compare, sweeps or DPO-vs-RM report draws",
    responses: { 200: json(sharedViewSchema) },
  },
];

const compiled = ENDPOINTS.map((endpoint) => ({
  endpoint,
  pattern: new RegExp(`^${endpoint.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^/}]+\}/g, "[^/]+")}$`),
}));

/** The endpoint a request goes to: by method and path (no query), or undefined for one the registry lacks. */
export function findEndpoint(method: string, pathname: string): Endpoint | undefined {
  const upper = method.toUpperCase();
  return compiled.find((c) => c.endpoint.method === upper && c.pattern.test(pathname))?.endpoint;
}

/** What a response of this status must look like: the endpoint's own spec, or the error body for 4xx/5xx. */
export function responseSpec(endpoint: Endpoint, status: number): ResponseSpec | undefined {
  return endpoint.responses[status] ?? (status >= 400 ? json(errorBodySchema) : undefined);
}
