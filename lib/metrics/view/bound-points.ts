import type { BandCurve } from "@/lib/comparisons/view/accuracy-curves";
import type { LineData } from "./series-traces";

/** Shared views keep at most this many points per series, live or frozen: enough to read a curve, small to store. */
export const MAX_SHARED_POINTS = 1000;

/** `max` indices of `0..length-1`, evenly spread, always keeping the first and last and every one `keep` asks for. */
export function evenIndices(length: number, max: number, keep: (i: number) => boolean = () => false): number[] {
  if (length <= max) return Array.from({ length }, (_, i) => i);
  // Non-finite points are the ones a reader must not lose; they take up to half the budget.
  const kept = new Set(
    Array.from({ length }, (_, i) => i)
      .filter(keep)
      .slice(0, Math.floor(max / 2)),
  );
  const rest = max - kept.size;
  for (let k = 0; k < rest; k++) kept.add(Math.round((k * (length - 1)) / Math.max(1, rest - 1)));
  return [...kept].sort((a, b) => a - b).slice(0, max);
}

/** A chart line cut to `max` points; non-finite markers stay where their step was kept. */
export function boundLineData(data: LineData, max = MAX_SHARED_POINTS): LineData {
  if (data.x.length <= max) return data;
  const indices = evenIndices(data.x.length, max, (i) => data.y[i] === null);
  const x = indices.map((i) => data.x[i]!);
  const kept = new Set(x);
  const markers = data.markers
    .map((m) => {
      const at = m.x.flatMap((value, i) => (kept.has(value) ? [i] : []));
      return { label: m.label, x: at.map((i) => m.x[i]!), y: at.map((i) => m.y[i]!) };
    })
    .filter((m) => m.x.length > 0);
  return { x, y: indices.map((i) => data.y[i]!), markers };
}

/** A band curve cut to `max` steps. */
export function boundBandCurve(curve: BandCurve, max = MAX_SHARED_POINTS): BandCurve {
  if (curve.steps.length <= max) return curve;
  const indices = evenIndices(curve.steps.length, max);
  const pick = <T>(values: T[]) => indices.map((i) => values[i]!);
  return { steps: pick(curve.steps), mean: pick(curve.mean), lo: pick(curve.lo), hi: pick(curve.hi), n: pick(curve.n) };
}

/** At most `max` points: the lowest and highest of each equal-width bucket, in step order, so no spike is lost. */
export function thinPoints<P extends { step: number; value: number }>(points: P[], max = MAX_SHARED_POINTS): P[] {
  if (points.length <= max) return points;
  const buckets = Math.floor(max / 2);
  const kept: P[] = [];
  for (let b = 0; b < buckets; b++) {
    const slice = points.slice(Math.floor((b * points.length) / buckets), Math.floor(((b + 1) * points.length) / buckets));
    if (slice.length === 0) continue;
    // NaN compares false both ways; rank it above everything, as Postgres does in the metric series.
    const rank = (v: number) => (Number.isNaN(v) ? Infinity : v);
    let lo = slice[0]!;
    let hi = slice[0]!;
    for (const p of slice) {
      if (rank(p.value) < rank(lo.value)) lo = p;
      if (rank(p.value) > rank(hi.value)) hi = p;
    }
    kept.push(...(lo === hi ? [lo] : lo.step < hi.step ? [lo, hi] : [hi, lo]));
  }
  return kept;
}
