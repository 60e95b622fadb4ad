"use client";

import Link from "next/link";
import { useState } from "react";
import { PAPER_TABLES } from "@/lib/comparisons/view/table-reference";
import { TABLE_PRESETS, type PresetId, type TableState } from "@/lib/comparisons/view/table-state";
import { ColumnEditor } from "./column-editor";
import { useTableNavigation } from "./use-table-navigation";

const FIXED_GROUPS = [
  { value: "run", label: "run (no grouping)" },
  { value: "group", label: "run group" },
  { value: "algorithm", label: "algorithm" },
];

const field = "min-w-0 max-w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm";

interface TableControlsProps {
  state: TableState;
  activePreset: PresetId | null;
  metricNames: string[];
  configKeys: string[];
  queryError?: string;
}

/**
 * Presets, the runs filter, grouping, columns and reference rows: every edit rewrites the URL. The page keys this
 * component by the state, so the filter box follows back/forward navigation.
 */
export function TableControls({ state: served, activePreset, metricNames, configKeys, queryError }: TableControlsProps) {
  const { state, apply, pending } = useTableNavigation(served);
  const [q, setQ] = useState(state.q);
  const groups = [...FIXED_GROUPS, ...configKeys.map((k) => ({ value: `config.${k}`, label: `config.${k}` }))];
  if (!groups.some((g) => g.value === state.groupBy)) groups.push({ value: state.groupBy, label: state.groupBy });

  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-busy={pending}>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-slate-600">Presets:</span>
        {TABLE_PRESETS.map((preset) => (
          <Link
            key={preset.id}
            href={`?preset=${preset.id}`}
            title={preset.description}
            aria-current={activePreset === preset.id ? "true" : undefined}
            className={`rounded-full px-3 py-1 ring-1 ${activePreset === preset.id ? "bg-slate-900 text-white ring-slate-900" : "bg-white ring-slate-300 hover:ring-slate-500"}`}
          >
            {preset.label}
          </Link>
        ))}
        {pending && <span className="text-xs text-slate-500">Updating…</span>}
      </div>

      <form
        className="flex flex-wrap items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          apply({ ...state, q: q.trim() });
        }}
      >
        <input
          value={q}
          onChange={(e) => setQ(e.target.value)}
          aria-label="Filter runs"
          aria-invalid={Boolean(queryError)}
          placeholder="Filter runs, e.g. tag:scenario-table AND config.beta = 0.1"
          className={`min-w-80 flex-1 rounded border px-3 py-1.5 font-mono text-sm ${queryError ? "border-red-500" : "border-slate-300"}`}
        />
        <button type="submit" className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white">
          Filter
        </button>
      </form>
      {queryError && (
        <p className="text-sm text-red-700" role="alert">
          {queryError}
        </p>
      )}

      <div className="flex flex-wrap items-center gap-4 text-sm">
        <label className="flex min-w-0 max-w-full items-center gap-2">
          <span className="text-slate-600">Rows</span>
          <select aria-label="Group rows by" className={field} value={state.groupBy} onChange={(e) => apply({ ...state, groupBy: e.target.value })}>
            {groups.map((g) => (
              <option key={g.value} value={g.value}>
                {g.label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex min-w-0 max-w-full items-center gap-2">
          <span className="text-slate-600">Reference rows</span>
          <select aria-label="Reference rows" className={field} value={state.reference ?? ""} onChange={(e) => apply({ ...state, reference: e.target.value || null })}>
            <option value="">none</option>
            {PAPER_TABLES.map((t) => (
              <option key={t.id} value={t.id}>
                paper {t.label}
              </option>
            ))}
          </select>
        </label>
      </div>

      <ColumnEditor state={state} metricNames={metricNames} apply={apply} />
    </div>
  );
}
