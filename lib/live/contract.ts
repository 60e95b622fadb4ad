import { z } from "zod";
import { isoTimeSchema, wireNumberSchema } from "../core/validation/numbers";
import { diagnosticFlagSchema, runDiagnosticsSchema } from "../diagnostics/contract";
import { seriesPointSchema } from "../metrics/contract";
import { metricSummarySchema, runHealthSchema, runStatusSchema } from "../runs/contract";

/** Runs one stream may follow beside its project (the compare page's limit). */
export const MAX_LIVE_RUNS = 16;

/**
 * GET /api/v1/projects/{project}/live: `runs` (comma-separated ids of this project) adds their points, flags and
 * diagnostics to the project's run updates; `since` is the change id the page's data was read at (a reconnect
 * sends `Last-Event-ID` instead, which wins).
 */
export const liveQuerySchema = z.strictObject({
  runs: z
    .string()
    .optional()
    .transform((v) => (v ? [...new Set(v.split(","))] : []))
    .pipe(z.array(z.uuid({ error: "runs must be run ids (UUIDs), comma-separated" })).max(MAX_LIVE_RUNS, { error: `runs names at most ${MAX_LIVE_RUNS} runs` })),
  since: z.coerce.number().int().nonnegative().optional(),
});
export type LiveQuery = z.infer<typeof liveQuerySchema>;

/** GET /api/v1/share/{token}/live: the shared report's run, live links only. */
export const sharedLiveQuerySchema = z.strictObject({ since: z.coerce.number().int().nonnegative().optional() });

// ---- Events (each an SSE `event:` name with its JSON `data:`; `id:` is the last change id it carries) ----

/** `metrics`: points a write added or rewrote, per key (keys new to the run appear here first). */
export const liveMetricsEventSchema = z.strictObject({
  run: z.uuid(),
  series: z.array(z.strictObject({ key: z.string(), points: z.array(seriesPointSchema) })),
});
export type LiveMetricsEvent = z.input<typeof liveMetricsEventSchema>;

/** `flags`: the run's flags after a recomputation, and its diagnostics as the run page shows them. */
export const liveFlagsEventSchema = z.strictObject({
  run: z.uuid(),
  flags: z.array(diagnosticFlagSchema),
  flag_level: z.int().min(0).max(3),
  diagnostics: runDiagnosticsSchema.nullable(),
});
export type LiveFlagsEvent = z.input<typeof liveFlagsEventSchema>;

/** `sequences`: per-pair rows landed at these steps (the pair views read them again). */
export const liveSequencesEventSchema = z.strictObject({ run: z.uuid(), step_min: z.number().nullable(), step_max: z.number().nullable() });
export type LiveSequencesEvent = z.input<typeof liveSequencesEventSchema>;

/** A run's row as the runs table and the project page follow it; `metrics` holds only the keys just written. */
export const liveRunPatchSchema = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  status: runStatusSchema,
  /** Live, stale or crashed while running (see the runs contract); null otherwise. */
  health: runHealthSchema,
  last_seen_at: isoTimeSchema,
  flags: z.array(diagnosticFlagSchema),
  flag_level: z.int().min(0).max(3),
  diagnostics: z.record(z.string(), wireNumberSchema),
  updated_at: isoTimeSchema,
  /** Highest step logged to any metric. */
  last_step: z.number().nullable(),
  /** Steps per second over the last minute of writes; null when it logged fewer than two batches in it. */
  steps_per_second: wireNumberSchema.nullable(),
  metrics: z.record(z.string(), metricSummarySchema),
});
export type LiveRunPatch = z.input<typeof liveRunPatchSchema>;

/** `runs`: rows of the project that changed (a run new to the viewer means: read the table again). */
export const liveRunsEventSchema = z.strictObject({ runs: z.array(liveRunPatchSchema) });
export type LiveRunsEvent = z.input<typeof liveRunsEventSchema>;

/** `reset`: the stream cannot say what the viewer missed (it fell behind, or its resume point is gone): read again. */
export const liveResetEventSchema = z.strictObject({ reason: z.enum(["overflow", "expired"]) });
export type LiveResetEvent = z.input<typeof liveResetEventSchema>;

/** `ready`: sent first; `change` is the newest change id when the stream began following. */
export const liveReadyEventSchema = z.strictObject({ change: z.number().int().nonnegative() });

export const LIVE_EVENTS = {
  ready: liveReadyEventSchema,
  metrics: liveMetricsEventSchema,
  flags: liveFlagsEventSchema,
  sequences: liveSequencesEventSchema,
  runs: liveRunsEventSchema,
  reset: liveResetEventSchema,
} as const;
export type LiveEventName = keyof typeof LIVE_EVENTS;
