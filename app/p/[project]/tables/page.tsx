import { ProjectHeader } from "@/components/nav/project-header";
import { matchPreset, tableStateToSearch } from "@/lib/comparisons/view/table-state";
import { loadTablesView } from "@/lib/pages/tables-view";
import { ExportPanel } from "./_components/export-panel";
import { PivotTableView } from "./_components/pivot-table-view";
import { TableControls } from "./_components/table-controls";
import { requireProjectPage } from "@/lib/pages/page-access";
import { roleAtLeast } from "@/lib/accounts/roles";

export const dynamic = "force-dynamic";
export const metadata = { title: "Tables" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function TablesPage({ params, searchParams }: { params: Promise<{ project: string }>; searchParams: Promise<SearchParams> }) {
  const name = decodeURIComponent((await params).project);
  const { project, role } = await requireProjectPage(name, `/p/${encodeURIComponent(name)}/tables`);
  const { view, metricNames, configKeys } = await loadTablesView({ project: name, projectId: project.id, params: await searchParams });
  const { state, pivot, reference, truncated, queryError } = view;
  return (
    <section className="space-y-6">
      <ProjectHeader
        project={name}
        current="/tables"
        aside=<>
          {view.runCount} runs in {pivot.rows.length} rows
        </>
        reportTitle={roleAtLeast(role, "editor") ? "Results table" : undefined}
      />
      <p className="max-w-3xl text-sm text-slate-600">
        Results tables in the style of the paper&apos;s Tables 1–3: rows are runs or groups of runs (seeds), cells are a metric at its first, last, lowest or highest logged value,
        mean ± sample std over the row&apos;s runs. NaN and ±Inf values are left out of the mean and counted beside it.
      </p>
      <TableControls
        key={tableStateToSearch(state)}
        state={state}
        activePreset={matchPreset(state)}
        metricNames={metricNames}
        configKeys={configKeys}
        queryError={queryError ?? undefined}
      />
      {truncated && <p className="text-sm text-amber-700">Only the newest {view.runCount} runs are in the table; narrow the filter to see the rest.</p>}
      {state.columns.length === 0 ? (
        <p className="text-slate-600">Add a column to build the table.</p>
      ) : pivot.rows.length === 0 ? (
        <p className="text-slate-600">No runs match the filter.</p>
      ) : (
        <PivotTableView pivot={pivot} project={name} />
      )}
      {reference &&
        (reference.pivot ? (
          <PivotTableView pivot={reference.pivot} project={name} variant="reference" caption={reference.caption} />
        ) : (
          <p className="text-sm text-slate-500">No reference runs for {reference.caption}: the `paper` project is seeded with the demo data.</p>
        ))}
      <ExportPanel tables={view.exports} />
    </section>
  );
}
