import { z } from "zod";
import { projectNameSchema, runSchema } from "../runs/contract";
import { jsonObject, text } from "../core/validation/text";
import { errorBodySchema } from "../core/errors";

const jsonObjectText = z.string().transform((text, ctx) => {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === "object" && !Array.isArray(value)) {
      const checked = jsonObject().safeParse(value);
      if (checked.success) return checked.data;
      for (const issue of checked.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
      return z.NEVER;
    }
  } catch {
    // reported below
  }
  ctx.addIssue({ code: "custom", message: "expected a JSON object" });
  return z.NEVER;
});

export const importFormSchema = z.object({
  project: projectNameSchema,
  name: text().min(1).max(256).optional(),
  config: jsonObjectText.optional(),
  /** Merged over what the file says of the run's results (HF's all_results.json beside a trainer state). */
  summary: jsonObjectText.optional(),
  algorithm: text().min(1).max(64).optional(),
  group: text().min(1).max(256).optional(),
  /** JSONL and CSV: the key or column holding the step, when it is not step/_step/global_step/current_steps. */
  step_key: text().min(1).max(256).optional(),
  files: z.number().int().min(1, { error: "attach at least one file" }).max(1000),
});

/** Something in a file the import skipped, with where it was. */
export const importProblemSchema = z.strictObject({
  /** Set when one run is imported from several files (a TensorBoard directory). */
  file: z.string().optional(),
  offset: z.number().optional(),
  record: z.number().optional(),
  line: z.number().optional(),
  message: z.string(),
});

/** POST /api/v1/import: one entry per run made (several event files of one directory are one run). */
export const importResponseSchema = z.strictObject({
  runs: z.array(
    z.strictObject({
      run: runSchema,
      format: z.string(),
      rows: z.int().nonnegative(),
      problems: z.array(importProblemSchema),
      problem_count: z.int().nonnegative(),
    }),
  ),
});
export type ImportResponse = z.infer<typeof importResponseSchema>;

/** The multipart form `POST /api/v1/import` takes, as a client sends it (the route reads it into importFormSchema). */
export const importUploadSchema = z.strictObject({
  project: projectNameSchema,
  /** One or more files; several TensorBoard event files are one run (one log directory). */
  file: z.array(z.file()).min(1),
  name: z.string().optional(),
  /** A JSON object, as text. */
  config: z.string().optional(),
  /** A JSON object, as text: merged into the run's summary. */
  summary: z.string().optional(),
  algorithm: z.string().optional(),
  group: z.string().optional(),
  /** JSONL and CSV: the key or column holding the step. */
  step_key: z.string().optional(),
});

/** The media type a client names in `Accept` to have `POST /api/v1/import` answer with progress as it works. */
export const IMPORT_STREAM_TYPE = "application/x-ndjson";

/** How far a streamed import has got: bytes of the uploaded files decoded, of `total_bytes`, and rows stored. */
export const importProgressSchema = z.strictObject({
  bytes: z.int().nonnegative(),
  total_bytes: z.int().nonnegative(),
  rows: z.int().nonnegative(),
});
export type ImportProgress = z.infer<typeof importProgressSchema>;

/**
 * One line of a streamed import (`Accept: application/x-ndjson`, answered 200 once the upload is read and checked):
 * `{"progress": …}` lines at most every 250 ms, then exactly one last line: the 201 body (`{"runs": …}`), or, when
 * the import failed after the answer began, the error body with the status a plain request would have got
 * (`{"status": 422, "error": …}`; nothing of the request is kept then). A stream that ends without either was cut off.
 */
export const importStreamLineSchema = z
  .union([z.strictObject({ progress: importProgressSchema }), importResponseSchema, z.strictObject({ status: z.int().min(400).max(599), error: errorBodySchema.shape.error })])
  .describe("One line of a streamed import: progress lines, then the result (the 201 body) or the error with the status a plain request would have got");
export type ImportStreamLine = z.infer<typeof importStreamLineSchema>;
