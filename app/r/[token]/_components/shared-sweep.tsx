import { SweepCurvesChart } from "@/app/p/[project]/sweeps/_components/sweep-curves-chart";
import { SweepFinalChart } from "@/app/p/[project]/sweeps/_components/sweep-final-chart";
import { SweepFinalTable } from "@/app/p/[project]/sweeps/_components/sweep-final-table";
import { parameterLabel, describeSweep } from "@/lib/comparisons/view/sweep";
import type { SweepChartsView } from "@/lib/pages/sweep-view";

/** A β-sweep report: final value against β on a log axis with its table, and one curve per β (Figure 9). */
export function SharedSweep({ data }: { data: SweepChartsView }) {
  const { sweep, metric } = data;
  if (!sweep) return <p className="text-slate-600">The β sweep this view shows no longer exists in the project.</p>;
  const label = parameterLabel(sweep.parameter);
  return (
    <div className="space-y-4" data-testid="shared-sweep">
      <p className="text-sm text-slate-600">
        <span className="font-medium text-slate-900">{sweep.group}</span> · {describeSweep(sweep)} · {data.runCount} runs
        {metric && (
          <>
            {" "}
            · metric <span className="font-mono">{metric}</span>
          </>
        )}
      </p>
      {!metric ? (
        <p className="text-sm text-slate-600">The runs of this sweep logged no metrics yet.</p>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          <figure className="space-y-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
            <figcaption className="text-sm font-medium">
              Final <span className="font-mono">{metric}</span> against {label}
            </figcaption>
            <SweepFinalChart aggregates={data.aggregates} parameter={sweep.parameter} metric={metric} />
            <SweepFinalTable aggregates={data.aggregates} parameter={sweep.parameter} colors={data.colors} />
          </figure>
          <figure className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-testid="sweep-curves">
            <figcaption className="text-sm font-medium">
              <span className="font-mono">{metric}</span> over steps, one line per {label}
            </figcaption>
            <SweepCurvesChart lines={data.curves} metric={metric} />
          </figure>
        </div>
      )}
    </div>
  );
}
