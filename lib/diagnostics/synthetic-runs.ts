// Small generators of runs with a known shape, for tests and demos: the mean chosen and rejected
// log-ratios follow given curves over training, pairs scatter around them, and the same run can be
// emitted as per-pair sequence rows or as the batch means TRL logs.

import { createMulberry32, createNormal } from "@/lib/toy-model/prng";

import type { SeriesMap, SequenceRow } from "./types";

/** Mean c and r as functions of training progress t ∈ [0, 1]. */
export type RunShape = { chosen: (t: number) => number; rejected: (t: number) => number };

export type SyntheticRunOptions = {
  shape: RunShape;
  /** Last step; points are logged at 0, every, 2·every, … */
  steps: number;
  every: number;
  pairs?: number;
  /** Standard deviation of each pair's (or batch mean's) scatter, in nats. */
  noise?: number;
  seed?: number;
  beta?: number;
};

/** A segment-wise linear curve through (t, value) knots; clear shapes are easiest to reason about. */
export function piecewise(...knots: [number, number][]): (t: number) => number {
  return (t) => {
    for (let k = 1; k < knots.length; k += 1) {
      const [t1, v1] = knots[k]!;
      const [t0, v0] = knots[k - 1]!;
      if (t <= t1) return v0 + ((v1 - v0) * (t - t0)) / (t1 - t0);
    }
    return knots.at(-1)![1];
  };
}

/** Shapes the flags should and should not see. */
export const SHAPES = {
  /** Rejected collapses, chosen rises a little then sinks below the start: drastic drop and degradation. */
  degrading: { chosen: piecewise([0, 0], [0.2, 1], [1, -3]), rejected: piecewise([0, 0], [1, -20]) },
  /** Both sink well below the reference: dispersion. */
  dispersing: { chosen: piecewise([0, 0], [1, -3]), rejected: piecewise([0, 0], [1, -8]) },
  /** Chosen up, rejected up a little (SFT on similar answers): none of the 3D-properties. */
  sftLike: { chosen: piecewise([0, 0], [1, 3]), rejected: piecewise([0, 0], [1, 1]) },
  /** Nothing moves. */
  flat: { chosen: () => 0, rejected: () => 0 },
} satisfies Record<string, RunShape>;

function* loggedSteps(steps: number, every: number): Generator<number> {
  for (let step = 0; step <= steps; step += every) yield step;
}

export function makeSyntheticSequences(options: SyntheticRunOptions): SequenceRow[] {
  const { shape, steps, every, pairs = 16, noise = 0.3, seed = 1 } = options;
  const normal = createNormal(createMulberry32(seed));
  // Fixed references per pair: ~40-token answers at ~1.2 nats per token.
  const refs = Array.from({ length: pairs }, () => ({ w: -48 + 5 * normal(), l: -48 + 5 * normal() }));
  const rows: SequenceRow[] = [];
  for (const step of loggedSteps(steps, every)) {
    const t = step / steps;
    // At step 0 the policy is the reference, exactly.
    const jitter = () => (step === 0 ? 0 : noise * normal());
    refs.forEach((ref, i) => {
      rows.push({
        step,
        split: "train",
        pair_id: `pair-${i}`,
        logp_chosen: ref.w + shape.chosen(t) + jitter(),
        logp_rejected: ref.l + shape.rejected(t) + jitter(),
        ref_logp_chosen: ref.w,
        ref_logp_rejected: ref.l,
        len_chosen: 40,
        len_rejected: 40,
        log_grad_chosen: null,
        log_grad_rejected: null,
      });
    });
  }
  return rows;
}

/** The same run as TRL's batch means: rewards = β·mean(c), logps = mean log-probs. */
export function makeSyntheticMetrics(options: SyntheticRunOptions): SeriesMap {
  const { shape, steps, every, noise = 0.3, seed = 1, beta = 0.1 } = options;
  const normal = createNormal(createMulberry32(seed));
  const metrics: SeriesMap = { "rewards/chosen": [], "rewards/rejected": [], "logps/chosen": [], "logps/rejected": [] };
  for (const step of loggedSteps(steps, every)) {
    const t = step / steps;
    const c = shape.chosen(t) + (step === 0 ? 0 : noise * normal());
    const r = shape.rejected(t) + (step === 0 ? 0 : noise * normal());
    metrics["rewards/chosen"]!.push({ step, value: beta * c });
    metrics["rewards/rejected"]!.push({ step, value: beta * r });
    metrics["logps/chosen"]!.push({ step, value: -48 + c });
    metrics["logps/rejected"]!.push({ step, value: -48 + r });
  }
  return metrics;
}
