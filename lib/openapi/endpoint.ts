import type { z } from "zod";
import { errorBodySchema } from "../core/errors";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * What one status answers with: a JSON body the schema describes, NDJSON lines each of which it describes (a
 * streamed answer), a body of another type, or nothing.
 */
export type ResponseSpec = { json: z.ZodType } | { ndjson: z.ZodType } | { contentType: string } | { empty: true };

export interface Endpoint {
  method: Method;
  /** OpenAPI style: `/api/v1/runs/{id}`. */
  path: string;
  summary: string;
  tag: string;
  query?: z.ZodType;
  /** A JSON request body; `multipart` for a form upload. */
  body?: z.ZodType;
  multipart?: z.ZodType;
  /** Success statuses; every 4xx/5xx answers with `errorBodySchema`. */
  responses: Record<number, ResponseSpec>;
}

export const json = (schema: z.ZodType): ResponseSpec => ({ json: schema });
export const ndjson = (line: z.ZodType): ResponseSpec => ({ ndjson: line });
export const empty: ResponseSpec = { empty: true };
/** A stream of server-sent events; each event's `data` is a named schema (`Live…Event`). */
export const eventStream: ResponseSpec = { contentType: "text/event-stream" };

/** What a response of this status must look like: the endpoint's own spec, or the error body for 4xx/5xx. */
export function responseSpec(endpoint: Endpoint, status: number): ResponseSpec | undefined {
  return endpoint.responses[status] ?? (status >= 400 ? json(errorBodySchema) : undefined);
}
