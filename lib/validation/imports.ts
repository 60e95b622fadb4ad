import { z } from "zod";
import { projectNameSchema } from "./runs";

const jsonObject = z.string().transform((text, ctx) => {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  ctx.addIssue({ code: "custom", message: "expected a JSON object" });
  return z.NEVER;
});

export const importFormSchema = z.object({
  project: projectNameSchema,
  name: z.string().min(1).max(256).optional(),
  config: jsonObject.optional(),
  algorithm: z.string().min(1).max(64).optional(),
  group: z.string().min(1).max(256).optional(),
  files: z.number().int().min(1, { error: "attach at least one file" }).max(1000),
});
