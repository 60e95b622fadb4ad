import { z } from "zod";
import { queryInteger } from "../core/validation/query-params";
import { metricValueSchema, stepSchema } from "../core/validation/numbers";
import { batchIdSchema } from "../metrics/contract";
import { text } from "../core/validation/text";

const lengthSchema = z.number().int().min(0).max(10_000_000).nullish();

export const sequenceRowSchema = z.strictObject({
  step: stepSchema,
  pair_id: z.union([text().min(1).max(256), z.number().int().transform(String)]),
  split: text().min(1).max(64).default("train"),
  logp_chosen: metricValueSchema,
  logp_rejected: metricValueSchema,
  ref_logp_chosen: metricValueSchema,
  ref_logp_rejected: metricValueSchema,
  len_chosen: lengthSchema,
  len_rejected: lengthSchema,
  log_grad_chosen: metricValueSchema.nullish(),
  log_grad_rejected: metricValueSchema.nullish(),
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
