import { z } from "zod";
import { archivedFilterSchema } from "./contract";
import { text } from "../core/validation/text";

/** Comma-separated names (no commas inside a name, as with the table's `cols`). */
const nameList = text()
  .max(8000)
  .optional()
  .transform((s) => (s ? [...new Set(s.split(",").filter(Boolean))].slice(0, 200) : []));

export const runsTableQuerySchema = z.strictObject({
  q: text().max(500).optional(),
  flag: z.enum(["drastic_drop", "degradation", "dispersion"]).optional(),
  config: nameList,
  metrics: nameList,
  archived: archivedFilterSchema.optional(),
});
export type RunsTableQuery = z.infer<typeof runsTableQuerySchema>;
