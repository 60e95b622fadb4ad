import { setting } from "@/lib/core/config";
import { backoffDelay, send } from "./delivery";
import { SpoolFile } from "./spool";
import { Transport } from "./transport";

export interface SyncReport {
  path: string;
  sent: number;
  rejected: string[];
  error?: string;
}

/**
 * Uploads every spooled run in `directory`, in order, with the batch ids it was spooled with; a file whose
 * requests all landed is deleted. Running it twice changes nothing on the server.
 */
export async function syncDirectory(directory: string, options: { url?: string; apiKey?: string; attempts?: number } = {}): Promise<SyncReport[]> {
  const reports: SyncReport[] = [];
  for (const spool of SpoolFile.inDirectory(directory)) {
    const report: SyncReport = { path: spool.path, sent: 0, rejected: [] };
    reports.push(report);
    const pending = spool.pending();
    const target = options.url ?? setting("PREFSCOPE_URL") ?? pending[0]?.url;
    if (!target) {
      report.error = "no server URL: pass url or set PREFSCOPE_URL";
      continue;
    }
    const transport = new Transport(target.replace(/\/$/, ""), options.apiKey ?? setting("PREFSCOPE_API_KEY"));
    for (const request of pending) {
      let outcome = await send(transport, request);
      for (let attempt = 1; outcome.state === "retry" && attempt < (options.attempts ?? 5); attempt++) {
        await new Promise((r) => setTimeout(r, backoffDelay(attempt, 500, 10_000, outcome.retryAfter)));
        outcome = await send(transport, request);
      }
      if (outcome.state === "retry" || outcome.state === "keep") {
        report.error = outcome.message;
        break;
      }
      spool.ack(request.id, outcome.state === "rejected" ? outcome.message : undefined);
      if (outcome.state === "rejected") report.rejected.push(`${request.kind} ${request.id}: ${outcome.message}`);
      else report.sent += 1;
    }
    if (!report.error) spool.remove();
  }
  return reports;
}
