import type { ReactNode } from "react";
import { diffConfigs } from "@/lib/comparisons/view/config-diff";
import { formatConfigValue } from "@/lib/core/view/format";
import type { OverlayRun } from "@/lib/comparisons/view/overlay";

export type ConfigRun = OverlayRun & { name: string; algorithm: string | null; config: Record<string, unknown> };

/**
 * The runs' configs side by side from data alone (no hooks: a shared page renders it on the server). Only the keys
 * the runs disagree on unless `showAll`; `toggle` is the dashboard's "show all keys" box.
 */
export function ConfigDiffView({ runs, showAll, toggle }: { runs: ConfigRun[]; showAll: boolean; toggle?: ReactNode }) {
  const diff = diffConfigs({ configs: runs.map((r) => r.config), showAll });
  return (
    <div className="space-y-2">
      <div className="flex items-center justify-between gap-4 text-sm text-slate-600">
        <span>
          {diff.differing} of {diff.total} config keys differ{diff.differing > 0 ? "; differing values are highlighted" : ""}.
        </span>
        {toggle}
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-sm" data-testid="config-diff">
          <thead className="bg-slate-50 text-left">
            <tr>
              <th className="px-3 py-2 font-medium text-slate-600">key</th>
              {runs.map((run) => (
                <th key={run.id} className="px-3 py-2 font-medium" title={run.name}>
                  <span className="mr-1.5 inline-block h-2.5 w-2.5 rounded-full align-middle" style={{ backgroundColor: run.color }} aria-hidden />
                  {run.label}
                  {run.algorithm && <span className="ml-1.5 rounded bg-slate-200 px-1 text-xs font-normal">{run.algorithm}</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {diff.rows.length === 0 && (
              <tr>
                <td colSpan={runs.length + 1} className="px-3 py-3 text-slate-500">
                  {diff.total === 0 ? "No config logged." : "The configs are identical."}
                </td>
              </tr>
            )}
            {diff.rows.map((row) => (
              <tr key={row.key} data-key={row.key} data-differs={row.differs} className="border-t border-slate-100">
                <td className={`px-3 py-1.5 font-mono ${row.differs ? "font-semibold text-slate-900" : "text-slate-600"}`}>{row.key}</td>
                {row.values.map((value, i) => (
                  <td key={runs[i]!.id} className={`px-3 py-1.5 font-mono ${row.differs ? "bg-amber-50 text-amber-950" : ""}`}>
                    {value === undefined ? <span className="text-slate-500">not set</span> : formatConfigValue(value)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
