/** One logged value of a metric. `value` may be NaN or ±Infinity: that is data, never an error. */
export type MetricPoint = { step: number; value: number };

/** Named series, the shape the metrics API and the plots already use. */
export type SeriesMap = Record<string, MetricPoint[]>;

/**
 * One preference pair at one step, as the sequences API stores it. Log-probs are summed over response
 * tokens (TRL's convention); `log_grad_*` are natural logs of |∂L/∂π| when the runner computed them.
 */
export type SequenceRow = {
  step: number;
  split: string;
  pair_id: string;
  logp_chosen: number;
  logp_rejected: number;
  ref_logp_chosen: number;
  ref_logp_rejected: number;
  len_chosen: number | null;
  len_rejected: number | null;
  log_grad_chosen: number | null;
  log_grad_rejected: number | null;
};

/** How many of a metric's stored points are NaN or ±Infinity, and the first step holding one. */
export type NonFiniteTally = { first_step: number; count: number };

/** Everything the diagnostics read about a run; the service layer assembles it from the database. */
export type RunInput = {
  algorithm: string | null;
  config: Record<string, unknown>;
  metrics: SeriesMap;
  sequences: SequenceRow[];
  /**
   * Exact non-finite tallies for metrics whose series was read in summarised form (bucket means of a long run),
   * where a lone NaN no longer shows; metrics without one are tallied from their points.
   */
  nonFinite?: Record<string, NonFiniteTally>;
};

/** The paper's three properties (the 3D flags): the list tables and views that mean those three use. */
export const THREE_D_PROPERTIES = ["drastic_drop", "degradation", "dispersion"] as const;
/** Training-health flags: the run itself is numerically broken (non_finite) or diverging (loss_spike). */
export const HEALTH_PROPERTIES = ["non_finite", "loss_spike"] as const;
/** Every flag property, in the order they are checked and shown: the one list filters, badges and webhooks use. */
export const FLAG_PROPERTIES = [...THREE_D_PROPERTIES, ...HEALTH_PROPERTIES] as const;
export type FlagProperty = (typeof FLAG_PROPERTIES)[number];

export function isFlagProperty(text: string | null | undefined): text is FlagProperty {
  return (FLAG_PROPERTIES as readonly (string | null | undefined)[]).includes(text);
}
export type FlagSeverity = "info" | "warning" | "critical";

/** Numbers behind a flag: the values that tripped it and the thresholds they crossed. */
export type FlagEvidence = Record<string, number | string | null>;

export type DiagnosticFlag = {
  property: FlagProperty;
  severity: FlagSeverity;
  /** First logged step of the first window in which the property held. */
  first_step: number;
  evidence: FlagEvidence;
};

/** A diagnostic this run's data cannot give, said in words a researcher can act on. */
export type UnavailableDiagnostic = { diagnostic: string; reason: string };

/** Where the per-step numbers came from: per-pair rows, logged batch means, or nothing usable. */
export type DiagnosticsSource = "sequences" | "batch_means" | "none";

export type DiagnosticsSummary = {
  source: DiagnosticsSource;
  algorithm: string | null;
  split: string;
  points: number;
  first_step: number | null;
  last_step: number | null;
  /** The loss parameters the derivations used, after defaults. */
  loss: Record<string, number>;
  /** Defaults and approximations the numbers rest on, in words. */
  assumptions: string[];
  /** Last finite value of every diagnostics series, for tables that do not plot. */
  last: Record<string, number>;
};

export type DiagnosticsResult = {
  series: SeriesMap;
  flags: DiagnosticFlag[];
  unavailable: UnavailableDiagnostic[];
  summary: DiagnosticsSummary;
};
