import { decodeNumber, encodeNumber } from "@/lib/core/validation/wire-numbers";
import type { ChartSpec } from "@/lib/core/view/chart-spec";
import { formatValue } from "@/lib/core/view/format";
import { toLineData, type ApiPoint } from "@/lib/metrics/view/series-traces";
import { parameterLabel, type Sweep } from "./sweep";

/**
 * The step-wise mean of several runs' series (the seeds at one β). Each step averages the runs that logged it;
 * IEEE arithmetic carries a NaN or ±Inf into the mean, so a diverged seed shows as a marker instead of vanishing.
 */
export function meanSeries({ series }: { series: ApiPoint[][] }): ApiPoint[] {
  const byStep = new Map<number, { sum: number; n: number }>();
  for (const points of series) {
    for (const p of points) {
      const value = decodeNumber(p.value) ?? Number.NaN;
      const entry = byStep.get(p.step) ?? { sum: 0, n: 0 };
      byStep.set(p.step, { sum: entry.sum + value, n: entry.n + 1 });
    }
  }
  return [...byStep.entries()].sort((a, b) => a[0] - b[0]).map(([step, { sum, n }]) => ({ step, value: encodeNumber(sum / n) }));
}

/** Figure 9's right panel: one line per β value (seeds averaged), coloured along the ramp, ascending β. */
export function sweepCurveLines({
  sweep,
  seriesByRun,
  colors,
}: {
  sweep: Pick<Sweep, "parameter" | "values" | "runs">;
  seriesByRun: Record<string, ApiPoint[] | undefined>;
  colors: Map<number, string>;
}): ChartSpec["lines"] {
  return sweep.values.flatMap((beta) => {
    const logged = sweep.runs.filter((r) => r.beta === beta).flatMap((r) => (seriesByRun[r.id] ? [seriesByRun[r.id]!] : []));
    if (logged.length === 0) return [];
    const points = logged.length === 1 ? logged[0]! : meanSeries({ series: logged });
    const name = `${parameterLabel(sweep.parameter)} = ${formatValue(beta)}${logged.length > 1 ? ` (mean of ${logged.length})` : ""}`;
    return [{ name, data: toLineData({ points }), color: colors.get(beta) }];
  });
}
