import { formatValue } from "@/lib/core/view/format";
import { parameterLabel, type BetaAggregate } from "@/lib/comparisons/view/sweep";

/** The chart's numbers, and what it cannot draw: runs whose final value is NaN/±Inf or that never logged the metric. */
export function SweepFinalTable({ aggregates, parameter, colors }: { aggregates: BetaAggregate[]; parameter: string; colors: Record<string, string> }) {
  return (
    <table className="w-full text-sm" data-testid="sweep-final-table">
      <thead className="text-left text-slate-600">
        <tr className="border-b border-slate-200">
          <th className="py-1 pr-3 font-medium">{parameterLabel(parameter)}</th>
          <th className="py-1 pr-3 text-right font-medium">final value</th>
          <th className="py-1 pr-3 text-right font-medium">± s.e.</th>
          <th className="py-1 text-right font-medium">runs</th>
        </tr>
      </thead>
      <tbody className="font-mono">
        {aggregates.map((a) => {
          const runs = a.values.length + a.nonFinite + a.missing;
          const notes = [a.nonFinite ? `${a.nonFinite} non-finite` : "", a.missing ? `${a.missing} not logged` : ""].filter(Boolean).join(", ");
          return (
            <tr key={a.beta} className="border-b border-slate-100 last:border-0" data-beta={a.beta}>
              <td className="py-1 pr-3">
                <span className="mr-2 inline-block h-2.5 w-2.5 rounded-full align-middle" style={{ backgroundColor: colors[String(a.beta)] }} aria-hidden />
                {formatValue(a.beta)}
              </td>
              <td className="py-1 pr-3 text-right">{formatValue(a.mean)}</td>
              <td className="py-1 pr-3 text-right text-slate-500">{a.stdError === null ? "" : formatValue(a.stdError)}</td>
              <td className="py-1 text-right text-slate-600">
                {runs}
                {notes && <span className="ml-1 font-sans text-xs text-amber-700">({notes})</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
