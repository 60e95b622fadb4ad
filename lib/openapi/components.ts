import { z } from "zod";
import { errorBodySchema } from "../core/errors";
import { apiKeyListSchema, createdApiKeySchema, memberBodySchema, memberListSchema, meSchema, userBodySchema, userListSchema } from "../accounts/contract";
import { runDiagnosticsSchema, sharedDiagnosticsSchema } from "../diagnostics/contract";
import { importResponseSchema, importStreamLineSchema } from "../importers/contract";
import { labRunCreatedSchema } from "../lab/contract";
import { ingestResultSchema, metricsPageSchema, sharedMetricsSchema } from "../metrics/contract";
import { createdProjectSchema, projectSchema, thresholdOverridesSchema } from "../projects/contract";
import { createdShareLinkSchema, reportListSchema, reportSchema, sharedReportSchema, sharedRunsSchema, sharedViewSchema, shareLinkListSchema } from "../reports/contract";
import { projectDeletedSchema, runDeletedSchema, runListSchema, runSchema, runsTableSchema } from "../runs/contract";
import { pairDistributionSchema, sequenceRowsSchema } from "../sequences/contract";
import { pairTrajectorySchema, rankedPairsSchema } from "../pairs/contract";
import { LIVE_EVENTS } from "../live/contract";

/**
 * Named schemas: each appears once under `components/schemas` and is referred to everywhere else. The names are the
 * ones a reader of `docs/openapi.json` sees; schemas not listed here are named after their first endpoint.
 */
export const COMPONENTS: Record<string, z.ZodType> = {
  ErrorBody: errorBodySchema,
  // The `data` of each server-sent event of the live streams, by event name (`LiveMetricsEvent` for `event: metrics`).
  ...Object.fromEntries(Object.entries(LIVE_EVENTS).map(([name, schema]) => [`Live${name[0]!.toUpperCase()}${name.slice(1)}Event`, schema])),
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
  RankedPairs: rankedPairsSchema,
  PairTrajectory: pairTrajectorySchema,
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
  ImportStreamLine: importStreamLineSchema,
  LabRunCreated: labRunCreatedSchema,
};
