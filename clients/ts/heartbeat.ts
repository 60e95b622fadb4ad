import type { Transport } from "./transport";

/**
 * Tells the server the run is alive while training is quiet, every `intervalMs` (a timer that never keeps the
 * process up). Failures are only counted: the sender reports delivery trouble already, and a heartbeat must never
 * reach the training code. Nothing is sent while the run's data is spooling, so a run whose data cannot land does
 * not look alive. The Python client's `Heartbeat` behaves the same.
 */
export class Heartbeat {
  /** Heartbeats sent, turns skipped while spooling, and failures (for tests and debugging). */
  sent = 0;
  skipped = 0;
  failed = 0;
  private readonly timer: NodeJS.Timeout;
  private inFlight = false;

  constructor(
    private readonly transport: Transport,
    runId: string,
    intervalMs: number,
    private readonly skip: () => boolean,
  ) {
    const path = `/api/v1/runs/${runId}/heartbeat`;
    this.timer = setInterval(() => void this.beat(path), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async beat(path: string): Promise<void> {
    if (this.inFlight) return; // a slow server gets one heartbeat at a time
    if (this.skip()) {
      this.skipped += 1;
      return;
    }
    this.inFlight = true;
    this.sent += 1;
    const result = await this.transport.request("POST", path, {});
    if (result.status !== 200) this.failed += 1;
    this.inFlight = false;
  }
}
