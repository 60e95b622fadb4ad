"use client";

import { useMemo } from "react";
import { LineChart } from "@/components/plots/line-chart";
import { useRunMetrics } from "@/lib/api/runs";
import { toLineData } from "@/lib/plots/series-traces";

export function RunCharts({ runId }: { runId: string }) {
  const metrics = useRunMetrics(runId);
  const charts = useMemo(() => metrics.data?.series.map((s) => ({ series: s, lines: [{ name: s.key, data: toLineData(s) }] })) ?? [], [metrics.data]);

  if (metrics.isPending) return <p className="text-slate-600">Loading metrics…</p>;
  if (metrics.error) return <p className="text-red-700">Could not load metrics: {metrics.error.message}</p>;
  if (charts.length === 0) return <p className="text-slate-600">No metrics logged yet.</p>;
  return (
    <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
      {charts.map(({ series, lines }) => (
        <figure key={series.key} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-metric={series.key}>
          <figcaption className="flex items-baseline justify-between text-sm">
            <span className="font-medium">{series.key}</span>
            <span className="text-xs text-slate-500">
              {series.total.toLocaleString()} points{series.sampled ? " · min/max sampled" : ""}
            </span>
          </figcaption>
          <LineChart lines={lines} />
        </figure>
      ))}
    </div>
  );
}
