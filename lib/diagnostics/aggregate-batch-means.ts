// Per-step statistics for runs that logged only batch means (TRL, OpenRLHF, the reference DPO repo,
// TensorBoard). `rewards/chosen` is β·mean(c) exactly, so c̄ and r̄ (and the drop ratio) are exact; log G
// from mean log-probs is an approximation, because a mean of logs is not the log of a mean; everything
// that needs the spread over pairs is reported as unavailable rather than guessed.

import { getRewardScale, NON_IMPLICIT_REWARD_ALGORITHMS, REFERENCE_FREE_ALGORITHMS, type LossParams } from "./loss-params";
import { getBatchAliases, type BatchQuantity } from "./metric-aliases";
import { getLogisticBetas } from "./pair-loss";
import { createColumn, type SeriesKey, type StepTable } from "./series-names";
import type { MetricPoint, SeriesMap, UnavailableDiagnostic } from "./types";

export type BatchMeanResult = {
  table: StepTable;
  /** Metric names the numbers came from, per quantity, so the UI can say so. */
  sources: Partial<Record<BatchQuantity, string>>;
  unavailable: UnavailableDiagnostic[];
  assumptions: string[];
};

const NEEDS_PAIRS = "needs per-pair sequence rows; batch means hide how pairs are spread";

function findSeries(metrics: SeriesMap, names: string[]): [string, MetricPoint[]] | null {
  for (const name of names) {
    const points = metrics[name];
    if (points && points.length > 0) return [name, points];
  }
  return null;
}

/** Sorted distinct steps of the series used, and each step's index: the join key for the columns. */
function indexSteps(found: MetricPoint[][]): { steps: number[]; index: Map<number, number> } {
  const distinct = new Set<number>();
  for (const points of found) for (const p of points) if (Number.isFinite(p.step)) distinct.add(p.step);
  const steps = [...distinct].sort((a, b) => a - b);
  return { steps, index: new Map(steps.map((step, i) => [step, i])) };
}

export function aggregateBatchMeans(metrics: SeriesMap, split: string, params: LossParams): BatchMeanResult {
  const aliases = getBatchAliases(split);
  const found: Partial<Record<BatchQuantity, MetricPoint[]>> = {};
  const sources: BatchMeanResult["sources"] = {};
  for (const quantity of Object.keys(aliases) as BatchQuantity[]) {
    const hit = findSeries(metrics, aliases[quantity]);
    if (hit) [sources[quantity], found[quantity]] = hit;
  }
  const unavailable: UnavailableDiagnostic[] = [];
  const assumptions: string[] = [];

  const impliesLogRatio = !NON_IMPLICIT_REWARD_ALGORITHMS.includes(params.algorithm);
  if (!impliesLogRatio && (found.rewardsChosen || found.rewardsRejected)) {
    delete found.rewardsChosen;
    delete found.rewardsRejected;
    unavailable.push({
      diagnostic: "chosen and rejected log-ratios (c, r)",
      reason: REFERENCE_FREE_ALGORITHMS.includes(params.algorithm)
        ? `${params.algorithm} is reference-free: its rewards are β·log π with no reference model, not log-ratios; changes are measured on the logps/* series instead`
        : `a ${params.algorithm} run's rewards are scores, not β·(policy − reference) log-ratios`,
    });
  }

  const { steps, index } = indexSteps(Object.values(found));
  const columns: StepTable["columns"] = {};
  const fill = (key: SeriesKey, points: MetricPoint[] | undefined, transform: (value: number) => number) => {
    if (!points) return;
    const column = (columns[key] ??= createColumn(steps.length));
    // Later points at the same step win, as a rewrite of (run, key, step) does in the store.
    for (const p of points) {
      const i = index.get(p.step);
      if (i !== undefined) column[i] = transform(p.value);
    }
  };

  const scale = getRewardScale(params);
  fill("logpChosen", found.logpsChosen, (v) => v);
  fill("logpRejected", found.logpsRejected, (v) => v);
  fill("logpChosenPerToken", found.logpsPerTokenChosen, (v) => v);
  fill("logpRejectedPerToken", found.logpsPerTokenRejected, (v) => v);
  fill("chosenLogRatio", found.rewardsChosen, (v) => v / scale.w);
  fill("rejectedLogRatio", found.rewardsRejected, (v) => v / scale.l);
  fill("logGradChosen", found.logGradChosen, (v) => v);
  fill("logGradRejected", found.logGradRejected, (v) => v);
  fill("logGradRatio", found.logGradRatio, (v) => v);

  const betas = getLogisticBetas(params);
  const logBetaRatio = betas ? Math.log(betas.l / betas.w) : 0;
  const pairColumns = (a: SeriesKey, b: SeriesKey, target: SeriesKey) => {
    const x = columns[a];
    const y = columns[b];
    if (!x || !y) return false;
    columns[target] = x.map((value, i) => value - y[i]! + logBetaRatio);
    return true;
  };
  const summed = pairColumns("logpChosen", "logpRejected", "logG");
  const perToken = pairColumns("logpChosenPerToken", "logpRejectedPerToken", "logGPerToken");
  if (summed || perToken) {
    assumptions.push("log G comes from batch-mean log-probs: approximate, since a mean of logs is not the log of a mean.");
  }

  if (params.algorithm === "ipo") {
    assumptions.push("TRL logs IPO's logps and rewards as per-token averages; c and r are per token here.");
  }
  if (!found.rewardsChosen && found.logpsChosen && impliesLogRatio) {
    assumptions.push("no rewards/* logged: changes are measured on mean log-probs, which assumes every batch is about as hard as the first.");
  }

  for (const diagnostic of ["share of pairs whose chosen log-prob fell", "share of pairs where both log-probs fell", "median leaked mass"]) {
    unavailable.push({ diagnostic, reason: NEEDS_PAIRS });
  }
  unavailable.push({
    diagnostic: "gradient weight mean σ(−βΔ)",
    reason: `${NEEDS_PAIRS}; σ of the mean margin overstates the mean of σ`,
  });
  if (!found.logGradChosen || !found.logGradRejected) {
    unavailable.push({
      diagnostic: "gradient magnitudes log|∂L/∂πw|, log|∂L/∂πl|",
      reason: "need per-pair log-probs (or the runner's grad/log_abs_dL_dpi_* metrics): they depend on each pair's π",
    });
  }
  if (!found.logpsPerTokenChosen) {
    unavailable.push({ diagnostic: "per-token log-probs and per-token log G", reason: "need response lengths or logps_per_token/* metrics" });
  }
  if (!found.rewardsChosen && !found.logpsChosen) {
    unavailable.push({ diagnostic: "drop ratio", reason: "needs rewards/* or logps/* for both chosen and rejected responses" });
  }
  return { table: { steps, columns }, sources, unavailable, assumptions };
}
