"use client";

import { loadPlotly } from "@/components/plots/load-plotly";
import { useEffect, useMemo, useRef } from "react";
import type { BetaAggregate, BetaParameter } from "@/lib/comparisons/view/sweep";
import { sweepFinalChart } from "@/lib/comparisons/view/sweep-chart";
import { betaColors } from "@/lib/comparisons/view/sweep-colors";

/** Final value against β on a log axis (Figure 9, left). Plotly loads on first use, as for every chart. */
export function SweepFinalChart({ aggregates, parameter, metric }: { aggregates: BetaAggregate[]; parameter: BetaParameter; metric: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const figure = useMemo(() => sweepFinalChart({ aggregates, parameter, metric, colors: betaColors(aggregates.map((a) => a.beta)) }), [aggregates, parameter, metric]);

  useEffect(() => {
    let cancelled = false;
    const node = ref.current;
    void loadPlotly().then((Plotly) => {
      if (!cancelled && node) void Plotly.react(node, figure.data, figure.layout, { displaylogo: false, responsive: true });
    });
    return () => {
      cancelled = true;
      void loadPlotly().then((Plotly) => node && Plotly.purge(node));
    };
  }, [figure]);

  return <div ref={ref} data-testid="sweep-final-chart" style={{ minHeight: figure.layout.height }} />;
}
