"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { FlagBadge, type FlagLike } from "@/components/flags/flag-badge";
import { LineChart } from "@/components/plots/line-chart";
import type { OverlayRun } from "@/lib/comparisons/view/overlay";
import { overlayDiagnosticSpecs } from "@/lib/comparisons/view/overlay-diagnostics";
import type { ApiPoint } from "@/lib/metrics/view/series-traces";

export interface RunDiagnosticsData {
  flags: FlagLike[];
  series: Record<string, ApiPoint[]>;
}

/**
 * The 3D panel for several runs from data alone: each run's flags, then the diagnostics' series overlaid, colour by
 * run. `runHref` links each run to its page; a shared page passes none, since its link opens this view only.
 */
export function DiagnosticsOverlayView({
  runs,
  byRun,
  pending = false,
  error,
  runHref,
}: {
  runs: OverlayRun[];
  byRun: Record<string, RunDiagnosticsData | undefined>;
  pending?: boolean;
  error?: string;
  runHref?: (runId: string) => string;
}) {
  const [perToken, setPerToken] = useState(false);
  const seriesByRun = useMemo(() => Object.fromEntries(runs.map((r) => [r.id, byRun[r.id]?.series])), [runs, byRun]);
  const charts = useMemo(() => overlayDiagnosticSpecs({ runs, seriesByRun, perToken }), [runs, seriesByRun, perToken]);
  const hasPerToken = Object.values(seriesByRun).some((s) => s?.["diag/logp_chosen_per_token_change"]);

  return (
    <div className="space-y-4" data-testid="diagnostics-overlay">
      {error && <p className="text-sm text-red-700">Could not compute diagnostics: {error}</p>}
      <table className="w-full text-sm">
        <tbody>
          {runs.map((run) => {
            const data = byRun[run.id];
            return (
              <tr key={run.id} className="border-b border-slate-100 last:border-0" data-run-flags={run.id}>
                <td className="w-1 py-1.5 pr-3 whitespace-nowrap">
                  <span className="mr-2 inline-block h-3 w-3 rounded-full align-middle" style={{ backgroundColor: run.color }} aria-hidden />
                  {runHref ? (
                    <Link href={runHref(run.id)} className="font-medium hover:underline">
                      {run.label}
                    </Link>
                  ) : (
                    <span className="font-medium">{run.label}</span>
                  )}
                </td>
                <td className="py-1.5">
                  {!data ? (
                    <span className="text-slate-500">computing…</span>
                  ) : data.flags.length === 0 ? (
                    <span className="text-emerald-700">no flags</span>
                  ) : (
                    <span className="flex flex-wrap gap-1">
                      {data.flags.map((f) => (
                        <FlagBadge key={f.property} flag={f} />
                      ))}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {hasPerToken && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={perToken} onChange={(e) => setPerToken(e.target.checked)} /> per token
        </label>
      )}
      {charts.length === 0 && !pending && <p className="text-sm text-slate-600">None of these runs logged what the diagnostics need (log-probs and β).</p>}
      <div className="grid gap-4 lg:grid-cols-2">
        {charts.map((chart) => (
          <figure key={chart.id} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-chart={chart.id}>
            <figcaption className="text-sm font-medium">{chart.title}</figcaption>
            <LineChart lines={chart.lines} yTitle={chart.yTitle} height={300} />
          </figure>
        ))}
      </div>
    </div>
  );
}
