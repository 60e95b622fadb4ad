import "server-only";
import type { ReportTarget } from "../reports/contract";
import { defaultTableState, parseTableState } from "../comparisons/view/table-state";
import { loadCompareView } from "./compare-view";
import { selectDpoVsRmRuns } from "./dpo-vs-rm-view";
import { paramsRecord } from "./shared-view";
import { chooseSweep } from "./sweep-view";
import { loadTableRuns } from "./tables-view";

/** A compare view's runs are named by its URL; the others' by a filter that a later run can match too. */
export const drawsByFilter = (view: string) => view === "tables" || view === "sweeps" || view === "dpo-vs-rm";

/**
 * The runs of the report's project that a tables, compare, sweeps or DPO-vs-RM view draws, chosen as its loader
 * chooses them but without reading their series: what a live link follows. The paper's reference rows are another
 * project's and are never followed. Null for a view that draws nothing.
 */
export async function loadSharedViewRunIds({ project, projectId, target }: { project: string; projectId: number; target: ReportTarget }): Promise<string[] | null> {
  const params = paramsRecord(target.params);
  switch (target.view) {
    case "tables": {
      // Only the filter picks the runs; the columns (whose default needs the metric names) do not.
      const { q } = parseTableState(params, defaultTableState([]));
      return (await loadTableRuns(project, q, [])).runs.map((r) => r.id);
    }
    case "compare":
      return (await loadCompareView({ project, params })).runs.map((r) => r.id);
    case "sweeps":
      return (await chooseSweep({ project, params })).sweep?.runs.map((r) => r.id) ?? [];
    case "dpo-vs-rm":
      return (await selectDpoVsRmRuns({ project, projectId, params })).selected.map((r) => r.id);
    default:
      return null;
  }
}
