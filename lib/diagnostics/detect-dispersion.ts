// Dispersion: both the chosen and the rejected log-probs end up below where they started, so the pair's
// probability mass went to responses outside the data. With per-pair rows this is measured per pair
// (share of pairs with both down, median leaked mass); with batch means only on the means, where "both
// below start by m" implies the mean pair leaked at least m, since logsumexp(a+c, b+r) ≤ logsumexp(a, b) + max(c, r).

import { findBaseline, selectShiftColumns } from "./compute-derived-columns";
import { evaluateTiers, whenFinite, type TierCondition } from "./evaluate-tiers";
import type { StepTable } from "./series-names";
import type { DiagnosticThresholds, DispersionTier } from "./thresholds";
import type { DiagnosticFlag, FlagEvidence, FlagSeverity } from "./types";

type Measure = { holds: (tier: DispersionTier, i: number) => boolean | null; describe: (i: number) => FlagEvidence };

function measureFromPairs(table: StepTable): Measure | null {
  const { shareBothDown: share, leakedMassMedian: leaked } = table.columns;
  if (!share || !leaked) return null;
  return {
    holds: (tier, i) => whenFinite([share[i]!, leaked[i]!], () => share[i]! >= tier.minShareBothDown && leaked[i]! <= tier.maxLeakedMass),
    describe: (i) => ({ share_both_down: share[i]!, leaked_mass_median: leaked[i]!, source: "sequences" }),
  };
}

function measureFromMeans(table: StepTable): Measure | null {
  const { chosen, rejected, basis } = selectShiftColumns(table);
  if (!chosen || !rejected) return null;
  const chosenStart = findBaseline(chosen);
  const rejectedStart = findBaseline(rejected);
  const change = (i: number) => ({ dc: chosen[i]! - chosenStart, dr: rejected[i]! - rejectedStart });
  return {
    holds: (tier, i) => {
      const { dc, dr } = change(i);
      return whenFinite([dc, dr], () => Math.max(dc, dr) <= tier.maxLeakedMass);
    },
    describe: (i) => ({ chosen_change: change(i).dc, rejected_change: change(i).dr, source: "batch_means", basis }),
  };
}

export function detectDispersion(table: StepTable, thresholds: DiagnosticThresholds): DiagnosticFlag | null {
  const fromPairs = measureFromPairs(table);
  const measure = fromPairs ?? measureFromMeans(table);
  if (!measure) return null;
  const tiers: TierCondition[] = (Object.keys(thresholds.dispersion) as FlagSeverity[]).map((severity) => {
    const tier = thresholds.dispersion[severity];
    // The share threshold only applies where pairs were seen.
    const crossed: Record<string, number> = fromPairs ? { share_both_down: tier.minShareBothDown, leaked_mass: tier.maxLeakedMass } : { both_changes_at_most: tier.maxLeakedMass };
    return { severity, holds: table.steps.map((_, i) => measure.holds(tier, i)), thresholds: crossed };
  });
  return evaluateTiers("dispersion", table.steps, tiers, thresholds.window, measure.describe);
}
