import { LineChart } from "@/components/plots/line-chart";
import type { ChartSpec } from "@/lib/core/view/chart-spec";

export interface OverlayChart {
  metric: string;
  lines: ChartSpec["lines"];
  /** Labels of the runs that never logged the metric. */
  lacking: string[];
}

/** One chart per metric, a line per run: drawn from data alone, so the dashboard and a shared page both use it. */
export function OverlayChartGrid({ charts, pending = false }: { charts: OverlayChart[]; pending?: boolean }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {charts.map(({ metric, lines, lacking }) => (
        <figure key={metric} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-metric={metric}>
          <figcaption className="flex items-baseline justify-between gap-2 text-sm">
            <span className="font-mono font-medium">{metric}</span>
            {lacking.length > 0 && <span className="truncate text-xs text-slate-500">not logged by {lacking.join(", ")}</span>}
          </figcaption>
          {lines.length > 0 ? (
            <LineChart lines={lines} height={280} />
          ) : (
            <p className="py-10 text-center text-sm text-slate-500">{pending ? "Loading…" : "No run logged this metric."}</p>
          )}
        </figure>
      ))}
    </div>
  );
}
