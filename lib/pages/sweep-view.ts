import "server-only";
import { getDb } from "../core/db";
import { boundLineData } from "../metrics/view/bound-points";
import type { ChartSpec } from "../core/view/chart-spec";
import { DEFAULT_COMPARE_METRICS } from "../comparisons/view/overlay";
import { aggregateFinalValues, type BetaAggregate, type Sweep } from "../comparisons/view/sweep";
import { betaColors } from "../comparisons/view/sweep-colors";
import { sweepCurveLines } from "../comparisons/view/sweep-curves";
import { encodeNumber } from "../core/validation/numbers";
import { readRunsMetricSeries } from "../metrics/server/runs-metric-series";
import { loadProjectSweeps, loadSweepMetrics } from "../comparisons/server/sweep-runs";

type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The requested metric if the sweep logged it; else logps/chosen (the paper's first read), another key metric, any. */
function pickMetric(requested: string | undefined, names: string[]) {
  if (requested && names.includes(requested)) return requested;
  return [...DEFAULT_COMPARE_METRICS, ...names].find((m) => names.includes(m));
}

/** The project's sweeps and the one the URL names (else the first): its runs are what a live link follows. */
export async function chooseSweep({ project, params }: { project: string; params: SearchParams }) {
  const { sweeps, truncated, keys, key } = await loadProjectSweeps({ project, key: first(params.key) });
  return { sweeps, truncated, keys, key, sweep: sweeps.find((s) => s.group === first(params.sweep)) ?? sweeps[0] };
}

/**
 * The β-sweep view a URL asks for (`?key=<config key>&sweep=<group>&metric=<metric>`, else the β parameters, the
 * first sweep and a key metric): the project's sweeps (and the config keys it could sweep instead), the chosen one's final values per β (mean ± s.e. over seeds) and the colour of each β.
 */
export async function loadSweepView({ project, params }: { project: string; params: SearchParams }) {
  const { sweeps, truncated, keys, key, sweep } = await chooseSweep({ project, params });
  const metrics = sweep ? await loadSweepMetrics({ sweep }) : undefined;
  const names = metrics?.names ?? [];
  const metric = pickMetric(first(params.metric), names);
  const loaded = metrics && metric ? metrics.finalsOf(metric) : undefined;
  const aggregates: BetaAggregate[] = loaded ? aggregateFinalValues({ values: loaded.finals }) : [];
  const colors = Object.fromEntries([...betaColors(sweep?.values ?? [])].map(([b, c]) => [String(b), c]));
  return { sweeps, truncated, keys, key, sweep, names, metric, loggedBy: loaded?.loggedBy ?? null, aggregates, colors };
}

/** The metric over steps, one line per β (seeds averaged), read on the server: what the browser draws on a shared page. */
export async function loadSweepCurves({ sweep, metric, loggedBy }: { sweep: Sweep; metric: string; loggedBy: string[] }): Promise<ChartSpec["lines"]> {
  const read = await readRunsMetricSeries({ db: await getDb(), runIds: sweep.runs.filter((r) => loggedBy.includes(r.id)).map((r) => r.id), key: metric });
  const seriesByRun = Object.fromEntries([...read].map(([id, points]) => [id, points.map((p) => ({ step: p.step, value: encodeNumber(p.value) }))]));
  // Seeds logged at different steps make a mean longer than any one of them: bound the line, not only its inputs.
  return sweepCurveLines({ sweep, seriesByRun, colors: betaColors(sweep.values) }).map((line) => ({ ...line, data: boundLineData(line.data) }));
}

/** A β sweep drawn from data alone: what a shared link keeps (plain JSON; non-finite finals are counted, not stored). */
export interface SweepChartsView {
  sweep: Pick<Sweep, "group" | "parameter" | "values" | "fixed"> | null;
  runCount: number;
  metric: string | null;
  aggregates: BetaAggregate[];
  colors: Record<string, string>;
  curves: ChartSpec["lines"];
}

export async function loadSweepCharts({ project, params }: { project: string; params: SearchParams }): Promise<SweepChartsView> {
  const { sweep, metric, loggedBy, aggregates, colors } = await loadSweepView({ project, params });
  const curves = sweep && metric && loggedBy ? await loadSweepCurves({ sweep, metric, loggedBy }) : [];
  const shown = sweep ? { group: sweep.group, parameter: sweep.parameter, values: sweep.values, fixed: sweep.fixed } : null;
  return { sweep: shown, runCount: sweep?.runs.length ?? 0, metric: metric ?? null, aggregates, colors, curves };
}
