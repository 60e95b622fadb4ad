import { createThrottle, describeProgress, ProgressMeter, type ProgressState } from "../core/view/progress";

/** Redraws per second at most: enough to look live, few enough to cost nothing on a slow terminal. */
const INTERVAL_MS = 250;

export interface ProgressPrinter {
  update(state: ProgressState): void;
  /** Writes the last state (whatever the throttle held back) and ends the line. */
  done(): void;
}

const silent: ProgressPrinter = { update: () => {}, done: () => {} };

/**
 * Progress on `out` (stderr): on a terminal one line redrawn in place with `\r`; when forced onto a file or a
 * pipe (`--progress`), one line per update, so a log stays readable. Disabled, it writes nothing at all.
 */
export function createProgressPrinter(out: { write(text: string): unknown; isTTY?: boolean }, enabled: boolean, now: () => number = () => performance.now()): ProgressPrinter {
  if (!enabled) return silent;
  const meter = new ProgressMeter();
  const due = createThrottle(INTERVAL_MS, now);
  let last: { state: ProgressState; shown: boolean } | null = null;
  const show = (state: ProgressState, final: boolean) => {
    const text = `import: ${describeProgress(state, meter.estimate(state.bytes, state.total, now()))}`;
    out.write(out.isTTY ? `\r${text}\u001b[K${final ? "\n" : ""}` : `${text}\n`);
  };
  return {
    update(state) {
      const shown = due();
      last = { state, shown };
      if (shown) show(state, false);
    },
    done() {
      if (!last) return;
      if (!last.shown) show(last.state, true);
      else if (out.isTTY) out.write("\n");
      last = null;
    },
  };
}
