import { z } from "zod";
import { depthLimited } from "../core/validation/text";

export const webhookUrlSchema = z.url({ protocol: /^https?$/, error: "expected an http(s) URL" }).max(2000);

/** A partial, nested override of the diagnostics' thresholds, e.g. `{drasticDrop: {warning: {minDropRatio: 4}}}`. */
export type ThresholdOverrides = { [key: string]: number | null | ThresholdOverrides };

export const thresholdOverridesSchema: z.ZodType<ThresholdOverrides> = z.lazy(() =>
  z.record(z.string().min(1).max(100), z.union([z.number().finite(), z.null(), thresholdOverridesSchema])),
);

export const projectSettingsSchema = z.strictObject({
  webhook_url: webhookUrlSchema.nullish(),
  /** Deep-merged into the current overrides; a null leaf falls back to the default. */
  thresholds: depthLimited(thresholdOverridesSchema).optional(),
});
export type ProjectSettingsInput = z.infer<typeof projectSettingsSchema>;

export interface ProjectSettings {
  webhook_url?: string | null;
  thresholds?: ThresholdOverrides;
}

/** Deep merge where a null leaf removes the key. */
export function mergeOverrides(base: ThresholdOverrides, patch: ThresholdOverrides): ThresholdOverrides {
  const out: ThresholdOverrides = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else if (typeof value === "object") {
      const current = out[key];
      out[key] = mergeOverrides(typeof current === "object" && current !== null ? current : {}, value);
    } else out[key] = value;
  }
  return out;
}
