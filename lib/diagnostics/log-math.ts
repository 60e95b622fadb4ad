// Numerics for quantities that live in log space: sequence probabilities underflow a double long before
// the diagnostics stop being interesting, so nothing here ever exponentiates a log-prob on its own.

/** log σ(x), exact for large |x| in both directions (the naive form returns -Infinity or loses digits). */
export function logSigmoid(x: number): number {
  return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
}

/** σ(x) without overflowing exp for large negative x. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** log(e^a + e^b); equal infinities are handled before the subtraction that would give NaN. */
export function logAddExp(a: number, b: number): number {
  if (a === b) return a + Math.LN2;
  const hi = Math.max(a, b);
  const lo = Math.min(a, b);
  if (lo === -Infinity) return hi;
  return hi + Math.log1p(Math.exp(lo - hi));
}

/** Median of the finite values, or NaN when there are none. */
export function finiteMedian(values: readonly number[]): number {
  const finite = Float64Array.from(values.filter(Number.isFinite)).sort();
  const n = finite.length;
  if (n === 0) return Number.NaN;
  const mid = n >> 1;
  return n % 2 === 1 ? finite[mid]! : (finite[mid - 1]! + finite[mid]!) / 2;
}

/** Accumulates a mean over finite values only, so one NaN row cannot poison a whole step. */
export class FiniteMean {
  private sum = 0;
  private count = 0;

  add(value: number): void {
    if (!Number.isFinite(value)) return;
    this.sum += value;
    this.count += 1;
  }

  get value(): number {
    return this.count === 0 ? Number.NaN : this.sum / this.count;
  }
}
