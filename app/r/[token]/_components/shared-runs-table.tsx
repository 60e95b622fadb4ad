import { FlagBadge, type FlagLike } from "@/components/flags/flag-badge";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatConfigValue, formatValue, scalarConfigKeys } from "@/lib/core/view/format";
import type { SharedRuns } from "@/lib/reports/server/share-links";
import { getOwn } from "@/lib/core/view/own-keys";

/**
 * The runs a report lists, read-only: names are not links, since the token opens this list and nothing behind it.
 */
export function SharedRunsTable({ runs, summary_keys: summaryKeys }: Pick<SharedRuns, "runs" | "summary_keys">) {
  if (runs.length === 0) return <p className="text-slate-600">No runs.</p>;
  // As many config columns as the dashboard's table starts with, so the metric columns stay in view.
  const configKeys = scalarConfigKeys(
    runs.map((r) => r.config),
    6,
  );
  const head = ["Name", "Algorithm", "Status", "Flags", "Tags", ...configKeys, ...summaryKeys, "Created"];
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full text-sm" data-testid="shared-runs-table">
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
          <tr>
            {head.map((label, i) => (
              <th key={`${i}-${label}`} className={`whitespace-nowrap px-3 py-2 ${i >= 5 && i < head.length - 1 ? "text-right" : ""}`}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {runs.map((run) => (
            <tr key={run.id}>
              <td className="whitespace-nowrap px-3 py-2 font-medium">{run.name}</td>
              <td className="whitespace-nowrap px-3 py-2">{run.algorithm ?? "—"}</td>
              <td className="px-3 py-2">
                <StatusBadge status={run.status} />
              </td>
              <td className="whitespace-nowrap px-3 py-2">
                <span className="flex gap-1">
                  {(run.flags as FlagLike[]).map((f) => (
                    <FlagBadge key={f.property} flag={f} />
                  ))}
                </span>
              </td>
              <td className="whitespace-nowrap px-3 py-2 text-xs text-slate-700">{run.tags.join(", ")}</td>
              {configKeys.map((key) => (
                <td key={`c-${key}`} className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                  {formatConfigValue(getOwn(run.config, key))}
                </td>
              ))}
              {summaryKeys.map((key) => (
                <td key={`m-${key}`} className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                  {formatValue(getOwn(run.metrics, key)?.last)}
                </td>
              ))}
              <td className="whitespace-nowrap px-3 py-2">{run.created_at.slice(0, 16).replace("T", " ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
