"use client";

import { useMemo, useState } from "react";
import { LineChart } from "@/components/plots/line-chart";
import { useSeriesRange } from "@/lib/metrics/hooks";
import { metricLines, wallTimesCollapse } from "@/lib/metrics/view/metric-lines";
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
  // Wall times that collapse to one instant draw against step, and the card says why.
  const timeless = settings.x === "time" && wallTimesCollapse(series.points);
  const x = timeless ? "step" : settings.x;
  const zoomed = useSeriesRange(runId, series.key, range, x);
  const shown = range && zoomed.data ? zoomed.data : series;
  const lines = useMemo(() => metricLines(series.key, shown.points, { smoothing: settings.smoothing, x }), [series.key, shown, settings.smoothing, x]);
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
      {timeless && (
        <p className="mt-1 text-xs text-slate-600" data-testid="time-collapsed">
          Its points were all logged within one second (sent or imported without wall times): drawn against step.
        </p>
      )}
      <LineChart
        lines={lines}
        height={CHART_HEIGHT}
        logY={settings.logY}
        xType={x === "time" ? "date" : "linear"}
        xTitle={x === "time" ? "wall time" : "step"}
        onZoom={sharedRange ? sharedRange.onZoom : setOwnRange}
        xRange={sharedRange ? sharedRange.range : undefined}
      />
    </figure>
  );
}
