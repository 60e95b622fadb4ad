import { describe, expect, it } from "vitest";
import { pairHistograms } from "./pair-histograms";

describe("pairHistograms", () => {
  it("bins both deltas on shared edges, per step, counting every pair once", () => {
    const h = pairHistograms(
      [
        { step: 0, c: 0, r: 0 },
        { step: 0, c: 0.1, r: -0.1 },
        { step: 10, c: 1, r: -3 },
        { step: 10, c: 0.5, r: -2 },
      ],
      4,
    );
    expect(h.steps).toEqual([0, 10]);
    expect(h.edges).toEqual([-3, -2, -1, 0, 1]);
    expect(h.chosen).toEqual([
      [0, 0, 0, 2],
      [0, 0, 0, 2],
    ]);
    expect(h.rejected).toEqual([
      [0, 0, 1, 1],
      [1, 1, 0, 0],
    ]);
  });

  it("keeps non-finite deltas out of the bins but counts them", () => {
    const h = pairHistograms(
      [
        { step: 1, c: Number.NaN, r: -1 },
        { step: 1, c: 1, r: 1 },
      ],
      2,
    );
    expect(h.nonFinite).toEqual([1]);
    expect(h.chosen[0]!.reduce((a, b) => a + b)).toBe(1);
    expect(h.rejected[0]!.reduce((a, b) => a + b)).toBe(2);
  });
});
