/**
 * Bucket min/max of a batch in memory, ordered as Postgres orders float8 (−Infinity < numbers < +Infinity < NaN,
 * NaN equal to NaN; ties to the earliest step), so merging them with stored buckets gives what a recomputation
 * from the rows would.
 */
export interface BucketAggregate {
  keyId: number;
  level: number;
  bucket: number;
  n: number;
  minValue: number;
  minStep: number;
  minTime: number;
  maxValue: number;
  maxStep: number;
  maxTime: number;
}

/** Negative when (a, stepA) sorts before (b, stepB) in Postgres' float8 order. */
export function comparePg(a: number, stepA: number, b: number, stepB: number): number {
  const nanA = Number.isNaN(a);
  const nanB = Number.isNaN(b);
  if (nanA !== nanB) return nanA ? 1 : -1;
  if (!nanA && a !== b) return a < b ? -1 : 1;
  return stepA - stepB;
}

export function aggregateBuckets(
  keyIds: ArrayLike<number>,
  steps: ArrayLike<number>,
  values: ArrayLike<number>,
  times: ArrayLike<number>,
  levels: readonly number[],
  width: (level: number) => number,
): BucketAggregate[] {
  const out = new Map<string, BucketAggregate>();
  for (let i = 0; i < steps.length; i++) {
    const [keyId, step, value, time] = [keyIds[i]!, steps[i]!, values[i]!, times[i]!];
    for (const level of levels) {
      const bucket = Math.floor(step / width(level));
      const id = `${keyId}:${level}:${bucket}`;
      const a = out.get(id);
      if (!a) {
        out.set(id, { keyId, level, bucket, n: 1, minValue: value, minStep: step, minTime: time, maxValue: value, maxStep: step, maxTime: time });
        continue;
      }
      a.n += 1;
      if (comparePg(value, step, a.minValue, a.minStep) < 0) [a.minValue, a.minStep, a.minTime] = [value, step, time];
      // The max sorts first in descending value order, ties still to the earliest step.
      const byValue = comparePg(value, 0, a.maxValue, 0);
      if (byValue > 0 || (byValue === 0 && step < a.maxStep)) [a.maxValue, a.maxStep, a.maxTime] = [value, step, time];
    }
  }
  return [...out.values()];
}
