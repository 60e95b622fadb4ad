"use client";

import { useEffect, useRef } from "react";
import type { Data } from "plotly.js-dist-min";
import type { LineData } from "@/lib/plots/series-traces";

const MARKER_STYLE = {
  NaN: { symbol: "x", color: "#b91c1c" },
  "+Inf": { symbol: "triangle-up", color: "#7c3aed" },
  "−Inf": { symbol: "triangle-down", color: "#7c3aed" },
} as const;

/** One metric as a Plotly line; Plotly itself (a few MB) loads on first use, not with the page. */
export function LineChart({ title, data, xTitle = "step", height = 260 }: { title: string; data: LineData; xTitle?: string; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let cancelled = false;
    const node = ref.current;
    void import("plotly.js-dist-min").then(({ default: Plotly }) => {
      if (cancelled || !node) return;
      const traces: Data[] = [
        { x: data.x, y: data.y, type: "scattergl", mode: "lines", name: title, line: { width: 1.5, color: "#2563eb" } },
        ...data.markers.map((m) => ({
          x: m.x,
          y: m.y,
          type: "scatter" as const,
          mode: "markers" as const,
          name: m.label,
          marker: { size: 9, ...MARKER_STYLE[m.label] },
          hovertemplate: `${m.label} at ${xTitle} %{x}<extra></extra>`,
        })),
      ];
      void Plotly.react(
        node,
        traces,
        {
          height,
          margin: { l: 50, r: 10, t: 10, b: 35 },
          showlegend: data.markers.length > 0,
          legend: { orientation: "h", y: 1.12 },
          xaxis: { title: { text: xTitle } },
          hovermode: "x",
        },
        { displaylogo: false, responsive: true },
      );
    });
    return () => {
      cancelled = true;
      void import("plotly.js-dist-min").then(({ default: Plotly }) => node && Plotly.purge(node));
    };
  }, [data, title, xTitle, height]);

  return <div ref={ref} data-testid="plotly-chart" style={{ minHeight: height }} />;
}
