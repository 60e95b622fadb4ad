"use client";

import { useEffect, useRef } from "react";
import type { Data } from "plotly.js-dist-min";
import type { LineData } from "@/lib/plots/series-traces";

const MARKER_STYLE = {
  NaN: { symbol: "x", color: "#b91c1c" },
  "+Inf": { symbol: "triangle-up", color: "#7c3aed" },
  "−Inf": { symbol: "triangle-down", color: "#7c3aed" },
} as const;

const PALETTE = ["#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed", "#0891b2"];

export interface ChartLine {
  name: string;
  data: LineData;
  color?: string;
  dash?: "solid" | "dash" | "dot";
  /** Plot on a second y axis on the right (e.g. a ratio next to two magnitudes). */
  secondaryAxis?: boolean;
}

export interface LineChartProps {
  lines: ChartLine[];
  xTitle?: string;
  yTitle?: string;
  y2Title?: string;
  logY?: boolean;
  height?: number;
  /** Vertical markers, e.g. the step a flag first held. */
  markers?: { x: number; label: string; color: string }[];
}

/**
 * Metrics as Plotly lines; Plotly itself (a few MB) loads on first use, not with the page. SVG traces, not WebGL:
 * series arrive downsampled to a few thousand points, and a page of WebGL charts runs out of contexts (~16).
 */
export function LineChart({ lines, xTitle = "step", yTitle, y2Title, logY = false, height = 260, markers = [] }: LineChartProps) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let cancelled = false;
    const node = ref.current;
    void import("plotly.js-dist-min").then(({ default: Plotly }) => {
      if (cancelled || !node) return;
      const traces: Data[] = lines.flatMap((line, i) => {
        const color = line.color ?? PALETTE[i % PALETTE.length]!;
        const yaxis = line.secondaryAxis ? "y2" : "y";
        return [
          { x: line.data.x, y: line.data.y, type: "scatter", mode: "lines", name: line.name, yaxis, line: { width: 1.5, color, dash: line.dash ?? "solid" } } as Data,
          ...line.data.markers.map(
            (m): Data => ({
              x: m.x,
              y: m.y,
              type: "scatter",
              mode: "markers",
              name: `${line.name}: ${m.label}`,
              yaxis,
              marker: { size: 9, ...MARKER_STYLE[m.label] },
              hovertemplate: `${m.label} at ${xTitle} %{x}<extra></extra>`,
            }),
          ),
        ];
      });
      const hasY2 = lines.some((l) => l.secondaryAxis);
      void Plotly.react(
        node,
        traces,
        {
          height,
          margin: { l: 55, r: hasY2 ? 55 : 10, t: 10, b: 35 },
          showlegend: traces.length > 1,
          legend: { orientation: "h", y: 1.15 },
          xaxis: { title: { text: xTitle } },
          yaxis: { title: { text: yTitle ?? "" }, type: logY ? "log" : "linear" },
          ...(hasY2 ? { yaxis2: { title: { text: y2Title ?? "" }, overlaying: "y", side: "right", showgrid: false } } : {}),
          shapes: markers.map((m) => ({ type: "line", xref: "x", yref: "paper", x0: m.x, x1: m.x, y0: 0, y1: 1, line: { color: m.color, width: 1, dash: "dot" } })),
          annotations: markers.map((m) => ({ x: m.x, y: 1, xref: "x", yref: "paper", text: m.label, showarrow: false, font: { size: 10, color: m.color }, yanchor: "bottom" })),
          hovermode: "x unified",
        },
        { displaylogo: false, responsive: true },
      );
    });
    return () => {
      cancelled = true;
      void import("plotly.js-dist-min").then(({ default: Plotly }) => node && Plotly.purge(node));
    };
  }, [lines, xTitle, yTitle, y2Title, logY, height, markers]);

  return <div ref={ref} data-testid="plotly-chart" style={{ minHeight: height }} />;
}
