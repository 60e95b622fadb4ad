import { dirname } from "node:path";
import { backoffDelay, send, type ClientRequest, type Outcome } from "./delivery";
import type { SpoolFile } from "./spool";
import type { Transport } from "./transport";

/** The Python client's `Settings`, in milliseconds; the defaults are the same (docs/spool.md says why). */
export interface SenderSettings {
  /** Rows per metrics batch; a batch is cut when it has this many, or when its oldest row waited `flushIntervalMs`. */
  maxMetricRows: number;
  /** Per-pair rows per sequences batch. */
  maxSequenceRows: number;
  flushIntervalMs: number;
  /** Past this many undelivered rows in memory, everything goes to the spool file until the server is back. */
  maxPendingRows: number;
  requestTimeoutMs: number;
  /** Failing this long, from the first failure, sends what is undelivered to the spool file. */
  retryWindowMs: number;
  /** Backoff between tries: the first waits up to `retryBaseMs`, doubling up to `retryCapMs` (half fixed, half jitter). */
  retryBaseMs: number;
  retryCapMs: number;
  /** Between heartbeats while the run is open (so a quiet run does not show as stale); 0 sends none. */
  heartbeatIntervalMs: number;
}

export const DEFAULT_SENDER_SETTINGS: SenderSettings = {
  maxMetricRows: 1000,
  maxSequenceRows: 5000,
  flushIntervalMs: 2000,
  maxPendingRows: 200_000,
  requestTimeoutMs: 15_000,
  retryWindowMs: 60_000,
  retryBaseMs: 500,
  retryCapMs: 30_000,
  heartbeatIntervalMs: 30_000,
};

type Kind = "metrics" | "sequences";

/**
 * Batches a run's rows and delivers them in the background, in order, retrying with backoff and the same batch
 * ids. After `retryWindowMs` of failures, or at once when the server says the data cannot land with this URL and
 * key (401/403/404 and the other 4xx but 410/422), what is undelivered goes to the run's spool file and new
 * requests follow it there; the sender keeps draining the file and deletes it once the server has everything.
 * Nothing is lost and `log` never waits on the network. The Python client's sender behaves the same.
 */
export class Sender {
  private readonly session = Math.random().toString(36).slice(2, 10);
  private counter = 0;
  private readonly batches: Record<Kind, unknown[]> = { metrics: [], sequences: [] };
  private outbox: ClientRequest[] = [];
  private outboxRows = 0;
  private spooling: boolean;
  private failures = 0;
  /** When the failures began (ms since the epoch); null while requests land. */
  private failingSince: number | null = null;
  /** The server's Retry-After on the last failure (ms): the next try waits at least that long. */
  private retryAfter: number | undefined;
  private timer: NodeJS.Timeout | null = null;
  private delivering: Promise<void> | null = null;
  private oldest: number | null = null;
  private closing = false;
  private triedAfterClose = false;
  private closed = false;

  constructor(
    readonly runId: string,
    private readonly createBody: Record<string, unknown>,
    private readonly transport: Transport | null,
    private readonly spool: SpoolFile,
    private readonly settings: SenderSettings,
  ) {
    // Undelivered requests of an earlier process for this run id go first, to keep their order.
    this.spooling = spool.hasPending();
    if (transport === null) this.startSpooling("offline mode");
    else this.enqueue(this.createRunRequest());
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
    this.cutAll(); // rows logged before a status or config change go first
    this.enqueue(this.request(kind, method, path, body));
    this.schedule(0);
  }

  /** True while undelivered requests go to the spool file (the server is away, or refuses this URL and key). */
  get isSpooling(): boolean {
    return this.spooling;
  }

  /** Sends everything batched; resolves true once the server has all of it, false at the deadline. */
  async flush(timeoutMs: number): Promise<boolean> {
    this.cutAll();
    if (this.transport === null) return false; // offline: all of it is in the spool file, for a sync
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      await this.deliver();
      if (this.settled()) return true;
      // Closing while spooling: one more try, then the file waits for a sync (as the Python sender does).
      if (this.closing && this.spooling && this.triedAfterClose) return false;
      await new Promise((r) => setTimeout(r, Math.min(this.nextDelay(), Math.max(0, deadline - Date.now()))));
    }
    return this.settled();
  }

  /** Flushes, spools what is still undelivered after `timeoutMs`, and stops sending in the background. */
  async close(timeoutMs: number): Promise<boolean> {
    this.closing = true;
    const delivered = await this.flush(timeoutMs);
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.delivering;
    this.cutAll();
    if (this.outbox.length) this.startSpooling("the server did not take everything before the run finished");
    if (this.spooling) console.warn(`[prefscope] run ${this.runId} is saved in ${this.spool.path}; upload it with: npx prefscope sync ${dirname(this.spool.path)}`);
    return delivered;
  }

  private settled(): boolean {
    return this.outbox.length === 0 && !this.spooling && this.batches.metrics.length === 0 && this.batches.sequences.length === 0;
  }

  private request(kind: ClientRequest["kind"], method: string, path: string, body: Record<string, unknown>): ClientRequest {
    this.counter += 1;
    return { id: `${this.session}-${kind[0]}${String(this.counter).padStart(6, "0")}`, kind, method, path, body };
  }

  /** A fresh request creating (or resuming) the run, with a new id: every spool file starts with one. */
  private createRunRequest(): ClientRequest {
    return this.request("run", "POST", "/api/v1/runs", this.createBody);
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
    if (this.outboxRows > this.settings.maxPendingRows) this.startSpooling(`more than ${this.settings.maxPendingRows} rows are waiting for the server`);
  }

  private startSpooling(reason: string): void {
    // A spool file starts by creating (or resuming) the run, so that it uploads on its own.
    if (this.outbox[0]?.kind !== "run") this.spoolAppend(this.createRunRequest());
    for (const request of this.outbox) {
      this.spoolAppend(request);
      this.spool.noteSplits(request);
    }
    this.outbox = [];
    this.outboxRows = 0;
    this.spooling = true;
    console.warn(`[prefscope] ${reason}; keeping run ${this.runId} in ${this.spool.path} until it can be sent`);
  }

  private spoolAppend(request: ClientRequest): void {
    // The URL the run was meant for, so that `sync` knows where to send it when told nothing else.
    this.spool.append(request, request.kind === "run" && this.transport ? this.transport.baseUrl : undefined);
  }

  private nextDelay(): number {
    return this.failures ? backoffDelay(this.failures, this.settings.retryBaseMs, this.settings.retryCapMs, this.retryAfter) : 50;
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.closed) return;
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
    if (this.closing) this.triedAfterClose = true;
    const queue = this.spooling ? this.spool.pending() : [...this.outbox];
    for (const request of queue) {
      const outcome = await send(this.transport, request);
      if (outcome.state === "retry" || outcome.state === "keep") {
        // Halves already sent stay halves, wherever the request is sent from next.
        if (this.spooling) this.spool.noteSplits(request);
        return this.failed(outcome);
      }
      // Checked after the await: the outbox may have gone to the spool file while the request was on its way.
      if (this.spooling) this.spool.ack(request.id, outcome.state === "rejected" ? outcome.message : undefined);
      else {
        this.outbox.shift();
        this.outboxRows -= request.body.rows?.length ?? 0;
      }
      if (outcome.state === "rejected") console.warn(`[prefscope] the server refused ${request.kind} ${request.id}; it is dropped: ${outcome.message}`);
      if (this.failingSince !== null && !this.spooling) console.warn(`[prefscope] delivering to ${this.transport.baseUrl} again`);
      this.failures = 0;
      this.failingSince = null;
    }
    // Requests spooled while this pass was on its way stay for the next one.
    if (this.spooling && !this.spool.hasPending()) {
      this.spool.remove();
      this.spooling = false;
      console.warn(`[prefscope] the server took the spooled data (${this.spool.path}); sending directly again`);
    }
  }

  private failed(outcome: Outcome): void {
    const now = Date.now();
    this.failures += 1;
    this.retryAfter = outcome.retryAfter;
    const message = outcome.message ?? outcome.state;
    if (this.failingSince === null) {
      this.failingSince = now;
      if (!this.spooling) console.warn(`[prefscope] cannot deliver to ${this.transport?.baseUrl} (${message}); retrying in the background`);
    }
    if (!this.spooling && (outcome.state === "keep" || now - this.failingSince >= this.settings.retryWindowMs)) {
      this.startSpooling(`cannot deliver to ${this.transport?.baseUrl} (${message})`);
    }
  }
}
