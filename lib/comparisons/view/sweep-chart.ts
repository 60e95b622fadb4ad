import type { Data, Layout } from "plotly.js";
import { formatValue } from "@/lib/core/view/format";
import { plotlyText } from "@/lib/core/view/plotly-text";
import { parameterLabel, type BetaAggregate } from "./sweep";

const LINE = "#94a3b8";

/**
 * A log y axis when every value is positive and they span more than a decade: the unseen mass falls from 1e-2 to
 * 1e-9 over a run, and ends between 2e-9 and 2e-7 across a β_l sweep; on a linear axis the small ones read as zero.
 */
export function prefersLogAxis(values: (number | null)[]): boolean {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (finite.length < 2 || finite.some((v) => v <= 0)) return false;
  return Math.max(...finite) / Math.min(...finite) > 10;
}
const ERROR = "#475569";

/**
 * Figure 9's left panel as Plotly data: the final value of a metric against β on a log axis, mean ± standard error
 * where seeds share a β, each seed's value as a hollow dot behind it. β values with no finite final value are left
 * out of the drawing (Plotly cannot place them); the table beside the chart names them.
 */
export function sweepFinalChart({ aggregates, parameter, metric, colors }: { aggregates: BetaAggregate[]; parameter: string; metric: string; colors: Map<number, string> }): {
  data: Data[];
  layout: Partial<Layout>;
} {
  const label = parameterLabel(parameter);
  const metricText = plotlyText(metric);
  const drawn = aggregates.filter((a) => a.mean !== null);
  const replicated = aggregates.some((a) => a.values.length > 1);
  const data: Data[] = [];
  if (replicated) {
    data.push({
      type: "scatter",
      mode: "markers",
      name: "each run",
      x: aggregates.flatMap((a) => a.values.map(() => a.beta)),
      y: aggregates.flatMap((a) => a.values),
      marker: { symbol: "circle-open", size: 7, color: LINE },
      hovertemplate: `${label} = %{x}<br>run: %{y:.4g}<extra></extra>`,
    });
  }
  data.push({
    type: "scatter",
    mode: "lines+markers",
    name: replicated ? "mean ± s.e." : "final value",
    x: drawn.map((a) => a.beta),
    y: drawn.map((a) => a.mean!),
    line: { color: LINE, width: 1.5 },
    marker: { size: 11, color: drawn.map((a) => colors.get(a.beta) ?? ERROR), line: { color: "#fff", width: 1 } },
    error_y: { type: "data", array: drawn.map((a) => a.stdError ?? 0), visible: replicated, color: ERROR, thickness: 1.5, width: 5 },
    hovertemplate: `${label} = %{x}<br>${metricText}: %{y:.4g}<extra></extra>`,
  });
  const betas = aggregates.map((a) => a.beta);
  const logY = prefersLogAxis(aggregates.flatMap((a) => a.values));
  return {
    data,
    layout: {
      height: 320,
      margin: { l: 60, r: 15, t: 15, b: 45 },
      showlegend: replicated,
      legend: { orientation: "h", y: 1.12 },
      // Ticks at the swept values themselves: a reader looks up "β_l = 0.02", not a decade.
      xaxis: { type: "log", title: { text: `${label} (log scale)` }, tickvals: betas, ticktext: betas.map((b) => formatValue(b)) },
      // "1e-7", not Plotly's SI "100n": a researcher reads probabilities in powers of ten.
      yaxis: { title: { text: `${metricText}, final value${logY ? " (log scale)" : ""}` }, type: logY ? "log" : "linear", zeroline: false, exponentformat: "e" },
      hovermode: "closest",
    },
  };
}
