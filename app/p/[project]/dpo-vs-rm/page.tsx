import Link from "next/link";
import { ProjectHeader } from "@/components/nav/project-header";
import { loadDpoVsRmView, MAX_DPO_VS_RM_RUNS as MAX_RUNS } from "@/lib/pages/dpo-vs-rm-view";
import { BandChart } from "./_components/band-chart";
import { ComparisonControls } from "./_components/comparison-controls";
import { MethodSummary } from "./_components/method-summary";
import { requireProjectPage } from "@/lib/pages/page-access";
import { roleAtLeast } from "@/lib/accounts/roles";
import { PlotlyScript } from "@/components/plots/plotly-script";

export const dynamic = "force-dynamic";
export const metadata = { title: "DPO vs reward model" };

export default async function DpoVsRmPage({
  params,
  searchParams,
}: {
  params: Promise<{ project: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const name = decodeURIComponent((await params).project);
  const { project, role } = await requireProjectPage(name, `/p/${encodeURIComponent(name)}/dpo-vs-rm`);
  const { view, metricNames, missing, curves } = await loadDpoVsRmView({ project: name, projectId: project.id, params: await searchParams });
  const { state } = view;
  return (
    <section className="space-y-6">
      <PlotlyScript />
      <ProjectHeader project={name} current="/dpo-vs-rm" reportTitle={roleAtLeast(role, "editor") ? "DPO vs reward model" : undefined} />
      <div className="max-w-3xl space-y-1 text-sm text-slate-600">
        <h2 className="text-lg font-semibold text-slate-900">DPO vs reward model: preference accuracy on held-out pairs</h2>
        <p>
          As in the paper&apos;s Figure 4: a DPO run counts a held-out pair as right when its implicit reward prefers the chosen response (β·Δ &gt; 0); a reward model when R(x, y
          <sub>w</sub>) &gt; R(x, y<sub>l</sub>). Trained on the same pairs (one scenario), the reward model&apos;s gradient is balanced between chosen and rejected; DPO&apos;s is
          not. Seeds are aligned on common steps (linear interpolation, never past a run&apos;s last point); the line is their mean.
        </p>
      </div>
      <ComparisonControls state={state} scenarios={view.scenarios} metricNames={metricNames} methodCounts={view.methodCounts} candidates={view.candidates} />
      {view.selected.length > MAX_RUNS && (
        <p className="text-sm text-amber-700">
          Showing the first {MAX_RUNS} of {view.selected.length} runs; narrow the methods or runs.
        </p>
      )}
      {missing.length > 0 && (
        <p className="text-sm text-amber-700">
          Not logged by {missing.length} run{missing.length > 1 ? "s" : ""}: <span className="font-mono">{state.metric}</span> ({missing.join(", ")})
        </p>
      )}
      {curves.length === 0 ? (
        <p className="text-slate-600">
          No runs with <span className="font-mono">{state.metric}</span> in this selection. Pick methods above, or log the metric from your runs (see the{" "}
          <Link href={`/p/${encodeURIComponent(name)}`} className="text-blue-700 hover:underline">
            runs table
          </Link>
          ).
        </p>
      ) : (
        <>
          <figure className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-chart="dpo-vs-rm" data-methods={curves.map((c) => c.method).join(",")}>
            <figcaption className="mb-1 text-sm font-medium">
              {state.metric} over training{state.scenario !== null ? `, scenario ${state.scenario}` : ""} — mean and {state.band === "std" ? "±1 std" : "min–max"} over seeds
            </figcaption>
            <BandChart curves={curves} band={state.band} yTitle={state.metric} />
          </figure>
          <MethodSummary curves={curves} project={name} metric={state.metric} />
        </>
      )}
    </section>
  );
}
