"use client";

import { useMemo } from "react";
import { LineChart } from "@/components/plots/line-chart";
import { toLineData, type ApiSeries } from "@/lib/metrics/view/series-traces";

/** One chart per metric, drawn from series it is given (a shared page's, or the run page's). */
export function MetricCharts({ series }: { series: ApiSeries[] }) {
  const charts = useMemo(() => series.map((s) => ({ series: s, lines: [{ name: s.key, data: toLineData(s) }] })), [series]);
  if (charts.length === 0) return <p className="text-slate-600">No metrics logged.</p>;
  return (
    <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
      {charts.map(({ series: s, lines }) => (
        <figure key={s.key} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-metric={s.key}>
          <figcaption className="flex items-baseline justify-between text-sm">
            <span className="font-medium">{s.key}</span>
            <span className="text-xs text-slate-500">
              {s.total.toLocaleString()} points{s.sampled ? " · min/max sampled" : ""}
            </span>
          </figcaption>
          <LineChart lines={lines} />
        </figure>
      ))}
    </div>
  );
}
