// A redraw throttle that keeps the last change: `createThrottle` (progress.ts) answers "due now?" and drops what is
// not, which suits a progress line that the next tick redraws anyway, but a page refreshed on change would miss
// the last change of a burst. Time comes from the caller's timers, so the behaviour is testable.

export interface Timers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const browserTimers: Timers = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Runs `fn` at most once per `intervalMs`: at once when the last run is that long ago, else once when the window
 * ends. Calls inside the window make one run at its end, never none: a change is delayed, never dropped.
 */
export function createTrailingThrottle(fn: () => void, intervalMs: number, timers: Timers = browserTimers): { call(): void; cancel(): void } {
  let last: number | null = null;
  let timer: unknown = null;
  const run = () => {
    timer = null;
    last = timers.now();
    fn();
  };
  return {
    call() {
      // A run is already due at the window's end: it will show this change too.
      if (timer !== null) return;
      const wait = last === null ? 0 : last + intervalMs - timers.now();
      if (wait <= 0) run();
      else timer = timers.setTimeout(run, wait);
    },
    cancel() {
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
  };
}
