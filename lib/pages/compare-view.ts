import "server-only";
import { getDb } from "../core/db";
import type { DiagnosticFlag } from "../diagnostics/types";
import { boundLineData, thinPoints } from "../metrics/view/bound-points";
import type { ChartSpec } from "../core/view/chart-spec";
import { defaultCompareMetrics, overlayMetricLines, runColor, shortRunLabels, unionMetricNames } from "../comparisons/view/overlay";
import { parseMetricsParam, parseRunsParam } from "../comparisons/view/overlay-params";
import type { ApiPoint } from "../metrics/view/series-traces";
import { encodeNumber } from "../core/validation/numbers";
import { readMetricSeries } from "../metrics/server/metric-series";
import { getRunDiagnostics } from "../diagnostics/server/run-diagnostics";
import { loadCompareRuns } from "../comparisons/server/compare-runs";

type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * The comparison a URL asks for: its runs of this project in the URL's order, each with the label and colour every
 * chart and table of the view uses, and the metrics any of them logged.
 */
export async function loadCompareView({ project, params }: { project: string; params: SearchParams }) {
  const { ids, names, dropped } = parseRunsParam(first(params.runs));
  const { runs, missing } = await loadCompareRuns({ project, ids, names });
  const labels = shortRunLabels(runs.map((r) => r.name));
  const shown = runs.map((run, i) => ({ ...run, label: labels[i]!, color: runColor(i) }));
  return { runs: shown, missing, dropped, available: unionMetricNames(runs.map((r) => r.metricNames)) };
}

/** A comparison drawn from data alone: what a shared link shows, where the browser may not call the run APIs. */
export interface CompareChartsView {
  runs: { id: string; name: string; label: string; color: string; algorithm: string | null; config: Record<string, unknown> }[];
  /** Entries of the URL that are not runs of the project, and runs past the side-by-side limit. */
  missing: number;
  dropped: number;
  metrics: { metric: string; lines: ChartSpec["lines"]; lacking: string[] }[];
  /** Per run: its 3D flags and the diagnostics' series (values as the API spells them), at most 1000 points each. */
  diagnostics: Record<string, { flags: DiagnosticFlag[]; series: Record<string, ApiPoint[]> }>;
  showAllConfig: boolean;
}

/** The comparison with its series read on the server: the metric overlays the URL chooses, and each run's diagnostics. */
export async function loadCompareCharts({ project, params }: { project: string; params: SearchParams }): Promise<CompareChartsView> {
  const { runs, missing, dropped, available } = await loadCompareView({ project, params });
  const selected = parseMetricsParam(first(params.metrics)) ?? defaultCompareMetrics(available);
  const seriesByRun: Parameters<typeof overlayMetricLines>[0]["seriesByRun"] = {};
  const diagnostics: CompareChartsView["diagnostics"] = {};
  // One run at a time: the embedded database serves one query at a time anyway.
  for (const run of runs) {
    const keys = selected.filter((m) => run.metricNames.includes(m));
    seriesByRun[run.id] = keys.length ? await readMetricSeries({ db: await getDb(), runId: run.id, keys, maxPoints: 1000, x: "step" }) : [];
    const { flags, series } = await getRunDiagnostics({ runId: run.id });
    diagnostics[run.id] = {
      flags,
      series: Object.fromEntries(Object.entries(series).map(([key, points]) => [key, thinPoints(points).map((p) => ({ step: p.step, value: encodeNumber(p.value) }))])),
    };
  }
  const metrics = selected.map((metric) => ({
    metric,
    lines: overlayMetricLines({ runs, seriesByRun, metric }).map((line) => ({ ...line, data: boundLineData(line.data) })),
    lacking: runs.filter((r) => !r.metricNames.includes(metric)).map((r) => r.label),
  }));
  return {
    runs: runs.map(({ id, name, label, color, algorithm, config }) => ({ id, name, label, color, algorithm, config })),
    missing: missing.length,
    dropped,
    metrics,
    diagnostics,
    showAllConfig: first(params.config) === "all",
  };
}
