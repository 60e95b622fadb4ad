import { ConfigDiffView } from "@/app/p/[project]/compare/_components/config-diff-view";
import { DiagnosticsOverlayView } from "@/app/p/[project]/compare/_components/diagnostics-overlay-view";
import { OverlayChartGrid } from "@/app/p/[project]/compare/_components/overlay-chart-grid";
import type { CompareChartsView } from "@/lib/pages/compare-view";

/** A compare report: the runs' metric overlays, their 3D panel overlaid and the config diff, drawn from the token's data. */
export function SharedCompare({ data }: { data: CompareChartsView }) {
  const runs = data.runs.map(({ id, label, color }) => ({ id, label, color }));
  return (
    <div className="space-y-6" data-testid="shared-compare">
      <p className="text-sm text-slate-600">
        {data.runs.length} run{data.runs.length === 1 ? "" : "s"} compared
        {data.missing > 0 && (
          <>
            {" "}
            · {data.missing} entr{data.missing === 1 ? "y" : "ies"} of the saved view not found
          </>
        )}
        {data.dropped > 0 && <> · {data.dropped} past the side-by-side limit left out</>}
      </p>
      {data.runs.length === 0 ? (
        <p className="text-slate-600">None of the runs this view compares exist any more.</p>
      ) : (
        <>
          <section aria-labelledby="compare-metrics" className="space-y-3">
            <h2 id="compare-metrics" className="text-lg font-semibold">
              Metrics
            </h2>
            <OverlayChartGrid charts={data.metrics} />
          </section>
          <section aria-labelledby="compare-diagnostics" className="space-y-3">
            <h2 id="compare-diagnostics" className="text-lg font-semibold">
              3D-property diagnostics
            </h2>
            <DiagnosticsOverlayView runs={runs} byRun={data.diagnostics} />
          </section>
          <section aria-labelledby="compare-config" className="space-y-3">
            <h2 id="compare-config" className="text-lg font-semibold">
              Config
            </h2>
            <ConfigDiffView runs={data.runs} showAll={data.showAllConfig} />
          </section>
        </>
      )}
    </div>
  );
}
