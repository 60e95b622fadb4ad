export interface PairDelta {
  step: number;
  /** Δlog πw = log πθ(y_w) − log π_ref(y_w) */
  c: number;
  /** Δlog πl */
  r: number;
}

export interface PairHistograms {
  steps: number[];
  /** Bin edges shared by both histograms, so the two heatmaps read on one scale. */
  edges: number[];
  /** counts[stepIndex][bin] */
  chosen: number[][];
  rejected: number[][];
  /** Pairs per step with a non-finite Δ, left out of the bins but not lost from the count. */
  nonFinite: number[];
}

/** Per-step histograms of Δlog πw and Δlog πl over pairs: the distributions the heatmaps draw. */
export function pairHistograms(pairs: readonly PairDelta[], bins = 40): PairHistograms {
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of pairs) {
    for (const v of [p.c, p.r]) {
      if (!Number.isFinite(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (lo > hi) [lo, hi] = [-1, 1];
  if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => lo + i * width);
  const steps = [...new Set(pairs.map((p) => p.step))].sort((a, b) => a - b);
  const index = new Map(steps.map((s, i) => [s, i]));
  const empty = () => steps.map(() => new Array<number>(bins).fill(0));
  const chosen = empty();
  const rejected = empty();
  const nonFinite = steps.map(() => 0);
  const bin = (v: number) => Math.min(bins - 1, Math.floor((v - lo) / width));
  for (const p of pairs) {
    const i = index.get(p.step)!;
    if (!Number.isFinite(p.c) || !Number.isFinite(p.r)) nonFinite[i]! += 1;
    if (Number.isFinite(p.c)) chosen[i]![bin(p.c)]! += 1;
    if (Number.isFinite(p.r)) rejected[i]![bin(p.r)]! += 1;
  }
  return { steps, edges, chosen, rejected, nonFinite };
}
