// Default thresholds for the 3D-property flags and the loss-spike health flag, each next to the reasoning a
// researcher would give for it. (The other health flag, non_finite, has none: one NaN or ∞ is already too many.)
// All log-prob quantities are natural logs of whole-response probabilities (summed over tokens), so 1 nat
// means "e ≈ 2.7 times more or less likely". Every number can be overridden per call.

import type { FlagSeverity } from "./types";

export type WindowThresholds = {
  /** Fewest logged points a condition must hold over. */
  minPoints: number;
  /** The window must also cover this fraction of the steps elapsed since the first logged point. */
  minSpanFraction: number;
  /** Share of the window's points at which the condition must hold. */
  minShare: number;
};

export type DrasticDropTier = {
  /** |Δr̄| / max(|Δc̄|, ε) at least this. */
  minDropRatio: number;
  /** And r̄ fell by at least this many nats since the first logged step. */
  minRejectedDrop: number;
};

export type DegradationTier = {
  /** log G rose by at least this many nats since the first logged step. */
  minLogGRise: number;
  /** c̄ is at least this many nats below its sustained peak. */
  minChosenFallFromPeak: number;
  /** And, when set, c̄ is at least this many nats below its first logged value. */
  minChosenBelowStart: number | null;
};

export type DispersionTier = {
  /** With per-pair rows: share of pairs with c < 0 and r < 0 at least this. */
  minShareBothDown: number;
  /** Median leaked mass at most this (negative: the pair lost mass); from batch means, both Δc̄ and Δr̄ are. */
  maxLeakedMass: number;
};

export type LossSpikeThresholds = {
  /** The baseline: this many finite loss points logged just before the one judged. */
  baselinePoints: number;
  /** Rise above the baseline's median, in robust standard deviations (1.4826 × MAD), at least this. */
  minRobustZ: number;
  /** And at least this fraction of |median|, so a flat loss (MAD ≈ 0) does not flag on jitter. */
  minRelativeRise: number;
  /** And at least this much in the loss's own units (nats for the logistic losses), for a loss at ≈ 0. */
  minAbsoluteRise: number;
  /** Held at this many consecutive finite loss points: one bad batch is not a divergence. */
  minConsecutive: number;
};

export type DiagnosticThresholds = {
  window: WindowThresholds;
  /** Nats: a chosen change smaller than this counts as "did not move" in the drop ratio's denominator. */
  dropRatioEpsilon: number;
  drasticDrop: Record<FlagSeverity, DrasticDropTier>;
  degradation: Record<FlagSeverity, DegradationTier>;
  dispersion: Record<FlagSeverity, DispersionTier>;
  lossSpike: LossSpikeThresholds;
};

export const DEFAULT_THRESHOLDS: DiagnosticThresholds = {
  window: {
    // Three points: one or two outliers never make a trend, and a run logged every 1,000 steps can still
    // flag within 3,000 steps.
    minPoints: 3,
    // 5% of the elapsed steps: a run logged every step must show the property for 25 of its first 500
    // steps or 5,000 of 100,000, so batch-to-batch noise cannot trip it; measured against steps elapsed at
    // the time (not the final length) so a flag, once raised, stays raised as the run continues.
    minSpanFraction: 0.05,
    // 80% of the window's points: one noisy batch mean dipping back across a threshold does not reset a
    // real trend, while a lone spike (at best 1 of 3 points) never reaches it.
    minShare: 0.8,
  },
  // 0.1 nats ≈ a 10% change in the chosen response's probability: below that the chosen "did not move",
  // and the ratio reads as how many tenths of a nat the rejected fell.
  dropRatioEpsilon: 0.1,
  drasticDrop: {
    // The rejected fell e-fold (1 nat) and at least twice as far as the chosen moved: DPO's usual
    // asymmetry, worth knowing, not yet a problem.
    info: { minDropRatio: 2, minRejectedDrop: 1 },
    // Three times as far: the loss is now mostly buying its margin by pushing the rejected down.
    warning: { minDropRatio: 3, minRejectedDrop: 1 },
    // Ten times as far and e²-fold: the margin is almost all rejected collapse, the regime where the
    // paper's gradient ratio πw/πl explodes.
    critical: { minDropRatio: 10, minRejectedDrop: 2 },
  },
  degradation: {
    // In every tier log G must have grown e-fold (1 nat): the rejected gradient increasingly dominates.
    // The chosen fell ln 1.25 ≈ 0.22 nats from its sustained peak: 20% less likely than at its best.
    info: { minLogGRise: 1, minChosenFallFromPeak: Math.log(1.25), minChosenBelowStart: null },
    // Half as likely as at its peak (ln 2).
    warning: { minLogGRise: 1, minChosenFallFromPeak: Math.LN2, minChosenBelowStart: null },
    // Half as likely as at its peak and half as likely as at the start: the run is unlearning the answers
    // it was asked to prefer.
    critical: { minLogGRise: 1, minChosenFallFromPeak: Math.LN2, minChosenBelowStart: Math.LN2 },
  },
  dispersion: {
    // A majority of pairs lost probability on both responses and the median pair lost ~10% of its mass
    // (ln 0.9 ≈ -0.1) to responses outside the data.
    info: { minShareBothDown: 0.5, maxLeakedMass: -0.1 },
    // The median pair lost half its mass (ln 0.5).
    warning: { minShareBothDown: 0.5, maxLeakedMass: -Math.LN2 },
    // Three pairs in four lost on both sides and the median pair kept under a tenth of its mass (ln 0.1).
    critical: { minShareBothDown: 0.75, maxLeakedMass: -Math.log(10) },
  },
  lossSpike: {
    // 20 points: enough for a median and MAD that one or two outliers cannot move (the median holds until
    // half the window is bad), short enough that the baseline follows the loss's downward trend.
    baselinePoints: 20,
    // 6 robust σ: per-batch DPO losses are heavy-tailed, and a Gaussian 6σ event is ~1e-9 per point, so three
    // in a row are not noise; a slow upward drift (overfitting) stays within ~1–2σ of the trailing window.
    minRobustZ: 6,
    // 10% above the recent median: below that the jump is not worth a look even when the loss was very smooth.
    minRelativeRise: 0.1,
    // 0.01 nats: ~1% of a DPO loss that starts at ln 2; matters only for a loss that sat at ≈ 0.
    minAbsoluteRise: 0.01,
    // Three consecutive logged points: a single bad batch (or two) is noise the optimiser recovers from;
    // a loss that stays up is divergence.
    minConsecutive: 3,
  },
};

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object | null ? DeepPartial<NonNullable<T[K]>> | T[K] : T[K] };
export type ThresholdOverrides = DeepPartial<DiagnosticThresholds>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function mergeDeep(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override === undefined ? base : override;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) merged[key] = mergeDeep(base[key], value);
  return merged;
}

/** Defaults with the caller's overrides laid over them, key by key. */
export function resolveThresholds(overrides?: ThresholdOverrides): DiagnosticThresholds {
  return mergeDeep(DEFAULT_THRESHOLDS, overrides ?? {}) as DiagnosticThresholds;
}
