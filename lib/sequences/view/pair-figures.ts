import type { Data, Layout } from "plotly.js";
import { decodeNumber } from "@/lib/core/validation/wire-numbers";
import type { PairHistograms } from "./pair-histograms";
import { plotlyText } from "@/lib/core/view/plotly-text";

/** Heatmap of one delta's distribution over steps: x = step, y = Δ, colour = share of pairs. */
export function distributionHeatmap(h: PairHistograms, which: "chosen" | "rejected"): { data: Data[]; layout: Partial<Layout> } {
  const counts = h[which];
  const centers = h.edges.slice(0, -1).map((e, i) => (e + h.edges[i + 1]!) / 2);
  const z = centers.map((_, bin) =>
    h.steps.map((_, s) => {
      const total = counts[s]!.reduce((a, b) => a + b, 0);
      return total ? counts[s]![bin]! / total : 0;
    }),
  );
  return {
    data: [
      {
        type: "heatmap",
        x: h.steps,
        y: centers,
        z,
        colorscale: which === "chosen" ? "Blues" : "Reds",
        colorbar: { title: { text: "share" } },
        hovertemplate: "step %{x}<br>Δ %{y:.3g}<br>share %{z:.2f}<extra></extra>",
      } as Data,
    ],
    layout: { xaxis: { title: { text: "step" } }, yaxis: { title: { text: which === "chosen" ? "Δ log πw" : "Δ log πl" } } },
  };
}

/** Each pair at one step as a dot (Δw, Δl); the lower-left quadrant is "both fell": dispersion. */
export function pairScatter(
  rows: { pair_id: string; logp_chosen: number | string; logp_rejected: number | string; ref_logp_chosen: number | string; ref_logp_rejected: number | string }[],
): { data: Data[]; layout: Partial<Layout> } {
  const value = (v: number | string) => decodeNumber(v) ?? Number.NaN;
  const points = rows
    .map((r) => ({ id: r.pair_id, c: value(r.logp_chosen) - value(r.ref_logp_chosen), r: value(r.logp_rejected) - value(r.ref_logp_rejected) }))
    .filter((p) => Number.isFinite(p.c) && Number.isFinite(p.r));
  const both = points.filter((p) => p.c < 0 && p.r < 0).length;
  return {
    data: [
      {
        type: "scatter",
        mode: "markers",
        x: points.map((p) => p.c),
        y: points.map((p) => p.r),
        // Pair ids are the logger's strings; Plotly reads HTML in hover text (see plotlyText).
        text: points.map((p) => plotlyText(p.id)),
        marker: { size: 8, color: points.map((p) => (p.c < 0 && p.r < 0 ? "#7c3aed" : "#2563eb")), opacity: 0.8 },
        hovertemplate: "pair %{text}<br>Δw %{x:.3g}<br>Δl %{y:.3g}<extra></extra>",
        name: "pairs",
      } as Data,
    ],
    layout: {
      xaxis: { title: { text: "Δ log πw (chosen)" }, zeroline: true, zerolinecolor: "#94a3b8" },
      yaxis: { title: { text: "Δ log πl (rejected)" }, zeroline: true, zerolinecolor: "#94a3b8" },
      shapes: [
        {
          type: "rect",
          xref: "x",
          yref: "y",
          x0: Math.min(0, ...points.map((p) => p.c)) - 1,
          x1: 0,
          y0: Math.min(0, ...points.map((p) => p.r)) - 1,
          y1: 0,
          fillcolor: "#7c3aed",
          opacity: 0.06,
          line: { width: 0 },
        },
      ],
      annotations: [
        { xref: "paper", yref: "paper", x: 0.01, y: 0.02, showarrow: false, text: `both fell: ${both} of ${points.length} pairs`, font: { size: 11, color: "#6d28d9" } },
      ],
      showlegend: false,
    },
  };
}
