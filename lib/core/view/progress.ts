// Progress of long work (an upload, an import) in words: bytes, rows, rate and time left. Shared by the upload box
// and `prefscope import`; time comes in as milliseconds from the caller's clock, so the math is testable.

/** How far some work has got; `total` is the bytes expected (0 when unknown). */
export interface ProgressState {
  bytes: number;
  total: number;
  /** Rows stored so far; absent while only bytes move (an upload on its way). */
  rows?: number;
}

/** Rate and time left, from where the work stood when it began and where it stands now. */
export interface ProgressEstimate {
  /** Bytes per second; null until some time has passed and some bytes have moved. */
  rate: number | null;
  /** Seconds left; null while the rate or the total is unknown. */
  secondsLeft: number | null;
}

/**
 * The average rate since the first sample: steadier than the last interval's (a write that stalls one tick would
 * swing a short window), and right for work that runs at one pace.
 */
export class ProgressMeter {
  private start: { at: number; bytes: number } | null = null;

  /** Call with every new state; the first call starts the clock. */
  estimate(bytes: number, total: number, now: number): ProgressEstimate {
    this.start ??= { at: now, bytes };
    const seconds = (now - this.start.at) / 1000;
    const moved = bytes - this.start.bytes;
    const rate = seconds > 0 && moved > 0 ? moved / seconds : null;
    const secondsLeft = rate !== null && total > 0 ? Math.max(0, total - bytes) / rate : null;
    return { rate, secondsLeft };
  }
}

const UNITS = ["B", "KiB", "MiB", "GiB", "TiB"];

/** `1536` → `1.5 KiB`; three significant digits past bytes. */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  return `${value >= 100 ? Math.round(value) : value.toFixed(value >= 10 ? 1 : 2)} ${UNITS[unit]}`;
}

/** `75` → `1 min 15 s`; whole seconds, rounded up (a last half second still shows as 1 s). */
export function formatDuration(seconds: number): string {
  const total = Math.ceil(Math.max(0, seconds));
  if (total < 60) return `${total} s`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return `${minutes} min ${String(total % 60).padStart(2, "0")} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

/** 0–100, whole; null when the total is unknown. */
export function progressPercent(bytes: number, total: number): number | null {
  if (total <= 0) return null;
  return Math.min(100, Math.floor((bytes / total) * 100));
}

/** `12.0 MiB of 40.0 MiB (30%) · 81,234 rows · 5.00 MiB/s · 6 s left`: the parts that are known. */
export function describeProgress(state: ProgressState, estimate: ProgressEstimate): string {
  const percent = progressPercent(state.bytes, state.total);
  const parts = [state.total > 0 ? `${formatBytes(state.bytes)} of ${formatBytes(state.total)} (${percent}%)` : formatBytes(state.bytes)];
  if (state.rows !== undefined) parts.push(`${state.rows.toLocaleString("en-US")} ${state.rows === 1 ? "row" : "rows"}`);
  if (estimate.rate !== null) parts.push(`${formatBytes(estimate.rate)}/s`);
  if (estimate.secondsLeft !== null) parts.push(`${formatDuration(estimate.secondsLeft)} left`);
  return parts.join(" · ");
}

/** True at most once per `intervalMs` of the given clock (the first call always): for redraws and progress lines. */
export function createThrottle(intervalMs: number, now: () => number): () => boolean {
  let last: number | null = null;
  return () => {
    const t = now();
    if (last !== null && t - last < intervalMs) return false;
    last = t;
    return true;
  };
}
