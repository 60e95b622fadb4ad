import { z } from "zod";
import { text } from "../core/validation/text";
import { stepSchema, wireNumberSchema } from "../core/validation/numbers";
import { FLAG_PROPERTIES } from "./types";

export const flagPropertySchema = z.enum(FLAG_PROPERTIES);

export const readDiagnosticsQuerySchema = z.strictObject({
  split: text().min(1).max(64).default("train"),
});

export const FLAG_SEVERITIES = ["info", "warning", "critical"] as const;

export const diagnosticFlagSchema = z.strictObject({
  property: flagPropertySchema,
  severity: z.enum(FLAG_SEVERITIES),
  /** First logged step of the first window in which the property held. */
  first_step: stepSchema,
  /** Numbers behind the flag: the values that tripped it and the thresholds they crossed. */
  evidence: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
});

export const unavailableDiagnosticSchema = z.strictObject({ diagnostic: z.string(), reason: z.string() });

export const diagnosticsSummarySchema = z.strictObject({
  source: z.enum(["sequences", "batch_means", "none"]),
  algorithm: z.string().nullable(),
  split: z.string(),
  points: z.int().nonnegative(),
  first_step: z.number().nullable(),
  last_step: z.number().nullable(),
  loss: z.record(z.string(), z.number()),
  assumptions: z.array(z.string()),
  last: z.record(z.string(), z.number()),
});

/** A point of a diagnostics series (non-finite values travel as strings). */
export const diagnosticPointSchema = z.strictObject({ step: z.number(), value: wireNumberSchema });

const diagnosticsShape = {
  flags: z.array(diagnosticFlagSchema),
  series: z.record(z.string(), z.array(diagnosticPointSchema)),
  unavailable: z.array(unavailableDiagnosticSchema),
  summary: diagnosticsSummarySchema,
};

/** GET /api/v1/runs/{id}/diagnostics */
export const runDiagnosticsSchema = z.strictObject({ run_id: z.uuid(), ...diagnosticsShape });
/** As sent (non-finite values as strings). */
export type DiagnosticsResponse = z.input<typeof runDiagnosticsSchema>;

/** GET /api/v1/share/{token}/diagnostics: the same without the run's id. */
export const sharedDiagnosticsSchema = z.strictObject(diagnosticsShape);
export type SharedDiagnosticsResponse = z.input<typeof sharedDiagnosticsSchema>;
