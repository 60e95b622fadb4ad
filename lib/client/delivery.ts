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
// Not deliverable with this URL and key, but the data is fine: keep it (spool) for a sync with the right ones.
const UNDELIVERABLE = new Set([401, 403, 404]);

export function classify(result: HttpResult): Outcome {
  if (result.status >= 200 && result.status < 300) return { state: "ok", data: result.data };
  if (TRANSIENT.has(result.status) || result.status >= 500) return { state: "retry", message: result.error, retryAfter: result.retryAfter };
  if (UNDELIVERABLE.has(result.status)) return { state: "keep", message: result.error };
  return { state: "rejected", message: result.error };
}

function halves(request: ClientRequest): ClientRequest[] {
  const rows = request.body.rows ?? [];
  const middle = Math.floor(rows.length / 2);
  return [rows.slice(0, middle), rows.slice(middle)].map((part, i) => {
    const id = `${request.id}.${i + 1}`;
    return { ...request, id, body: { ...request.body, batch_id: id, rows: part } };
  });
}

/** Sends one request; a batch the server finds too large (413) goes as two halves, recursively. */
export async function send(transport: Transport, request: ClientRequest): Promise<Outcome> {
  const result = await transport.request(request.method, request.path, request.body);
  if (result.status === 413 && (request.body.rows?.length ?? 0) > 1) {
    for (const half of halves(request)) {
      const outcome = await send(transport, half);
      if (outcome.state !== "ok") return outcome;
    }
    return { state: "ok" };
  }
  return classify(result);
}

/** Exponential backoff with jitter (half fixed, half random); the server's Retry-After wins when longer. */
export function backoffDelay(failures: number, baseMs: number, capMs: number, retryAfterMs?: number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, failures - 1));
  const delay = ceiling / 2 + (Math.random() * ceiling) / 2;
  return retryAfterMs !== undefined ? Math.max(delay, retryAfterMs) : delay;
}
