import { z } from "zod";
import { queryInteger } from "../core/validation/query-params";
import { stepSchema, wireNumberSchema } from "../core/validation/numbers";
import { batchIdSchema } from "../metrics/contract";
import { text } from "../core/validation/text";

const lengthSchema = z.number().int().min(0).max(10_000_000).nullish();

export const sequenceRowSchema = z.strictObject({
  step: stepSchema,
  pair_id: z.union([text().min(1).max(256), z.number().int().transform(String)]),
  split: text().min(1).max(64).default("train"),
  logp_chosen: wireNumberSchema,
  logp_rejected: wireNumberSchema,
  ref_logp_chosen: wireNumberSchema,
  ref_logp_rejected: wireNumberSchema,
  len_chosen: lengthSchema,
  len_rejected: lengthSchema,
  log_grad_chosen: wireNumberSchema.nullish(),
  log_grad_rejected: wireNumberSchema.nullish(),
});
export type SequenceRowInput = z.infer<typeof sequenceRowSchema>;

export const sequenceBatchSchema = z.strictObject({
  batch_id: batchIdSchema.optional(),
  rows: z.array(sequenceRowSchema),
});
export type SequenceBatch = z.infer<typeof sequenceBatchSchema>;

export const readSequencesQuerySchema = z.strictObject({
  step: queryInteger().optional(),
  split: text().min(1).max(64).default("train"),
});

export const sequenceDistributionQuerySchema = z.strictObject({
  split: text().min(1).max(64).default("train"),
  bins: queryInteger({ min: 2, max: 200 }).default(40),
});

// ---- Responses ----

/** One pair at one step as stored (non-finite log-probs travel as strings). */
export const sequenceRecordSchema = z.strictObject({
  step: z.number(),
  split: z.string(),
  pair_id: z.string(),
  logp_chosen: wireNumberSchema,
  logp_rejected: wireNumberSchema,
  ref_logp_chosen: wireNumberSchema,
  ref_logp_rejected: wireNumberSchema,
  len_chosen: z.number().nullable(),
  len_rejected: z.number().nullable(),
  log_grad_chosen: wireNumberSchema.nullable(),
  log_grad_rejected: wireNumberSchema.nullable(),
});

/** GET /api/v1/runs/{id}/sequences: the pairs at one step (the latest when none is asked for). */
export const sequenceRowsSchema = z.strictObject({
  step: z.number().nullable(),
  split: z.string(),
  /** Every step logged for the split. */
  steps: z.array(z.number()),
  rows: z.array(sequenceRecordSchema),
});
export type SequenceRowsResponse = z.input<typeof sequenceRowsSchema>;

/** GET /api/v1/runs/{id}/sequences/distribution: per-step histograms of Δlog πw and Δlog πl. */
export const pairDistributionSchema = z.strictObject({
  run_id: z.uuid(),
  split: z.string(),
  steps: z.array(z.number()),
  /** Bin edges shared by both histograms, so the two heatmaps read on one scale. */
  edges: z.array(z.number()),
  /** counts[stepIndex][bin] */
  chosen: z.array(z.array(z.int().nonnegative())),
  rejected: z.array(z.array(z.int().nonnegative())),
  /** Pairs per step with a non-finite Δ, left out of the bins but not lost from the count. */
  nonFinite: z.array(z.int().nonnegative()),
});
export type PairDistributionResponse = z.input<typeof pairDistributionSchema>;
