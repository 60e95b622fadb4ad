import { setting } from "@/lib/core/config";
import { backoffDelay, send } from "./delivery";
import { SpoolFile } from "./spool";
import { normalizeUrl, Transport } from "./transport";

export interface SyncReport {
  path: string;
  /** Requests the server took (a split batch counts once). */
  sent: number;
  /** Metrics and sequences batches the server applied now. */
  stored: number;
  /** Batches it had already (by batch id), acknowledged without applying them again. */
  duplicates: number;
  rejected: string[];
  error?: string;
}

export interface SyncOptions {
  url?: string;
  apiKey?: string;
  /** Tries per request while the answer is transient (0, 408, 425, 429, 5xx). */
  attempts?: number;
  timeoutMs?: number;
  /** Waits between tries; tests pass one that does not wait. */
  sleep?: (ms: number) => Promise<void>;
}

/** Backoff between a sync's tries of one request: shorter than the sender's, since someone is waiting. */
const SYNC_BACKOFF = { attempts: 5, baseMs: 500, capMs: 10_000, timeoutMs: 30_000 };

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Uploads every spooled run in `directory` (either client's: docs/spool.md), in order, with the batch ids it was
 * spooled with; a file whose requests all landed is deleted. Running it twice changes nothing on the server.
 * The URL is `url`, then $PREFSCOPE_URL, then the one the run was logged against; the key `apiKey`, then
 * $PREFSCOPE_API_KEY.
 */
export async function syncDirectory(directory: string, options: SyncOptions = {}): Promise<SyncReport[]> {
  const reports: SyncReport[] = [];
  for (const spool of SpoolFile.inDirectory(directory)) reports.push(await syncFile(spool, options));
  return reports;
}

async function syncFile(spool: SpoolFile, options: SyncOptions): Promise<SyncReport> {
  const report: SyncReport = { path: spool.path, sent: 0, stored: 0, duplicates: 0, rejected: [] };
  const target = options.url ?? setting("PREFSCOPE_URL") ?? spool.url();
  if (!target) {
    report.error = "no server URL: pass url or set PREFSCOPE_URL";
    return report;
  }
  const transport = new Transport(normalizeUrl(target), options.apiKey ?? setting("PREFSCOPE_API_KEY"), options.timeoutMs ?? SYNC_BACKOFF.timeoutMs);
  const attempts = options.attempts ?? SYNC_BACKOFF.attempts;
  const sleep = options.sleep ?? wait;
  for (const request of spool.pending()) {
    let outcome = await send(transport, request);
    for (let attempt = 1; outcome.state === "retry" && attempt < attempts; attempt++) {
      await sleep(backoffDelay(attempt, SYNC_BACKOFF.baseMs, SYNC_BACKOFF.capMs, outcome.retryAfter));
      outcome = await send(transport, request);
    }
    if (outcome.state === "retry" || outcome.state === "keep") {
      // The halves already sent stay halves: the next sync must not send their rows again under the whole id.
      spool.noteSplits(request);
      report.error = outcome.message ?? outcome.state;
      return report;
    }
    spool.ack(request.id, outcome.state === "rejected" ? outcome.message : undefined);
    if (outcome.state === "rejected") {
      report.rejected.push(`${request.kind} ${request.id}: ${outcome.message}`);
      continue;
    }
    report.sent += 1;
    if (request.kind === "metrics" || request.kind === "sequences") {
      const duplicate = (outcome.data as { duplicate?: unknown } | undefined)?.duplicate === true;
      report[duplicate ? "duplicates" : "stored"] += 1;
    }
  }
  spool.remove();
  return report;
}
