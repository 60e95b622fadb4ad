// Entry point: a run's metrics and sequences in, the 3D-property series, the 3D and training-health flags and
// caveats out. Pure and linear in the size of the run (grouping, one pass per column, sliding windows with
// moving pointers; the loss-spike baseline is a fixed 20 points), so it can be recomputed on every read of a
// 100k-step run.

import { aggregateBatchMeans } from "./aggregate-batch-means";
import { aggregateSequences } from "./aggregate-sequences";
import { addDerivedColumns } from "./compute-derived-columns";
import { detectDegradation } from "./detect-degradation";
import { detectDispersion } from "./detect-dispersion";
import { detectDrasticDrop } from "./detect-drastic-drop";
import { detectLossSpike } from "./detect-loss-spike";
import { detectNonFinite } from "./detect-non-finite";
import { getLogisticBetas } from "./pair-loss";
import { resolveLossParams, type LossParams } from "./loss-params";
import { convertTableToSeries, type StepTable } from "./series-names";
import { resolveThresholds, type ThresholdOverrides } from "./thresholds";
import type { DiagnosticFlag, DiagnosticsResult, DiagnosticsSource, RunInput, SeriesMap, UnavailableDiagnostic } from "./types";

export type ComputeDiagnosticsOptions = {
  /** Which split's sequences and metrics to read; "train" unless told. */
  split?: string;
  thresholds?: ThresholdOverrides;
};

function describeLoss(params: LossParams): Record<string, number> {
  const loss: Record<string, number> = {};
  const betas = getLogisticBetas(params);
  if (betas) Object.assign(loss, { beta_w: betas.w, beta_l: betas.l });
  if (params.algorithm === "dpo_sft") loss.alpha = params.alpha;
  if (params.algorithm === "ipo") loss.tau = params.tau;
  if (params.algorithm === "slic") Object.assign(loss, { delta: params.delta, lambda: params.lambda });
  return loss;
}

function findLastValues(series: SeriesMap): Record<string, number> {
  const last: Record<string, number> = {};
  for (const [name, points] of Object.entries(series)) {
    const point = points.at(-1);
    if (point) last[name] = point.value;
  }
  return last;
}

function explainSequenceGaps(params: LossParams, table: StepTable, hasSentGradients: boolean): UnavailableDiagnostic[] {
  const unavailable: UnavailableDiagnostic[] = [];
  if (!params.derived && !hasSentGradients) {
    unavailable.push({
      diagnostic: "gradient magnitudes log|∂L/∂πw|, log|∂L/∂πl|",
      reason: `the ${params.algorithm} loss is logged, not re-derived; send log_grad_* with the sequences to see them`,
    });
  }
  if (!getLogisticBetas(params)) {
    unavailable.push({ diagnostic: "gradient weight mean σ(−βΔ)", reason: `only defined for logistic losses (dpo, flex_dpo, dpo_sft), not ${params.algorithm}` });
  }
  if (params.algorithm === "dpo_sft" && !table.columns.logpChosenPerToken?.some(Number.isFinite)) {
    unavailable.push({ diagnostic: "DPO+SFT chosen gradient", reason: "its SFT term is α/|y_w|, so it needs len_chosen" });
  }
  if (!table.columns.logpChosenPerToken?.some(Number.isFinite)) {
    unavailable.push({ diagnostic: "per-token log-probs and per-token log G", reason: "need len_chosen and len_rejected in the sequence rows" });
  }
  return unavailable;
}

export function computeDiagnostics(run: RunInput, options: ComputeDiagnosticsOptions = {}): DiagnosticsResult {
  const split = options.split ?? "train";
  const thresholds = resolveThresholds(options.thresholds);
  const params = resolveLossParams(run.algorithm, run.config);
  const assumptions = [...params.assumptions];
  let unavailable: UnavailableDiagnostic[];
  let table: StepTable;
  let source: DiagnosticsSource;

  const rows = run.sequences.filter((row) => row.split === split);
  if (rows.length > 0) {
    source = "sequences";
    table = aggregateSequences(rows, split, params);
    const hasSentGradients = rows.some((row) => row.log_grad_chosen !== null && row.log_grad_rejected !== null);
    unavailable = explainSequenceGaps(params, table, hasSentGradients);
  } else {
    const batch = aggregateBatchMeans(run.metrics, split, params);
    table = batch.table;
    unavailable = batch.unavailable;
    assumptions.push(...batch.assumptions);
    source = table.steps.length > 0 ? "batch_means" : "none";
    if (source === "none") {
      unavailable = [{ diagnostic: "all 3D-property diagnostics", reason: `no ${split} sequences and no recognised log-prob or reward metrics` }];
    }
  }

  addDerivedColumns(table, thresholds.dropRatioEpsilon);
  // In FLAG_PROPERTIES order: the three 3D properties, then training health (read from the raw loss and log-prob
  // series, whatever the 3D source was).
  const flags = [
    detectDrasticDrop(table, thresholds),
    detectDegradation(table, thresholds),
    detectDispersion(table, thresholds),
    detectNonFinite(run, split),
    detectLossSpike(run.metrics, split, thresholds.lossSpike),
  ].filter((flag): flag is DiagnosticFlag => flag !== null);
  const series = convertTableToSeries(table);
  return {
    series,
    flags,
    unavailable,
    summary: {
      source,
      algorithm: run.algorithm,
      split,
      points: table.steps.length,
      first_step: table.steps[0] ?? null,
      last_step: table.steps.at(-1) ?? null,
      loss: describeLoss(params),
      assumptions,
      last: findLastValues(series),
    },
  };
}
