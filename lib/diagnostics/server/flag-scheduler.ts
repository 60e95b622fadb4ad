import "server-only";
import { setting } from "@/lib/core/config";

/**
 * Debounces flag recomputation per run: a burst of ingest batches leads to one recomputation shortly after it
 * ends (and at least one every `maxWaitMs` while it goes on), never one per batch. A recomputation that fails
 * (the database went away, a pooled connection died with it) is tried again with backoff, so flags owed are not
 * forgotten until the next write or restart. Timers are this instance's own business; the stored flags are what
 * every instance reads.
 */
type Job = { timer: NodeJS.Timeout; firstAt: number };

const holder = globalThis as typeof globalThis & { __prefscopeFlagJobs?: Map<string, Job>; __prefscopeFlagRunning?: Map<string, Promise<boolean>> };
const jobs = (holder.__prefscopeFlagJobs ??= new Map());
const running = (holder.__prefscopeFlagRunning ??= new Map());

const debounceMs = () => setting("PREFSCOPE_FLAGS_DEBOUNCE_MS");
const maxWaitMs = () => setting("PREFSCOPE_FLAGS_MAX_WAIT_MS");

/** Backoff after failed recomputations: 1 s, 2 s, 4 s, … at most 30 s apart. */
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;

export function scheduleFlagRecompute(runId: string, recompute: (runId: string) => Promise<void>, failures = 0): void {
  const existing = jobs.get(runId);
  const now = Date.now();
  const firstAt = existing?.firstAt ?? now;
  if (existing) clearTimeout(existing.timer);
  const delay = failures > 0 ? Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** (failures - 1)) : Math.max(0, Math.min(debounceMs(), firstAt + maxWaitMs() - now));
  const timer = setTimeout(() => {
    jobs.delete(runId);
    void recomputeInTurn(runId, recompute).then((ok) => {
      // A write that came in meanwhile has scheduled its own recomputation; that one covers this failure.
      if (!ok && !jobs.has(runId)) scheduleFlagRecompute(runId, recompute, failures + 1);
    });
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

/**
 * Recomputes now, after any recomputation of the run in progress: one per run at a time, whoever asks.
 * Resolves to whether it succeeded (a failure is logged, never thrown).
 */
export function recomputeInTurn(runId: string, recompute: (runId: string) => Promise<void>): Promise<boolean> {
  const previous = running.get(runId) ?? Promise.resolve(true);
  const next: Promise<boolean> = previous
    .then(() => recompute(runId))
    .then(
      () => true,
      (error: unknown) => {
        console.error(`[prefscope] recomputing flags of run ${runId} failed`, error);
        return false;
      },
    )
    .finally(() => {
      if (running.get(runId) === next) running.delete(runId);
    });
  running.set(runId, next);
  return next;
}
