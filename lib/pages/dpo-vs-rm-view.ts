import "server-only";
import { getDb } from "../core/db";
import { methodCurves, type BandKind, type MethodCurve, type SeedSeries } from "../comparisons/view/accuracy-curves";
import { boundBandCurve } from "../metrics/view/bound-points";
import { methodOf, resolveDpoVsRm } from "../comparisons/view/dpo-vs-rm-state";
import { listProjectMetricNames } from "../projects/server/projects";
import { readRunsMetricSeries } from "../metrics/server/runs-metric-series";
import { listTableRuns } from "../comparisons/server/table-runs";

type SearchParams = Record<string, string | string[] | undefined>;

/** Enough for many seeds of a few methods; more lines than this read as noise in one band anyway. */
export const MAX_DPO_VS_RM_RUNS = 60;

/** The scenario's runs the URL chooses, the first MAX_DPO_VS_RM_RUNS of them drawn: also what a live link follows. */
export async function selectDpoVsRmRuns({ project, projectId, params }: { project: string; projectId: number; params: SearchParams }) {
  const metricNames = await listProjectMetricNames({ projectId });
  const { runs } = await listTableRuns({ project, keys: [] });
  const view = resolveDpoVsRm({ params, runs, metricNames });
  return { view, metricNames, selected: view.selected.slice(0, MAX_DPO_VS_RM_RUNS) };
}

/**
 * The DPO-vs-reward-model view a URL asks for: the scenario's runs of this project, the methods and runs chosen,
 * and one mean-and-band curve per method (at most 1000 steps each) of the chosen metric.
 */
export async function loadDpoVsRmView({ project, projectId, params }: { project: string; projectId: number; params: SearchParams }) {
  const { view, metricNames, selected } = await selectDpoVsRmRuns({ project, projectId, params });
  const seriesByRun = await readRunsMetricSeries({ db: await getDb(), runIds: selected.map((r) => r.id), key: view.state.metric });
  const series: SeedSeries[] = selected.flatMap((r) => {
    const points = seriesByRun.get(r.id);
    return points ? [{ runId: r.id, name: r.name, method: methodOf(r), points: points.map((p) => ({ step: p.step, value: p.value })) }] : [];
  });
  const curves = methodCurves({ series, band: view.state.band }).map((c) => ({ ...c, curve: boundBandCurve(c.curve) }));
  const missing = selected.filter((r) => !seriesByRun.has(r.id)).map((r) => r.name);
  return { view, metricNames, selectedCount: view.selected.length, missing, curves };
}

/** The view drawn from data alone: what a shared link keeps (curves hold finite numbers; non-finite points are counted). */
export interface DpoVsRmChartsView {
  metric: string;
  scenario: string | null;
  band: BandKind;
  selectedCount: number;
  missing: string[];
  curves: MethodCurve[];
}

export async function loadDpoVsRmCharts(args: { project: string; projectId: number; params: SearchParams }): Promise<DpoVsRmChartsView> {
  const { view, selectedCount, missing, curves } = await loadDpoVsRmView(args);
  return { metric: view.state.metric, scenario: view.state.scenario, band: view.state.band, selectedCount, missing, curves };
}
