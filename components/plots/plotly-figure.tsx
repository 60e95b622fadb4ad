"use client";

import { useEffect, useRef } from "react";
import type { Data, Layout } from "plotly.js-dist-min";

/** Any Plotly figure, lazy-loaded like the line charts; for heatmaps, scatters and the rest. */
export function PlotlyFigure({ data, layout, height = 300, testId }: { data: Data[]; layout: Partial<Layout>; height?: number; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cancelled = false;
    const node = ref.current;
    void import("plotly.js-dist-min").then(({ default: Plotly }) => {
      if (cancelled || !node) return;
      void Plotly.react(node, data, { height, margin: { l: 55, r: 15, t: 10, b: 40 }, ...layout }, { displaylogo: false, responsive: true });
    });
    return () => {
      cancelled = true;
      void import("plotly.js-dist-min").then(({ default: Plotly }) => node && Plotly.purge(node));
    };
  }, [data, layout, height]);
  return <div ref={ref} data-testid={testId} style={{ minHeight: height }} />;
}
