/**
 * TensorBoard's debiased exponential moving average: `weight` in [0, 1) is how much of the past each point
 * keeps. The bias correction divides by 1 - weight^n so the first points are not dragged toward zero. Non-finite
 * values (and nulls) are skipped — they neither enter the average nor get a smoothed value — so one NaN does not
 * poison the rest of the curve.
 */
export function smoothEma(values: readonly (number | null)[], weight: number): (number | null)[] {
  if (weight <= 0) return [...values];
  let last = 0;
  let n = 0;
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return null;
    last = last * weight + (1 - weight) * v;
    n += 1;
    return last / (1 - weight ** n);
  });
}
