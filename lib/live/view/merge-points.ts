import type { ApiSeries } from "../../metrics/contract";

type Point = ApiSeries["points"][number];

/**
 * A series with points merged in by step: a step it holds is replaced, a new one is inserted in order. Merging the
 * same points twice gives the same series, so an event replayed after a reconnect never doubles a point. `total`
 * counts the steps added.
 */
export function mergePoints<S extends Pick<ApiSeries, "points" | "total">>(series: S, incoming: readonly Point[], range?: readonly [number, number] | null): S {
  const wanted = range ? incoming.filter((p) => p.step >= range[0] && p.step <= range[1]) : incoming;
  if (wanted.length === 0) return series;
  const points = series.points;
  const last = points.at(-1);
  // The common case: a run logging past its last step appends.
  if (!last || wanted.every((p, i) => p.step > (i === 0 ? last.step : wanted[i - 1]!.step))) {
    return { ...series, points: [...points, ...wanted], total: series.total + wanted.length };
  }
  const byStep = new Map(points.map((p) => [p.step, p]));
  let added = 0;
  for (const p of wanted) {
    if (!byStep.has(p.step)) added++;
    byStep.set(p.step, p);
  }
  return { ...series, points: [...byStep.values()].sort((a, b) => a.step - b.step), total: series.total + added };
}
