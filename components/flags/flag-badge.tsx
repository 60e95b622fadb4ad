import { FLAG_TITLES, SEVERITY_STYLES } from "@/lib/diagnostics/view/flag-text";
import { evidenceInWords } from "@/lib/diagnostics/view/evidence-words";

export interface FlagLike {
  property: string;
  severity: string;
  first_step: number;
  evidence: Record<string, unknown>;
}

/** A flag as a small badge with its severity in words; hovering shows the numbers behind it. */
export function FlagBadge({ flag }: { flag: FlagLike }) {
  const { rows, rule } = evidenceInWords(flag.evidence);
  const tooltip = [
    `${FLAG_TITLES[flag.property] ?? flag.property} (${flag.severity}) from step ${flag.first_step}`,
    ...rows.map((row) => `${row.label}: ${row.value}${row.threshold ? ` (${row.threshold})` : ""}`),
    ...(rule ? [rule] : []),
  ].join("\n");
  return (
    <span title={tooltip} data-flag={flag.property} className={`cursor-help rounded-full px-2 py-0.5 text-xs ring-1 ${SEVERITY_STYLES[flag.severity] ?? ""}`}>
      {FLAG_TITLES[flag.property] ?? flag.property}
      {/* Severity in words as well as colour. */}
      <span className="ml-1 text-[10px] font-semibold uppercase tracking-wide opacity-80">{flag.severity}</span>
    </span>
  );
}
