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

/** Folds one (value, step, time) minimum and one maximum into a bucket, in Postgres' order. */
function fold(a: BucketAggregate, minValue: number, minStep: number, minTime: number, maxValue: number, maxStep: number, maxTime: number) {
  if (comparePg(minValue, minStep, a.minValue, a.minStep) < 0) [a.minValue, a.minStep, a.minTime] = [minValue, minStep, minTime];
  // The max sorts first in descending value order, ties still to the earliest step.
  const byValue = comparePg(maxValue, 0, a.maxValue, 0);
  if (byValue > 0 || (byValue === 0 && maxStep < a.maxStep)) [a.maxValue, a.maxStep, a.maxTime] = [maxValue, maxStep, maxTime];
}

/**
 * Buckets of one level, the inputs given as columns (rows, or the level below's buckets). A batch comes in step
 * order, so a key's next input mostly falls in that key's last bucket: look that one up by number first.
 */
function bucketsOf(
  level: number,
  count: number,
  input: (i: number) => { keyId: number; bucket: number; n: number; min: [number, number, number]; max: [number, number, number] },
): BucketAggregate[] {
  const out: BucketAggregate[] = [];
  const byId = new Map<string, BucketAggregate>();
  const lastOfKey = new Map<number, BucketAggregate>();
  for (let i = 0; i < count; i++) {
    const { keyId, bucket, n, min, max } = input(i);
    let a = lastOfKey.get(keyId);
    if (a === undefined || a.bucket !== bucket) {
      const id = `${keyId}:${bucket}`;
      a = byId.get(id);
      if (a === undefined) {
        a = { keyId, level, bucket, n: 0, minValue: min[0], minStep: min[1], minTime: min[2], maxValue: max[0], maxStep: max[1], maxTime: max[2] };
        byId.set(id, a);
        out.push(a);
      }
      lastOfKey.set(keyId, a);
    }
    a.n += n;
    fold(a, min[0], min[1], min[2], max[0], max[1], max[2]);
  }
  return out;
}

export function aggregateBuckets(
  keyIds: ArrayLike<number>,
  steps: ArrayLike<number>,
  values: ArrayLike<number>,
  times: ArrayLike<number>,
  levels: readonly number[],
  width: (level: number) => number,
): BucketAggregate[] {
  const out: BucketAggregate[] = [];
  let below: BucketAggregate[] | null = null;
  let belowWidth = 0;
  for (const level of levels) {
    const w = width(level);
    let current: BucketAggregate[];
    if (below && w % belowWidth === 0) {
      // Min and max are exact under a total order, so a level folds from the four (w / belowWidth) below it.
      const [children, ratio] = [below, w / belowWidth];
      current = bucketsOf(level, children.length, (i) => {
        const c = children[i]!;
        return { keyId: c.keyId, bucket: Math.floor(c.bucket / ratio), n: c.n, min: [c.minValue, c.minStep, c.minTime], max: [c.maxValue, c.maxStep, c.maxTime] };
      });
    } else {
      current = bucketsOf(level, steps.length, (i) => {
        const entry: [number, number, number] = [values[i]!, steps[i]!, times[i]!];
        return { keyId: keyIds[i]!, bucket: Math.floor(steps[i]! / w), n: 1, min: entry, max: entry };
      });
    }
    for (const a of current) out.push(a);
    [below, belowWidth] = [current, w];
  }
  return out;
}
