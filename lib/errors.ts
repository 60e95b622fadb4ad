export type ErrorCode =
  | "invalid_json"
  | "invalid_body"
  | "unsupported_media_type"
  | "payload_too_large"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "gone"
  | "conflict"
  | "unavailable"
  | "internal";

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
  unavailable: 503,
  internal: 500,
};

export type ErrorPath = (string | number)[];

/** The one error type services throw; handlers turn it into the API's error body. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly path: ErrorPath = [],
  ) {
    super(message);
    this.name = "AppError";
    this.status = STATUS[code];
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, path: this.path } };
  }
}

/** Any thrown value as an HTTP response; unexpected errors are logged and answered without details. */
export function toErrorResponse(error: unknown): Response {
  if (error instanceof AppError) return Response.json(error.toJSON(), { status: error.status });
  // Driver errors quote the whole query with its parameters (a 10k-row batch): log the start and the cause.
  const message = error instanceof Error ? error.message.slice(0, 1000) : String(error).slice(0, 1000);
  const cause = error instanceof Error && error.cause instanceof Error ? ` (cause: ${error.cause.message})` : "";
  console.error(`[prefscope] unexpected error: ${message}${cause}`, error instanceof Error ? error.stack?.split("\n").slice(1, 6).join("\n") : "");
  return Response.json(new AppError("internal", "Internal server error").toJSON(), { status: 500 });
}
