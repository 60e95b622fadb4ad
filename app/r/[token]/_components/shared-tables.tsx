import { ExportPanel } from "@/app/p/[project]/tables/_components/export-panel";
import { PivotTableView } from "@/app/p/[project]/tables/_components/pivot-table-view";
import type { TablesView } from "@/lib/pages/tables-view";

/** A tables report: the results table (best cells, mean ± std), the paper's rows, and the copy buttons; no controls. */
export function SharedTables({ data }: { data: TablesView }) {
  const { state, pivot, reference } = data;
  return (
    <section className="space-y-4" aria-label="Results table" data-testid="shared-tables">
      <p className="text-sm text-slate-600">
        {data.runCount} runs in {pivot.rows.length} rows
        {state.q && (
          <>
            {" "}
            · filter <code className="rounded bg-slate-100 px-1">{state.q}</code>
          </>
        )}{" "}
        · grouped by <code className="rounded bg-slate-100 px-1">{pivot.rowHeader}</code>
      </p>
      {data.queryError && <p className="text-red-700">The saved filter no longer parses: {data.queryError}</p>}
      {data.truncated && <p className="text-sm text-amber-700">Only the newest {data.runCount} runs are in the table.</p>}
      {pivot.columns.length === 0 || pivot.rows.length === 0 ? <p className="text-slate-600">No runs match the saved view.</p> : <PivotTableView pivot={pivot} />}
      {reference?.pivot && <PivotTableView pivot={reference.pivot} variant="reference" caption={reference.caption} />}
      <ExportPanel tables={data.exports} />
    </section>
  );
}
