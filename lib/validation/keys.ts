import { z } from "zod";
import { projectNameSchema } from "./runs";

export const createKeySchema = z.strictObject({
  project: projectNameSchema,
  name: z.string().max(100).optional(),
  scope: z.enum(["write", "read"]).optional(),
});
export type CreateKeyInput = z.infer<typeof createKeySchema>;
