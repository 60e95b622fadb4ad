// Degradation into unlearning: the rejected gradient grows to dominate (log G rises) while the chosen
// log-prob has come down from the highest level it sustained. Measured on c̄ when the run has it, since
// raw mean log-probs move with batch composition.

import { findBaseline, selectShiftColumns } from "./compute-derived-columns";
import { evaluateTiers, whenFinite, type TierCondition } from "./evaluate-tiers";
import type { StepTable } from "./series-names";
import { computeSustainedPeak } from "./sustained-window";
import type { DiagnosticThresholds } from "./thresholds";
import type { DiagnosticFlag, FlagSeverity } from "./types";

export function detectDegradation(table: StepTable, thresholds: DiagnosticThresholds): DiagnosticFlag | null {
  const { chosen, basis } = selectShiftColumns(table);
  // The runner's own gradient ratio is the same quantity as log G for (flex-)DPO; use it when log-probs
  // were not logged.
  const logG = table.columns.logG ?? table.columns.logGradRatio;
  if (!chosen || !logG) return null;
  const peak = computeSustainedPeak(table.steps, chosen, thresholds.window);
  const chosenStart = findBaseline(chosen);
  const logGStart = findBaseline(logG);

  const tiers: TierCondition[] = (Object.keys(thresholds.degradation) as FlagSeverity[]).map((severity) => {
    const tier = thresholds.degradation[severity];
    const holds = table.steps.map((_, i) => {
      const c = chosen[i]!;
      const rise = logG[i]! - logGStart;
      return whenFinite([c, rise, peak[i]!], () => {
        const belowStart = tier.minChosenBelowStart === null || chosenStart - c >= tier.minChosenBelowStart;
        return rise >= tier.minLogGRise && peak[i]! - c >= tier.minChosenFallFromPeak && belowStart;
      });
    });
    return {
      severity,
      holds,
      thresholds: {
        log_g_rise: tier.minLogGRise,
        chosen_fall_from_peak: tier.minChosenFallFromPeak,
        chosen_below_start: tier.minChosenBelowStart,
      },
    };
  });
  return evaluateTiers("degradation", table.steps, tiers, thresholds.window, (i) => ({
    log_g: logG[i]!,
    log_g_rise: logG[i]! - logGStart,
    chosen: chosen[i]!,
    chosen_sustained_peak: peak[i]!,
    chosen_fall_from_peak: peak[i]! - chosen[i]!,
    chosen_change: chosen[i]! - chosenStart,
    basis,
  }));
}
