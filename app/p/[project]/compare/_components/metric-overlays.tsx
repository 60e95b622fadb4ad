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
  const selected = useMemo(() => parseMetricsParam(param) ?? defaultCompareMetrics(available), [param, available]);
  const series = useRunsSeries(runs.map((r) => ({ runId: r.id, keys: selected.filter((m) => r.metricNames.includes(m)) })));
  const charts = useMemo(
    () =>
      selected.map((metric) => ({
        metric,
        lines: overlayMetricLines({ runs, seriesByRun: series.byRun, metric }),
        lacking: runs.filter((r) => !r.metricNames.includes(metric)).map((r) => r.label),
      })),
    [selected, runs, series.byRun],
  );

  return (
    <div className="space-y-3">
      <MetricPicker available={available} selected={selected} onChange={(metrics) => setParam(metrics.join(","))} />
      {series.error && <p className="text-sm text-red-700">Could not load metrics: {series.error}</p>}
      {selected.length === 0 && <p className="text-sm text-slate-600">No metric chosen: add one from the menu.</p>}
      <OverlayChartGrid charts={charts} pending={series.pending} />
    </div>
  );
}
