// A flag's evidence in plain words: each measured value with its unit and, beside it, the threshold it was held
// against; then the window rule. The evidence keys themselves (`drop_ratio`, `threshold_drop_ratio`, `window_*`)
// stay the API's; this is how a reader sees them.
import { formatConfigValue } from "@/lib/core/view/format";

type Unit = "nats" | "×" | "%" | "step" | "points" | "σ" | "";

/** What each measured key means, and its unit. */
const WORDS: Record<string, { label: string; unit: Unit }> = {
  drop_ratio: { label: "Drop ratio (rejected fall ÷ chosen change)", unit: "×" },
  rejected_change: { label: "Rejected log-ratio change since the start", unit: "nats" },
  chosen_change: { label: "Chosen log-ratio change since the start", unit: "nats" },
  epsilon: { label: "Smallest chosen change divided by (ε)", unit: "nats" },
  log_g: { label: "log G, the rejected gradient over the chosen one", unit: "nats" },
  log_g_rise: { label: "Rise of log G since the start", unit: "nats" },
  chosen: { label: "Chosen log-ratio now", unit: "nats" },
  chosen_sustained_peak: { label: "Chosen log-ratio's sustained peak", unit: "nats" },
  chosen_fall_from_peak: { label: "Chosen fall from its sustained peak", unit: "nats" },
  share_both_down: { label: "Pairs with both chosen and rejected down", unit: "%" },
  leaked_mass_median: { label: "Median leaked mass (log of the pair's mass kept)", unit: "nats" },
  count: { label: "Non-finite values", unit: "points" },
  loss: { label: "Loss where the spike was confirmed", unit: "" },
  baseline_median: { label: "Median of the loss just before", unit: "" },
  baseline_mad: { label: "Their median absolute deviation", unit: "" },
  rise: { label: "Rise above that median", unit: "" },
  robust_z: { label: "Rise in robust σ (1.4826 · MAD)", unit: "σ" },
  consecutive: { label: "High points in a row", unit: "points" },
};

/** Text values, in words. */
const TEXT_WORDS: Record<string, Record<string, string>> = {
  basis: { log_ratio: "log-ratios to the reference", logp: "raw log-prob means (no reference logged)" },
  source: { sequences: "per-pair rows", batch_means: "batch means" },
};
const TEXT_LABELS: Record<string, string> = { basis: "Measured on", source: "Read from", keys: "In the series", first_key: "First seen in", loss_key: "Loss series" };

/** Which threshold each measured value was held against, and how (`fall`: a threshold given as the size of a fall, so the change must be ≤ its negative). */
const PAIRS: Record<string, { threshold: string; relation: "≥" | "≤" | "fall" }[]> = {
  drop_ratio: [{ threshold: "threshold_drop_ratio", relation: "≥" }],
  rejected_change: [
    { threshold: "threshold_rejected_drop", relation: "fall" },
    { threshold: "threshold_both_changes_at_most", relation: "≤" },
  ],
  chosen_change: [
    { threshold: "threshold_chosen_below_start", relation: "fall" },
    { threshold: "threshold_both_changes_at_most", relation: "≤" },
  ],
  log_g_rise: [{ threshold: "threshold_log_g_rise", relation: "≥" }],
  chosen_fall_from_peak: [{ threshold: "threshold_chosen_fall_from_peak", relation: "≥" }],
  share_both_down: [{ threshold: "threshold_share_both_down", relation: "≥" }],
  leaked_mass_median: [{ threshold: "threshold_leaked_mass", relation: "≤" }],
  robust_z: [{ threshold: "threshold_robust_z", relation: "≥" }],
  consecutive: [{ threshold: "threshold_consecutive", relation: "≥" }],
};

export interface EvidenceRow {
  label: string;
  value: string;
  /** "≥ 3 ×": what the value had to reach for this severity; absent for context. */
  threshold?: string;
}

function withUnit(value: unknown, unit: Unit): string {
  if (typeof value !== "number") return formatConfigValue(value);
  if (unit === "%") return `${formatConfigValue(value * 100)} %`;
  return unit ? `${formatConfigValue(value)} ${unit}` : formatConfigValue(value);
}

function thresholdText(relation: "≥" | "≤" | "fall", threshold: unknown, unit: Unit): string {
  if (relation !== "fall") return `${relation} ${withUnit(threshold, unit)}`;
  return `≤ ${withUnit(typeof threshold === "number" ? -threshold : threshold, unit)}`;
}

/**
 * The rows a reader sees: measured values with their thresholds, then context; the window rule and the step the
 * severity was confirmed at are said in `rule`. Keys this file does not know are shown as they are.
 */
export function evidenceInWords(evidence: Record<string, unknown>): { rows: EvidenceRow[]; rule: string | null } {
  const rows: EvidenceRow[] = [];
  const used = new Set<string>(["confirmed_step"]);
  for (const [key, value] of Object.entries(evidence)) {
    if (key.startsWith("threshold_") || key.startsWith("window_") || key === "confirmed_step") continue;
    const words = WORDS[key];
    if (!words) {
      rows.push({ label: TEXT_LABELS[key] ?? key, value: TEXT_WORDS[key]?.[String(value)] ?? formatConfigValue(value) });
      continue;
    }
    const pair = PAIRS[key]?.find((p) => p.threshold in evidence);
    if (pair) used.add(pair.threshold);
    rows.push({
      label: words.label,
      value: withUnit(value, words.unit),
      threshold: pair ? thresholdText(pair.relation, evidence[pair.threshold], words.unit) : undefined,
    });
  }
  // Thresholds with no measured value beside them (the loss spike's rise floors) are listed on their own.
  for (const [key, value] of Object.entries(evidence)) {
    if (!key.startsWith("threshold_") || used.has(key)) continue;
    rows.push({ label: `Threshold: ${key.slice("threshold_".length).replaceAll("_", " ")}`, value: formatConfigValue(value) });
  }
  return { rows, rule: windowRule(evidence) };
}

/** The window rule and the confirming step, as one sentence. */
function windowRule(evidence: Record<string, unknown>): string | null {
  const parts: string[] = [];
  const { window_min_share: share, window_min_points: points, window_min_span_fraction: span, window_baseline_points: baseline, confirmed_step: step } = evidence;
  if (typeof share === "number" && typeof points === "number" && typeof span === "number")
    parts.push(`Held at ≥ ${formatConfigValue(share * 100)} % of a window of ≥ ${points} logged points spanning ≥ ${formatConfigValue(span * 100)} % of the steps so far`);
  if (typeof baseline === "number") parts.push(`Measured against the ${baseline} loss points before it`);
  if (typeof step === "number") parts.push(`confirmed at step ${step}`);
  return parts.length ? `${parts.join("; ")}.` : null;
}
