"use client";

import { drawInTurn, purgeChart } from "@/components/plots/load-plotly";
import { useDrawSoon } from "./use-draw-soon";
import { useEffect, useRef } from "react";
import type { Data, Layout } from "plotly.js";

/** Any Plotly figure, lazy-loaded like the line charts; for heatmaps, scatters and the rest. */
export function PlotlyFigure({ data, layout, height = 300, testId }: { data: Data[]; layout: Partial<Layout>; height?: number; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const draw = useDrawSoon(ref);
  useEffect(() => {
    // Charts off-screen wait for the ones in view, then come one per idle moment (see useDrawSoon).
    if (!draw) return;
    const node = ref.current;
    if (!node) return;
    const cancel = drawInTurn(
      node,
      (Plotly) => void Plotly.react(node, data, { height, margin: { l: 55, r: 15, t: 10, b: 40 }, ...layout }, { displaylogo: false, responsive: true }),
    );
    return () => {
      cancel();
      purgeChart(node);
    };
  }, [draw, data, layout, height]);
  return <div ref={ref} data-testid={testId} style={{ minHeight: height }} />;
}
