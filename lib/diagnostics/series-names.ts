// The diagnostics' output series, named once. Every per-step number the diagnostics compute lives in a
// StepTable column under one of these keys, and leaves as a series under the matching `diag/` name.
// Log-probs are natural logs summed over response tokens unless the name says per token; c = pw - rw and
// r = pl - rl are log-ratios against the frozen reference; "change" is relative to the first logged step.

import type { SeriesMap } from "./types";

export const SERIES = {
  /** Mean over pairs of pw (summed log-prob of the chosen response). */
  logpChosen: "diag/logp_chosen",
  /** Mean over pairs of pl. */
  logpRejected: "diag/logp_rejected",
  /** Mean over pairs of pw/|y_w|, where lengths are known. */
  logpChosenPerToken: "diag/logp_chosen_per_token",
  logpRejectedPerToken: "diag/logp_rejected_per_token",
  /** diag/logp_chosen minus its value at the first logged step. */
  logpChosenChange: "diag/logp_chosen_change",
  logpRejectedChange: "diag/logp_rejected_change",
  logpChosenPerTokenChange: "diag/logp_chosen_per_token_change",
  logpRejectedPerTokenChange: "diag/logp_rejected_per_token_change",
  /** Mean c: how far the chosen log-prob moved from the reference's (rewards/chosen ÷ β for batch means). */
  chosenLogRatio: "diag/chosen_log_ratio",
  /** Mean r, likewise. */
  rejectedLogRatio: "diag/rejected_log_ratio",
  /** |r̄(t) - r̄(0)| / max(|c̄(t) - c̄(0)|, ε) on the step means (see compute-derived-columns.ts). */
  dropRatio: "diag/drop_ratio",
  /** log G = mean(pw - pl) + log(β_l/β_w): the log of |∂L/∂πl|/|∂L/∂πw| for (flex-)DPO. */
  logG: "diag/log_g",
  /** Same with per-token log-probs, mean(pw/|y_w| - pl/|y_l|) + log(β_l/β_w): free of length effects. */
  logGPerToken: "diag/log_g_per_token",
  /** Share of pairs with c < 0: the chosen response became less likely than under the reference. */
  shareChosenDown: "diag/share_chosen_down",
  /** Share of pairs with c < 0 and r < 0: both responses lost probability (dispersion). */
  shareBothDown: "diag/share_both_down",
  /** Median over pairs of logsumexp(pw, pl) - logsumexp(rw, rl): < 0 means the pair's mass leaked elsewhere. */
  leakedMassMedian: "diag/leaked_mass_median",
  /** Mean over pairs of σ(-u), u = β_w·c - β_l·r: the learning signal the logistic loss has left. */
  gradientWeight: "diag/gradient_weight",
  /** Mean over pairs of log|∂L/∂πw| (a geometric mean of magnitudes that span hundreds of orders). */
  logGradChosen: "diag/log_grad_chosen",
  /** Mean over pairs of log|∂L/∂πl|. */
  logGradRejected: "diag/log_grad_rejected",
  /** Mean over pairs of log(|∂L/∂πl|/|∂L/∂πw|). */
  logGradRatio: "diag/log_grad_ratio",
} as const;

export type SeriesKey = keyof typeof SERIES;

/** Per-step numbers aligned with `steps` (ascending); NaN where a step has no finite input for a column. */
export type StepTable = { steps: number[]; columns: Partial<Record<SeriesKey, Float64Array>> };

/** A column of NaNs, to be filled step by step. */
export function createColumn(length: number): Float64Array {
  return new Float64Array(length).fill(Number.NaN);
}

/** Series for every column; a step without a finite value is left out rather than plotted as a gap value. */
export function convertTableToSeries(table: StepTable): SeriesMap {
  const series: SeriesMap = {};
  for (const [key, column] of Object.entries(table.columns) as [SeriesKey, Float64Array][]) {
    const points = [];
    for (let i = 0; i < table.steps.length; i += 1) {
      const value = column[i]!;
      if (Number.isFinite(value)) points.push({ step: table.steps[i]!, value });
    }
    if (points.length > 0) series[SERIES[key]] = points;
  }
  return series;
}
