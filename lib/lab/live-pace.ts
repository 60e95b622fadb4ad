// How fast the lab replays a run. The toy model computes a step in a fraction of a millisecond, so left alone a
// run would end before the first frame; pacing by wall time makes every run take a few seconds to watch,
// however slow the charts are to redraw on this machine.

/** 8 ms a step, between 1.5 s (short runs still visibly move) and 6 s (5000 steps stay short). */
export function liveDurationMs(steps: number): number {
  return Math.min(6000, Math.max(1500, steps * 8));
}

/** The last step that should be on screen after `elapsedMs`; step 0 shows at once. */
export function stepsDue(elapsedMs: number, steps: number): number {
  if (elapsedMs <= 0) return 0;
  return Math.min(steps, Math.ceil((steps * elapsedMs) / liveDurationMs(steps)));
}
