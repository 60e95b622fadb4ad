import { z } from "zod";
import { text } from "../core/validation/text";

export const readDiagnosticsQuerySchema = z.strictObject({
  split: text().min(1).max(64).default("train"),
});
