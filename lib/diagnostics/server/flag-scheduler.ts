import "server-only";
import { setting } from "@/lib/core/config";

/**
 * Debounces flag recomputation per run: a burst of ingest batches leads to one recomputation shortly after it
 * ends (and at least one every `maxWaitMs` while it goes on), never one per batch. Timers are this instance's
 * own business; the stored flags are what every instance reads.
 */
type Job = { timer: NodeJS.Timeout; firstAt: number; running?: Promise<void> };

const holder = globalThis as typeof globalThis & { __prefscopeFlagJobs?: Map<string, Job>; __prefscopeFlagRunning?: Map<string, Promise<void>> };
const jobs = (holder.__prefscopeFlagJobs ??= new Map());
const running = (holder.__prefscopeFlagRunning ??= new Map());

const debounceMs = () => setting("PREFSCOPE_FLAGS_DEBOUNCE_MS");
const maxWaitMs = () => setting("PREFSCOPE_FLAGS_MAX_WAIT_MS");

export function scheduleFlagRecompute(runId: string, recompute: (runId: string) => Promise<void>): void {
  const existing = jobs.get(runId);
  const now = Date.now();
  const firstAt = existing?.firstAt ?? now;
  if (existing) clearTimeout(existing.timer);
  const delay = Math.max(0, Math.min(debounceMs(), firstAt + maxWaitMs() - now));
  const timer = setTimeout(() => {
    jobs.delete(runId);
    void recomputeInTurn(runId, recompute);
  }, delay);
  timer.unref?.();
  jobs.set(runId, { timer, firstAt });
}

/** Drops a run's pending recomputation (the run is being deleted): its timer never fires. */
export function cancelFlagRecompute(runId: string): void {
  const existing = jobs.get(runId);
  if (existing) clearTimeout(existing.timer);
  jobs.delete(runId);
}

/** Recomputes now, after any recomputation of the run in progress: one per run at a time, whoever asks. */
export function recomputeInTurn(runId: string, recompute: (runId: string) => Promise<void>): Promise<void> {
  const previous = running.get(runId) ?? Promise.resolve();
  const next = previous
    .then(() => recompute(runId))
    .catch((error: unknown) => console.error(`[prefscope] recomputing flags of run ${runId} failed`, error))
    .finally(() => {
      if (running.get(runId) === next) running.delete(runId);
    });
  running.set(runId, next);
  return next;
}
