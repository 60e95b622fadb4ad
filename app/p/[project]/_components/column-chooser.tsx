"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { BASE_COLUMNS, columnLabel, DIAGNOSTIC_COLUMNS, METRIC_AGGREGATES, type ColumnId } from "@/lib/runs/view/run-columns";

/** Pick the table's columns: run fields, the 3D diagnostics, config keys, and any metric at its first / last / min / max. */
export function ColumnChooser({
  columns,
  configKeys,
  metricNames,
  onChange,
}: {
  columns: ColumnId[];
  configKeys: string[];
  metricNames: string[];
  onChange: (next: ColumnId[]) => void;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  // Escape closes it and gives focus back to its button; a click anywhere else closes it.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (e: PointerEvent) => !root.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);
  const [filter, setFilter] = useState("");
  const options = useMemo(
    () => [
      ...BASE_COLUMNS.map((f) => ({ id: f, section: "Run" })),
      ...Object.keys(DIAGNOSTIC_COLUMNS).map((d) => ({ id: `diag.${d}`, section: "Diagnostics" })),
      ...configKeys.map((k) => ({ id: `config.${k}`, section: "Config" })),
      ...metricNames.flatMap((m) => METRIC_AGGREGATES.map((a) => ({ id: `metric.${m}.${a}`, section: "Metrics" }))),
    ],
    [configKeys, metricNames],
  );
  const shown = options.filter((o) => o.id.toLowerCase().includes(filter.toLowerCase()));
  const toggle = (id: string) => onChange(columns.includes(id) ? columns.filter((c) => c !== id) : [...columns, id]);

  return (
    <div className="relative" ref={root}>
      <button
        ref={button}
        type="button"
        onClick={() => setOpen((o) => !o)}
        className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:border-slate-500"
        aria-expanded={open}
      >
        Columns ({columns.length})
      </button>
      {open && (
        <div
          className="absolute right-0 z-20 mt-1 max-h-96 w-80 overflow-auto rounded-lg border border-slate-200 bg-white p-2 text-sm shadow-lg"
          role="dialog"
          aria-label="Choose columns"
        >
          <input
            autoFocus
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder="Search columns"
            aria-label="Search columns"
            className="mb-2 w-full rounded border border-slate-300 px-2 py-1"
          />
          {["Run", "Diagnostics", "Config", "Metrics"].map((section) => (
            <fieldset key={section} className="mb-2">
              <legend className="text-xs font-semibold uppercase text-slate-500">{section}</legend>
              {shown
                .filter((o) => o.section === section)
                .slice(0, 200)
                .map((o) => (
                  <label key={o.id} className="flex items-center gap-2 py-0.5">
                    <input type="checkbox" checked={columns.includes(o.id)} onChange={() => toggle(o.id)} />
                    <span className="truncate font-mono text-xs">
                      {section === "Run" || section === "Diagnostics" ? columnLabel(o.id) : o.id.replace(/^(config|metric)\./, "")}
                    </span>
                  </label>
                ))}
            </fieldset>
          ))}
        </div>
      )}
    </div>
  );
}
