import "server-only";
import type { ReportTarget } from "../reports/contract";
import { loadCompareCharts, type CompareChartsView } from "./compare-view";
import { loadDpoVsRmCharts, type DpoVsRmChartsView } from "./dpo-vs-rm-view";
import { loadSweepCharts, type SweepChartsView } from "./sweep-view";
import { loadTablesView, type TablesView } from "./tables-view";

/**
 * A saved view's data as its charts and tables draw it, computed from the report's URL in the report's project only.
 * Plain JSON by construction (non-finite values are markers, counts or API strings), so a frozen link stores it as is.
 */
export type SharedView =
  { kind: "tables"; data: TablesView } | { kind: "compare"; data: CompareChartsView } | { kind: "sweeps"; data: SweepChartsView } | { kind: "dpo-vs-rm"; data: DpoVsRmChartsView };

/** URLSearchParams as Next.js hands a page its searchParams: a repeated key (`col=`) becomes a list. */
export function paramsRecord(params: URLSearchParams): Record<string, string | string[]> {
  return Object.fromEntries(
    [...new Set(params.keys())].map((key) => {
      const values = params.getAll(key);
      return [key, values.length === 1 ? values[0]! : values];
    }),
  );
}

/** The paper's reference rows name the `paper` project's runs: a shared table keeps their labels, not their ids. */
function withoutReferenceIds(view: TablesView): TablesView {
  if (!view.reference?.pivot) return view;
  const rows = view.reference.pivot.rows.map((row, i) => ({ ...row, key: `paper-${i}`, runs: row.runs.map((r) => ({ id: "", name: r.name })) }));
  return { ...view, reference: { ...view.reference, pivot: { ...view.reference.pivot, rows } } };
}

/** The data of a tables, compare, sweeps or DPO-vs-RM view; null for the views a shared page lists runs for instead. */
export async function loadSharedView({ project, projectId, target }: { project: string; projectId: number; target: ReportTarget }): Promise<SharedView | null> {
  const params = paramsRecord(target.params);
  switch (target.view) {
    case "tables":
      return { kind: "tables", data: withoutReferenceIds((await loadTablesView({ project, projectId, params })).view) };
    case "compare":
      return { kind: "compare", data: await loadCompareCharts({ project, params }) };
    case "sweeps":
      return { kind: "sweeps", data: await loadSweepCharts({ project, params }) };
    case "dpo-vs-rm":
      return { kind: "dpo-vs-rm", data: await loadDpoVsRmCharts({ project, projectId, params }) };
    default:
      return null;
  }
}
