import { z } from "zod";
import { queryInteger } from "../core/validation/query-params";
import { wireNumberSchema } from "../core/validation/numbers";
import { text } from "../core/validation/text";
import { PAIR_QUADRANTS, PAIR_SORTS } from "./pair-orders";

/** Most pairs one POST /pairs may carry; a probe of more is sent in several requests. */
export const MAX_PAIRS_PER_REQUEST = 1000;
/** Most UTF-8 bytes of one prompt, chosen or rejected text (64 KiB). */
export const MAX_PAIR_TEXT_BYTES = 64 * 1024;

const utf8Bytes = (s: string) => Buffer.byteLength(s, "utf8");

const pairText = () => text().refine((s) => utf8Bytes(s) <= MAX_PAIR_TEXT_BYTES, { error: `must be at most ${MAX_PAIR_TEXT_BYTES} bytes of UTF-8 (64 KiB)`, abort: true });

/** The pair's id as the sequences rows name it: a string, or an integer read as its decimal string. */
export const pairIdSchema = z.union([text().min(1).max(256), z.number().int().transform(String)]);

export const pairTextsInputSchema = z.strictObject({
  pair_id: pairIdSchema,
  prompt: pairText(),
  chosen: pairText(),
  rejected: pairText(),
});
export type PairTextsInput = z.infer<typeof pairTextsInputSchema>;

/** POST /api/v1/runs/{id}/pairs */
export const pairTextsBatchSchema = z.strictObject({
  pairs: z.array(pairTextsInputSchema).max(MAX_PAIRS_PER_REQUEST),
});

export type { PairQuadrant, PairSort } from "./pair-orders";

export const rankPairsQuerySchema = z.strictObject({
  step: queryInteger().optional(),
  split: text().min(1).max(64).default("train"),
  sort: z.enum(PAIR_SORTS).default("d_chosen"),
  order: z.enum(["asc", "desc"]).default("asc"),
  quadrant: z.enum(PAIR_QUADRANTS).optional(),
  /** Case-insensitive substring of the pair id, prompt, chosen or rejected text. */
  q: text().max(256).optional(),
  limit: queryInteger({ min: 1, max: 500 }).default(50),
  offset: queryInteger({ max: 10_000_000 }).default(0),
});
export type RankPairsQuery = z.output<typeof rankPairsQuerySchema>;

export const pairTrajectoryQuerySchema = z.strictObject({
  split: text().min(1).max(64).default("train"),
});

// ---- Responses ----

/** POST /api/v1/runs/{id}/pairs: how many pairs the request named (new, re-sent or re-linked). */
export const pairTextsStoredSchema = z.strictObject({ stored: z.int().nonnegative() });

export const pairTextsSchema = z.strictObject({ prompt: z.string(), chosen: z.string(), rejected: z.string() });
export type PairTextsResponse = z.infer<typeof pairTextsSchema>;

/** One pair at the asked step with the measures the inspector ranks by (non-finite values travel as strings). */
export const rankedPairSchema = z.strictObject({
  pair_id: z.string(),
  logp_chosen: wireNumberSchema,
  logp_rejected: wireNumberSchema,
  ref_logp_chosen: wireNumberSchema,
  ref_logp_rejected: wireNumberSchema,
  /** Δ log πw = logp_chosen − ref_logp_chosen */
  d_chosen: wireNumberSchema,
  /** Δ log πl = logp_rejected − ref_logp_rejected */
  d_rejected: wireNumberSchema,
  /** logsumexp(pw, pl) − logsumexp(rw, rl): < 0 means the pair's mass leaked elsewhere */
  leaked: wireNumberSchema,
  /** Δ log πw − Δ log πl (the implicit reward margin without β) */
  margin: wireNumberSchema,
  /** log|∂L/∂πl| − log|∂L/∂πw|, as the run's diagnostics compute it */
  grad_ratio: wireNumberSchema,
  texts: pairTextsSchema.nullable(),
});

/** GET /api/v1/runs/{id}/pairs */
export const rankedPairsSchema = z.strictObject({
  step: z.number().nullable(),
  split: z.string(),
  /** Every step logged for the split. */
  steps: z.array(z.number()),
  sort: z.enum(PAIR_SORTS),
  order: z.enum(["asc", "desc"]),
  /** Pairs matching the filters at the step (every page). */
  total: z.int().nonnegative(),
  rows: z.array(rankedPairSchema),
});
export type RankedPairsResponse = z.input<typeof rankedPairsSchema>;

/** GET /api/v1/runs/{id}/pairs/{pair_id}: the texts and the pair's log-probs at every logged step. */
export const pairTrajectorySchema = z.strictObject({
  pair_id: z.string(),
  split: z.string(),
  texts: pairTextsSchema.nullable(),
  steps: z.array(z.number()),
  logp_chosen: z.array(wireNumberSchema),
  logp_rejected: z.array(wireNumberSchema),
  ref_logp_chosen: z.array(wireNumberSchema),
  ref_logp_rejected: z.array(wireNumberSchema),
});
export type PairTrajectoryResponse = z.input<typeof pairTrajectorySchema>;
