import { backoffDelay, send, type ClientRequest, type Outcome } from "./delivery";
import type { SpoolFile } from "./spool";
import type { Transport } from "./transport";

export interface SenderSettings {
  /** Rows per metrics batch; a batch is cut when it has this many, or when its oldest row waited `flushIntervalMs`. */
  maxMetricRows: number;
  maxSequenceRows: number;
  flushIntervalMs: number;
  /** Past this many undelivered rows in memory, everything goes to the spool file until the server is back. */
  maxPendingRows: number;
  retryBaseMs: number;
  retryCapMs: number;
}

export const DEFAULT_SENDER_SETTINGS: SenderSettings = {
  maxMetricRows: 1000,
  maxSequenceRows: 2000,
  flushIntervalMs: 1000,
  maxPendingRows: 200_000,
  retryBaseMs: 250,
  retryCapMs: 10_000,
};

type Kind = "metrics" | "sequences";

/**
 * Batches a run's rows and delivers them in the background, in order, retrying with backoff and the same batch
 * ids; when the server stays away, undelivered requests go to the run's spool file and new ones follow them
 * there, so nothing is lost and `logMetrics` never waits on the network.
 */
export class Sender {
  private readonly session = Math.random().toString(36).slice(2, 10);
  private counter = 0;
  private readonly batches: Record<Kind, unknown[]> = { metrics: [], sequences: [] };
  private outbox: ClientRequest[] = [];
  private outboxRows = 0;
  private spooling: boolean;
  private failures = 0;
  /** The server's Retry-After on the last failure (ms): the next try waits at least that long. */
  private retryAfter: number | undefined;
  private timer: NodeJS.Timeout | null = null;
  private delivering: Promise<void> | null = null;
  private oldest: number | null = null;

  constructor(
    readonly runId: string,
    private readonly createBody: Record<string, unknown>,
    private readonly transport: Transport | null,
    private readonly spool: SpoolFile,
    private readonly settings: SenderSettings,
  ) {
    this.spooling = transport === null || spool.hasPending();
    this.enqueue(this.request("run", "POST", "/api/v1/runs", createBody));
  }

  add(kind: Kind, rows: unknown[]): void {
    const batch = this.batches[kind];
    batch.push(...rows);
    this.oldest ??= Date.now();
    const limit = kind === "metrics" ? this.settings.maxMetricRows : this.settings.maxSequenceRows;
    while (batch.length >= limit) this.cut(kind, limit);
    this.schedule(this.settings.flushIntervalMs);
  }

  addRequest(kind: "patch", method: string, path: string, body: Record<string, unknown>): void {
    this.cutAll();
    this.enqueue(this.request(kind, method, path, body));
    this.schedule(0);
  }

  /** Sends everything batched; resolves true once the server has all of it, false at the deadline. */
  async flush(timeoutMs: number): Promise<boolean> {
    this.cutAll();
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      await this.deliver();
      if (this.settled()) return true;
      await new Promise((r) => setTimeout(r, Math.min(this.nextDelay(), Math.max(0, deadline - Date.now()))));
    }
    return this.settled();
  }

  /** Flushes, then keeps whatever is still undelivered in the spool file. */
  async close(timeoutMs: number): Promise<boolean> {
    const delivered = await this.flush(timeoutMs);
    if (this.timer) clearTimeout(this.timer);
    if (!delivered && this.outbox.length) this.startSpooling();
    return delivered;
  }

  private settled(): boolean {
    return this.outbox.length === 0 && !this.spooling && this.batches.metrics.length === 0 && this.batches.sequences.length === 0;
  }

  private request(kind: ClientRequest["kind"], method: string, path: string, body: Record<string, unknown>): ClientRequest {
    this.counter += 1;
    return { id: `${this.session}-${kind[0]}${String(this.counter).padStart(6, "0")}`, kind, method, path, body };
  }

  private cut(kind: Kind, limit: number): void {
    const rows = this.batches[kind].splice(0, limit);
    const request = this.request(kind, "POST", `/api/v1/runs/${this.runId}/${kind}`, {});
    request.body = { batch_id: request.id, rows };
    this.enqueue(request);
  }

  private cutAll(): void {
    for (const kind of ["metrics", "sequences"] as const) {
      const limit = kind === "metrics" ? this.settings.maxMetricRows : this.settings.maxSequenceRows;
      while (this.batches[kind].length) this.cut(kind, limit);
    }
    this.oldest = null;
  }

  private enqueue(request: ClientRequest): void {
    if (this.spooling) return this.spoolAppend(request);
    this.outbox.push(request);
    this.outboxRows += request.body.rows?.length ?? 0;
    if (this.outboxRows > this.settings.maxPendingRows) this.startSpooling();
  }

  private startSpooling(): void {
    if (this.outbox[0]?.kind !== "run") this.spoolAppend(this.request("run", "POST", "/api/v1/runs", this.createBody));
    for (const request of this.outbox) this.spoolAppend(request);
    this.outbox = [];
    this.outboxRows = 0;
    this.spooling = true;
    console.warn(`[prefscope] server unreachable; keeping run ${this.runId} in ${this.spool.path} until it can be sent`);
  }

  private spoolAppend(request: ClientRequest): void {
    this.spool.append(request, request.kind === "run" && this.transport ? this.transport.baseUrl : undefined);
  }

  private nextDelay(): number {
    return this.failures ? backoffDelay(this.failures, this.settings.retryBaseMs, this.settings.retryCapMs, this.retryAfter) : 50;
  }

  private schedule(delayMs: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.oldest !== null && Date.now() - this.oldest >= this.settings.flushIntervalMs) this.cutAll();
      void this.deliver().then(() => {
        if (!this.settled()) this.schedule(this.nextDelay());
      });
    }, delayMs);
    this.timer.unref?.();
  }

  /** One pass over what is owed, in order; stops at the first request that cannot go now. */
  private deliver(): Promise<void> {
    this.delivering ??= this.drain().finally(() => (this.delivering = null));
    return this.delivering;
  }

  private async drain(): Promise<void> {
    if (!this.transport) return;
    const queue = this.spooling ? this.spool.pending() : this.outbox;
    for (const request of [...queue]) {
      const outcome = await send(this.transport, request);
      if (outcome.state === "retry" || outcome.state === "keep") return this.failed(outcome);
      if (this.spooling) this.spool.ack(request.id, outcome.state === "rejected" ? outcome.message : undefined);
      else {
        this.outbox.shift();
        this.outboxRows -= request.body.rows?.length ?? 0;
      }
      if (outcome.state === "rejected") console.warn(`[prefscope] the server refused ${request.kind} ${request.id}: ${outcome.message}`);
      this.failures = 0;
    }
    if (this.spooling) {
      // Everything spooled is in: back to sending from memory.
      this.spool.remove();
      this.spooling = false;
    }
  }

  private failed(outcome: Outcome): void {
    this.failures += 1;
    this.retryAfter = outcome.retryAfter;
    if (this.failures === 1) console.warn(`[prefscope] delivery failed (${outcome.message ?? outcome.state}); retrying in the background`);
  }
}
