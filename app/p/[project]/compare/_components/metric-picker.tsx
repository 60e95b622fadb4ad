"use client";

/** The metrics on the page as removable chips, plus a menu of every other metric the runs logged. */
export function MetricPicker({ available, selected, onChange }: { available: string[]; selected: string[]; onChange: (metrics: string[]) => void }) {
  const rest = available.filter((m) => !selected.includes(m));
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      {selected.map((metric) => (
        <span key={metric} className="flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-1 pl-3 font-mono text-xs">
          {metric}
          <button
            type="button"
            onClick={() => onChange(selected.filter((m) => m !== metric))}
            aria-label={`Remove metric ${metric}`}
            className="rounded-full px-1.5 text-slate-500 hover:bg-slate-200 hover:text-slate-900"
          >
            ×
          </button>
        </span>
      ))}
      {rest.length > 0 && (
        <select
          aria-label="Add a metric"
          value=""
          onChange={(e) => e.target.value && onChange([...selected, e.target.value])}
          className="rounded border border-slate-300 bg-white px-2 py-1 text-xs"
        >
          <option value="">+ add a metric ({rest.length} more)</option>
          {rest.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
