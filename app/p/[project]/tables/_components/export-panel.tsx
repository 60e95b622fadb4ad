"use client";

import { useState } from "react";
import { exportTables, type ExportFormat, type ExportTable } from "@/lib/comparisons/view/table-export";

const FORMATS: { format: ExportFormat; label: string }[] = [
  { format: "markdown", label: "Markdown" },
  { format: "csv", label: "CSV" },
  { format: "latex", label: "LaTeX" },
];

/**
 * Copy buttons. The text also appears in a textarea: the clipboard API needs a secure context and permission,
 * which a dashboard on a lab machine's plain-http address often lacks.
 */
export function ExportPanel({ tables }: { tables: ExportTable[] }) {
  const [shown, setShown] = useState<{ label: string; text: string; copied: boolean | null } | null>(null);

  const copy = async (format: ExportFormat, label: string) => {
    const text = exportTables(format, tables);
    setShown({ label, text, copied: null });
    try {
      await navigator.clipboard.writeText(text);
      setShown({ label, text, copied: true });
    } catch {
      setShown({ label, text, copied: false });
    }
  };

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-slate-600">Copy as</span>
        {FORMATS.map(({ format, label }) => (
          <button
            key={format}
            type="button"
            disabled={tables.length === 0}
            onClick={() => void copy(format, label)}
            className="rounded bg-white px-3 py-1 ring-1 ring-slate-300 hover:ring-slate-500 disabled:opacity-50"
          >
            Copy {label}
          </button>
        ))}
        {shown?.copied === true && (
          <span role="status" className="text-emerald-700">
            Copied {shown.label} to the clipboard.
          </span>
        )}
        {shown?.copied === false && (
          <span role="status" className="text-amber-700">
            The clipboard is not available here: select the text below and copy it.
          </span>
        )}
      </div>
      {shown && (
        <textarea
          readOnly
          aria-label={`Table as ${shown.label}`}
          data-testid="table-export"
          value={shown.text}
          onFocus={(e) => e.currentTarget.select()}
          rows={Math.min(16, shown.text.split("\n").length + 1)}
          className="w-full rounded border border-slate-300 bg-slate-50 p-2 font-mono text-xs"
        />
      )}
    </div>
  );
}
