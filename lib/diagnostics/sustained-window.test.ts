import { describe, expect, it } from "vitest";

import { computeSustainedPeak, computeWindowStarts, findSustained } from "./sustained-window";
import { DEFAULT_THRESHOLDS } from "./thresholds";

const WINDOW = DEFAULT_THRESHOLDS.window;
const range = (n: number, every = 1) => Array.from({ length: n }, (_, i) => i * every);

describe("computeWindowStarts", () => {
  it("needs minPoints points and minSpanFraction of the elapsed steps", () => {
    const steps = range(501);
    const starts = computeWindowStarts(steps, WINDOW);
    expect(starts[1]).toBe(-1);
    expect(starts[2]).toBe(0);
    // At step 500 the window reaches back 5% of 500 steps.
    expect(starts[500]).toBe(475);
  });

  it("falls back to the point count when logging is sparse", () => {
    const starts = computeWindowStarts(range(20, 1000), WINDOW);
    expect(starts[19]).toBe(17);
  });
});

describe("findSustained", () => {
  it("ignores a single-point spike, dense or sparse", () => {
    for (const every of [1, 1000]) {
      const steps = range(300, every);
      const holds = steps.map((_, i) => i === 150);
      expect(findSustained(steps, holds, WINDOW)).toBeNull();
    }
  });

  it("confirms a condition that keeps holding and dates it from its start", () => {
    const steps = range(500);
    const match = findSustained(
      steps,
      steps.map((s) => s >= 200),
      WINDOW,
    )!;
    expect(match.firstStep).toBe(200);
    expect(match.confirmedStep).toBeGreaterThan(200);
    expect(match.confirmedStep).toBeLessThan(215);
  });

  it("confirms a clear case logged every 1,000 steps after three points", () => {
    const steps = range(30, 1000);
    const match = findSustained(
      steps,
      steps.map((s) => s >= 10_000),
      WINDOW,
    )!;
    expect(match).toEqual({ firstStep: 10_000, confirmedStep: 12_000, confirmedIndex: 12 });
  });

  it("tolerates an occasional miss inside a long window but not a flickering one", () => {
    const steps = range(1000);
    const mostly = steps.map((s) => s >= 400 && s % 10 !== 0);
    expect(findSustained(steps, mostly, WINDOW)).not.toBeNull();
    const flicker = steps.map((s) => s >= 400 && s % 2 === 0);
    expect(findSustained(steps, flicker, WINDOW)).toBeNull();
  });

  it("drops non-finite points: they neither trip nor block", () => {
    const steps = range(30, 1000);
    const holds = steps.map((s) => (s % 3000 === 0 ? null : s >= 10_000));
    const match = findSustained(steps, holds, WINDOW)!;
    expect(match.firstStep).toBe(10_000);
    expect(
      findSustained(
        steps,
        steps.map(() => null),
        WINDOW,
      ),
    ).toBeNull();
  });
});

describe("computeSustainedPeak", () => {
  it("is the best level held over a window, not the best single point", () => {
    const steps = range(10, 1000);
    const values = [0, 1, 1, 1, 9, 1, 0, 0, 0, 0];
    const peak = computeSustainedPeak(steps, values, WINDOW);
    expect(Number.isNaN(peak[1]!)).toBe(true);
    expect(peak[4]).toBe(1);
    expect(peak[9]).toBe(1);
  });

  it("skips NaN values", () => {
    const peak = computeSustainedPeak(range(6, 1000), [2, Number.NaN, 2, 2, Number.NaN, 0], WINDOW);
    expect(peak[3]).toBe(2);
    expect(peak[5]).toBe(2);
  });
});
