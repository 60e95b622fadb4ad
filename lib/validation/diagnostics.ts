import { z } from "zod";

export const readDiagnosticsQuerySchema = z.strictObject({
  split: z.string().min(1).max(64).default("train"),
});
