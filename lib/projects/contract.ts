import { z } from "zod";
import { depthLimited } from "../core/validation/text";
import { isoTimeSchema } from "../core/validation/numbers";

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

// ---- Responses ----

/** The settings as stored: what PATCH accepted, merged. */
export const projectSettingsBodySchema = z.strictObject({
  webhook_url: webhookUrlSchema.nullish(),
  thresholds: thresholdOverridesSchema.optional(),
});
export type ProjectSettings = z.infer<typeof projectSettingsBodySchema>;

/** GET, PATCH /api/v1/projects/{project}; POST …/archive, …/restore */
export const projectSchema = z.strictObject({
  name: z.string(),
  settings: projectSettingsBodySchema,
  created_at: isoTimeSchema,
  archived_at: isoTimeSchema.nullable(),
});
export type ProjectBody = z.infer<typeof projectSchema>;

/** POST /api/v1/projects: a new project is never archived, so the field is left out. */
export const createdProjectSchema = projectSchema.omit({ archived_at: true });
