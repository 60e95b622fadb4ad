import { toMetricNumber } from "./metric-value";
import { setValue } from "./step-rows";

export interface MetricValues {
  values: Record<string, number>;
  count: number;
  /** Names whose values were neither numbers nor null (strings, booleans, arrays). */
  skipped: string[];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function collect(entry: Record<string, unknown>, prefix: string, omit: ReadonlySet<string>, out: MetricValues): void {
  for (const [key, raw] of Object.entries(entry)) {
    const name = prefix + key;
    if (omit.has(name) || raw === null || raw === undefined) continue;
    if (isRecord(raw)) {
      // W&B logs media and histograms as objects tagged with `_type`; they are not scalars.
      if (!("_type" in raw)) collect(raw, `${name}/`, omit, out);
      continue;
    }
    const value = toMetricNumber(raw);
    if (value === undefined) {
      out.skipped.push(name);
      continue;
    }
    setValue(out.values, name, value);
    out.count++;
  }
}

/** The numeric values of one logged entry, nested objects flattened: `{"train": {"loss": 1}}` → `train/loss`. */
export function extractMetricValues(entry: Record<string, unknown>, omit: ReadonlySet<string>): MetricValues {
  const out: MetricValues = { values: {}, count: 0, skipped: [] };
  collect(entry, "", omit, out);
  return out;
}
