import { notFound } from "next/navigation";
import { ProjectTabs } from "@/components/nav/project-tabs";
import { AppError } from "@/lib/errors";
import { scalarConfigKeys } from "@/lib/plots/format";
import { defaultSummaryKeys } from "@/lib/plots/summary-keys";
import { pivotToExport } from "@/lib/plots/table-export";
import { pivotTable } from "@/lib/plots/table-pivot";
import { PAPER_TABLES, paperTableLabel, referencePivot } from "@/lib/plots/table-reference";
import { defaultTableState, matchPreset, parseTableState, tableStateToSearch } from "@/lib/plots/table-state";
import { findProjectByName, listProjectMetricNames } from "@/lib/services/projects";
import { getPaperReference, listTableRuns } from "@/lib/services/table-runs";
import { ExportPanel } from "./_components/export-panel";
import { PivotTableView } from "./_components/pivot-table-view";
import { TableControls } from "./_components/table-controls";

export const dynamic = "force-dynamic";
export const metadata = { title: "Tables" };

type SearchParams = Record<string, string | string[] | undefined>;

/** The runs a state asks for; a filter the language rejects is shown next to the box, not as a 500. */
async function loadRuns(project: string, q: string, keys: string[]) {
  try {
    return { ...(await listTableRuns({ project, q, keys })), queryError: undefined };
  } catch (error) {
    if (error instanceof AppError && error.path[0] === "q") return { runs: [], truncated: false, queryError: error.message };
    throw error;
  }
}

async function loadReference(table: string | null) {
  if (!table || !PAPER_TABLES.some((t) => t.id === table)) return null;
  const { runs, metricNames, caption } = await getPaperReference({ table });
  if (runs.length === 0) return { pivot: null, caption: paperTableLabel(table) };
  return { pivot: referencePivot({ runs, table, metricNames }), caption: `paper · ${paperTableLabel(table)}${caption ? `: ${caption}` : ""}` };
}

export default async function TablesPage({ params, searchParams }: { params: Promise<{ project: string }>; searchParams: Promise<SearchParams> }) {
  const name = decodeURIComponent((await params).project);
  const project = await findProjectByName({ name });
  if (!project) notFound();
  const metricNames = await listProjectMetricNames({ projectId: project.id });
  const state = parseTableState(await searchParams, defaultTableState(defaultSummaryKeys(metricNames, 4)));
  const keys = [...new Set(state.columns.map((c) => c.key))];
  const { runs, truncated, queryError } = await loadRuns(name, state.q, keys);
  const reference = await loadReference(state.reference);
  const pivot = pivotTable({ runs, groupBy: state.groupBy, columns: state.columns });
  const exports = [pivotToExport(pivot), ...(reference?.pivot ? [pivotToExport(reference.pivot, reference.caption)] : [])];

  return (
    <section className="space-y-6">
      <div className="flex items-baseline justify-between">
        <h1 className="text-2xl font-semibold">{name}</h1>
        <span className="text-sm text-slate-600">
          {runs.length} runs in {pivot.rows.length} rows
        </span>
      </div>
      <ProjectTabs project={name} current="/tables" />
      <p className="max-w-3xl text-sm text-slate-600">
        Results tables in the style of the paper&apos;s Tables 1–3: rows are runs or groups of runs (seeds), cells are a metric at its first, last,
        lowest or highest logged value, mean ± sample std over the row&apos;s runs. NaN and ±Inf values are left out of the mean and counted
        beside it.
      </p>
      <TableControls key={tableStateToSearch(state)} state={state} activePreset={matchPreset(state)} metricNames={metricNames} configKeys={scalarConfigKeys(runs.map((r) => r.config))} queryError={queryError} />
      {truncated && <p className="text-sm text-amber-700">Only the newest {runs.length} runs are in the table; narrow the filter to see the rest.</p>}
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
      <ExportPanel tables={pivot.rows.length ? exports : []} />
    </section>
  );
}
