import { ProjectHeader } from "@/components/nav/project-header";
import { MAX_COMPARE_RUNS } from "@/lib/comparisons/view/overlay-params";
import { loadCompareView } from "@/lib/pages/compare-view";
import { PairAcrossRuns } from "./_components/pair-across-runs";
import { ConfigDiffTable } from "./_components/config-diff-table";
import { DiagnosticsOverlay } from "./_components/diagnostics-overlay";
import { MetricOverlays } from "./_components/metric-overlays";
import { RunPicker } from "./_components/run-picker";
import { requireProjectPage } from "@/lib/pages/page-access";
import { roleAtLeast } from "@/lib/accounts/roles";
import { getDb } from "@/lib/core/db";
import { newestChangeId } from "@/lib/live/server/change-rows";
import { CompareLive } from "./_components/compare-live";
import { PlotlyScript } from "@/components/plots/plotly-script";
import { preload } from "react-dom";
import { defaultCompareMetrics } from "@/lib/comparisons/view/overlay";
import { parseMetricsParam } from "@/lib/comparisons/view/overlay-params";
import { runsSeriesRequests, runsSeriesUrl } from "@/lib/comparisons/series-url";

export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;

export default async function ComparePage({ params, searchParams }: { params: Promise<{ project: string }>; searchParams: Promise<SearchParams> }) {
  const project = decodeURIComponent((await params).project);
  const { role } = await requireProjectPage(project, `/p/${encodeURIComponent(project)}/compare`);
  const since = await newestChangeId(await getDb());
  // Colour and label come from the run's place in the URL, so every chart, chip and table column agrees.
  const query = await searchParams;
  const { runs: shown, missing, dropped, available } = await loadCompareView({ project, params: query });
  // The runs' overlaid series, one request fetched while the page's scripts load (the overlays ask by the same URL).
  // Not the runs' diagnostics, below the fold: preloaded too, their computation took the server (and the browser's
  // six connections to it) before Plotly's script and the page's own, and held the first chart back by seconds.
  const selected = parseMetricsParam(typeof query.metrics === "string" ? query.metrics : null) ?? defaultCompareMetrics(available);
  const asks = shown.map((run) => ({ runId: run.id, keys: selected.filter((m) => run.metricNames.includes(m)) }));
  for (const request of runsSeriesRequests(asks)) preload(runsSeriesUrl(request), { as: "fetch", crossOrigin: "anonymous" });

  return (
    <section className="space-y-6">
      <PlotlyScript />
      <ProjectHeader
        project={project}
        current="/compare"
        title="Compare runs"
        aside=<>
          {project} · {shown.length} run{shown.length === 1 ? "" : "s"}
        </>
        reportTitle={roleAtLeast(role, "editor") ? "Run comparison" : undefined}
      />
      <RunPicker project={project} runs={shown.map(({ id, name, label, color }) => ({ id, name, label, color }))} />
      {shown.length > 0 && <CompareLive project={project} runs={shown.map((r) => r.id)} since={since} />}
      {(missing.length > 0 || dropped > 0) && (
        <p className="rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status">
          {missing.length > 0 && (
            <>
              Not in {project}: {missing.join(", ")}.{" "}
            </>
          )}
          {dropped > 0 && (
            <>
              {dropped} more run(s) left out: at most {MAX_COMPARE_RUNS} side by side.
            </>
          )}
        </p>
      )}
      {shown.length > 0 && (
        <>
          <section aria-labelledby="compare-metrics" className="space-y-3">
            <h2 id="compare-metrics" className="text-lg font-semibold">
              Metrics
            </h2>
            <MetricOverlays runs={shown.map(({ id, label, color, metricNames }) => ({ id, label, color, metricNames }))} available={available} />
          </section>
          <section aria-labelledby="compare-diagnostics" className="space-y-3">
            <h2 id="compare-diagnostics" className="text-lg font-semibold">
              3D-property diagnostics
            </h2>
            <DiagnosticsOverlay project={project} runs={shown.map(({ id, label, color }) => ({ id, label, color }))} />
          </section>
          <section aria-labelledby="compare-pair" className="space-y-3">
            <h2 id="compare-pair" className="text-lg font-semibold">
              One pair across runs
            </h2>
            <PairAcrossRuns runs={shown.map(({ id, label, color }) => ({ id, label, color }))} />
          </section>
          <section aria-labelledby="compare-config" className="space-y-3">
            <h2 id="compare-config" className="text-lg font-semibold">
              Config
            </h2>
            <ConfigDiffTable runs={shown.map(({ id, name, label, color, algorithm, config }) => ({ id, name, label, color, algorithm, config }))} />
          </section>
        </>
      )}
    </section>
  );
}
