import type { z } from "zod";
import { toErrorResponse, type ErrorCode } from "../core/errors";
import { json } from "../core/http/json";

/** MLflow's error codes (databricks.proto) and the HTTP status its server answers each with (mlflow/exceptions.py). */
export const MLFLOW_ERROR_STATUS = {
  INVALID_PARAMETER_VALUE: 400,
  BAD_REQUEST: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  RESOURCE_DOES_NOT_EXIST: 404,
  ENDPOINT_NOT_FOUND: 404,
  RESOURCE_CONFLICT: 409,
  REQUEST_LIMIT_EXCEEDED: 429,
  INTERNAL_ERROR: 500,
  NOT_IMPLEMENTED: 501,
  TEMPORARILY_UNAVAILABLE: 503,
} as const;
export type MlflowErrorCode = keyof typeof MLFLOW_ERROR_STATUS;

/** An error in MLflow's words: `{"error_code": "...", "message": "..."}` with MLflow's status for the code. */
export class MlflowError extends Error {
  constructor(
    readonly code: MlflowErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "MlflowError";
  }
}

/** PrefScope's error codes in MLflow's: what an MLflow client branches on (a missing experiment is `RESOURCE_DOES_NOT_EXIST`). */
const FROM_APP: Record<ErrorCode, MlflowErrorCode> = {
  invalid_json: "BAD_REQUEST",
  invalid_body: "INVALID_PARAMETER_VALUE",
  unsupported_media_type: "BAD_REQUEST",
  payload_too_large: "INVALID_PARAMETER_VALUE",
  unauthorized: "UNAUTHENTICATED",
  forbidden: "PERMISSION_DENIED",
  not_found: "RESOURCE_DOES_NOT_EXIST",
  gone: "RESOURCE_DOES_NOT_EXIST",
  conflict: "RESOURCE_CONFLICT",
  rate_limited: "REQUEST_LIMIT_EXCEEDED",
  unavailable: "TEMPORARILY_UNAVAILABLE",
  internal: "INTERNAL_ERROR",
};

/**
 * Any thrown value as MLflow's error body. PrefScope's own errors go through `toErrorResponse` first (it logs the
 * unexpected ones and spots an unavailable database); their status stays (413, 429 and 503 keep their meaning and
 * Retry-After, which MLflow's client retries on), except that a field failing validation is MLflow's 400.
 */
export async function toMlflowErrorResponse(error: unknown): Promise<Response> {
  if (error instanceof MlflowError) return json({ error_code: error.code, message: error.message }, { status: MLFLOW_ERROR_STATUS[error.code] });
  const response = toErrorResponse(error);
  const body = (await response.json()) as { error: { code: ErrorCode; message: string } };
  const code = FROM_APP[body.error.code];
  const status = body.error.code === "invalid_body" ? 400 : response.status;
  return json({ error_code: code, message: body.error.message }, { status, headers: response.headers });
}

/** Validates a request; the first issue becomes INVALID_PARAMETER_VALUE naming the field, as MLflow's server words it. */
export function parseMlflow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.map(String).join(".");
  throw new MlflowError("INVALID_PARAMETER_VALUE", path ? `Invalid value for parameter '${path}': ${issue.message}` : issue.message);
}
