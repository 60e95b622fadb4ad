import type { HttpResult, Transport } from "./transport";

/**
 * An API call the client owes the server. Its id is the batch id, fixed when the batch is cut, so a retry —
 * from memory, from the spool, or from `sync` — is acknowledged by the server instead of applied twice.
 * The same shape as the Python client's, so either client's spool syncs with either.
 */
export interface ClientRequest {
  id: string;
  kind: "run" | "metrics" | "sequences" | "patch";
  method: string;
  path: string;
  body: Record<string, unknown> & { rows?: unknown[] };
  /**
   * Set once the server refused the batch as too large: from then on it is always sent as these halves, so a
   * retry never sends rows under a second batch id. Not written to the spool as such: `{"split": id}` lines say it.
   */
  parts?: ClientRequest[];
}

export type OutcomeState = "ok" | "retry" | "keep" | "rejected";
export interface Outcome {
  state: OutcomeState;
  message?: string;
  retryAfter?: number;
  data?: unknown;
}

// Worth trying again as they are: the server is down, busy, or restarting.
const TRANSIENT = new Set([0, 408, 425, 429, 500, 502, 503, 504]);
// Refused for what the request says, read whole: a 422 names the row or field, a 410 says the run is gone.
// Sending it again changes nothing. Every other 4xx keeps the data (spool) for a sync: 401/403/404 are about the
// URL or key, a 400 may be a body cut short on its way, a 413 one row over this server's limits, a 415 or 409
// a proxy or server in between — none says the data is bad.
const REFUSED = new Set([410, 422]);

export function classify(result: HttpResult): Outcome {
  if (result.status >= 200 && result.status < 300) return { state: "ok", data: result.data };
  if (TRANSIENT.has(result.status) || result.status >= 500) return { state: "retry", message: result.error, retryAfter: result.retryAfter };
  if (REFUSED.has(result.status)) return { state: "rejected", message: result.error };
  return { state: "keep", message: result.error, retryAfter: result.retryAfter };
}

/** The batch split in two; the halves' ids follow from this one's, so a retry of a split is idempotent too. */
function halves(request: ClientRequest): ClientRequest[] {
  const rows = request.body.rows ?? [];
  const middle = Math.floor(rows.length / 2);
  return [rows.slice(0, middle), rows.slice(middle)].map((part, i) => {
    const id = `${request.id}.${i + 1}`;
    return { id, kind: request.kind, method: request.method, path: request.path, body: { ...request.body, batch_id: id, rows: part } };
  });
}

/** Ids of this request and of its parts that were split: what a spool file records to split them again. */
export function splitIds(request: ClientRequest): string[] {
  return request.parts ? [request.id, ...request.parts.flatMap(splitIds)] : [];
}

/** The request as it was sent before: split (recursively) where the spool says it was. */
export function splitAgain(request: ClientRequest, ids: ReadonlySet<string>): ClientRequest {
  if (ids.has(request.id)) request.parts = halves(request).map((half) => splitAgain(half, ids));
  return request;
}

/**
 * Sends one request; a batch the server finds too large (413) goes as two halves, recursively, and stays split
 * from then on. Every half is sent: a half the server refuses (422) does not take the other one with it. A half
 * that must wait stops the request, to be sent again (the halves keep their ids: the landed ones are
 * acknowledged, not doubled).
 */
export async function send(transport: Transport, request: ClientRequest): Promise<Outcome> {
  if (!request.parts) {
    const result = await transport.request(request.method, request.path, request.body);
    if (result.status !== 413 || (request.body.rows?.length ?? 0) < 2) return classify(result);
    request.parts = halves(request);
  }
  const refused: string[] = [];
  for (const part of request.parts) {
    const outcome = await send(transport, part);
    if (outcome.state === "retry" || outcome.state === "keep") return outcome;
    if (outcome.state === "rejected") refused.push(`${part.id}: ${outcome.message}`);
  }
  return refused.length ? { state: "rejected", message: `part of the batch: ${refused.join("; ")}` } : { state: "ok" };
}

/** Exponential backoff with jitter (half fixed, half random); the server's Retry-After wins when longer. */
export function backoffDelay(failures: number, baseMs: number, capMs: number, retryAfterMs?: number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, failures - 1));
  const delay = ceiling / 2 + (Math.random() * ceiling) / 2;
  return retryAfterMs !== undefined ? Math.max(delay, retryAfterMs) : delay;
}
