"use client";

import { useMemo, useState } from "react";
import { FlagBadge } from "@/components/flags/flag-badge";
import { LineChart } from "@/components/plots/line-chart";
import type { DiagnosticsResponse } from "@/lib/diagnostics/contract";
import { diagnosticChartSpecs } from "@/lib/diagnostics/view/diagnostic-charts";
import { FLAG_EXPLANATIONS, FLAG_LABELS, SEVERITY_COLORS } from "@/lib/diagnostics/view/flag-text";
import { evidenceInWords } from "@/lib/diagnostics/view/evidence-words";

/**
 * The 3D panel drawn from data it is given, so a shared page can feed it from its token's endpoint instead of the
 * open run API; the run page's DiagnosticsPanel wraps it with its own fetch.
 */
export function DiagnosticsView({ data }: { data: Pick<DiagnosticsResponse, "flags" | "series" | "unavailable" | "summary"> }) {
  const [perToken, setPerToken] = useState(false);
  const charts = useMemo(() => diagnosticChartSpecs(data.series, perToken), [data, perToken]);
  const markers = useMemo(() => data.flags.map((f) => ({ x: f.first_step, label: FLAG_LABELS[f.property], color: SEVERITY_COLORS[f.severity] ?? "#444" })), [data]);
  const hasPerToken = Boolean(data.series["diag/logp_chosen_per_token_change"]);
  const source = data.summary.source === "sequences" ? "per-pair log-probs" : data.summary.source === "batch_means" ? "batch means" : "no usable data";
  return (
    <div className="space-y-4" data-testid="diagnostics-panel">
      {data.flags.length === 0 && data.summary.source === "none" ? (
        // Nothing was checked: saying "no flags" in green would read as a clean bill of health.
        <p className="rounded-lg border border-slate-200 bg-slate-50 p-3 text-sm text-slate-800" data-testid="diagnostics-no-data">
          Nothing to check yet: the 3D properties need chosen and rejected log-probs, per pair (<code>log_sequences</code>) or as batch means (TRL&apos;s <code>logps/*</code> or{" "}
          <code>rewards/*</code>), and this run has neither.
        </p>
      ) : data.flags.length === 0 ? (
        <p className="rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
          No flags: no drastic drop, degradation or dispersion held over a window of this run ({data.summary.points} points from {source}), and no non-finite values or loss spike.
        </p>
      ) : (
        <ul className="grid gap-3 lg:grid-cols-3">
          {data.flags.map((flag) => {
            const { rows, rule } = evidenceInWords(flag.evidence);
            return (
              <li key={flag.property} className="rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-sm" data-testid={`flag-${flag.property}`}>
                <div className="mb-1 flex items-center justify-between gap-2">
                  <FlagBadge flag={flag} />
                  <span className="text-xs text-slate-500">
                    {flag.severity} · from step {flag.first_step}
                  </span>
                </div>
                <p className="mb-2 text-slate-700">{FLAG_EXPLANATIONS[flag.property]}</p>
                <table className="w-full text-xs">
                  <tbody>
                    {rows.map((row) => (
                      <tr key={row.label} className="align-top">
                        <th scope="row" className="py-0.5 pr-2 text-left font-normal text-slate-600">
                          {row.label}
                        </th>
                        <td className="py-0.5 text-right font-mono">
                          <span className="whitespace-nowrap">{row.value}</span>
                          {row.threshold && <span className="block whitespace-nowrap text-slate-600">({row.threshold})</span>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {rule && <p className="mt-1 text-xs text-slate-600">{rule}</p>}
              </li>
            );
          })}
        </ul>
      )}
      {data.summary.assumptions.length > 0 && (
        // An assumed β changes every derived number: said in the open, not behind a disclosure.
        <div className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900" data-testid="diagnostics-assumptions">
          <p className="font-medium">Computed with assumptions (set these in the run&apos;s config to remove them):</p>
          <ul className="ml-5 list-disc">
            {data.summary.assumptions.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </div>
      )}
      {data.unavailable.length > 0 && (
        <details className="text-sm text-slate-600">
          <summary>{data.unavailable.length} diagnostic(s) need more data</summary>
          <ul className="ml-5 list-disc">
            {data.unavailable.map((u) => (
              <li key={u.diagnostic}>
                <strong>{u.diagnostic}</strong>: {u.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      {hasPerToken && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={perToken} onChange={(e) => setPerToken(e.target.checked)} /> per token
        </label>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        {charts.map((chart) => (
          <figure key={chart.id} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-chart={chart.id}>
            <figcaption className="text-sm font-medium">{chart.title}</figcaption>
            <LineChart lines={chart.lines} yTitle={chart.yTitle} y2Title={chart.y2Title} markers={markers} />
          </figure>
        ))}
      </div>
    </div>
  );
}
