"use client";

import { useState } from "react";
import type { ColumnStat, Direction, TableColumn } from "@/lib/comparisons/view/table-pivot";
import { guessDirection, type TableState } from "@/lib/comparisons/view/table-state";

const STATS: { value: ColumnStat; label: string }[] = [
  { value: "first", label: "first step" },
  { value: "last", label: "last step" },
  { value: "min", label: "min" },
  { value: "max", label: "max" },
];

const DIRECTIONS: { value: Direction; label: string }[] = [
  { value: "higher", label: "higher is better" },
  { value: "lower", label: "lower is better" },
  { value: "none", label: "no best" },
];

const field = "min-w-0 max-w-full rounded border border-slate-300 bg-white px-1.5 py-0.5 text-xs";

/** The table's columns: metric, step statistic, which way is better; reorder, remove, add. */
export function ColumnEditor({ state, metricNames, apply }: { state: TableState; metricNames: string[]; apply: (next: TableState) => void }) {
  const [adding, setAdding] = useState("");
  const setColumns = (columns: TableColumn[]) => apply({ ...state, columns });
  const update = (i: number, patch: Partial<TableColumn>) => setColumns(state.columns.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...state.columns];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    setColumns(next);
  };

  return (
    <fieldset className="space-y-2">
      <legend className="text-sm text-slate-600">Columns</legend>
      <ol className="flex flex-wrap gap-2">
        {state.columns.map((column, i) => (
          <li key={i} className="flex max-w-full flex-wrap items-center gap-1 rounded border border-slate-200 bg-slate-50 px-2 py-1" data-testid="column-chip">
            <span className="font-mono text-xs">{column.key}</span>
            <select aria-label={`Step of ${column.key}`} className={field} value={column.stat} onChange={(e) => update(i, { stat: e.target.value as ColumnStat })}>
              {STATS.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
            <select aria-label={`Better for ${column.key}`} className={field} value={column.better} onChange={(e) => update(i, { better: e.target.value as Direction })}>
              {DIRECTIONS.map((d) => (
                <option key={d.value} value={d.value}>
                  {d.label}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="px-1 text-slate-500 hover:text-slate-900 disabled:opacity-30"
              disabled={i === 0}
              onClick={() => move(i, -1)}
              aria-label={`Move ${column.key} left`}
            >
              ←
            </button>
            <button
              type="button"
              className="px-1 text-slate-500 hover:text-slate-900 disabled:opacity-30"
              disabled={i === state.columns.length - 1}
              onClick={() => move(i, 1)}
              aria-label={`Move ${column.key} right`}
            >
              →
            </button>
            <button
              type="button"
              className="px-1 text-slate-500 hover:text-red-700"
              onClick={() => setColumns(state.columns.filter((_, j) => j !== i))}
              aria-label={`Remove ${column.key}`}
            >
              ×
            </button>
          </li>
        ))}
      </ol>
      <form
        className="flex items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (!adding) return;
          setColumns([...state.columns, { key: adding, stat: "last", better: guessDirection(adding) }]);
          setAdding("");
        }}
      >
        <select aria-label="Add column" className="rounded border border-slate-300 bg-white px-2 py-1 text-sm" value={adding} onChange={(e) => setAdding(e.target.value)}>
          <option value="">Add a metric…</option>
          {metricNames.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <button type="submit" disabled={!adding} className="rounded bg-slate-100 px-3 py-1 text-sm ring-1 ring-slate-300 hover:ring-slate-500 disabled:opacity-50">
          Add column
        </button>
      </form>
    </fieldset>
  );
}
