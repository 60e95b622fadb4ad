"use client";

import { DiagnosticsView } from "@/components/diagnostics/diagnostics-view";
import { PairInspector } from "@/components/pairs/pair-inspector";
import { MetricCharts } from "@/components/reports/metric-charts";
import { sharedPairSource } from "@/lib/pairs/hooks";
import { useSharedDiagnostics, useSharedMetrics } from "@/lib/reports/hooks";

/** The shared run's 3D panel, read through the token (never the open run API). */
export function SharedDiagnostics({ token }: { token: string }) {
  const diagnostics = useSharedDiagnostics(token);
  if (diagnostics.error) return <p className="text-red-700">Could not load diagnostics: {diagnostics.error.message}</p>;
  if (!diagnostics.data) return <p className="text-slate-600">Computing diagnostics…</p>;
  return <DiagnosticsView data={diagnostics.data} />;
}

/** The shared run's pair inspector, read through the token (live links: a frozen one keeps no pairs). */
export function SharedPairs({ token }: { token: string }) {
  return <PairInspector source={sharedPairSource(token)} />;
}

/** The shared run's metrics, read through the token. */
export function SharedMetrics({ token }: { token: string }) {
  const metrics = useSharedMetrics(token);
  if (metrics.error) return <p className="text-red-700">Could not load metrics: {metrics.error.message}</p>;
  if (!metrics.data) return <p className="text-slate-600">Loading metrics…</p>;
  return <MetricCharts series={metrics.data.series} />;
}
