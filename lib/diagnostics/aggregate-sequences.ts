// Per-step statistics from per-pair rows. Each step's rows are reduced independently (one pass to group,
// one pass per group), so the cost is linear in the number of rows plus a sort per step for the median.
// Non-finite values are skipped per statistic: one NaN row costs its own contribution, nothing more.

import { FiniteMean, finiteMedian, logAddExp, sigmoid } from "./log-math";
import type { LossParams } from "./loss-params";
import { resolvePairLogGradients } from "./pair-gradients";
import { getLogisticBetas } from "./pair-loss";
import { createColumn, type SeriesKey, type StepTable } from "./series-names";
import type { SequenceRow } from "./types";

function hasLength(length: number | null): length is number {
  return length !== null && Number.isFinite(length) && length > 0;
}

/** Groups the split's rows by step, steps ascending. */
function groupByStep(rows: readonly SequenceRow[], split: string): { steps: number[]; groups: SequenceRow[][] } {
  const byStep = new Map<number, SequenceRow[]>();
  for (const row of rows) {
    if (row.split !== split || !Number.isFinite(row.step)) continue;
    const group = byStep.get(row.step);
    if (group) group.push(row);
    else byStep.set(row.step, [row]);
  }
  const steps = [...byStep.keys()].sort((a, b) => a - b);
  return { steps, groups: steps.map((step) => byStep.get(step)!) };
}

type StepStats = Partial<Record<SeriesKey, number>>;

function reduceStep(rows: readonly SequenceRow[], params: LossParams): StepStats {
  const betas = getLogisticBetas(params);
  // For non-logistic losses log G is reported without a β term: the log-prob part is what is measurable.
  const logBetaRatio = betas ? Math.log(betas.l / betas.w) : 0;
  const m = {
    pw: new FiniteMean(),
    pl: new FiniteMean(),
    pwTok: new FiniteMean(),
    plTok: new FiniteMean(),
    c: new FiniteMean(),
    r: new FiniteMean(),
    logG: new FiniteMean(),
    logGTok: new FiniteMean(),
    chosenDown: new FiniteMean(),
    bothDown: new FiniteMean(),
    weight: new FiniteMean(),
    gradW: new FiniteMean(),
    gradL: new FiniteMean(),
    ratio: new FiniteMean(),
  };
  const leaked: number[] = [];
  for (const row of rows) {
    const { logp_chosen: pw, logp_rejected: pl } = row;
    const c = pw - row.ref_logp_chosen;
    const r = pl - row.ref_logp_rejected;
    m.pw.add(pw);
    m.pl.add(pl);
    m.c.add(c);
    m.r.add(r);
    m.logG.add(pw - pl);
    if (hasLength(row.len_chosen)) m.pwTok.add(pw / row.len_chosen);
    if (hasLength(row.len_rejected)) m.plTok.add(pl / row.len_rejected);
    if (hasLength(row.len_chosen) && hasLength(row.len_rejected)) m.logGTok.add(pw / row.len_chosen - pl / row.len_rejected);
    if (Number.isFinite(c)) m.chosenDown.add(c < 0 ? 1 : 0);
    if (Number.isFinite(c) && Number.isFinite(r)) {
      m.bothDown.add(c < 0 && r < 0 ? 1 : 0);
      if (betas) m.weight.add(sigmoid(-(betas.w * c - betas.l * r)));
    }
    leaked.push(logAddExp(pw, pl) - logAddExp(row.ref_logp_chosen, row.ref_logp_rejected));
    const grads = resolvePairLogGradients(params, row);
    m.gradW.add(grads.chosen);
    m.gradL.add(grads.rejected);
    m.ratio.add(grads.rejected - grads.chosen);
  }
  return {
    logpChosen: m.pw.value,
    logpRejected: m.pl.value,
    logpChosenPerToken: m.pwTok.value,
    logpRejectedPerToken: m.plTok.value,
    chosenLogRatio: m.c.value,
    rejectedLogRatio: m.r.value,
    logG: m.logG.value + logBetaRatio,
    logGPerToken: m.logGTok.value + logBetaRatio,
    shareChosenDown: m.chosenDown.value,
    shareBothDown: m.bothDown.value,
    leakedMassMedian: finiteMedian(leaked),
    gradientWeight: m.weight.value,
    logGradChosen: m.gradW.value,
    logGradRejected: m.gradL.value,
    logGradRatio: m.ratio.value,
  };
}

export function aggregateSequences(rows: readonly SequenceRow[], split: string, params: LossParams): StepTable {
  const { steps, groups } = groupByStep(rows, split);
  const columns: StepTable["columns"] = {};
  groups.forEach((group, i) => {
    for (const [key, value] of Object.entries(reduceStep(group, params)) as [SeriesKey, number][]) {
      const column = (columns[key] ??= createColumn(steps.length));
      column[i] = value;
    }
  });
  return { steps, columns };
}
