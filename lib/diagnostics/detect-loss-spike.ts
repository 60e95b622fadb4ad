// Loss spike: the training loss jumps well above its own recent level and stays there — the usual first sign
// of divergence (a learning rate too high for where the run is, a bad data shard, a reference that drifted).
//
// Definition: a finite loss point is "high" when its rise over the median of the `baselinePoints` finite points
// logged just before it is at least max(minRobustZ · 1.4826 · MAD, minRelativeRise · |median|, minAbsoluteRise),
// MAD being the median absolute deviation of those points (1.4826 · MAD estimates σ for Gaussian noise). The flag
// is raised when `minConsecutive` consecutive finite points are high, dated from the first of them.
//
// Why: median and MAD are robust — earlier spikes, or the first points of this one, cannot inflate the baseline
// the way a mean and standard deviation would (both hold until half the window is bad) — and they are
// scale-free, so the same thresholds read a DPO loss near 0.1 nats, an IPO loss in the tens and an SFT-mixed loss
// alike. A trailing window follows the loss's normal downward trend, so only a jump against the run's own recent
// noise counts, and requiring consecutive points keeps one noisy batch from flagging. Non-finite points are
// skipped here (non_finite flags them) and neither count towards nor break a streak.

import { getLossAliases } from "./metric-aliases";
import type { LossSpikeThresholds } from "./thresholds";
import type { DiagnosticFlag, MetricPoint, SeriesMap } from "./types";

/** The factor that makes the MAD of Gaussian noise an estimate of its standard deviation. */
const MAD_TO_SIGMA = 1.4826;

function median(sorted: Float64Array): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The loss series the run logged for the split, finite points only, ascending by step (last write wins). */
function findLossPoints(metrics: SeriesMap, split: string): { key: string; points: MetricPoint[] } | null {
  for (const key of getLossAliases(split)) {
    const series = metrics[key];
    if (!series || series.length === 0) continue;
    const byStep = new Map<number, number>();
    for (const p of series) byStep.set(p.step, p.value);
    const points = [...byStep].map(([step, value]) => ({ step, value })).filter((p) => Number.isFinite(p.value) && Number.isFinite(p.step));
    return { key, points: points.sort((a, b) => a.step - b.step) };
  }
  return null;
}

/**
 * Median and MAD of the baseline, sorted in two scratch buffers the caller reuses (no allocation per point);
 * O(B log B) per point, so O(n · B log B) for the run (B = 20 by default).
 */
function describeBaseline(values: Float64Array, sorted: Float64Array, deviations: Float64Array): { median: number; mad: number } {
  sorted.set(values);
  sorted.sort();
  const center = median(sorted);
  for (let j = 0; j < sorted.length; j += 1) deviations[j] = Math.abs(sorted[j]! - center);
  deviations.sort();
  return { median: center, mad: median(deviations) };
}

export function detectLossSpike(metrics: SeriesMap, split: string, thresholds: LossSpikeThresholds): DiagnosticFlag | null {
  const loss = findLossPoints(metrics, split);
  const window = Math.max(1, Math.round(thresholds.baselinePoints));
  if (!loss || loss.points.length <= window) return null;
  const values = Float64Array.from(loss.points, (p) => p.value);
  const [sorted, deviations] = [new Float64Array(window), new Float64Array(window)];
  let streakStart = -1;
  for (let i = window; i < values.length; i += 1) {
    const { median: center, mad } = describeBaseline(values.subarray(i - window, i), sorted, deviations);
    const rise = values[i]! - center;
    const sigma = MAD_TO_SIGMA * mad;
    const needed = Math.max(thresholds.minRobustZ * sigma, thresholds.minRelativeRise * Math.abs(center), thresholds.minAbsoluteRise);
    if (!(rise > 0 && rise >= needed)) {
      streakStart = -1;
      continue;
    }
    if (streakStart < 0) streakStart = i;
    if (i - streakStart + 1 < thresholds.minConsecutive) continue;
    return {
      property: "loss_spike",
      severity: "warning",
      first_step: loss.points[streakStart]!.step,
      evidence: {
        loss_key: loss.key,
        loss: values[i]!,
        baseline_median: center,
        baseline_mad: mad,
        rise,
        // A perfectly flat baseline has no spread: the rise is then measured by the relative and absolute floors.
        robust_z: sigma > 0 ? rise / sigma : null,
        consecutive: i - streakStart + 1,
        confirmed_step: loss.points[i]!.step,
        threshold_robust_z: thresholds.minRobustZ,
        threshold_relative_rise: thresholds.minRelativeRise,
        threshold_absolute_rise: thresholds.minAbsoluteRise,
        threshold_consecutive: thresholds.minConsecutive,
        window_baseline_points: window,
      },
    };
  }
  return null;
}
