"use client";

import { useDeferredValue, useState } from "react";
import { useRunMetricPages } from "@/lib/metrics/hooks";
import { ChartToolbar, useChartSettings } from "./chart-toolbar";
import { MetricCard } from "./metric-card";
import { CHART_MAX_POINTS, CHART_PAGE_SIZE as PAGE_SIZE } from "./chart-page";
import { metricSections } from "@/lib/metrics/view/metric-sections";

export function RunCharts({ runId }: { runId: string }) {
  const [settings, setSettings] = useChartSettings();
  const [filter, setFilter] = useState("");
  const [syncedRange, setSyncedRange] = useState<[number, number] | null>(null);
  // x is steps or epoch ms: a range kept across a switch of axis would mean nothing.
  const [rangeAxis, setRangeAxis] = useState(settings.x);
  if (rangeAxis !== settings.x) {
    setRangeAxis(settings.x);
    setSyncedRange(null);
  }
  const sharedRange = settings.syncZoom ? { range: syncedRange, onZoom: setSyncedRange } : undefined;
  const match = useDeferredValue(filter.trim());
  const metrics = useRunMetricPages(runId, { maxPoints: CHART_MAX_POINTS, x: settings.x, match, pageSize: PAGE_SIZE });

  if (metrics.error) return <p className="text-red-700">Could not load metrics: {metrics.error.message}</p>;
  if (!metrics.data) return <p className="text-slate-600">Loading metrics…</p>;
  const series = metrics.data.pages.flatMap((p) => p.series);
  const total = metrics.data.pages[0]?.total_keys ?? 0;
  if (total === 0 && !match) return <p className="text-slate-600">No metrics logged yet.</p>;
  return (
    <div className="space-y-3">
      <ChartToolbar settings={settings} onChange={setSettings} />
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label className="flex items-center gap-2">
          Filter metrics
          <input
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder="name contains…"
            maxLength={256}
            className="rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <span className="text-slate-600" aria-live="polite">
          Showing {series.length} of {total} {match ? "matching " : ""}metric{total === 1 ? "" : "s"}
        </span>
      </div>
      {metricSections(series).map((section) => (
        <section key={section.prefix} aria-label={`${section.title} metrics`} data-section={section.prefix} className="space-y-2">
          <h3 className="text-sm font-semibold text-slate-700">
            {section.title} <span className="font-normal text-slate-500">({section.series.length})</span>
          </h3>
          <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
            {section.series.map((s) => (
              <MetricCard key={s.key} runId={runId} series={s} settings={settings} sharedRange={sharedRange} />
            ))}
          </div>
        </section>
      ))}
      {metrics.hasNextPage && (
        <button
          type="button"
          onClick={() => void metrics.fetchNextPage()}
          disabled={metrics.isFetchingNextPage}
          className="rounded border border-slate-300 bg-white px-3 py-1 text-sm shadow-sm hover:bg-slate-50 disabled:opacity-50"
        >
          {metrics.isFetchingNextPage ? "Loading…" : `Show ${Math.min(PAGE_SIZE, total - series.length)} more`}
        </button>
      )}
    </div>
  );
}
