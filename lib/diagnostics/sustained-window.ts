// "Held over a window", in linear time. A point's window reaches back far enough to contain at least
// `minPoints` logged points AND to cover `minSpanFraction` of the steps elapsed since the first point.
// Both ends only move forward as the run goes on, so a single pointer and a prefix sum (or a monotone
// deque, for the running minimum) handle a 100k-step run in one pass. The same rule works whether a run
// logs every step or every 1,000 steps, because it counts points and steps at the same time.

import type { WindowThresholds } from "./thresholds";

/** For each point, the index its window starts at, or -1 while there are too few points. Steps ascending. */
export function computeWindowStarts(steps: ArrayLike<number>, window: WindowThresholds): Int32Array {
  const starts = new Int32Array(steps.length).fill(-1);
  if (steps.length === 0) return starts;
  const first = steps[0]!;
  let spanStart = 0;
  for (let i = 0; i < steps.length; i += 1) {
    const step = steps[i]!;
    // Latest point at or before the step the window must reach back to; it only moves forward.
    const reach = step - window.minSpanFraction * (step - first);
    while (spanStart + 1 <= i && steps[spanStart + 1]! <= reach) spanStart += 1;
    const start = Math.min(spanStart, i - window.minPoints + 1);
    starts[i] = start >= 0 ? start : -1;
  }
  return starts;
}

export type SustainedMatch = {
  /** First point inside the confirming window at which the condition held: when the property began. */
  firstStep: number;
  /** The point at which the window first confirmed it. */
  confirmedStep: number;
  /** Index of `confirmedStep` in the arrays passed in. */
  confirmedIndex: number;
};

/**
 * The first point at which `holds` has been true at that point and at ≥ minShare of its window's points.
 * `null` entries (inputs not finite) are dropped before windows are formed: they neither trip nor block.
 */
export function findSustained(steps: ArrayLike<number>, holds: ArrayLike<boolean | null>, window: WindowThresholds): SustainedMatch | null {
  const kept: number[] = [];
  for (let i = 0; i < steps.length; i += 1) if (holds[i] !== null && holds[i] !== undefined) kept.push(i);
  const keptSteps = kept.map((i) => steps[i]!);
  const starts = computeWindowStarts(keptSteps, window);
  const trueBefore = new Int32Array(kept.length + 1);
  kept.forEach((original, j) => (trueBefore[j + 1] = trueBefore[j]! + (holds[original] ? 1 : 0)));

  for (let j = 0; j < kept.length; j += 1) {
    const start = starts[j]!;
    if (!holds[kept[j]!] || start < 0) continue;
    const count = j - start + 1;
    if (trueBefore[j + 1]! - trueBefore[start]! < window.minShare * count) continue;
    let first = start;
    while (!holds[kept[first]!]) first += 1;
    return { firstStep: keptSteps[first]!, confirmedStep: keptSteps[j]!, confirmedIndex: kept[j]! };
  }
  return null;
}

/**
 * Running maximum of the level a series has held over a whole window (the window's minimum), per point;
 * NaN until the first full window. A one-point spike cannot set this peak, so "fell from its peak" is
 * measured from a level the run actually sustained. Non-finite values are skipped.
 */
export function computeSustainedPeak(steps: ArrayLike<number>, values: ArrayLike<number>, window: WindowThresholds): Float64Array {
  const peak = new Float64Array(steps.length).fill(Number.NaN);
  const kept: number[] = [];
  for (let i = 0; i < steps.length; i += 1) if (Number.isFinite(values[i])) kept.push(i);
  const starts = computeWindowStarts(
    kept.map((i) => steps[i]!),
    window,
  );
  // Monotone deque of kept-indices whose values increase from front to back: the front is the window's min.
  const deque = new Int32Array(kept.length);
  let head = 0;
  let tail = 0;
  let best = -Infinity;
  for (let j = 0; j < kept.length; j += 1) {
    const value = values[kept[j]!]!;
    while (tail > head && values[kept[deque[tail - 1]!]!]! >= value) tail -= 1;
    deque[tail++] = j;
    const start = starts[j]!;
    if (start < 0) continue;
    while (deque[head]! < start) head += 1;
    best = Math.max(best, values[kept[deque[head]!]!]!);
    peak[kept[j]!] = best;
  }
  return peak;
}
