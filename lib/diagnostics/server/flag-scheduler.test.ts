import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { scheduleFlagRecompute } from "./flag-scheduler";

/** Lets the scheduler's promise chain run between timer steps. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe("flag recompute scheduling", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(console, "error").mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("tries a failed recomputation again with backoff until it succeeds, then stops", async () => {
    const calls: number[] = [];
    let failuresLeft = 3;
    const recompute = async () => {
      calls.push(Date.now());
      if (failuresLeft-- > 0) throw new Error("database away");
    };
    const start = Date.now();
    scheduleFlagRecompute("run-retry", recompute);
    for (let i = 0; i < 20; i++) {
      await vi.advanceTimersByTimeAsync(500);
      await settle();
    }
    // Debounce (1 s), then retries 1 s, 2 s and 4 s after each failure.
    expect(calls.map((t) => t - start)).toEqual([1_000, 2_000, 4_000, 8_000]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(4);
  });

  it("a write during the backoff takes the retry's place (one recomputation, after the debounce)", async () => {
    const calls: string[] = [];
    let fail = true;
    const recompute = async () => {
      calls.push(fail ? "failed" : "ok");
      if (fail) throw new Error("database away");
    };
    scheduleFlagRecompute("run-superseded", recompute);
    await vi.advanceTimersByTimeAsync(1_000);
    await settle();
    fail = false;
    scheduleFlagRecompute("run-superseded", recompute);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toEqual(["failed", "ok"]);
  });
});
