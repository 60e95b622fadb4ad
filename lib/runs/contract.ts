import { z } from "zod";
import { RUN_QUERY_LIMITS } from "../query/parse-run-query";
import { flagPropertySchema } from "../diagnostics/contract";
import { stepSchema } from "../core/validation/numbers";
import { queryInteger } from "../core/validation/query-params";
import { jsonObject, text } from "../core/validation/text";

export const projectNameSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: "letters, digits, '.', '_' and '-', starting with a letter or digit" });

export const RUN_STATUSES = ["running", "finished", "failed"] as const;
export const runStatusSchema = z.enum(RUN_STATUSES);

const configSchema = jsonObject();
const tagsSchema = z.array(text().min(1).max(128)).max(100);

export const createRunSchema = z.strictObject({
  project: projectNameSchema,
  name: text().min(1).max(256),
  id: z.uuid().optional(),
  group: text().max(256).nullish(),
  algorithm: text().min(1).max(64).nullish(),
  config: configSchema.optional(),
  tags: tagsSchema.optional(),
});
export type CreateRunInput = z.infer<typeof createRunSchema>;

export const updateRunSchema = z.strictObject({
  status: runStatusSchema.optional(),
  config: configSchema.optional(),
  tags: tagsSchema.optional(),
  summary: configSchema.optional(),
  resume_from_step: stepSchema.optional(),
});
export type UpdateRunInput = z.infer<typeof updateRunSchema>;

/** Archived runs (and projects) are left out of lists unless asked for: `include` them, or list `only` them. */
export const archivedFilterSchema = z.enum(["exclude", "include", "only"]);
export type ArchivedFilter = z.infer<typeof archivedFilterSchema>;

export const listRunsQuerySchema = z.strictObject({
  project: projectNameSchema.optional(),
  // Longer than the parser takes (it also caps nesting and terms): 422 naming `q` before it is parsed.
  q: text().max(RUN_QUERY_LIMITS.maxLength).optional(),
  flag: flagPropertySchema.optional(),
  status: runStatusSchema.optional(),
  limit: queryInteger({ min: 1, max: 1000 }).default(100),
  cursor: text().max(200).optional(),
  summary_keys: text().max(2000).optional(),
  archived: archivedFilterSchema.optional(),
});
export type ListRunsQuery = z.infer<typeof listRunsQuerySchema>;

export const runIdSchema = z.uuid({ error: "run id must be a UUID" });

/** Comma-separated names (no commas inside a name, as with the table's `cols`). */
const nameList = text()
  .max(8000)
  .optional()
  .transform((s) => (s ? [...new Set(s.split(",").filter(Boolean))].slice(0, 200) : []));

export const runsTableQuerySchema = z.strictObject({
  q: text().max(500).optional(),
  flag: flagPropertySchema.optional(),
  config: nameList,
  metrics: nameList,
  archived: archivedFilterSchema.optional(),
});
export type RunsTableQuery = z.infer<typeof runsTableQuerySchema>;
