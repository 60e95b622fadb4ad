// Drastic drop: the rejected log-prob falls far more than the chosen one moves, and far in absolute terms.
// Both parts are needed: early in training |Δc̄| is tiny, so the ratio alone fires on noise.

import { findBaseline, selectShiftColumns } from "./compute-derived-columns";
import { evaluateTiers, whenFinite, type TierCondition } from "./evaluate-tiers";
import type { StepTable } from "./series-names";
import type { DiagnosticThresholds } from "./thresholds";
import type { DiagnosticFlag, FlagSeverity } from "./types";

export function detectDrasticDrop(table: StepTable, thresholds: DiagnosticThresholds): DiagnosticFlag | null {
  const { chosen, rejected, basis } = selectShiftColumns(table);
  const ratio = table.columns.dropRatio;
  if (!chosen || !rejected || !ratio) return null;
  const chosenStart = findBaseline(chosen);
  const rejectedStart = findBaseline(rejected);
  const tiers: TierCondition[] = (Object.keys(thresholds.drasticDrop) as FlagSeverity[]).map((severity) => {
    const tier = thresholds.drasticDrop[severity];
    const holds = table.steps.map((_, i) => {
      const drop = rejected[i]! - rejectedStart;
      return whenFinite([drop, ratio[i]!], () => drop <= -tier.minRejectedDrop && ratio[i]! >= tier.minDropRatio);
    });
    return { severity, holds, thresholds: { drop_ratio: tier.minDropRatio, rejected_drop: tier.minRejectedDrop } };
  });
  return evaluateTiers("drastic_drop", table.steps, tiers, thresholds.window, (i) => ({
    drop_ratio: ratio[i]!,
    rejected_change: rejected[i]! - rejectedStart,
    chosen_change: chosen[i]! - chosenStart,
    epsilon: thresholds.dropRatioEpsilon,
    basis,
  }));
}
