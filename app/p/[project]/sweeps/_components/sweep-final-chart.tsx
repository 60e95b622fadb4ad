"use client";

import { useMemo } from "react";
import { PlotlyFigure } from "@/components/plots/plotly-figure";
import type { BetaAggregate } from "@/lib/comparisons/view/sweep";
import { sweepFinalChart } from "@/lib/comparisons/view/sweep-chart";
import { betaColors } from "@/lib/comparisons/view/sweep-colors";

/** Final value against β on a log axis (Figure 9, left). */
export function SweepFinalChart({ aggregates, parameter, metric }: { aggregates: BetaAggregate[]; parameter: string; metric: string }) {
  const figure = useMemo(() => sweepFinalChart({ aggregates, parameter, metric, colors: betaColors(aggregates.map((a) => a.beta)) }), [aggregates, parameter, metric]);
  return <PlotlyFigure data={figure.data} layout={figure.layout} height={figure.layout.height} testId="sweep-final-chart" />;
}
