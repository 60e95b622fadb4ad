import { describe, expect, it } from "vitest";
import { createTrailingThrottle, type Timers } from "./trailing-throttle";

/** A clock the test moves by hand, with the timers it holds. */
function manualTimers() {
  let now = 0;
  let next = 0;
  const due = new Map<number, { at: number; run: () => void }>();
  const timers: Timers = {
    now: () => now,
    setTimeout: (run, ms) => (due.set(++next, { at: now + ms, run }), next),
    clearTimeout: (handle) => void due.delete(handle as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...due].sort((a, b) => a[1].at - b[1].at))
      if (t.at <= now) {
        due.delete(id);
        t.run();
      }
  };
  return { timers, advance, pending: () => due.size };
}

describe("createTrailingThrottle", () => {
  it("runs the first call at once and a burst inside the window once, when the window ends", () => {
    const { timers, advance } = manualTimers();
    const runs: number[] = [];
    const throttle = createTrailingThrottle(() => runs.push(timers.now()), 5_000, timers);
    throttle.call();
    expect(runs).toEqual([0]);
    advance(1_000);
    throttle.call();
    advance(1_000);
    throttle.call();
    advance(2_999);
    expect(runs).toEqual([0]);
    advance(1);
    expect(runs).toEqual([0, 5_000]);
    advance(10_000);
    throttle.call();
    expect(runs).toEqual([0, 5_000, 15_000]);
  });

  it("a cancelled throttle runs nothing later", () => {
    const { timers, advance, pending } = manualTimers();
    let runs = 0;
    const throttle = createTrailingThrottle(() => runs++, 5_000, timers);
    throttle.call();
    throttle.call();
    expect(pending()).toBe(1);
    throttle.cancel();
    advance(10_000);
    expect(runs).toBe(1);
  });
});
