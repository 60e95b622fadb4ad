"use client";

import { drawInTurn, purgeChart } from "@/components/plots/load-plotly";
import { useDrawSoon } from "./use-draw-soon";
import { useEffect, useRef } from "react";
import type { Data } from "plotly.js";
import { plotlyText } from "@/lib/core/view/plotly-text";
import type { LineData } from "@/lib/metrics/view/series-traces";

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
  /** Below 1 for a raw line drawn behind its smoothed version. */
  opacity?: number;
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
  /** "date" when x holds epoch milliseconds (wall time). */
  xType?: "linear" | "date";
  /** Called with the visible x range after a zoom, or null after a reset (double-click). */
  onZoom?: (range: [number, number] | null) => void;
  /** An x range set from outside (synced zoom), null for the whole series; absent: the chart's own zoom. */
  xRange?: [number, number] | null;
}

/**
 * Metrics as Plotly lines; Plotly (0.9 MB) is a script of its own, which chart pages name in their HTML (PlotlyScript). SVG traces, not WebGL:
 * series arrive downsampled to a few thousand points, and a page of WebGL charts runs out of contexts (~16).
 */
export function LineChart({ lines, xTitle = "step", yTitle, y2Title, logY: askedLogY = false, height = 260, markers = [], xType = "linear", onZoom, xRange }: LineChartProps) {
  // A log axis cannot show zero or negative values (log-probs are all negative): such a chart stays linear and says so.
  const logBlocked = askedLogY && lines.some((line) => !line.secondaryAxis && line.data.y.some((y) => y !== null && y <= 0));
  const logY = askedLogY && !logBlocked;
  const ref = useRef<HTMLDivElement>(null);
  const draw = useDrawSoon(ref);
  const zoomHandler = useRef(onZoom);
  useEffect(() => {
    zoomHandler.current = onZoom;
  }, [onZoom]);

  useEffect(() => {
    // Charts off-screen wait for the ones in view, then come one per idle moment (see useDrawSoon).
    if (!draw) return;
    const node = ref.current;
    if (!node) return;
    const cancel = drawInTurn(node, (Plotly) => {
      // Names and titles are users' (metrics, runs, groups): shown as text, never as Plotly's HTML subset.
      const xText = plotlyText(xTitle);
      const traces: Data[] = lines.flatMap((line, i) => {
        const name = plotlyText(line.name);
        const color = line.color ?? PALETTE[i % PALETTE.length]!;
        const yaxis = line.secondaryAxis ? "y2" : "y";
        return [
          {
            x: line.data.x,
            y: line.data.y,
            type: "scatter",
            // A series of one point would draw nothing as a line.
            mode: line.data.x.length === 1 ? "lines+markers" : "lines",
            name,
            yaxis,
            opacity: line.opacity ?? 1,
            showlegend: (line.opacity ?? 1) >= 1,
            line: { width: 1.5, color, dash: line.dash ?? "solid" },
          } as Data,
          ...line.data.markers.map((m): Data => ({
            x: m.x,
            y: m.y,
            type: "scatter",
            mode: "markers",
            name: `${name}: ${plotlyText(m.label)}`,
            yaxis,
            marker: { size: 9, ...MARKER_STYLE[m.label] },
            hovertemplate: `${plotlyText(m.label)} at ${xText} %{x}<extra></extra>`,
          })),
        ];
      });
      const hasY2 = lines.some((l) => l.secondaryAxis);
      // On a narrow screen the legend goes below the plot: above it, Plotly's toolbar (shown on a tap) covers it.
      const narrow = node.clientWidth < 640;
      void Plotly.react(
        node,
        traces,
        {
          height,
          margin: { l: 55, r: hasY2 ? 55 : 10, t: 10, b: 35 },
          showlegend: traces.filter((t) => (t as { showlegend?: boolean }).showlegend !== false).length > 1,
          legend: narrow ? { orientation: "h", x: 0, y: -0.3, yanchor: "top" } : { orientation: "h", y: 1.15 },
          xaxis: {
            title: { text: xText },
            type: xType,
            ...(xRange === undefined ? {} : xRange === null ? { autorange: true } : { range: [xRange[0], xRange[1]], autorange: false }),
          },
          yaxis: { title: { text: plotlyText(yTitle ?? "") }, type: logY ? "log" : "linear" },
          ...(hasY2 ? { yaxis2: { title: { text: plotlyText(y2Title ?? "") }, overlaying: "y", side: "right", showgrid: false } } : {}),
          shapes: markers.map((m) => ({ type: "line", xref: "x", yref: "paper", x0: m.x, x1: m.x, y0: 0, y1: 1, line: { color: m.color, width: 1, dash: "dot" } })),
          // Inside the plot, one row per marker (a few rows, then again from the top), so labels of nearby
          // onsets neither run into each other nor into the legend above the plot.
          annotations: [...markers]
            .sort((a, b) => a.x - b.x)
            .map((m, i) => ({
              x: m.x,
              y: 0.98 - (i % 4) * 0.1,
              xref: "x",
              yref: "paper",
              text: plotlyText(m.label),
              showarrow: false,
              font: { size: 10, color: m.color },
              xanchor: "left",
              yanchor: "top",
              bgcolor: "rgba(255,255,255,0.85)",
            })),
          hovermode: "x unified",
          // Keeps a user's zoom while zoomed-in detail replaces the data; a new axis kind starts afresh.
          uirevision: `${xType}-${logY}`,
        },
        { displaylogo: false, responsive: true },
      ).then((plot) => {
        const el = plot as unknown as { removeAllListeners?: (e: string) => void; on: (e: string, f: (ev: Record<string, unknown>) => void) => void };
        el.removeAllListeners?.("plotly_relayout");
        el.on("plotly_relayout", (ev) => {
          if (ev["xaxis.autorange"]) zoomHandler.current?.(null);
          const [a, b] = [ev["xaxis.range[0]"], ev["xaxis.range[1]"]];
          if (a !== undefined && b !== undefined) {
            // Date axes report "YYYY-MM-DD HH:MM:SS.sss" in UTC.
            const toNumber = (v: unknown) => (typeof v === "number" ? v : Date.parse(`${String(v).replace(" ", "T")}Z`));
            zoomHandler.current?.([toNumber(a), toNumber(b)]);
          }
        });
      });
    });
    return () => {
      cancel();
      purgeChart(node);
    };
  }, [draw, lines, xTitle, yTitle, y2Title, logY, height, markers, xType, xRange]);

  return (
    <>
      {logBlocked && (
        <p className="text-xs text-slate-600" data-testid="log-scale-note">
          Linear scale: a log scale cannot show the values ≤ 0 here.
        </p>
      )}
      <div ref={ref} data-testid="plotly-chart" style={{ minHeight: height }} />
    </>
  );
}
