"use client";

import { useMemo, useState } from "react";
import { LineChart } from "@/components/plots/line-chart";
import { useSeriesRange } from "@/lib/metrics/hooks";
import { metricLines } from "@/lib/metrics/view/metric-lines";
import type { ApiSeries } from "@/lib/metrics/view/series-traces";
import type { ChartSettings } from "./chart-toolbar";

const CHART_HEIGHT = 260;

/**
 * One metric's chart: zooming fetches the range's detail; the CSV link exports every logged point. Like every chart,
 * drawn when it comes into view, or when the page is idle (until then its box holds the chart's height).
 */
export function MetricCard({
  runId,
  series,
  settings,
  sharedRange,
}: {
  runId: string;
  series: ApiSeries;
  settings: ChartSettings;
  /** With synced zoom: the x range every chart shows, and how a zoom here sets it. */
  sharedRange?: { range: [number, number] | null; onZoom: (range: [number, number] | null) => void };
}) {
  const [ownRange, setOwnRange] = useState<[number, number] | null>(null);
  const range = sharedRange ? sharedRange.range : ownRange;
  const zoomed = useSeriesRange(runId, series.key, range, settings.x);
  const shown = range && zoomed.data ? zoomed.data : series;
  const lines = useMemo(() => metricLines(series.key, shown.points, { smoothing: settings.smoothing, x: settings.x }), [series.key, shown, settings.smoothing, settings.x]);
  const csv = `/api/v1/runs/${runId}/metrics/csv?keys=${encodeURIComponent(series.key)}`;
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-metric={series.key}>
      <figcaption className="flex items-baseline justify-between gap-2 text-sm">
        <span className="truncate font-medium" title={series.key}>
          {series.key}
        </span>
        <span className="flex shrink-0 items-baseline gap-2 text-xs text-slate-500">
          <span data-testid="point-count">
            {shown.total.toLocaleString()} points{shown.sampled ? " · min/max sampled" : ""}
            {range ? " · zoomed" : ""}
          </span>
          <a href={csv} download className="text-blue-700 hover:underline" aria-label={`Download ${series.key} as CSV`}>
            CSV
          </a>
        </span>
      </figcaption>
      <LineChart
        lines={lines}
        height={CHART_HEIGHT}
        logY={settings.logY}
        xType={settings.x === "time" ? "date" : "linear"}
        xTitle={settings.x === "time" ? "wall time" : "step"}
        onZoom={sharedRange ? sharedRange.onZoom : setOwnRange}
        xRange={sharedRange ? sharedRange.range : undefined}
      />
    </figure>
  );
}
