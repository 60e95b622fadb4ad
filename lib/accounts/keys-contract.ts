import { z } from "zod";
import { projectNameSchema } from "../runs/contract";
import { text } from "../core/validation/text";

export const createKeySchema = z.strictObject({
  project: projectNameSchema,
  name: text().max(100).optional(),
  scope: z.enum(["write", "read"]).optional(),
});
export type CreateKeyInput = z.infer<typeof createKeySchema>;
