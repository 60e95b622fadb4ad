"use client";

import { useMemo } from "react";
import { LineChart } from "@/components/plots/line-chart";
import { useRunsSeries } from "@/lib/api/compare";
import type { Sweep } from "@/lib/plots/sweep";
import { betaColors } from "@/lib/plots/sweep-colors";
import { prefersLogAxis } from "@/lib/plots/sweep-chart";
import { sweepCurveLines } from "@/lib/plots/sweep-curves";

/** The metric over steps, one line per β along a colour ramp (Figure 9, right); seeds at one β are averaged. */
export function SweepCurves({ sweep, metric, loggedBy }: { sweep: Pick<Sweep, "parameter" | "values" | "runs">; metric: string; loggedBy: string[] }) {
  const series = useRunsSeries(sweep.runs.map((r) => ({ runId: r.id, keys: loggedBy.includes(r.id) ? [metric] : [] })));
  const lines = useMemo(() => {
    const seriesByRun = Object.fromEntries(sweep.runs.map((r) => [r.id, series.byRun[r.id]?.find((s) => s.key === metric)?.points]));
    return sweepCurveLines({ sweep, seriesByRun, colors: betaColors(sweep.values) });
  }, [sweep, series.byRun, metric]);

  if (series.error) return <p className="text-sm text-red-700">Could not load the curves: {series.error}</p>;
  if (lines.length === 0) return <p className="py-10 text-center text-sm text-slate-500">{series.pending ? "Loading…" : "No run of this sweep logged the metric."}</p>;
  const logY = prefersLogAxis(lines.flatMap((l) => l.data.y));
  return <LineChart lines={lines} yTitle={logY ? `${metric} (log scale)` : metric} logY={logY} height={320} />;
}
