"use client";

import { useMemo } from "react";
import { useRunsSeries } from "@/lib/comparisons/hooks";
import type { Sweep } from "@/lib/comparisons/view/sweep";
import { betaColors } from "@/lib/comparisons/view/sweep-colors";
import { sweepCurveLines } from "@/lib/comparisons/view/sweep-curves";
import { SweepCurvesChart } from "./sweep-curves-chart";

/** The metric over steps, one line per β along a colour ramp (Figure 9, right); seeds at one β are averaged. */
export function SweepCurves({ sweep, metric, loggedBy }: { sweep: Pick<Sweep, "parameter" | "values" | "runs">; metric: string; loggedBy: string[] }) {
  const series = useRunsSeries(sweep.runs.map((r) => ({ runId: r.id, keys: loggedBy.includes(r.id) ? [metric] : [] })));
  const lines = useMemo(() => {
    const seriesByRun = Object.fromEntries(sweep.runs.map((r) => [r.id, series.byRun[r.id]?.find((s) => s.key === metric)?.points]));
    return sweepCurveLines({ sweep, seriesByRun, colors: betaColors(sweep.values) });
  }, [sweep, series.byRun, metric]);

  if (series.error) return <p className="text-sm text-red-700">Could not load the curves: {series.error}</p>;
  return <SweepCurvesChart lines={lines} metric={metric} pending={series.pending} />;
}
