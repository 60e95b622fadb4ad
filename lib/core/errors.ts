import { z } from "zod";
import { isDatabaseUnavailable } from "./db/unavailable";

export const ERROR_CODES = [
  "invalid_json",
  "invalid_body",
  "unsupported_media_type",
  "payload_too_large",
  "unauthorized",
  "forbidden",
  "not_found",
  "gone",
  "conflict",
  "rate_limited",
  "unavailable",
  "internal",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const STATUS: Record<ErrorCode, number> = {
  invalid_json: 400,
  invalid_body: 422,
  unsupported_media_type: 415,
  payload_too_large: 413,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  gone: 410,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export type ErrorPath = (string | number)[];

export interface AppErrorOptions {
  /** Sent as `Retry-After` (whole seconds): when a 429 or 503 is worth retrying. */
  retryAfterSeconds?: number;
}

/** Every 4xx/5xx body the API writes: a code, a message in words, and the path of the failing field. */
export const errorBodySchema = z.strictObject({
  error: z.strictObject({ code: z.enum(ERROR_CODES), message: z.string(), path: z.array(z.union([z.string(), z.number()])) }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** The one error type services throw; handlers turn it into the API's error body. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly path: ErrorPath = [],
    readonly options: AppErrorOptions = {},
  ) {
    super(message);
    this.name = "AppError";
    this.status = STATUS[code];
  }

  toJSON(): ErrorBody {
    return { error: { code: this.code, message: this.message, path: this.path } };
  }
}

/** Any thrown value as an HTTP response; unexpected errors are logged and answered without details. */
export function toErrorResponse(error: unknown): Response {
  if (isDatabaseUnavailable(error)) return databaseUnavailableResponse(error);
  if (error instanceof AppError) return Response.json(error.toJSON(), { status: error.status, headers: errorHeaders(error) });
  // Driver errors quote the whole query with its parameters (a 10k-row batch): log the start and the cause.
  const message = error instanceof Error ? error.message.slice(0, 1000) : String(error).slice(0, 1000);
  const cause = error instanceof Error && error.cause instanceof Error ? ` (cause: ${error.cause.message})` : "";
  console.error(`[prefscope] unexpected error: ${message}${cause}`, error instanceof Error ? error.stack?.split("\n").slice(1, 6).join("\n") : "");
  return Response.json(new AppError("internal", "Internal server error").toJSON(), { status: 500 });
}

function errorHeaders(error: AppError): Record<string, string> | undefined {
  const seconds = error.options.retryAfterSeconds;
  return seconds === undefined ? undefined : { "retry-after": String(Math.max(1, Math.ceil(seconds))) };
}

let unavailableLoggedAt = 0;

/** The database is down or restarting: 503 with Retry-After, so clients back off and retry (not a bare 500). */
function databaseUnavailableResponse(error: unknown): Response {
  // Once per 10 s: an outage meets every client's every retry.
  if (Date.now() - unavailableLoggedAt > 10_000) {
    unavailableLoggedAt = Date.now();
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message).slice(0, 200) : String(error);
    console.warn(`[prefscope] database unavailable, answering 503 with Retry-After: ${reason}`);
  }
  return toErrorResponse(new AppError("unavailable", "The database is unavailable; retry shortly", [], { retryAfterSeconds: 2 }));
}
