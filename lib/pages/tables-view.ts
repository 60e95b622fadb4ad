import "server-only";
import { AppError } from "../core/errors";
import { scalarConfigKeys } from "../core/view/format";
import { defaultSummaryKeys } from "../runs/view/summary-keys";
import { pivotToExport, type ExportTable } from "../comparisons/view/table-export";
import { pivotTable, type PivotTable } from "../comparisons/view/table-pivot";
import { PAPER_TABLES, paperTableLabel, referencePivot } from "../comparisons/view/table-reference";
import { defaultTableState, parseTableState, type TableState } from "../comparisons/view/table-state";
import { listProjectMetricNames } from "../projects/server/projects";
import { getPaperReference, listTableRuns } from "../comparisons/server/table-runs";

type SearchParams = Record<string, string | string[] | undefined>;

/** What the tables view draws, for the dashboard and for a shared link alike (plain JSON: cells hold finite numbers). */
export interface TablesView {
  state: TableState;
  runCount: number;
  truncated: boolean;
  queryError: string | null;
  pivot: PivotTable;
  /** The paper's rows under the table, when the state names a paper table; `pivot` null when none are seeded. */
  reference: { pivot: PivotTable | null; caption: string } | null;
  exports: ExportTable[];
}

/** The runs a state asks for; a filter the language rejects is shown next to the box, not as a 500. */
export async function loadTableRuns(project: string, q: string, keys: string[]) {
  try {
    return { ...(await listTableRuns({ project, q, keys })), queryError: null };
  } catch (error) {
    if (error instanceof AppError && error.path[0] === "q") return { runs: [], truncated: false, queryError: error.message };
    throw error;
  }
}

async function loadReference(table: string | null): Promise<TablesView["reference"]> {
  if (!table || !PAPER_TABLES.some((t) => t.id === table)) return null;
  const { runs, metricNames, caption } = await getPaperReference({ table });
  if (runs.length === 0) return { pivot: null, caption: paperTableLabel(table) };
  return { pivot: referencePivot({ runs, table, metricNames }), caption: `paper · ${paperTableLabel(table)}${caption ? `: ${caption}` : ""}` };
}

/**
 * The tables view of a project from its URL state: the pivoted runs the filter selects (this project's only),
 * the paper's reference rows, and the export text's tables. Also what the controls need (metric names, config keys).
 */
export async function loadTablesView({ project, projectId, params }: { project: string; projectId: number; params: SearchParams }) {
  const metricNames = await listProjectMetricNames({ projectId });
  const state = parseTableState(params, defaultTableState(defaultSummaryKeys(metricNames, 4)));
  const keys = [...new Set(state.columns.map((c) => c.key))];
  const { runs, truncated, queryError } = await loadTableRuns(project, state.q, keys);
  const reference = await loadReference(state.reference);
  const pivot = pivotTable({ runs, groupBy: state.groupBy, columns: state.columns });
  const exports = [pivotToExport(pivot), ...(reference?.pivot ? [pivotToExport(reference.pivot, reference.caption)] : [])];
  const view: TablesView = { state, runCount: runs.length, truncated, queryError, pivot, reference, exports: pivot.rows.length ? exports : [] };
  return { view, metricNames, configKeys: scalarConfigKeys(runs.map((r) => r.config)) };
}
