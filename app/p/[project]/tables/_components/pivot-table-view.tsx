import Link from "next/link";
import { describeCell } from "@/lib/comparisons/view/table-format";
import type { PivotTable } from "@/lib/comparisons/view/table-pivot";

const BETTER_MARK = { higher: "↑", lower: "↓", none: "" } as const;

/**
 * A results table: one row per run or group, mean ± std per column, the best cell per column in bold on a light
 * green. The `reference` variant is the paper's rows: greyed and labelled, never competing for "best". Without a
 * `project` (a shared page) run rows are plain text: the link opens the table, not the runs behind it.
 */
export function PivotTableView({ pivot, project, variant = "results", caption }: { pivot: PivotTable; project?: string; variant?: "results" | "reference"; caption?: string }) {
  const reference = variant === "reference";
  return (
    // Focusable, so a keyboard can scroll a table wider than the screen.
    <div
      tabIndex={0}
      role="region"
      aria-label={caption ?? (reference ? "The paper's table" : "Results table")}
      className={`overflow-x-auto rounded-lg border ${reference ? "border-dashed border-slate-300 bg-slate-50" : "border-slate-200 bg-white shadow-sm"}`}
    >
      <table className={`w-full text-sm ${reference ? "text-slate-500" : ""}`} data-testid={reference ? "reference-table" : "results-table"}>
        {caption && <caption className="px-3 pt-2 text-left text-xs text-slate-500">{caption}</caption>}
        <thead>
          <tr className="border-b border-slate-200 text-left">
            <th scope="col" className="px-3 py-2 font-medium">
              {pivot.rowHeader}
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium" title="runs in the row (seeds)">
              n
            </th>
            {pivot.columns.map((column, i) => (
              <th
                key={i}
                scope="col"
                className={`px-3 py-2 text-right font-medium ${reference ? "" : "whitespace-nowrap"}`}
                title={column.better === "none" ? undefined : `${column.better} is better`}
              >
                {column.label}
                {column.better !== "none" && <span className="ml-1 text-slate-500">{BETTER_MARK[column.better]}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {pivot.rows.map((row) => (
            <tr key={row.key} className="border-b border-slate-100 last:border-0" data-row={row.label}>
              <th scope="row" className="px-3 py-1.5 text-left font-normal whitespace-nowrap" title={row.runs.map((r) => r.name).join("\n")}>
                {reference && <span className="mr-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs text-slate-600">paper</span>}
                {pivot.groupBy === "run" && !reference && project ? (
                  <Link href={`/p/${encodeURIComponent(project)}/runs/${row.runs[0]!.id}`} className="text-blue-700 hover:underline">
                    {row.label}
                  </Link>
                ) : (
                  row.label
                )}
              </th>
              <td className="px-3 py-1.5 text-right tabular-nums" data-testid="row-n">
                {row.runs.length}
              </td>
              {row.cells.map((cell, i) => {
                const { mean, std, note } = describeCell(cell, row.runs.length);
                return (
                  <td
                    key={i}
                    data-best={cell.best || undefined}
                    className={`px-3 py-1.5 text-right whitespace-nowrap tabular-nums ${cell.best ? "bg-emerald-50 font-semibold text-slate-900" : ""}`}
                  >
                    {mean}
                    {std !== null && <span className={cell.best ? "" : "text-slate-500"}> ± {std}</span>}
                    {note && <span className="ml-1 text-xs font-normal text-amber-700">({note})</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
