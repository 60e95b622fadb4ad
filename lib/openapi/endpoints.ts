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
import { readDiagnosticsQuerySchema, runDiagnosticsSchema } from "../diagnostics/contract";
import { importResponseSchema, importStreamLineSchema, importUploadSchema } from "../importers/contract";
import { createLabRunSchema, labRunCreatedSchema } from "../lab/contract";
import {
  exportMetricsQuerySchema,
  ingestResultSchema,
  metricBatchSchema,
  metricsPageSchema,
  readMetricsQuerySchema,
  readRunsSeriesQuerySchema,
  runsSeriesSchema,
} from "../metrics/contract";
import { createdProjectSchema, projectSchema, projectSettingsSchema } from "../projects/contract";
import {
  createRunSchema,
  heartbeatBodySchema,
  heartbeatSchema,
  listRunsQuerySchema,
  projectDeletedSchema,
  runDeletedSchema,
  runListSchema,
  runSchema,
  runsTableQuerySchema,
  runsTableSchema,
  bulkEditRunsSchema,
  bulkEditedRunsSchema,
  updateRunSchema,
} from "../runs/contract";
import { pairDistributionSchema, readSequencesQuerySchema, sequenceBatchSchema, sequenceDistributionQuerySchema, sequenceRowsSchema } from "../sequences/contract";
import { liveQuerySchema } from "../live/contract";
import { pairTextsBatchSchema, pairTextsStoredSchema, pairTrajectoryQuerySchema, pairTrajectorySchema, rankedPairsSchema, rankPairsQuerySchema } from "../pairs/contract";
import { empty, eventStream, json, ndjson, type Endpoint } from "./endpoint";
import { REPORT_ENDPOINTS } from "./report-endpoints";

// Request bodies the routes complete from the path (`project`) before parsing: the client does not send it.
const createKeyBody = createKeySchema.omit({ project: true });
const setupBody = createUserSchema.omit({ is_admin: true });

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
    summary: "Update name, group, notes, tags, status, config, summary, algorithm (only when the run has none); resume_from_step drops later rows",
    body: updateRunSchema,
    responses: { 200: json(runSchema) },
  },
  {
    method: "POST",
    path: "/api/v1/runs/bulk",
    tag: "runs",
    summary: "Set the group of, add and remove tags on up to 500 runs of one project; all or nothing",
    body: bulkEditRunsSchema,
    responses: { 200: json(bulkEditedRunsSchema) },
  },
  { method: "DELETE", path: "/api/v1/runs/{id}", tag: "runs", summary: "Delete the run and every row logged to it", responses: { 200: json(runDeletedSchema) } },
  { method: "POST", path: "/api/v1/runs/{id}/archive", tag: "runs", summary: "Hide the run from lists, tables and pickers", responses: { 200: json(runSchema) } },
  { method: "POST", path: "/api/v1/runs/{id}/restore", tag: "runs", summary: "Bring an archived run back", responses: { 200: json(runSchema) } },
  {
    method: "POST",
    path: "/api/v1/runs/{id}/heartbeat",
    tag: "runs",
    summary: "The runner is alive: keeps a quiet running run from showing as stale or crashed (no body, or {})",
    body: heartbeatBodySchema,
    responses: { 200: json(heartbeatSchema) },
  },
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
    path: "/api/v1/runs/series",
    tag: "metrics",
    summary: "The named series of several runs (runs=id,id,…) in one request, min/max-downsampled as each run's",
    query: readRunsSeriesQuerySchema,
    responses: { 200: json(runsSeriesSchema) },
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
  // Pairs
  {
    method: "POST",
    path: "/api/v1/runs/{id}/pairs",
    tag: "pairs",
    summary: "Store pairs' prompt, chosen and rejected texts (≤ 1000 pairs, ≤ 64 KiB a text), shared across runs; all or nothing",
    body: pairTextsBatchSchema,
    responses: { 200: json(pairTextsStoredSchema) },
  },
  {
    method: "GET",
    path: "/api/v1/runs/{id}/pairs",
    tag: "pairs",
    summary: "The pairs at a step ranked by Δ log πw, Δ log πl, leaked mass, margin or gradient ratio; filtered by quadrant and text",
    query: rankPairsQuerySchema,
    responses: { 200: json(rankedPairsSchema) },
  },
  {
    method: "GET",
    path: "/api/v1/runs/{id}/pairs/{pair_id}",
    tag: "pairs",
    summary: "One pair's texts and its log-probs at every logged step",
    query: pairTrajectoryQuerySchema,
    responses: { 200: json(pairTrajectorySchema) },
  },
  // Diagnostics
  {
    method: "GET",
    path: "/api/v1/runs/{id}/diagnostics",
    tag: "diagnostics",
    summary: "The 3D-property and training-health flags with their evidence, and the series behind them",
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
    // 200: the streamed answer a request with `Accept: application/x-ndjson` gets (progress lines, then the result).
    responses: { 200: ndjson(importStreamLineSchema), 201: json(importResponseSchema) },
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
  {
    method: "GET",
    path: "/api/v1/projects/{project}/live",
    tag: "live",
    summary:
      "Server-sent events: the project's run rows as they change (`runs`), and the points (`metrics`), flags and diagnostics (`flags`) and pair writes (`sequences`) of the runs named; `ready` first, `reset` when the viewer must read again. Resumes after `Last-Event-ID`, or after `since`",
    query: liveQuerySchema,
    responses: { 200: eventStream },
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
  ...REPORT_ENDPOINTS,
];
