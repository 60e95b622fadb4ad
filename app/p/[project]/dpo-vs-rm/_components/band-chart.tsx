"use client";

import { useMemo } from "react";
import { PlotlyFigure } from "@/components/plots/plotly-figure";
import type { Data } from "plotly.js";
import type { BandKind, MethodCurve } from "@/lib/comparisons/view/accuracy-curves";
import { plotlyText } from "@/lib/core/view/plotly-text";
import { methodColor } from "./method-colors";

function translucent(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** Three traces per method: the band's lower edge, its upper edge filled down to it, the mean line on top. */
function methodTraces(curve: MethodCurve, band: BandKind): Data[] {
  const color = methodColor(curve.method);
  const { steps, lo, hi, mean, n } = curve.curve;
  // A run's algorithm names the method: the user's text, shown as text (see plotlyText).
  const method = plotlyText(curve.method);
  const edge = { x: steps, type: "scatter", mode: "lines", line: { width: 0, color }, hoverinfo: "skip", showlegend: false, legendgroup: curve.method } as const;
  return [
    { ...edge, y: lo, name: `${method} band low` },
    { ...edge, y: hi, name: `${method} band high`, fill: "tonexty", fillcolor: translucent(color, 0.18) },
    {
      x: steps,
      y: mean,
      customdata: n,
      type: "scatter",
      mode: "lines",
      name: `${method} (${curve.runs.length} runs)`,
      legendgroup: curve.method,
      line: { width: 2, color },
      hovertemplate: `${method}: %{y:.3f} (mean of %{customdata}; band ${band === "std" ? "±1 std" : "min–max"})<extra></extra>`,
    },
  ];
}

/** Mean and band per method over steps (Figure 4 of the paper). */
export function BandChart({ curves, band, yTitle, height = 380 }: { curves: MethodCurve[]; band: BandKind; yTitle: string; height?: number }) {
  const data = useMemo(() => curves.flatMap((c) => methodTraces(c, band)), [curves, band]);
  const layout = useMemo(
    () => ({
      margin: { l: 60, r: 10, t: 10, b: 40 },
      showlegend: true,
      legend: { orientation: "h" as const, y: 1.12 },
      xaxis: { title: { text: "step" } },
      yaxis: { title: { text: plotlyText(yTitle) } },
      hovermode: "x unified" as const,
    }),
    [yTitle],
  );
  return <PlotlyFigure data={data} layout={layout} height={height} testId="plotly-chart" />;
}
