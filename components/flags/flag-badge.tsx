"use client";

import { useId, type CSSProperties } from "react";
import { FLAG_TITLES, SEVERITY_STYLES } from "@/lib/diagnostics/view/flag-text";
import { evidenceInWords } from "@/lib/diagnostics/view/evidence-words";

export interface FlagLike {
  property: string;
  severity: string;
  first_step: number;
  evidence: Record<string, unknown>;
}

/**
 * A flag as a small badge with its severity in words. Hovering shows the numbers behind it; the badge is a button,
 * so the keyboard (and a tap) opens the same evidence as a popover beside it, which Escape or a click outside closes.
 */
export function FlagBadge({ flag }: { flag: FlagLike }) {
  const id = `flag-evidence-${useId().replace(/[^\w-]/g, "")}`;
  const title = `${FLAG_TITLES[flag.property] ?? flag.property} (${flag.severity}) from step ${flag.first_step}`;
  const { rows, rule } = evidenceInWords(flag.evidence);
  const tooltip = [title, ...rows.map((row) => `${row.label}: ${row.value}${row.threshold ? ` (${row.threshold})` : ""}`), ...(rule ? [rule] : [])].join("\n");
  // Anchored beside the badge where the browser positions popovers by anchor; centred in the view elsewhere.
  const anchor = `--${id}`;
  return (
    <>
      <button
        type="button"
        title={tooltip}
        data-flag={flag.property}
        popoverTarget={id}
        style={{ anchorName: anchor } as CSSProperties}
        className={`cursor-help whitespace-nowrap rounded-full px-2 py-0.5 text-xs ring-1 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-slate-700 ${SEVERITY_STYLES[flag.severity] ?? ""}`}
      >
        {FLAG_TITLES[flag.property] ?? flag.property}
        {/* Severity in words as well as colour. */}
        <span className="ml-1 text-[10px] font-semibold uppercase tracking-wide">{flag.severity}</span>
      </button>
      <div
        id={id}
        popover="auto"
        role="dialog"
        aria-label={`Evidence: ${title}`}
        data-flag-evidence={flag.property}
        style={{ positionAnchor: anchor, top: "anchor(bottom)", left: "anchor(left)", margin: "4px 0 0" } as CSSProperties}
        className="max-w-sm rounded-lg border border-slate-300 bg-white p-3 text-left text-xs text-slate-800 shadow-lg"
      >
        <p className="mb-1 font-semibold">{title}</p>
        <dl>
          {rows.map((row) => (
            <div key={row.label} className="flex justify-between gap-3 py-0.5">
              <dt className="text-slate-700">{row.label}</dt>
              <dd className="whitespace-nowrap font-mono">
                {row.value}
                {row.threshold && <span className="ml-1 text-slate-700">({row.threshold})</span>}
              </dd>
            </div>
          ))}
        </dl>
        {rule && <p className="mt-1 text-slate-700">{rule}</p>}
      </div>
    </>
  );
}
