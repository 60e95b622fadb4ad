"use client";

import { useRunMetrics } from "@/lib/api/runs";
import { ChartToolbar, useChartSettings } from "./chart-toolbar";
import { MetricCard } from "./metric-card";

export function RunCharts({ runId }: { runId: string }) {
  const [settings, setSettings] = useChartSettings();
  const metrics = useRunMetrics(runId, 1000, settings.x);

  if (metrics.error) return <p className="text-red-700">Could not load metrics: {metrics.error.message}</p>;
  if (!metrics.data) return <p className="text-slate-600">Loading metrics…</p>;
  if (metrics.data.series.length === 0) return <p className="text-slate-600">No metrics logged yet.</p>;
  return (
    <div className="space-y-3">
      <ChartToolbar settings={settings} onChange={setSettings} />
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        {metrics.data.series.map((series) => (
          <MetricCard key={series.key} runId={runId} series={series} settings={settings} />
        ))}
      </div>
    </div>
  );
}
