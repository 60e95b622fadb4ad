// Public surface of the diagnostics: pure functions over a run's metrics and sequences.

export { computeDiagnostics, type ComputeDiagnosticsOptions } from "./compute-diagnostics";
export { DEFAULT_THRESHOLDS, resolveThresholds, type DiagnosticThresholds, type ThresholdOverrides } from "./thresholds";
export { SERIES, type SeriesKey } from "./series-names";
export { resolveLossParams, getRewardScale, type LossParams } from "./loss-params";
export { computePairLossGradient, getLogisticBetas, type PairLogProbs, type PairLossGradient } from "./pair-loss";
export { resolvePairLogGradients, type PairLogGradients } from "./pair-gradients";
export { getBatchAliases, getDiagnosticMetricNames, getLossAliases } from "./metric-aliases";
export { logSigmoid, logAddExp } from "./log-math";
export { FLAG_PROPERTIES, HEALTH_PROPERTIES, THREE_D_PROPERTIES, isFlagProperty } from "./types";
export type * from "./types";
