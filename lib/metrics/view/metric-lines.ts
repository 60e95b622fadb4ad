import type { ChartSpec } from "@/lib/core/view/chart-spec";
import { smoothEma } from "./smoothing";
import { toLineData, type ApiPoint } from "./series-traces";

export type XAxis = "step" | "time";

/**
 * One metric's lines: with smoothing, the raw line stays faint behind the smoothed one (as TensorBoard and W&B
 * draw it), and non-finite markers stay on the raw line. Wall time goes to Plotly as epoch milliseconds.
 */
export function metricLines(name: string, points: ApiPoint[], options: { smoothing: number; x: XAxis; color?: string }): ChartSpec["lines"] {
  const raw = toLineData({ points }, options.x);
  if (options.x === "time") {
    raw.x = raw.x.map((t) => t * 1000);
    for (const m of raw.markers) m.x = m.x.map((t) => t * 1000);
  }
  const color = options.color ?? "#2563eb";
  if (options.smoothing <= 0) return [{ name, data: raw, color }];
  return [
    { name: `${name} (raw)`, data: raw, color, opacity: 0.25 },
    { name, data: { x: raw.x, y: smoothEma(raw.y, options.smoothing), markers: [] }, color },
  ];
}

/**
 * Whether a series' wall times cannot show a training: several steps, all logged within one second. Rows that came
 * without a time (a trainer_state.json import, say) carry the server's time of arrival, and a time axis would draw
 * them as one vertical line; such a series is drawn against step instead, with a note.
 */
export function wallTimesCollapse(points: ApiPoint[]): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  const steps = new Set<number>();
  for (const p of points) {
    if (p.time === undefined) continue;
    lo = Math.min(lo, p.time);
    hi = Math.max(hi, p.time);
    steps.add(p.step);
  }
  return steps.size > 1 && hi - lo < 1;
}
