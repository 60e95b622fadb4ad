import type { z } from "zod";
import { AppError } from "../errors";

/**
 * Validates with zod; the first issue becomes a 422 naming the field at fault. An unknown field is reported
 * before the required one it was probably meant to be (`value` sent for `values`).
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const issue = issues.find((i) => i.code === "unrecognized_keys") ?? issues[0]!;
  const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
  let message = issue.message;
  if (issue.code === "unrecognized_keys") {
    path.push(issue.keys[0]!);
    message = `unknown field "${issue.keys[0]}"`;
  }
  const where = path.length ? `${path.join(".")}: ` : "";
  throw new AppError("invalid_body", `${where}${message}`, path);
}

/** Query parameters as a plain object (repeated names keep the last value). */
export function searchParamsObject(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}
