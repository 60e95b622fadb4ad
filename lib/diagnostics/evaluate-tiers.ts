// One flag from up to three severity tiers of the same property: each tier's condition must be sustained
// (see sustained-window.ts); the flag takes the highest tier that was, dates itself from the earliest tier
// that was, and carries the numbers at the moment its severity was confirmed plus the thresholds crossed.

import { findSustained } from "./sustained-window";
import type { WindowThresholds } from "./thresholds";
import type { DiagnosticFlag, FlagEvidence, FlagProperty, FlagSeverity } from "./types";

const SEVERITY_ORDER: FlagSeverity[] = ["info", "warning", "critical"];

export type TierCondition = {
  severity: FlagSeverity;
  /** Per point of `steps`: whether the tier's condition holds, or null when its inputs are not finite. */
  holds: (boolean | null)[];
  thresholds: Record<string, number | null>;
};

export function evaluateTiers(
  property: FlagProperty,
  steps: readonly number[],
  tiers: TierCondition[],
  window: WindowThresholds,
  describe: (index: number) => FlagEvidence,
): DiagnosticFlag | null {
  let firstStep = Infinity;
  let reported: { tier: TierCondition; confirmedIndex: number; confirmedStep: number } | null = null;
  for (const severity of SEVERITY_ORDER) {
    const tier = tiers.find((t) => t.severity === severity);
    if (!tier) continue;
    const match = findSustained(steps, tier.holds, window);
    if (!match) continue;
    firstStep = Math.min(firstStep, match.firstStep);
    reported = { tier, confirmedIndex: match.confirmedIndex, confirmedStep: match.confirmedStep };
  }
  if (!reported) return null;

  const evidence: FlagEvidence = { ...describe(reported.confirmedIndex), confirmed_step: reported.confirmedStep };
  for (const [name, value] of Object.entries(reported.tier.thresholds)) evidence[`threshold_${name}`] = value;
  evidence.window_min_points = window.minPoints;
  evidence.window_min_span_fraction = window.minSpanFraction;
  evidence.window_min_share = window.minShare;
  return { property, severity: reported.tier.severity, first_step: firstStep, evidence };
}

/** true/false when every input is finite, null otherwise (the point is then skipped, not counted). */
export function whenFinite(inputs: number[], condition: () => boolean): boolean | null {
  for (const value of inputs) if (!Number.isFinite(value)) return null;
  return condition();
}
