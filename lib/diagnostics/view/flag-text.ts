import type { FlagProperty } from "../types";

/** Short names, for filters and column headings. */
export const FLAG_LABELS: Record<FlagProperty, string> = {
  drastic_drop: "Drastic drop",
  degradation: "Degradation",
  dispersion: "Dispersion",
  non_finite: "Non-finite",
  loss_spike: "Loss spike",
};

/** Words for the flags: the three properties as the paper names them, then the training-health ones. */
export const FLAG_TITLES: Record<string, string> = {
  drastic_drop: "Drastic drop",
  degradation: "Degradation into unlearning",
  dispersion: "Dispersion",
  non_finite: "Non-finite values",
  loss_spike: "Loss spike",
};

export const FLAG_EXPLANATIONS: Record<string, string> = {
  drastic_drop:
    "The rejected response's log-prob falls much faster than the chosen one moves: the margin is bought by pushing the rejected down, where DPO's gradient ratio πw/πl explodes.",
  degradation: "The rejected gradient dominates (log G rising) while the chosen log-prob falls from its peak: DPO is unlearning rather than learning the chosen answers.",
  dispersion: "Chosen and rejected log-probs both fall below their start: probability mass leaks to responses in no data set.",
  non_finite: "NaN or ±Infinity appeared in the loss, the log-probs or the implicit rewards: the run broke numerically, and every step after it trains on garbage.",
  loss_spike: "The loss rose far above the median of its recent points (in robust σ from their MAD) and stayed there for several logged steps: the usual first sign of divergence.",
};

export const SEVERITY_STYLES: Record<string, string> = {
  info: "bg-sky-50 text-sky-800 ring-sky-200",
  warning: "bg-amber-50 text-amber-800 ring-amber-300",
  critical: "bg-red-50 text-red-800 ring-red-300",
};

export const SEVERITY_COLORS: Record<string, string> = { info: "#0284c7", warning: "#d97706", critical: "#dc2626" };
