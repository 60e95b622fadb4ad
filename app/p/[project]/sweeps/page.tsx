import Link from "next/link";
import { ProjectHeader } from "@/components/nav/project-header";
import { withSearchParam } from "@/lib/comparisons/view/overlay-params";
import { parameterLabel, describeSweep } from "@/lib/comparisons/view/sweep";
import { loadSweepView } from "@/lib/pages/sweep-view";
import { MetricSelect } from "./_components/metric-select";
import { KeySelect } from "./_components/key-select";
import { SweepCurves } from "./_components/sweep-curves";
import { SweepFinalChart } from "./_components/sweep-final-chart";
import { SweepFinalTable } from "./_components/sweep-final-table";
import { requireProjectPage } from "@/lib/pages/page-access";
import { roleAtLeast } from "@/lib/accounts/roles";
import { PlotlyScript } from "@/components/plots/plotly-script";

export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function SweepsPage({ params, searchParams }: { params: Promise<{ project: string }>; searchParams: Promise<SearchParams> }) {
  const project = decodeURIComponent((await params).project);
  const { role } = await requireProjectPage(project, `/p/${encodeURIComponent(project)}/sweeps`);
  const query = await searchParams;
  const { sweeps, truncated, keys, key, sweep, names, metric, loggedBy, aggregates, colors } = await loadSweepView({ project, params: query });
  const search = new URLSearchParams(Object.entries(query).flatMap(([k, v]) => (first(v) === undefined ? [] : [[k, first(v)!]]))).toString();

  return (
    <section className="space-y-6">
      <PlotlyScript />
      <ProjectHeader
        project={project}
        current="/sweeps"
        title="β sweeps"
        aside=<>
          {project} · {sweeps.length} sweep{sweeps.length === 1 ? "" : "s"}
        </>
        reportTitle={roleAtLeast(role, "editor") ? "β sweep" : undefined}
      />
      <p className="text-sm text-slate-600">
        As in Figure 9 of Yan et al. (2024): hold the other β fixed, vary one, and read the final value of a metric against it, then its course over training for each value.
      </p>
      {keys.length > 0 && <KeySelect keys={keys} value={key} />}
      {!sweep && key ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600">
          No sweep of <code>{key}</code> in {project}: no run group whose runs differ in <code>{key}</code> alone (β held), and no runs of one algorithm whose <code>config</code>{" "}
          is the same but for it.
        </p>
      ) : !sweep ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600">
          No β sweep in {project}. A sweep is a set of runs that differ in exactly one of <code>beta</code>, <code>beta_w</code> or <code>beta_l</code> (seeds may repeat a value):
          runs of one <code>group</code>, or runs of one algorithm whose <code>config</code> is the same but for that β (and the seed), whatever their names.
        </p>
      ) : (
        <>
          <nav className="flex flex-wrap gap-2 text-sm" aria-label="Sweeps">
            {sweeps.map((s) => (
              <Link
                key={s.group}
                href={withSearchParam(search, "sweep", s.group)}
                aria-current={s === sweep ? "page" : undefined}
                className={`rounded-full px-3 py-1 ring-1 ${s === sweep ? "bg-slate-900 text-white ring-slate-900" : "bg-white ring-slate-300 hover:ring-slate-500"}`}
              >
                <span className="font-medium">{s.group}</span> <span className={s === sweep ? "text-slate-300" : "text-slate-500"}>{describeSweep(s)}</span>
              </Link>
            ))}
          </nav>
          <p className="text-sm text-slate-600" data-testid="sweep-reason">
            {sweep.basis === "config" ? "Found by config: " : "Found as a run group: "}
            {sweep.reason}.
          </p>
          {truncated && <p className="text-sm text-amber-800">This project has more runs than were scanned; some sweeps may be missing.</p>}
          <div className="flex flex-wrap items-center justify-between gap-3">
            {metric ? <MetricSelect metrics={names} value={metric} /> : <p className="text-sm text-slate-600">The runs of this sweep logged no metrics yet.</p>}
            <p className="text-sm text-slate-600">
              {sweep.runs.length} runs
              {sweep.runs.length > sweep.values.length ? `, seeds sharing a ${parameterLabel(sweep.parameter)} averaged` : `, one per ${parameterLabel(sweep.parameter)}`}
            </p>
          </div>
          {metric && loggedBy && (
            <div className="grid gap-4 lg:grid-cols-2">
              <figure className="space-y-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
                <figcaption className="text-sm font-medium">
                  Final <span className="font-mono">{metric}</span> against {parameterLabel(sweep.parameter)}
                </figcaption>
                <SweepFinalChart aggregates={aggregates} parameter={sweep.parameter} metric={metric} />
                <SweepFinalTable aggregates={aggregates} parameter={sweep.parameter} colors={colors} />
              </figure>
              <figure className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-testid="sweep-curves">
                <figcaption className="text-sm font-medium">
                  <span className="font-mono">{metric}</span> over steps, one line per {parameterLabel(sweep.parameter)}
                </figcaption>
                <SweepCurves key={`${sweep.group}|${metric}`} sweep={sweep} metric={metric} loggedBy={loggedBy} />
              </figure>
            </div>
          )}
        </>
      )}
    </section>
  );
}
