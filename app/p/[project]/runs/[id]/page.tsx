import Link from "next/link";
import { preload } from "react-dom";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { requireProjectPage } from "@/lib/pages/page-access";
import { roleAtLeast } from "@/lib/accounts/roles";
import { getRun } from "@/lib/runs/server/runs";
import { runIdSchema } from "@/lib/runs/contract";
import { ConfigTable } from "@/components/runs/config-table";
import { SaveReportButton } from "@/components/reports/save-report-button";
import { DiagnosticsPanel } from "./_components/diagnostics-panel";
import { PairViews } from "./_components/pair-views";
import { RunPairInspector } from "./_components/run-pair-inspector";
import { RunCharts } from "./_components/run-charts";
import { LiveRunBadges } from "./_components/live-run-badges";
import { newestChangeId } from "@/lib/live/server/change-rows";
import { RunDeleted } from "@/components/runs/run-deleted";
import { projectReportNamesRun } from "@/lib/reports/server/reports";
import { RunLifecycleButtons } from "./_components/run-lifecycle-buttons";
import { firstChartPageUrl } from "./_components/chart-page";
import { PlotlyScript } from "@/components/plots/plotly-script";
import { RunDetails, RunName } from "./_components/run-header";

export const dynamic = "force-dynamic";

async function loadRun(id: string, project: string) {
  if (!runIdSchema.safeParse(id).success) notFound();
  const run = await getRun({ db: await getDb(), id }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  });
  if (run && run.project !== project) notFound();
  return run;
}

export default async function RunPage({
  params,
  searchParams,
}: {
  params: Promise<{ project: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { project: rawProject, id } = await params;
  const project = decodeURIComponent(rawProject);
  const { role, project: projectRow } = await requireProjectPage(project, `/p/${encodeURIComponent(project)}/runs/${encodeURIComponent(id)}`);
  // Read before the run: a change committed after this is replayed to the page's live stream, never missed.
  const since = await newestChangeId(await getDb());
  const run = await loadRun(id, project);
  if (!run) {
    // A report of this project named the run (reports are checked when saved): it existed, so it was deleted.
    if (!(await projectReportNamesRun({ projectId: projectRow.id, runId: id }))) notFound();
    return <RunDeleted project={project} />;
  }
  // The browser fetches the diagnostics and the first page of charts while the page's scripts load, instead of
  // after it hydrates; the components' own requests (same URLs) take those responses.
  const editable = { id: run.id, name: run.name, group: run.group, tags: run.tags, notes: run.notes };
  const x = (await searchParams).x === "time" ? "time" : "step";
  preload(`/api/v1/runs/${run.id}/diagnostics`, { as: "fetch", crossOrigin: "anonymous" });
  preload(firstChartPageUrl(run.id, x), { as: "fetch", crossOrigin: "anonymous" });
  return (
    <article className="space-y-6">
      <PlotlyScript />
      <header>
        <Link href={`/p/${encodeURIComponent(project)}`} className="text-sm text-blue-700 hover:underline">
          ← {project}
        </Link>
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <RunName run={editable} />
          <LiveRunBadges
            project={project}
            run={{ id: run.id, status: run.status, health: run.health, last_seen_at: run.last_seen_at, algorithm: run.algorithm, flags: run.flags, tags: run.tags }}
            since={since}
          />
          {run.archived_at && <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">archived</span>}
          {roleAtLeast(role, "editor") && <SaveReportButton project={project} defaultTitle={run.name} className="ml-auto" />}
          {roleAtLeast(role, "editor") && <RunLifecycleButtons project={project} runId={run.id} archived={Boolean(run.archived_at)} />}
        </div>
        <p className="mt-1 font-mono text-xs text-slate-500">{run.id}</p>
        <RunDetails project={project} run={editable} canEdit={roleAtLeast(role, "editor")} />
      </header>
      <section aria-labelledby="diagnostics-heading">
        <h2 id="diagnostics-heading" className="mb-3 text-lg font-semibold">
          3D-property diagnostics
        </h2>
        <DiagnosticsPanel runId={run.id} />
        <div className="mt-4">
          <PairViews runId={run.id} />
        </div>
        <div className="mt-4">
          <RunPairInspector runId={run.id} />
        </div>
      </section>
      <section aria-labelledby="metrics-heading">
        <h2 id="metrics-heading" className="mb-3 text-lg font-semibold">
          All metrics
        </h2>
        <RunCharts runId={run.id} />
      </section>
      <ConfigTable config={run.config} />
    </article>
  );
}
