"use client";

import { useMemo } from "react";
import { useRunsSeries } from "@/lib/comparisons/hooks";
import { defaultCompareMetrics, overlayMetricLines, type OverlayRun } from "@/lib/comparisons/view/overlay";
import { parseMetricsParam } from "@/lib/comparisons/view/overlay-params";
import { MetricPicker } from "./metric-picker";
import { OverlayChartGrid } from "./overlay-chart-grid";
import { useUrlParam } from "./use-url-state";

export type MetricRun = OverlayRun & { metricNames: string[] };

/** Each chosen metric as one chart with a line per run; the choice lives in `?metrics=`. */
export function MetricOverlays({ runs, available }: { runs: MetricRun[]; available: string[] }) {
  const [param, setParam] = useUrlParam("metrics");
  const [smoothParam, setSmoothParam] = useUrlParam("smooth");
  const smoothing = Math.min(0.99, Math.max(0, Number(smoothParam ?? 0) || 0));
  const selected = useMemo(() => parseMetricsParam(param) ?? defaultCompareMetrics(available), [param, available]);
  const series = useRunsSeries(runs.map((r) => ({ runId: r.id, keys: selected.filter((m) => r.metricNames.includes(m)) })));
  const charts = useMemo(
    () =>
      selected.map((metric) => ({
        metric,
        lines: overlayMetricLines({ runs, seriesByRun: series.byRun, metric, smoothing }),
        lacking: runs.filter((r) => !r.metricNames.includes(metric)).map((r) => r.label),
      })),
    [selected, runs, series.byRun, smoothing],
  );

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-4">
        <MetricPicker available={available} selected={selected} onChange={(metrics) => setParam(metrics.join(","))} />
        <label className="flex items-center gap-2 text-sm">
          Smoothing
          <input
            type="range"
            min={0}
            max={0.99}
            step={0.01}
            value={smoothing}
            onChange={(e) => setSmoothParam(Number(e.target.value) > 0 ? e.target.value : null)}
            aria-label="Smoothing"
          />
          <span className="w-10 tabular-nums">{smoothing.toFixed(2)}</span>
        </label>
      </div>
      {series.error && <p className="text-sm text-red-700">Could not load metrics: {series.error}</p>}
      {selected.length === 0 && <p className="text-sm text-slate-600">No metric chosen: add one from the menu.</p>}
      <OverlayChartGrid charts={charts} pending={series.pending} />
    </div>
  );
}
