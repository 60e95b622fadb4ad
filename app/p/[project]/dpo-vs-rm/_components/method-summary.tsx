import Link from "next/link";
import type { MethodCurve } from "@/lib/comparisons/view/accuracy-curves";
import { formatValue } from "@/lib/core/view/format";
import { cellText } from "@/lib/comparisons/view/table-format";
import { methodColor } from "./method-colors";

/** The step at which the mean curve is highest: how soon a method gets where it gets. */
function peak(curve: MethodCurve["curve"]): { value: number; step: number } | null {
  let best: { value: number; step: number } | null = null;
  curve.mean.forEach((value, i) => {
    if (value !== null && (best === null || value > best.value)) best = { value, step: curve.steps[i]! };
  });
  return best;
}

/** Per method: its runs, the final value over seeds (mean ± std), the mean curve's peak. Without `project` (a shared page) run names are not links. */
export function MethodSummary({ curves, project, metric }: { curves: MethodCurve[]; project?: string; metric: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-sm" data-testid="method-summary">
        <thead>
          <tr className="border-b border-slate-200 text-left">
            <th className="px-3 py-2 font-medium">method</th>
            <th className="px-3 py-2 text-right font-medium">n</th>
            <th className="px-3 py-2 text-right font-medium">{metric} at the last step</th>
            <th className="px-3 py-2 text-right font-medium">peak of the mean (step)</th>
            <th className="px-3 py-2 font-medium">runs</th>
          </tr>
        </thead>
        <tbody>
          {curves.map((c) => {
            const top = peak(c.curve);
            return (
              <tr key={c.method} className="border-b border-slate-100 last:border-0" data-method={c.method}>
                <th scope="row" className="px-3 py-1.5 text-left font-normal whitespace-nowrap">
                  <span className="mr-2 inline-block h-2.5 w-2.5 rounded-full" style={{ background: methodColor(c.method) }} />
                  {c.method}
                </th>
                <td className="px-3 py-1.5 text-right tabular-nums">{c.runs.length}</td>
                <td className="px-3 py-1.5 text-right whitespace-nowrap tabular-nums">{cellText({ ...c.final, best: false }, c.runs.length)}</td>
                <td className="px-3 py-1.5 text-right whitespace-nowrap tabular-nums">{top ? `${formatValue(top.value)} (${top.step})` : "—"}</td>
                <td className="px-3 py-1.5 text-xs">
                  {c.runs.map((r, i) => (
                    <span key={r.id}>
                      {i > 0 && ", "}
                      {project ? (
                        <Link href={`/p/${encodeURIComponent(project)}/runs/${r.id}`} className="font-mono text-blue-700 hover:underline">
                          {r.name}
                        </Link>
                      ) : (
                        <span className="font-mono">{r.name}</span>
                      )}
                    </span>
                  ))}
                  {c.nonFinite > 0 && <span className="ml-1 text-amber-700">({c.nonFinite} non-finite points left out of the curve)</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
