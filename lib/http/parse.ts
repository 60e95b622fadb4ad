import type { z } from "zod";
import { AppError } from "../errors";

/** Validates with zod; the first issue becomes a 422 naming the field at fault. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
  const where = path.length ? `${path.join(".")}: ` : "";
  throw new AppError("invalid_body", `${where}${issue.message}`, path);
}

/** Query parameters as a plain object (repeated names keep the last value). */
export function searchParamsObject(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}
