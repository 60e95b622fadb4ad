import { LineChart } from "@/components/plots/line-chart";
import type { ChartSpec } from "@/lib/core/view/chart-spec";
import { prefersLogAxis } from "@/lib/comparisons/view/sweep-chart";

/** The sweep's curves from data alone (a log axis when the values span decades): the dashboard and shared pages both draw it. */
export function SweepCurvesChart({ lines, metric, pending = false }: { lines: ChartSpec["lines"]; metric: string; pending?: boolean }) {
  if (lines.length === 0) return <p className="py-10 text-center text-sm text-slate-500">{pending ? "Loading…" : "No run of this sweep logged the metric."}</p>;
  const logY = prefersLogAxis(lines.flatMap((l) => l.data.y));
  return <LineChart lines={lines} yTitle={logY ? `${metric} (log scale)` : metric} logY={logY} height={320} />;
}
