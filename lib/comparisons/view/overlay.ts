import type { ChartSpec } from "@/lib/core/view/chart-spec";
import type { ApiSeries } from "@/lib/metrics/view/series-traces";
import { metricLines } from "@/lib/metrics/view/metric-lines";

/** Tableau 10: distinguishable in pairs, and none too pale for a 1.5 px line on white. */
export const RUN_PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"];

/** What a comparison opens on: the log-probs that show the 3D-properties, the margin, and held-out accuracy. */
export const DEFAULT_COMPARE_METRICS = ["logps/chosen", "logps/rejected", "rewards/margins", "eval/pref_accuracy", "toy/unseen_mass"];

export interface OverlayRun {
  id: string;
  /** Short legend text (see `shortRunLabels`). */
  label: string;
  color: string;
}

/** A run's colour from its place in the comparison, the same in every chart and table of the page. */
export function runColor(index: number): string {
  return RUN_PALETTE[index % RUN_PALETTE.length]!;
}

/**
 * Legend labels that keep only what tells runs apart: name tokens ("-"-separated) shared at the start and at the
 * end by every name are dropped, so `toy-s1-flex_dpo-bw0.1-bl0.01-seed1` next to `…-bl0.1-seed1` reads `bl0.01`.
 */
export function shortRunLabels(names: string[]): string[] {
  if (names.length < 2) return names;
  const tokens = names.map((n) => n.split("-"));
  const shortest = Math.min(...tokens.map((t) => t.length));
  const sameAt = (pick: (t: string[]) => string | undefined) => new Set(tokens.map(pick)).size === 1;
  // Every label keeps at least one token: `a-b` next to `a-b-c` reads `b` and `b-c`, not an empty label.
  let head = 0;
  while (head < shortest - 1 && sameAt((t) => t[head])) head++;
  let tail = 0;
  while (tail < shortest - 1 - head && sameAt((t) => t[t.length - 1 - tail])) tail++;
  const labels = tokens.map((t) => t.slice(head, t.length - tail).join("-"));
  // Identical names (two runs called "baseline") stay apart by their place in the comparison.
  const seen = new Map<string, number>();
  for (const l of labels) seen.set(l, (seen.get(l) ?? 0) + 1);
  return labels.map((l, i) => (seen.get(l)! > 1 ? `${l} #${i + 1}` : l));
}

/** Every metric any of the runs logged, the ones researchers read first leading, then alphabetical. */
export function unionMetricNames(perRun: string[][]): string[] {
  const all = new Set(perRun.flat());
  const preferred = DEFAULT_COMPARE_METRICS.filter((k) => all.has(k));
  return [...preferred, ...[...all].filter((k) => !preferred.includes(k)).sort((a, b) => a.localeCompare(b))];
}

/** The default metrics that were logged; else the first few logged, so a comparison never opens empty. */
export function defaultCompareMetrics(available: string[], fallback = 4): string[] {
  const preferred = DEFAULT_COMPARE_METRICS.filter((k) => available.includes(k));
  return preferred.length ? preferred : available.slice(0, fallback);
}

/** One metric across runs: one line per run that logged it, in the run's colour. */
export function overlayMetricLines({
  runs,
  seriesByRun,
  metric,
  smoothing = 0,
}: {
  runs: OverlayRun[];
  seriesByRun: Record<string, ApiSeries[] | undefined>;
  metric: string;
  /** As on the run page: each run's raw line faint behind its smoothed one. */
  smoothing?: number;
}): ChartSpec["lines"] {
  return runs.flatMap((run) => {
    const series = seriesByRun[run.id]?.find((s) => s.key === metric);
    return series ? metricLines(run.label, series.points, { smoothing, x: "step", color: run.color }) : [];
  });
}
